"""The investor update: a Markdown draft whose every number is inserted from the metrics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from agents.dashboard.narrative import check_numbers, flatten_metrics
from agents.dashboard.schemas import DashboardMetrics
from agents.dashboard.wording import money, num, opt, pct

Row = tuple[str, str, Any]  # label, fact key, formatter

SAAS_ROWS: list[Row] = [
    ("ARR at start", "saas.arr_start", money),
    ("ARR at end", "saas.arr_end", money),
    ("MRR at end", "saas.mrr_end", money),
    ("New ARR", "saas.new_arr", money),
    ("Expansion ARR", "saas.expansion_arr", money),
    ("Contraction ARR", "saas.contraction_arr", money),
    ("Churned ARR", "saas.churned_arr", money),
    ("Net new ARR", "saas.net_new_arr", money),
    ("Net revenue retention", "saas.net_revenue_retention_rate", pct),
    ("Gross revenue retention", "saas.gross_revenue_retention_rate", pct),
    ("Logo churn", "saas.logo_churn_rate", pct),
    ("Open pipeline", "saas.pipeline_open_usd", money),
    ("Pipeline coverage", "saas.pipeline_coverage", lambda v: num(v) + "x"),
    ("Win rate", "saas.win_rate", pct),
    ("Average sales cycle", "saas.avg_sales_cycle_days", lambda v: num(v) + " days"),
    ("ACV", "saas.acv_usd", money),
]
ENGINEERING_ROWS: list[Row] = [
    ("Production deploys", "dora.deploys", num),
    ("Deploys per week", "dora.deploys_per_week", num),
    ("Change failure rate", "dora.change_failure_rate", pct),
    ("Lead time for changes", "dora.lead_time_hours", lambda v: num(v) + " h"),
    ("Time to restore", "dora.time_to_restore_hours", lambda v: num(v) + " h"),
    ("Pull requests merged", "flow.prs_merged", num),
    ("PR cycle time", "flow.pr_cycle_time_hours", lambda v: num(v) + " h"),
    ("Issues resolved", "flow.issues_resolved", num),
    ("Bugs opened", "flow.bugs_opened", num),
    ("Bugs fixed", "flow.bugs_fixed", num),
]
CORRELATION_ROWS: list[Row] = [
    ("Requested features shipped", "correlation.features_shipped", num),
    ("Customer requests shipped", "correlation.requests_shipped", num),
    ("Revenue unlocked", "correlation.revenue_unlocked_usd", money),
    ("Renewing ARR protected", "correlation.revenue_protected_usd", money),
    ("Open pipeline supported", "correlation.pipeline_influenced_usd", money),
    (
        "Request to production (median)",
        "correlation.request_lead_time_median_days",
        lambda v: num(v) + " days",
    ),
]
CHART_TITLES = {
    "arr_movements": "ARR movements",
    "pipeline_by_stage": "Pipeline by stage",
    "dora_trend": "Deploys per week",
    "request_lead_time": "Request to production",
}


def _table(facts: Mapping[str, Any], rows: list[Row]) -> list[str]:
    lines = ["| Metric | Value |", "|---|---|"]
    lines += [f"| {label} | {opt(facts, key, fmt)} |" for label, key, fmt in rows]
    return lines


def investor_update(metrics: DashboardMetrics, narrative: str, charts: Iterable[str]) -> str:
    """The Markdown draft; raises LLMOutputError if any number in it is not a metric."""
    f = flatten_metrics(metrics)
    start, end = f.get("period_start"), f.get("period_end")
    title = "# Investor update"
    if start and end:
        title += f": {str(start)[:10]} to {str(end)[:10]}"
    lines = [title, "", "## Highlights", "", narrative, ""]
    if metrics.saas is not None:
        lines += ["## Revenue", "", *_table(f, SAAS_ROWS), ""]
    if metrics.dora is not None:
        lines += ["## Engineering", "", *_table(f, ENGINEERING_ROWS), ""]
    if metrics.correlation is not None:
        lines += ["## Customer requests shipped", "", *_table(f, CORRELATION_ROWS), ""]
    names = [n for n in charts if n in CHART_TITLES]
    if names:
        lines += ["## Charts", ""]
        lines += [f"![{CHART_TITLES[n]}]({n}.svg)" for n in names]
        lines.append("")
    text = "\n".join(lines)
    check_numbers(text, metrics)
    return text
