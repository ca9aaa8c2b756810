"""Vega-Lite specs of the dashboard charts, built from computed metrics and series only."""

from __future__ import annotations

from typing import Any

from agents.dashboard.schemas import DashboardMetrics, DashboardSeries

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
Spec = dict[str, Any]


def _spec(title: str, values: list[dict[str, Any]], mark: Any, encoding: Spec) -> Spec:
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 480,
        "height": 240,
        "data": {"values": values},
        "mark": mark,
        "encoding": encoding,
    }


def arr_movements(metrics: DashboardMetrics) -> Spec | None:
    """The ARR bridge: start, new, expansion, contraction, churn, end."""
    s = metrics.saas
    if s is None:
        return None
    steps = [
        ("ARR at start", s.arr_start),
        ("New", s.new_arr),
        ("Expansion", s.expansion_arr),
        ("Contraction", -s.contraction_arr),
        ("Churn", -s.churned_arr),
        ("ARR at end", s.arr_end),
    ]
    values = [{"step": name, "order": n, "usd": usd} for n, (name, usd) in enumerate(steps)]
    return _spec(
        "ARR movements (USD)",
        values,
        {"type": "bar"},
        {
            "x": {"field": "step", "type": "nominal", "sort": {"field": "order"}, "title": None},
            "y": {"field": "usd", "type": "quantitative", "title": "USD"},
            "color": {
                "condition": {"test": "datum.usd < 0", "value": "#c0392b"},
                "value": "#2e86c1",
            },
        },
    )


def pipeline_by_stage(metrics: DashboardMetrics) -> Spec | None:
    """Open pipeline amount per stage at the period's end."""
    if metrics.saas is None:
        return None
    values = [
        {"stage": st.stage, "order": n, "usd": st.amount_usd, "deals": st.deals}
        for n, st in enumerate(metrics.saas.pipeline_by_stage)
    ]
    return _spec(
        "Open pipeline by stage (USD)",
        values,
        {"type": "bar", "tooltip": True},
        {
            "y": {"field": "stage", "type": "nominal", "sort": {"field": "order"}, "title": None},
            "x": {"field": "usd", "type": "quantitative", "title": "USD"},
        },
    )


def dora_trend(series: DashboardSeries) -> Spec | None:
    """Weekly production deploys and failed deploys."""
    if not series.dora_weeks:
        return None
    values = [
        {"week": w.week_start, "series": name, "count": n}
        for w in series.dora_weeks
        for name, n in (("deploys", w.deploys), ("failed", w.failed))
    ]
    return _spec(
        "Production deploys per week",
        values,
        {"type": "line", "point": True},
        {
            "x": {"field": "week", "type": "temporal", "title": "week"},
            "y": {"field": "count", "type": "quantitative", "title": "deploys"},
            "color": {"field": "series", "type": "nominal"},
        },
    )


def request_lead_time(series: DashboardSeries) -> Spec | None:
    """Days from customer request to production, per shipped request."""
    if not series.request_lead_times:
        return None
    values = [
        {"request": f"{r.jira_key} / deal {r.deal_id}", "days": r.lead_time_days}
        for r in series.request_lead_times
    ]
    return _spec(
        "Customer request to production (days)",
        values,
        {"type": "bar", "tooltip": True},
        {
            "y": {"field": "request", "type": "nominal", "sort": "-x", "title": None},
            "x": {"field": "days", "type": "quantitative", "title": "days"},
        },
    )


def chart_specs(metrics: DashboardMetrics, series: DashboardSeries) -> dict[str, Spec]:
    """Every chart that has data, by file stem."""
    specs = {
        "arr_movements": arr_movements(metrics),
        "pipeline_by_stage": pipeline_by_stage(metrics),
        "dora_trend": dora_trend(series),
        "request_lead_time": request_lead_time(series),
    }
    return {name: spec for name, spec in specs.items() if spec is not None}
