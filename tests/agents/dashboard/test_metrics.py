"""Dashboard metrics are exact counts and sums over the snapshot."""

from __future__ import annotations

from datetime import UTC, datetime

from agents.dashboard.metrics import compute_metrics
from agents.dashboard.schemas import (
    DashboardMetrics,
    DashboardSnapshot,
    SnapshotRequirement,
    SnapshotRoadmapItem,
    SnapshotRun,
    TopRoadmapItem,
)

START = datetime(2024, 1, 1, tzinfo=UTC)
END = datetime(2024, 3, 31, tzinfo=UTC)


def hand_built_snapshot() -> DashboardSnapshot:
    """Five requirements, six roadmap items, six runs: every branch of the metrics."""
    return DashboardSnapshot(
        requirements=[
            SnapshotRequirement(category="feature", priority="must", account="Acme"),
            SnapshotRequirement(category="feature", priority="should", account=" acme"),
            SnapshotRequirement(category="bug", priority="could", account="Globex"),
            SnapshotRequirement(category="security_compliance", priority="must", account=None),
            SnapshotRequirement(category="integration", priority="should", account="Initech"),
        ],
        roadmap_items=[
            SnapshotRoadmapItem(rank=3, key="PROJ-3", score=5.556, arr_at_stake=1_000),
            SnapshotRoadmapItem(rank=1, key="PROJ-1", score=23.4375, arr_at_stake=70_000),
            SnapshotRoadmapItem(rank=2, key="REQ-2", score=12.0),
            SnapshotRoadmapItem(rank=4, key="PROJ-4", score=2.004, arr_at_stake=250.25),
            SnapshotRoadmapItem(rank=5, key="PROJ-5", score=1.0),
            SnapshotRoadmapItem(rank=6, key="PROJ-6", score=0.5, arr_at_stake=100),
        ],
        runs=[
            SnapshotRun(graph_id="pipeline", status="succeeded", duration_seconds=10),
            SnapshotRun(graph_id="pipeline", status="succeeded", duration_seconds=30),
            SnapshotRun(graph_id="roadmap", status="failed", duration_seconds=20),
            SnapshotRun(graph_id="roadmap", status="cancelled", duration_seconds=5),
            SnapshotRun(graph_id="dashboard", status="running"),
            SnapshotRun(graph_id="pipeline", status="interrupted"),
        ],
        transcripts_count=7,
        period_start=START,
        period_end=END,
    )


def test_hand_built_snapshot_gives_exact_metrics() -> None:
    assert compute_metrics(hand_built_snapshot()) == DashboardMetrics(
        requirements_total=5,
        requirements_by_category={
            "feature": 2,
            "integration": 1,
            "security_compliance": 1,
            "performance": 0,
            "bug": 1,
        },
        requirements_by_priority={"must": 2, "should": 2, "could": 1},
        accounts_with_requirements=3,
        roadmap_items_total=6,
        roadmap_arr_at_stake=71_350.25,
        top_roadmap_items=[
            TopRoadmapItem(key="PROJ-1", score=23.44),
            TopRoadmapItem(key="REQ-2", score=12.0),
            TopRoadmapItem(key="PROJ-3", score=5.56),
            TopRoadmapItem(key="PROJ-4", score=2.0),
            TopRoadmapItem(key="PROJ-5", score=1.0),
        ],
        runs_total=6,
        runs_by_status={
            "cancelled": 1,
            "failed": 1,
            "interrupted": 1,
            "running": 1,
            "succeeded": 2,
        },
        run_success_rate=0.5,  # 2 succeeded of 4 finished; running/interrupted are in flight
        median_run_seconds=15.0,  # median of 5, 10, 20, 30
        transcripts_count=7,
        period_start=START,
        period_end=END,
    )


def test_empty_snapshot_has_zeros_and_no_rates() -> None:
    metrics = compute_metrics(DashboardSnapshot())

    assert metrics.requirements_by_category == {
        "feature": 0,
        "integration": 0,
        "security_compliance": 0,
        "performance": 0,
        "bug": 0,
    }
    assert metrics.requirements_by_priority == {"must": 0, "should": 0, "could": 0}
    assert metrics.top_roadmap_items == []
    assert metrics.roadmap_arr_at_stake == 0
    assert metrics.runs_by_status == {}
    assert metrics.run_success_rate is None
    assert metrics.median_run_seconds is None


def test_success_rate_is_none_while_every_run_is_in_flight() -> None:
    snapshot = DashboardSnapshot(runs=[SnapshotRun(graph_id="pipeline", status="running")])
    metrics = compute_metrics(snapshot)
    assert (metrics.runs_total, metrics.run_success_rate) == (1, None)


def test_success_rate_is_rounded_to_four_decimals() -> None:
    statuses = ["succeeded", "succeeded", "failed"]
    snapshot = DashboardSnapshot(runs=[SnapshotRun(graph_id="g", status=s) for s in statuses])
    assert compute_metrics(snapshot).run_success_rate == 0.6667


def test_top_items_follow_rank_then_key() -> None:
    snapshot = DashboardSnapshot(
        roadmap_items=[
            SnapshotRoadmapItem(rank=1, key="B", score=1),
            SnapshotRoadmapItem(rank=1, key="A", score=1),
        ]
    )
    assert [i.key for i in compute_metrics(snapshot).top_roadmap_items] == ["A", "B"]


def test_synced_source_events_are_counted_and_narrated_with_checked_numbers() -> None:
    from agents.dashboard.narrative import check_numbers, narrative_task, write_narrative

    snapshot = DashboardSnapshot(source_events={"jira": 1596, "github": 4180, "crm": 2088})
    metrics = compute_metrics(snapshot)
    assert metrics.source_events_total == 7864
    assert list(metrics.source_events_by_source) == ["crm", "github", "jira"]
    text = write_narrative(narrative_task(metrics))
    assert "7864 events" in text and "github 4180" in text
    check_numbers(text, metrics)
