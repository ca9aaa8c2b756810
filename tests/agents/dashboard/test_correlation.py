"""Shipped customer requests and their revenue against a quarter worked out by hand."""

from __future__ import annotations

from agents.dashboard.correlation import (
    CorrelationMetrics,
    ShippedRequestRow,
    compute_correlation,
    lead_time_rows,
)
from tests.agents.dashboard.hand_facts import Q1, q1_deals, q1_shipped


def test_quarter_correlation_matches_the_hand_computed_values() -> None:
    assert compute_correlation(q1_shipped(), q1_deals(), Q1) == CorrelationMetrics(
        features_shipped=3,  # DBO-1, DBO-2, DBO-3; DBO-9 shipped in April
        requests_shipped=4,
        deals_served=4,
        revenue_unlocked_usd=36_000,  # D new 30,000 + A expansion 6,000
        revenue_protected_usd=20_000,  # C renewed: its ARR at the quarter's end
        pipeline_influenced_usd=50_000,  # F, still open at the quarter's end
        request_lead_time_median_days=27.5,  # 11, 25, 30, 50 days
        request_lead_time_mean_days=29.0,
    )


def test_lead_time_rows_are_in_shipping_order() -> None:
    rows = lead_time_rows(q1_shipped(), Q1)
    assert rows[0] == ShippedRequestRow(jira_key="DBO-1", deal_id="d-new", lead_time_days=50.0)
    assert [(r.jira_key, r.lead_time_days) for r in rows[1:]] == [
        ("DBO-3", 25.0),
        ("DBO-2", 11.0),
        ("DBO-2", 30.0),
    ]
