"""The rationale may only show numbers that code computed."""

from __future__ import annotations

import pytest

from agents.roadmap import explain
from agents.roadmap.numbers import invented_numbers
from agents.roadmap.ranking import rank
from agents.roadmap.schemas import BacklogItem, RoadmapInput
from devbizops.errors import LLMOutputError
from tools.llm.base import ProseTask
from tools.llm.offline_provider import OfflineModel

FACTS = {
    "items_total": 4,
    "arr_at_stake_total": 70_000,
    "quarter_end": "2026-12-31",
    "top_items": [{"key": "PROJ-12", "title": "SSO for 2 teams", "score": 23.4375}],
    "fits_quarter_probability": 0.85,
}


@pytest.mark.parametrize(
    "text",
    [
        "Ranked 4 items; PROJ-12 (SSO for 2 teams) scores 23.4375, or about 23.4.",
        "$70,000 of ARR, that is $70k, by 2026-12-31.",
        "It finishes in time in 85% of trials.",
    ],
)
def test_computed_values_quoted_or_rounded_pass(text: str) -> None:
    assert invented_numbers(text, FACTS) == []


@pytest.mark.parametrize(
    ("text", "invented"),
    [
        ("Ranked 5 items.", ["5"]),
        ("PROJ-12 scores 24.", ["24"]),
        ("4 items worth $4.", ["$4"]),
        ("Done by 2027-01-15.", ["2027", "01", "15"]),
        ("4% of trials.", ["4%"]),
    ],
)
def test_numbers_no_fact_holds_are_reported(text: str, invented: list[str]) -> None:
    assert invented_numbers(text, FACTS) == invented


def test_a_model_that_invents_a_number_is_rejected() -> None:
    def liar(task: ProseTask) -> str:
        return "PROJ-1 will ship in 3 weeks for sure."

    llm = OfflineModel(extractors={}, writers={"roadmap.rationale": liar})
    items = rank(RoadmapInput(backlog=[BacklogItem(key="PROJ-1", title="Fix crash")]))
    with pytest.raises(LLMOutputError, match="not in the facts: 3"):
        explain(items, "rice", None, llm)
