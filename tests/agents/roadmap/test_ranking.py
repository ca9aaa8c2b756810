"""Ranking merges duplicates into the backlog and orders items the same way every time."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.roadmap.ranking import natural_key, rank, title_similarity
from agents.roadmap.schemas import BacklogItem, RoadmapInput, RoadmapRequirement
from agents.techtranslator.schemas import CATEGORIES, PRIORITIES


def requirement(key: str, title: str, **overrides: object) -> RoadmapRequirement:
    fields: dict[str, object] = {
        "key": key,
        "title": title,
        "category": "feature",
        "priority": "should",
        "accounts": ["Acme"],
        "arr_at_stake": 0,
        "evidence_count": 1,
        "acceptance_criteria_count": 1,
    }
    return RoadmapRequirement.model_validate(fields | overrides)


def test_requirement_matching_a_backlog_title_is_merged_into_the_backlog_item() -> None:
    data = RoadmapInput(
        requirements=[
            requirement(
                "REQ-1",
                "SSO login with SAML",
                category="security_compliance",
                priority="must",
                accounts=["Acme", "Globex"],
                arr_at_stake=50_000,
                evidence_count=3,
            ),
            requirement("REQ-2", "Export reports to CSV", priority="could"),
        ],
        backlog=[
            BacklogItem(
                key="PROJ-12",
                title="SAML SSO login",
                priority="should",
                story_points=8,
                accounts=["Initech", "acme"],
                arr_at_stake=20_000,
            )
        ],
    )

    items = rank(data)

    assert [(i.rank, i.key, i.source) for i in items] == [
        (1, "PROJ-12", "backlog"),
        (2, "REQ-2", "requirement"),
    ]
    merged = items[0]
    assert merged.title == "SAML SSO login"
    assert merged.accounts == ["Initech", "acme", "Globex"]
    assert merged.arr_at_stake == 70_000
    assert merged.priority == "must"
    assert merged.category == "security_compliance"
    assert merged.merged_requirements == ["REQ-1"]
    # reach 3 + 7 = 10; impact 3 × 1.25; confidence max(1.0 for 3 quotes, 0.8); effort 8/5 = 1.6
    assert merged.rice.score == 23.4375


def test_unrelated_titles_stay_separate() -> None:
    data = RoadmapInput(
        requirements=[requirement("REQ-1", "Export reports to CSV")],
        backlog=[BacklogItem(key="PROJ-1", title="CSV import")],
    )
    assert sorted(i.key for i in rank(data)) == ["PROJ-1", "REQ-1"]


@pytest.mark.parametrize(
    ("a", "b", "similarity"),
    [
        ("Add SSO for the admin portal", "SSO admin portal", 0.75),
        ("SSO login", "SSO login via SAML and Okta", 0.5),
        ("Export reports to CSV", "CSV import", 0.25),
        ("The", "SSO", 0.0),
    ],
)
def test_title_similarity_is_token_jaccard_without_stopwords(
    a: str, b: str, similarity: float
) -> None:
    assert title_similarity(a, b) == similarity


def test_similarity_of_exactly_half_is_enough_to_merge() -> None:
    data = RoadmapInput(
        requirements=[requirement("REQ-1", "SSO login")],
        backlog=[BacklogItem(key="PROJ-1", title="SSO login via SAML and Okta")],
    )
    assert [i.key for i in rank(data)] == ["PROJ-1"]


def test_requirement_merges_into_the_most_similar_item_then_the_smaller_key() -> None:
    data = RoadmapInput(
        requirements=[
            requirement("REQ-1", "Audit log export"),
            requirement("REQ-2", "Slack alerts"),
        ],
        backlog=[
            BacklogItem(key="PROJ-3", title="Audit log"),  # 2/3
            BacklogItem(key="PROJ-4", title="Audit log export"),  # 1
            BacklogItem(key="PROJ-12", title="Slack alerts"),
            BacklogItem(key="PROJ-9", title="Slack alerts"),
        ],
    )
    merged = {i.key: i.merged_requirements for i in rank(data)}
    assert merged == {"PROJ-3": [], "PROJ-4": ["REQ-1"], "PROJ-9": ["REQ-2"], "PROJ-12": []}


def test_equal_scores_order_by_priority_then_natural_key() -> None:
    # Each scores 0.8: must 1 × 3 × 0.8 / 3 weeks, should 1 × 2 × 0.8 / 2 weeks.
    data = RoadmapInput(
        backlog=[
            BacklogItem(key="PROJ-12", title="Twelve", priority="should", story_points=10),
            BacklogItem(key="PROJ-9", title="Nine", priority="should", story_points=10),
            BacklogItem(key="PROJ-100", title="Hundred", priority="must", story_points=15),
        ]
    )
    items = rank(data)
    assert {i.rice.score for i in items} == {0.8}
    assert [(i.rank, i.key) for i in items] == [(1, "PROJ-100"), (2, "PROJ-9"), (3, "PROJ-12")]


def test_natural_key_orders_numbers_numerically() -> None:
    keys = ["PROJ-12", "PROJ-9", "ABC-2", "PROJ-100"]
    assert sorted(keys, key=natural_key) == ["ABC-2", "PROJ-9", "PROJ-12", "PROJ-100"]


WORDS = ["sso", "saml", "audit", "log", "export", "csv", "slack", "alerts", "api", "latency"]
titles = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


@st.composite
def roadmap_inputs(draw: st.DrawFn) -> RoadmapInput:
    reqs = [
        requirement(
            f"REQ-{n}",
            draw(titles),
            category=draw(st.sampled_from(CATEGORIES)),
            priority=draw(st.sampled_from(PRIORITIES)),
            accounts=draw(st.lists(st.sampled_from(["Acme", "Globex", "Initech"]), max_size=3)),
            arr_at_stake=draw(st.floats(min_value=0, max_value=1e6)),
            evidence_count=draw(st.integers(min_value=1, max_value=4)),
        )
        for n in range(draw(st.integers(min_value=0, max_value=6)))
    ]
    backlog = [
        BacklogItem(
            key=f"PROJ-{n}",
            title=draw(titles),
            priority=draw(st.sampled_from([*PRIORITIES, None])),
            story_points=draw(st.none() | st.sampled_from([1, 2, 3, 5, 8, 13])),
        )
        for n in range(draw(st.integers(min_value=0, max_value=6)))
    ]
    return RoadmapInput(requirements=reqs, backlog=backlog)


@given(roadmap_inputs(), st.randoms())
def test_ranking_is_a_deterministic_permutation_of_the_candidates(
    data: RoadmapInput, rnd: random.Random
) -> None:
    items = rank(data)

    merged = {k for i in items for k in i.merged_requirements}
    expected = {b.key for b in data.backlog} | {r.key for r in data.requirements} - merged
    assert sorted(i.key for i in items) == sorted(expected)
    assert [i.rank for i in items] == list(range(1, len(items) + 1))
    assert all(a.rice.score >= b.rice.score for a, b in pairwise(items))

    shuffled = data.model_copy(
        update={
            "requirements": rnd.sample(data.requirements, len(data.requirements)),
            "backlog": rnd.sample(data.backlog, len(data.backlog)),
        }
    )
    assert [i.key for i in rank(shuffled)] == [i.key for i in items]
