"""The rationale is worded from computed facts only, and build_roadmap wires it to the model."""

from __future__ import annotations

import re

from agents.roadmap import build_roadmap
from agents.roadmap.ranking import rank
from agents.roadmap.rationale import rationale_task, write_rationale
from agents.roadmap.schemas import BacklogItem, RoadmapInput, RoadmapRequirement
from tools.llm.base import ProseTask
from tools.llm.offline_provider import OfflineModel

DATA = RoadmapInput(
    requirements=[
        RoadmapRequirement(
            key="REQ-1",
            title="SSO login with SAML",
            category="security_compliance",
            priority="must",
            accounts=["Acme", "Globex"],
            arr_at_stake=50_000,
            evidence_count=3,
            acceptance_criteria_count=2,
        ),
        RoadmapRequirement(
            key="REQ-2",
            title="Export reports to CSV",
            category="feature",
            priority="could",
            accounts=["Acme"],
            evidence_count=1,
            acceptance_criteria_count=1,
        ),
    ],
    backlog=[
        BacklogItem(
            key="PROJ-12",
            title="SAML SSO login",
            story_points=8,
            accounts=["Initech"],
            arr_at_stake=20_000,
        ),
        BacklogItem(key="PROJ-9", title="Fix dashboard crash", category="bug"),
    ],
)


def _numbers(value: object) -> set[float]:
    if isinstance(value, dict):
        return set().union(*(_numbers(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_numbers(v) for v in value)) if value else set()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {float(value)}
    return set()


def test_task_facts_are_the_computed_ranking() -> None:
    items = rank(DATA)
    task = rationale_task(items)

    assert task.name == "roadmap.rationale"
    assert {k: v for k, v in task.facts.items() if k != "top_items"} == {
        "method": "rice",
        "items_total": 3,
        "from_requirements": 1,
        "from_backlog": 2,
        "merged_requirements": 1,
        "accounts_total": 3,
        "arr_at_stake_total": 70_000,
    }
    top = task.facts["top_items"]
    assert [(t["rank"], t["key"], t["score"]) for t in top] == [
        (item.rank, item.key, item.rice.score) for item in items
    ]


def test_offline_rationale_names_the_leader_and_invents_no_number() -> None:
    task = rationale_task(rank(DATA))
    text = write_rationale(task)

    assert text.startswith("Ranked 3 items by RICE")
    assert "PROJ-12 (SAML SSO login) leads with a score of 23.4375" in text
    assert "$70,000 of ARR at stake" in text
    shown = {float(n.replace(",", "")) for n in re.findall(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?", text)}
    assert shown <= _numbers(dict(task.facts))


def test_empty_roadmap_says_there_is_nothing_to_rank() -> None:
    text = write_rationale(rationale_task([]))
    assert text == "There is nothing to rank yet: no call requirements and no backlog items."


def test_build_roadmap_asks_the_model_only_for_the_rationale() -> None:
    asked: list[ProseTask] = []

    def writer(task: ProseTask) -> str:
        asked.append(task)
        return write_rationale(task)

    llm = OfflineModel(extractors={}, writers={"roadmap.rationale": writer})
    roadmap = build_roadmap(DATA, llm)

    assert roadmap.method == "rice"
    assert [i.key for i in roadmap.items] == ["PROJ-12", "PROJ-9", "REQ-2"]
    assert [t.name for t in asked] == ["roadmap.rationale"]
    assert roadmap.rationale == write_rationale(asked[0])
