"""DORA four keys and flow metrics against two weeks worked out by hand."""

from __future__ import annotations

from agents.dashboard.dora import DoraMetrics, DoraWeek, compute_dora, weekly_trend
from agents.dashboard.flow import FlowMetrics, compute_flow
from tests.agents.dashboard.hand_facts import MARCH_1_TO_14, march_deploys, march_issues, march_prs


def test_four_keys_match_the_hand_computed_values() -> None:
    assert compute_dora(march_deploys(), march_prs(), MARCH_1_TO_14) == DoraMetrics(
        deploys=6,  # the 28 February deploy is outside the period
        deploys_per_week=3.0,  # 6 over 14 days
        failed_deploys=3,  # a failure, a failure and an error
        change_failure_rate=0.5,
        lead_time_hours=24.0,  # median of 24, 48 and 6 hours
        changes_shipped=3,
        restored_incidents=2,  # the last error was never restored
        time_to_restore_hours=2.0,  # mean of 3 h and 1 h
    )


def test_weekly_trend_buckets_deploys_failures_and_lead_time() -> None:
    assert weekly_trend(march_deploys(), march_prs(), MARCH_1_TO_14) == [
        DoraWeek(week_start="2024-03-01", deploys=5, failed=2, lead_time_hours=24.0),
        DoraWeek(week_start="2024-03-08", deploys=1, failed=1, lead_time_hours=None),
    ]


def test_no_deploys_means_no_failure_rate_and_no_restore_time() -> None:
    m = compute_dora([], [], MARCH_1_TO_14)
    assert (m.deploys, m.deploys_per_week, m.change_failure_rate) == (0, 0.0, None)
    assert (m.lead_time_hours, m.time_to_restore_hours) == (None, None)


def test_flow_metrics_match_the_hand_computed_values() -> None:
    assert compute_flow(march_prs(), march_issues(), MARCH_1_TO_14) == FlowMetrics(
        prs_merged=3,  # #2, #3, #4; #1 merged on 29 February, #5 is open
        pr_cycle_time_hours=24.0,  # median of 44, 3.9 and 24 hours
        issues_resolved=4,
        bugs_opened=3,
        bugs_fixed=2,
        bug_net=1,
    )
