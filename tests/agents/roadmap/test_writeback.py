"""The roadmap write-back proposal: target versions from P85 dates, skips, decisions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agents.roadmap.delivery import WeekThroughput, apply_forecast
from agents.roadmap.forecast import quarter_end
from agents.roadmap.ranking import rank
from agents.roadmap.schemas import BacklogItem, RiceWeights, RoadmapInput, RoadmapRequirement
from agents.roadmap.writeback import RoadmapDecision, offered_versions, propose, quarter_version
from devbizops.errors import InvalidInput
from tools.jira import FixVersion, JiraIssue

T0 = datetime(2026, 1, 5, tzinfo=UTC)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_quarter_version_names_the_calendar_quarter_of_the_day(day: date) -> None:
    version = quarter_version(day)
    year, quarter = version.split("-Q")
    assert int(year) == day.year and int(quarter) == (day.month + 2) // 3
    assert quarter_version(quarter_end(day)) == version


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.floats(min_value=1, max_value=40), min_size=1, max_size=6),
    st.lists(st.floats(min_value=0, max_value=30), min_size=1, max_size=8).filter(any),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
)
def test_offered_versions_run_from_the_start_quarter_through_every_p85_quarter(
    points: list[float], weekly: list[float], start: date
) -> None:
    data = RoadmapInput(
        backlog=[BacklogItem(key=f"DBO-{n}", title=f"Item {n}", story_points=p)
                 for n, p in enumerate(points, start=1)]
    )  # fmt: skip
    history = [WeekThroughput(week=date(2024, 1, 1), points=w, items=1) for w in weekly]
    items, _ = apply_forecast(rank(data), history, start, RiceWeights(), trials=200)
    offered = offered_versions(start, items)
    assert offered[0] == quarter_version(start) and len(offered) >= 4
    assert len(set(offered)) == len(offered)
    for item in items:
        if item.forecast and item.forecast.p85_date:
            assert quarter_version(date.fromisoformat(item.forecast.p85_date)) in offered


def _issue(key: str, versions: tuple[str, ...] = ()) -> JiraIssue:
    fixes = tuple(FixVersion(id=str(n), name=v, released=True) for n, v in enumerate(versions))
    return JiraIssue(
        id="1", key=key, summary=f"Summary of {key}", status="To Do",
        status_category="new", issue_type="Story", fix_versions=fixes, created=T0, updated=T0,
    )  # fmt: skip


def test_only_backlog_items_found_in_jira_are_proposed_the_rest_skipped_with_a_reason() -> None:
    data = RoadmapInput(
        requirements=[
            RoadmapRequirement(
                key="REQ-1", title="Audit export", category="bug", priority="must",
                accounts=[], evidence_count=1, acceptance_criteria_count=1,
            )
        ],
        backlog=[
            BacklogItem(key="DBO-1", title="One", story_points=3),
            BacklogItem(key="DBO-2", title="Two", story_points=5),
            BacklogItem(key="gh#12", title="A GitHub issue", story_points=2),
        ],
    )  # fmt: skip
    items = rank(data)
    changes, skipped = propose(items, {"DBO-1": _issue("DBO-1", ("2026.03",)), "DBO-2": None})
    assert [(c.position, c.key) for c in changes] == [(1, "DBO-1")]
    assert changes[0].current.fix_versions == ["2026.03"] and changes[0].target_version is None
    reasons = {s.key: s.reason for s in skipped}
    assert reasons == {
        "REQ-1": "requirement not in Jira yet (TechTranslator write-back creates its issue)",
        "DBO-2": "DBO-2 was not found on the Jira site",
        "gh#12": "gh#12 is not a Jira issue key",
    }


def test_decision_applies_edited_versions_to_the_approved_changes_only() -> None:
    items = rank(
        RoadmapInput(backlog=[BacklogItem(key=f"DBO-{n}", title=str(n)) for n in (1, 2, 3)])
    )
    changes, _ = propose(items, {i.key: _issue(i.key) for i in items})
    offered = ["2026-Q4", "2027-Q1"]
    decision = RoadmapDecision(action="approve", positions=[1, 3], edits={3: "2027-Q1"})
    decision.check(changes, offered)
    picked = decision.selected(changes)
    assert [(c.position, c.target_version) for c in picked] == [(1, None), (3, "2027-Q1")]
    with pytest.raises(InvalidInput, match="not offered"):
        RoadmapDecision(action="approve", edits={1: "2030-Q1"}).check(changes, offered)
    assert RoadmapDecision(action="reject").selected(changes) == []
