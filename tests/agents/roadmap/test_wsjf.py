"""WSJF scores match hand-computed values, and the method decides the roadmap's order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from agents.roadmap.ranking import rank
from agents.roadmap.rice import subject_from_backlog, subject_from_requirement
from agents.roadmap.schemas import (
    BacklogItem,
    RiceWeights,
    RoadmapInput,
    RoadmapRequirement,
    WsjfWeights,
)
from agents.roadmap.wsjf import wsjf_score

RICE = RiceWeights()
WSJF = WsjfWeights()


def requirement(**overrides: object) -> RoadmapRequirement:
    fields: dict[str, object] = {
        "key": "REQ-1",
        "title": "SAML single sign-on",
        "category": "security_compliance",
        "priority": "must",
        "accounts": ["Acme", "Globex"],
        "arr_at_stake": 50_000,
        "evidence_count": 3,
        "acceptance_criteria_count": 2,
    }
    return RoadmapRequirement.model_validate(fields | overrides)


def test_requirement_scores_by_hand_computed_wsjf() -> None:
    # BV 8 + 50,000/25,000 = 10; TC 8 + 1 extra account = 9; RR 8 + 3 quotes = 11; size 3 + 0.5×2
    score = wsjf_score(subject_from_requirement(requirement()), WSJF, RICE)

    assert (score.business_value, score.time_criticality, score.risk_reduction) == (10, 9, 11)
    assert (score.cost_of_delay, score.job_size, score.score) == (30, 4, 7.5)
    assert score.formula.startswith("score = cost of delay / job size = (10 + 9 + 11) / 4 = 7.5")
    assert score.inputs["arr_at_stake"] == 50_000
    assert score.inputs["quotes_counted"] == 3
    assert score.inputs["effort_basis"] == "size_table"


def test_bare_backlog_bug_counts_as_should_with_its_category_tables() -> None:
    item = BacklogItem(key="PROJ-9", title="Fix dashboard crash", category="bug")
    score = wsjf_score(subject_from_backlog(item), WSJF, RICE)
    # BV 5 (should); TC 5 (bug) + 0; RR 5 (bug) + 0 quotes; size 1 week (bug)
    assert (score.business_value, score.time_criticality, score.risk_reduction) == (5, 5, 5)
    assert (score.job_size, score.score) == (1, 15)


def test_story_points_size_the_job_and_quotes_are_capped() -> None:
    subject = subject_from_requirement(
        requirement(story_points=10, evidence_count=7, accounts=["Acme"], arr_at_stake=0)
    )
    score = wsjf_score(subject, WSJF, RICE)
    # BV 8; TC 8 + 0; RR 8 + min(7, 3); size 10 pts / 5 pts per week = 2
    assert (score.cost_of_delay, score.job_size, score.score) == (27, 2, 13.5)


def test_custom_weights_change_each_part() -> None:
    weights = WsjfWeights(
        arr_per_value_point=10_000, urgency_per_extra_account=2, risk_per_quote=0.5, max_quotes=2
    )
    score = wsjf_score(subject_from_requirement(requirement()), weights, RICE)
    assert (score.business_value, score.time_criticality, score.risk_reduction) == (13, 10, 9)


def test_wsjf_weights_reject_incomplete_tables() -> None:
    with pytest.raises(ValidationError, match="priority_value is missing could"):
        WsjfWeights(priority_value={"must": 8, "should": 5})


@given(
    points=st.floats(min_value=0, max_value=200),
    quotes=st.integers(min_value=0, max_value=20),
    arr=st.floats(min_value=0, max_value=5e6),
)
def test_score_is_cost_of_delay_over_job_size(points: float, quotes: int, arr: float) -> None:
    subject = subject_from_requirement(
        requirement(story_points=points, evidence_count=quotes, arr_at_stake=arr)
    )
    s = wsjf_score(subject, WSJF, RICE)
    assert s.score >= 0 and s.job_size >= RICE.min_effort_weeks
    assert abs(s.cost_of_delay / s.job_size - s.score) < 1e-3


BIG_FEATURE = RoadmapRequirement(
    key="REQ-1",
    title="Bulk data export for analytics",
    category="feature",
    priority="must",
    accounts=["A", "B", "C", "D", "E"],
    arr_at_stake=500_000,
    evidence_count=3,
    acceptance_criteria_count=2,
    story_points=13,
)
SMALL_SECURITY_BUG = RoadmapRequirement(
    key="REQ-2",
    title="Session token leaks into logs",
    category="bug",
    priority="must",
    accounts=["A"],
    evidence_count=1,
    acceptance_criteria_count=1,
    story_points=2,
)


def test_method_switch_puts_the_small_urgent_job_first_only_under_wsjf() -> None:
    data = RoadmapInput(requirements=[BIG_FEATURE, SMALL_SECURITY_BUG])
    by_rice = rank(data)
    by_wsjf = rank(data.model_copy(update={"method": "wsjf"}))

    # RICE: reach 5 + 50 = 55, impact 3, confidence 1, effort 2.6 → 63.4615 beats
    #       reach 1, impact 3.6, confidence 0.5, effort 0.5 → 3.6
    assert [(i.key, i.score) for i in by_rice] == [("REQ-1", 63.4615), ("REQ-2", 3.6)]
    # WSJF: (8 + 20) + (1 + 4) + (1 + 3) = 37 over 2.6 → 14.2308 loses to
    #       8 + 5 + (5 + 1) = 19 over 0.5 → 38
    assert [(i.key, i.score) for i in by_wsjf] == [("REQ-2", 38.0), ("REQ-1", 14.2308)]
    # Both scores are always kept, whichever one orders the roadmap.
    assert all(i.wsjf is not None and i.rice.score > 0 for i in by_rice + by_wsjf)


def test_method_switch_keeps_the_order_when_both_scores_agree() -> None:
    bug = BacklogItem(key="PROJ-1", title="Fix crash", category="bug", priority="must")
    idea = BacklogItem(key="PROJ-2", title="Dark mode", category="feature", priority="could")
    data = RoadmapInput(backlog=[idea, bug])
    assert [i.key for i in rank(data)] == ["PROJ-1", "PROJ-2"]
    assert [i.key for i in rank(data.model_copy(update={"method": "wsjf"}))] == ["PROJ-1", "PROJ-2"]
