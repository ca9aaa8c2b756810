"""The narrative and the investor update state the source metrics, and only them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agents.dashboard import build_dashboard
from agents.dashboard.facts import DealFact, SourceFacts
from agents.dashboard.metrics import compute_metrics
from agents.dashboard.narrative import check_numbers, narrative_task, write_narrative
from agents.dashboard.schemas import DashboardMetrics, DashboardSnapshot
from agents.dashboard.update import investor_update
from devbizops.errors import LLMOutputError
from tests.agents.dashboard.hand_facts import (
    MARCH_1_TO_14,
    Q1,
    march_deploys,
    march_issues,
    march_prs,
    period_bounds,
    q1_facts,
)
from tools.llm.offline_provider import OfflineModel


def quarter_metrics() -> DashboardMetrics:
    return compute_metrics(DashboardSnapshot(sources=q1_facts(), **period_bounds(Q1)))


def march_metrics() -> DashboardMetrics:
    facts = SourceFacts(
        deployments=march_deploys(), pull_requests=march_prs(), issues=march_issues()
    )
    return compute_metrics(DashboardSnapshot(sources=facts, **period_bounds(MARCH_1_TO_14)))


def test_offline_narrative_states_saas_numbers_and_passes_the_check() -> None:
    metrics = quarter_metrics()
    text = write_narrative(narrative_task(metrics))

    assert "ARR went from $46,000 to $68,000 (MRR $5,666.67)" in text
    assert "net new $22,000" in text
    assert "Net revenue retention was 82.61% and gross revenue retention 69.57%" in text
    assert "coverage 1.47x" in text and "win rate of 66.67%" in text
    assert "unlocking $36,000 of new and expansion revenue" in text
    check_numbers(text, metrics)


def test_offline_narrative_states_dora_and_flow_numbers_and_passes_the_check() -> None:
    metrics = march_metrics()
    text = write_narrative(narrative_task(metrics))

    assert "Production received 6 deploys (3 per week), 3 of them failed" in text
    assert "change failure rate 50%" in text and "time to restore 2 hours" in text
    assert "3 bugs came in and 2 were fixed (net 1)" in text
    check_numbers(text, metrics)


def test_negative_metrics_are_shown_with_their_sign() -> None:
    facts = q1_facts()
    churn_only = SourceFacts(deals=[d for d in facts.deals if d.company_id == "B"])
    metrics = compute_metrics(DashboardSnapshot(sources=churn_only, **period_bounds(Q1)))
    text = write_narrative(narrative_task(metrics))

    assert metrics.saas is not None and metrics.saas.net_new_arr == -10_000
    assert "net new -$10,000" in text
    check_numbers(text, metrics)
    with pytest.raises(LLMOutputError, match=r"\$10,001"):
        check_numbers("ARR fell by -$10,001.", metrics)


@pytest.mark.parametrize(
    "invented",
    [
        "NRR reached 120%.",  # no such rate
        "ARR is now $70,000.",  # close to, but not, the end ARR
        "We shipped 5 requested features.",
        "Lead time was 27.6 days.",  # the median is 27.5
        "Open pipeline is 1.8x coverage.",  # coverage is 1.47
    ],
)
def test_check_rejects_an_invented_source_number(invented: str) -> None:
    with pytest.raises(LLMOutputError):
        check_numbers(invented, quarter_metrics())


def test_investor_update_is_markdown_built_from_the_metrics() -> None:
    metrics = quarter_metrics()
    narrative = write_narrative(narrative_task(metrics))
    text = investor_update(metrics, narrative, ["arr_movements", "pipeline_by_stage"])

    assert text.startswith("# Investor update: 2024-01-01 to 2024-03-31\n")
    assert "| Net new ARR | $22,000 |" in text
    assert "| Net revenue retention | 82.61% |" in text
    assert "| Revenue unlocked | $36,000 |" in text
    assert "| Change failure rate | n/a |" in text  # no deploys in the quarter's facts
    assert "![ARR movements](arr_movements.svg)" in text
    assert narrative in text


def test_investor_update_rejects_a_narrative_with_an_invented_number() -> None:
    with pytest.raises(LLMOutputError, match="41%"):
        investor_update(quarter_metrics(), "Revenue grew 41% this quarter.", [])


def test_dashboard_rejects_a_model_that_invents_a_revenue_number() -> None:
    def boastful(task: object) -> str:
        return "ARR went to $1.5M."

    llm = OfflineModel(extractors={}, writers={"dashboard.narrative": boastful})
    snapshot = DashboardSnapshot(sources=q1_facts(), **period_bounds(Q1))
    with pytest.raises(LLMOutputError, match=r"\$1.5M"):
        build_dashboard(snapshot, llm)


amounts = st.integers(min_value=0, max_value=500).map(lambda n: float(n * 100))
kinds = st.sampled_from(["new", "expansion", "contraction", "renewal", "churn"])
offsets = st.integers(min_value=-200, max_value=120).map(lambda d: Q1.start + timedelta(days=d))
deals = st.builds(
    lambda i, company, kind, amount, closed, stage: DealFact(
        id=str(i),
        company_id=company,
        kind=kind,
        amount=amount,
        created_at=closed - timedelta(days=30),
        closed_at=closed,
        stage=stage,
        stages=[("appointmentscheduled", closed - timedelta(days=30)), (stage, closed)],
    ),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from("ABCDE"),
    kinds,
    amounts,
    offsets,
    st.sampled_from(["closedwon", "closedlost", "contractsent"]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(deals, max_size=25, unique_by=lambda d: d.id))
def test_offline_narrative_and_update_of_any_deals_pass_the_check(found: list[DealFact]) -> None:
    metrics = compute_metrics(
        DashboardSnapshot(sources=SourceFacts(deals=found), **period_bounds(Q1))
    )
    narrative = write_narrative(narrative_task(metrics))
    check_numbers(narrative, metrics)
    investor_update(metrics, narrative, ["arr_movements"])
