"""The narrative only ever shows numbers that the metrics contain."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agents.dashboard import build_dashboard
from agents.dashboard.metrics import compute_metrics
from agents.dashboard.narrative import check_numbers, narrative_task, write_narrative
from agents.dashboard.schemas import (
    DashboardMetrics,
    DashboardSnapshot,
    SnapshotRequirement,
    SnapshotRoadmapItem,
    SnapshotRun,
)
from agents.techtranslator.schemas import CATEGORIES, PRIORITIES
from devbizops.errors import LLMOutputError
from tests.agents.dashboard.test_metrics import hand_built_snapshot
from tools.llm.base import ProseTask
from tools.llm.offline_provider import OfflineModel

METRICS = compute_metrics(hand_built_snapshot())


def metrics_with(success: int, failed: int, arr: float) -> DashboardMetrics:
    runs = [SnapshotRun(graph_id="g", status="succeeded")] * success
    runs += [SnapshotRun(graph_id="g", status="failed")] * failed
    item = SnapshotRoadmapItem(rank=1, key="PROJ-1", score=9.5, arr_at_stake=arr)
    return compute_metrics(DashboardSnapshot(roadmap_items=[item], runs=runs))


def test_task_facts_are_the_flattened_metrics() -> None:
    task = narrative_task(METRICS)

    assert task.name == "dashboard.narrative"
    assert task.facts["requirements_by_category.performance"] == 0
    assert task.facts["top_roadmap_items.1.key"] == "PROJ-1"
    assert task.facts["top_roadmap_items.1.score"] == 23.44
    assert task.facts["runs_by_status.succeeded"] == 2
    assert task.facts["run_success_rate"] == 0.5
    assert task.facts["period_end"] == "2024-03-31T00:00:00Z"


def test_offline_narrative_states_the_metrics_and_passes_the_check() -> None:
    text = write_narrative(narrative_task(METRICS))

    assert text.startswith("From 2024-01-01 to 2024-03-31, 7 transcripts yielded 5 requirements")
    assert "$71,350.25 of ARR at stake, led by PROJ-1 (score 23.44), REQ-2 (score 12)" in text
    assert "a success rate of 50% among finished runs" in text
    check_numbers(text, METRICS)


@pytest.mark.parametrize(
    "text",
    [
        "Revenue grew 40% this quarter.",
        "We have $2.5M of ARR at stake.",
        "Sales closed 13 deals.",
        "PROJ-77 leads the roadmap.",
        "The median run took 15.5 seconds.",
        "Success rate: 60%.",
        "7% of transcripts",  # 7 is a count; only rates may be shown as percentages
        "It costs $7 per run.",  # 7 is not an ARR figure
        "Top item scored 23.5.",  # 23.44 does not round to 23.5
    ],
)
def test_check_rejects_numbers_that_are_not_metrics(text: str) -> None:
    with pytest.raises(LLMOutputError) as caught:
        check_numbers(text, METRICS)
    assert caught.value.details["invented_numbers"]


def test_rejection_names_the_invented_number() -> None:
    with pytest.raises(LLMOutputError, match=r"not in the metrics: 40%") as caught:
        check_numbers("ARR rose 40% while 5 requirements came in.", METRICS)
    assert caught.value.details == {"invented_numbers": ["40%"]}


@pytest.mark.parametrize(
    "text",
    ["75%", "75.0%", "0.75", "0.8", "1234567", "1,234,567", "$1,234,567", "$1.2M", "$1,235k"],
)
def test_check_accepts_obvious_renderings(text: str) -> None:
    check_numbers(f"Value: {text}.", metrics_with(success=3, failed=1, arr=1_234_567))


@pytest.mark.parametrize("text", ["$1.3M", "76%", "1,234,568", "1.2", "$9.5"])
def test_check_rejects_near_misses(text: str) -> None:
    with pytest.raises(LLMOutputError):
        check_numbers(f"Value: {text}.", metrics_with(success=3, failed=1, arr=1_234_567))


def test_identifiers_and_dates_from_the_metrics_are_not_numbers() -> None:
    check_numbers("PROJ-1 leads; PROJ-4 follows; period 2024-01-01 to 2024-03-31.", METRICS)


keys = st.from_regex(r"[A-Z]{2,5}-[1-9][0-9]{0,4}", fullmatch=True)
snapshots = st.builds(
    DashboardSnapshot,
    requirements=st.lists(
        st.builds(
            SnapshotRequirement,
            category=st.sampled_from(CATEGORIES),
            priority=st.sampled_from(PRIORITIES),
            account=st.none() | st.sampled_from(["Acme", "Globex", "Initech", "Umbrella"]),
        ),
        max_size=30,
    ),
    roadmap_items=st.lists(
        st.builds(
            SnapshotRoadmapItem,
            rank=st.integers(min_value=1, max_value=50),
            key=keys,
            score=st.floats(min_value=0, max_value=1e4),
            arr_at_stake=st.floats(min_value=0, max_value=1e9),
        ),
        max_size=12,
    ),
    runs=st.lists(
        st.builds(
            SnapshotRun,
            graph_id=st.sampled_from(["pipeline", "roadmap", "dashboard"]),
            status=st.sampled_from(["queued", "running", "succeeded", "failed", "cancelled"]),
            duration_seconds=st.none() | st.floats(min_value=0, max_value=1e5),
        ),
        max_size=20,
    ),
    transcripts_count=st.integers(min_value=0, max_value=10_000),
    period_start=st.none() | st.datetimes(),
    period_end=st.none() | st.datetimes(),
)


@settings(max_examples=200, deadline=None)
@given(snapshots)
def test_offline_narrative_of_any_snapshot_passes_the_check(snapshot: DashboardSnapshot) -> None:
    metrics = compute_metrics(snapshot)
    check_numbers(write_narrative(narrative_task(metrics)), metrics)


def test_build_dashboard_returns_checked_offline_narrative() -> None:
    llm = OfflineModel(extractors={}, writers={"dashboard.narrative": write_narrative})
    dashboard = build_dashboard(hand_built_snapshot(), llm)

    assert dashboard.metrics == METRICS
    assert dashboard.narrative == write_narrative(narrative_task(METRICS))


def test_build_dashboard_rejects_a_model_that_invents_numbers() -> None:
    def boastful(task: ProseTask) -> str:
        return f"{task.facts['requirements_total']} requirements and 40x revenue growth."

    llm = OfflineModel(extractors={}, writers={"dashboard.narrative": boastful})
    with pytest.raises(LLMOutputError, match="40"):
        build_dashboard(hand_built_snapshot(), llm)
