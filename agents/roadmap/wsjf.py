"""WSJF scoring (weighted shortest job first), computed in code from the same facts as RICE.

    score          = cost_of_delay / job_size
    cost_of_delay  = business_value + time_criticality + risk_reduction

    business_value   = priority_value[priority] + arr_at_stake / arr_per_value_point
                       priority:  must 8, should 5, could 2 (unset counts as should);
                       default $25,000 of ARR at stake per point, so $50,000 adds 2
    time_criticality = category_urgency[category]
                       + urgency_per_extra_account × max(0, distinct accounts asking − 1)
                       category:  security_compliance 8, bug 5, performance 3, integration 2,
                                  feature 1 (no category: feature); 1 point per extra account
    risk_reduction   = category_risk[category] + risk_per_quote × min(evidence quotes, max_quotes)
                       (same category table by default; 1 point per quote, at most 3 quotes)
    job_size         = the effort in person-weeks of ``agents.roadmap.effort`` (story points / 5,
                       else the size table; never below 0.5), the same number RICE divides by

Each part is rounded to 4 decimals and the score is computed from the rounded parts (then
rounded to 4 decimals), so the formula string reproduces it. Constants live in
:class:`~agents.roadmap.schemas.WsjfWeights`; the effort tables in ``RiceWeights``.
"""

from __future__ import annotations

from agents.roadmap.effort import UNKNOWN_CATEGORY_SIZE, estimate_effort
from agents.roadmap.rice import UNSET_PRIORITY, RiceSubject, distinct_accounts, fmt, fmt_money
from agents.roadmap.schemas import RiceWeights, WsjfScore, WsjfWeights


def wsjf_score(
    subject: RiceSubject, weights: WsjfWeights, effort_weights: RiceWeights
) -> WsjfScore:
    """Score one candidate; see the module docstring for the exact formula."""
    n_accounts = len(distinct_accounts(subject.accounts))
    priority = subject.priority or UNSET_PRIORITY
    category = subject.category or UNKNOWN_CATEGORY_SIZE
    quotes = min(subject.evidence_count, weights.max_quotes)

    priority_value = weights.priority_value[priority]
    business_value = round(priority_value + subject.arr_at_stake / weights.arr_per_value_point, 4)
    urgency = weights.category_urgency[category]
    extra_accounts = max(0, n_accounts - 1)
    time_criticality = round(urgency + weights.urgency_per_extra_account * extra_accounts, 4)
    risk = weights.category_risk[category]
    risk_reduction = round(risk + weights.risk_per_quote * quotes, 4)
    cost_of_delay = round(business_value + time_criticality + risk_reduction, 4)

    effort = estimate_effort(
        subject.story_points, subject.category, subject.acceptance_criteria_count, effort_weights
    )
    score = round(cost_of_delay / effort.weeks, 4)

    formula = (
        f"score = cost of delay / job size = ({fmt(business_value)} + {fmt(time_criticality)} + "
        f"{fmt(risk_reduction)}) / {fmt(effort.weeks)} = {fmt(score)}; "
        f"business value = {fmt(priority_value)} ({priority}) + "
        f"{fmt_money(subject.arr_at_stake)} ARR / {fmt_money(weights.arr_per_value_point)}; "
        f"time criticality = {fmt(urgency)} ({category}) + "
        f"{fmt(weights.urgency_per_extra_account)} × {extra_accounts} extra accounts; "
        f"risk reduction = {fmt(risk)} ({category}) + {fmt(weights.risk_per_quote)} × "
        f"{quotes} quotes; job size = {fmt(effort.weeks)} person-weeks ({effort.basis})"
    )
    inputs: dict[str, float | str | int] = {
        "accounts": n_accounts,
        "arr_at_stake": subject.arr_at_stake,
        "arr_per_value_point": weights.arr_per_value_point,
        "priority": priority,
        "priority_value": priority_value,
        "category": category,
        "category_urgency": urgency,
        "urgency_per_extra_account": weights.urgency_per_extra_account,
        "category_risk": risk,
        "risk_per_quote": weights.risk_per_quote,
        "evidence_count": subject.evidence_count,
        "quotes_counted": quotes,
        "effort_basis": effort.basis,
        **effort.inputs,
    }
    return WsjfScore(
        business_value=business_value,
        time_criticality=time_criticality,
        risk_reduction=risk_reduction,
        cost_of_delay=cost_of_delay,
        job_size=effort.weeks,
        score=score,
        formula=formula,
        inputs=inputs,
    )
