"""SaaS metrics against a quarter worked out by hand (amounts in USD)."""

from __future__ import annotations

from agents.dashboard.period import TICK
from agents.dashboard.saas import SaasMetrics, StageTotal, arr_at, compute_saas, stage_at
from tests.agents.dashboard.hand_facts import Q1, at, q1_deals


def test_quarter_metrics_match_the_hand_computed_values() -> None:
    # Start: A 12,000 + B 10,000 + C 24,000 = 46,000. End: A 18,000 + C 20,000 + D 30,000.
    assert compute_saas(q1_deals(), Q1) == SaasMetrics(
        arr_start=46_000,
        arr_end=68_000,
        mrr_end=5_666.67,
        new_arr=30_000,  # D
        expansion_arr=6_000,  # A
        contraction_arr=4_000,  # C (its flat renewal changes nothing)
        churned_arr=10_000,  # B
        net_new_arr=22_000,
        net_revenue_retention_rate=0.8261,  # (18,000 + 0 + 20,000) / 46,000
        gross_revenue_retention_rate=0.6957,  # (12,000 + 0 + 20,000) / 46,000
        customers_start=3,
        customers_end=3,
        logos_churned=1,
        logo_churn_rate=0.3333,
        pipeline_open_deals=2,
        pipeline_open_usd=53_000,
        pipeline_by_stage=[
            StageTotal(stage="qualifiedtobuy", deals=1, amount_usd=3_000),
            StageTotal(stage="contractsent", deals=1, amount_usd=50_000),
        ],
        pipeline_coverage=1.47,  # 53,000 open / 36,000 won (A expansion + D new)
        deals_won=2,
        deals_lost=1,  # E
        win_rate=0.6667,
        avg_sales_cycle_days=46.0,  # A 30 days, D 62 days
        acv_usd=30_000,
    )


def test_arr_bridge_always_reconciles_start_to_end() -> None:
    m = compute_saas(q1_deals(), Q1)
    bridge = m.arr_start + m.new_arr + m.expansion_arr - m.contraction_arr - m.churned_arr
    assert bridge == m.arr_end == arr_at(q1_deals(), Q1.end)


def test_arr_is_floored_at_zero_per_company() -> None:
    deals = q1_deals()
    # A contraction larger than B's whole ARR does not eat into other companies' ARR.
    deals[3] = deals[3].model_copy(update={"kind": "contraction", "amount": 25_000})
    assert arr_at(deals, Q1.end) == 18_000 + 20_000 + 30_000


def test_deal_stage_at_an_instant_follows_the_history() -> None:
    f = next(d for d in q1_deals() if d.id == "f-new")
    assert stage_at(f, at(1, 31)) is None
    assert stage_at(f, at(3, 15) - TICK) == "appointmentscheduled"
    assert stage_at(f, Q1.end) == "contractsent"
    assert stage_at(f, at(4, 10)) == "closedwon"


def test_period_without_customers_or_sales_has_no_rates() -> None:
    m = compute_saas([], Q1)
    assert (m.arr_start, m.arr_end, m.pipeline_by_stage) == (0, 0, [])
    rates = (m.net_revenue_retention_rate, m.gross_revenue_retention_rate, m.logo_churn_rate)
    assert rates == (None, None, None)
    assert (m.win_rate, m.pipeline_coverage, m.avg_sales_cycle_days, m.acv_usd) == (
        None,
        None,
        None,
        None,
    )
