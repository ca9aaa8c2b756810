"""RICE scores are exact, explained, and behave like a score should."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from agents.roadmap.rice import (
    RiceSubject,
    rice_score,
    subject_from_backlog,
    subject_from_requirement,
)
from agents.roadmap.schemas import BacklogItem, RiceWeights, RoadmapRequirement
from agents.techtranslator.schemas import CATEGORIES, PRIORITIES

WEIGHTS = RiceWeights()


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


def test_requirement_without_points_scores_by_hand_computed_formula() -> None:
    # reach 2 + 50,000/10,000 = 7; impact 3 × 1.25 = 3.75; confidence 1; effort 3 + 0.5 × 2 = 4
    score = rice_score(subject_from_requirement(requirement()), WEIGHTS)

    assert (score.reach, score.impact, score.confidence, score.effort) == (7, 3.75, 1.0, 4)
    assert score.score == 6.5625
    assert score.formula.startswith(
        "score = reach × impact × confidence / effort = 7 × 3.75 × 1 / 4 = 6.5625; "
        "reach = max(1, 2 accounts) + $50,000 ARR / $10,000; "
        "impact = 3 (must) × 1.25 (security_compliance); confidence = 1 (3 quotes); "
        "effort = max(0.5, 3 weeks (security_compliance) + 0.5 × 2 criteria) = 4"
    )


def test_story_points_set_effort_and_inputs_record_every_raw_value() -> None:
    # effort 10 / 5 = 2 weeks; 7 × 3.75 × 1 / 2 = 13.125
    score = rice_score(subject_from_requirement(requirement(story_points=10)), WEIGHTS)

    assert score.effort == 2
    assert score.score == 13.125
    assert score.inputs == {
        "accounts": 2,
        "arr_at_stake": 50_000,
        "arr_per_reach_unit": 10_000,
        "priority": "must",
        "priority_impact": 3.0,
        "category": "security_compliance",
        "category_multiplier": 1.25,
        "evidence_count": 3,
        "confidence_basis": "3 quotes",
        "effort_basis": "story_points",
        "story_points": 10,
        "points_per_week": 5,
        "min_effort_weeks": 0.5,
    }


def test_bare_backlog_item_counts_as_should_feature_with_low_confidence() -> None:
    # reach 1 (min); impact 2 (unset → should) × 1 (no category); confidence 0.5; effort 2
    score = rice_score(subject_from_backlog(BacklogItem(key="PROJ-1", title="Tidy up")), WEIGHTS)

    assert (score.reach, score.impact, score.confidence, score.effort) == (1, 2, 0.5, 2)
    assert score.score == 0.5
    assert score.inputs["category"] == "none"


def test_backlog_item_with_points_gets_sized_confidence() -> None:
    # reach 1 account + 25,000/10,000 = 3.5; impact 1 × 1.2 = 1.2; confidence 0.8; effort 3/5 = 0.6
    item = BacklogItem(
        key="PROJ-2",
        title="Crash on export",
        category="bug",
        priority="could",
        story_points=3,
        accounts=["Initech"],
        arr_at_stake=25_000,
    )
    score = rice_score(subject_from_backlog(item), WEIGHTS)

    assert (score.reach, score.impact, score.confidence, score.effort) == (3.5, 1.2, 0.8, 0.6)
    assert score.score == 5.6


@pytest.mark.parametrize(
    ("evidence_count", "confidence"), [(0, 0.5), (1, 0.5), (2, 0.8), (3, 1.0), (9, 1.0)]
)
def test_confidence_follows_the_number_of_quotes(evidence_count: int, confidence: float) -> None:
    subject = subject_from_requirement(requirement(evidence_count=evidence_count))
    assert rice_score(subject, WEIGHTS).confidence == confidence


@pytest.mark.parametrize(
    ("category", "multiplier"),
    [
        ("security_compliance", 1.25),
        ("bug", 1.2),
        ("performance", 1.1),
        ("integration", 1.0),
        ("feature", 1.0),
    ],
)
def test_impact_is_priority_times_category_multiplier(category: str, multiplier: float) -> None:
    subject = subject_from_requirement(requirement(category=category, priority="should"))
    assert rice_score(subject, WEIGHTS).impact == round(2 * multiplier, 4)


def test_accounts_are_counted_once_whatever_the_spelling() -> None:
    subject = subject_from_requirement(
        requirement(accounts=["Acme", "acme ", " ", "ACME"], arr_at_stake=0)
    )
    assert rice_score(subject, WEIGHTS).reach == 1


def test_effort_never_drops_below_half_a_week() -> None:
    subject = subject_from_requirement(requirement(story_points=0))
    score = rice_score(subject, WEIGHTS)
    assert score.effort == 0.5
    assert score.score == 52.5  # 7 × 3.75 × 1 / 0.5


def test_custom_weights_change_the_arr_term() -> None:
    weights = RiceWeights(arr_per_reach_unit=25_000)
    assert rice_score(subject_from_requirement(requirement()), weights).reach == 4  # 2 + 2


def test_weights_reject_incomplete_tables() -> None:
    with pytest.raises(ValidationError, match="priority_impact is missing could"):
        RiceWeights(priority_impact={"must": 3, "should": 2})


subjects = st.builds(
    RiceSubject,
    accounts=st.lists(st.text(min_size=1, max_size=8), max_size=6).map(tuple),
    arr_at_stake=st.floats(min_value=0, max_value=1e9),
    priority=st.sampled_from([*PRIORITIES, None]),
    category=st.sampled_from([*CATEGORIES, None]),
    evidence_count=st.integers(min_value=0, max_value=10),
    acceptance_criteria_count=st.integers(min_value=0, max_value=20),
    story_points=st.none() | st.floats(min_value=0, max_value=200),
    in_backlog=st.booleans(),
)


@given(subjects)
def test_score_is_never_negative(subject: RiceSubject) -> None:
    assert rice_score(subject, WEIGHTS).score >= 0


@given(subjects, st.floats(min_value=0, max_value=1e7), st.text(min_size=1, max_size=8))
def test_score_never_falls_when_reach_grows(
    subject: RiceSubject, extra_arr: float, new_account: str
) -> None:
    wider = replace(
        subject,
        accounts=(*subject.accounts, new_account),
        arr_at_stake=subject.arr_at_stake + extra_arr,
    )
    assert rice_score(wider, WEIGHTS).score >= rice_score(subject, WEIGHTS).score


@given(subjects, st.floats(min_value=0, max_value=200))
def test_score_never_rises_when_effort_grows(subject: RiceSubject, extra_points: float) -> None:
    points = subject.story_points if subject.story_points is not None else 0.0
    smaller = replace(subject, story_points=points)
    bigger = replace(subject, story_points=points + extra_points)
    assert rice_score(bigger, WEIGHTS).effort >= rice_score(smaller, WEIGHTS).effort
    assert rice_score(bigger, WEIGHTS).score <= rice_score(smaller, WEIGHTS).score
