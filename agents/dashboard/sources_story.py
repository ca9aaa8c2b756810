"""Offline narrative sentences for the synced-source metrics, worded only from the facts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agents.dashboard.wording import count, money, num, opt, pct


def _saas(f: Mapping[str, Any]) -> list[str]:
    return [
        f"ARR went from {money(f['saas.arr_start'])} to {money(f['saas.arr_end'])} "
        f"(MRR {money(f['saas.mrr_end'])}): new {money(f['saas.new_arr'])}, expansion "
        f"{money(f['saas.expansion_arr'])}, contraction {money(f['saas.contraction_arr'])}, "
        f"churned {money(f['saas.churned_arr'])}, net new {money(f['saas.net_new_arr'])}.",
        f"Net revenue retention was {opt(f, 'saas.net_revenue_retention_rate', pct)} and gross "
        f"revenue retention {opt(f, 'saas.gross_revenue_retention_rate', pct)}; "
        f"{f['saas.logos_churned']} of {count(f['saas.customers_start'], 'customer')} churned "
        f"(logo churn {opt(f, 'saas.logo_churn_rate', pct)}), ending with "
        f"{count(f['saas.customers_end'], 'customer')}.",
        f"Open pipeline holds {count(f['saas.pipeline_open_deals'], 'deal')} worth "
        f"{money(f['saas.pipeline_open_usd'])} (coverage "
        f"{opt(f, 'saas.pipeline_coverage', lambda v: num(v) + 'x')} of the period's bookings); "
        f"{f['saas.deals_won']} won and {f['saas.deals_lost']} lost make a win rate of "
        f"{opt(f, 'saas.win_rate', pct)}, with an average sales cycle of "
        f"{opt(f, 'saas.avg_sales_cycle_days', lambda v: num(v) + ' days')} and an ACV of "
        f"{opt(f, 'saas.acv_usd', money)}.",
    ]


def _dora(f: Mapping[str, Any]) -> list[str]:
    return [
        f"Production received {count(f['dora.deploys'], 'deploy')} "
        f"({num(f['dora.deploys_per_week'])} per week), {f['dora.failed_deploys']} of them "
        f"failed (change failure rate {opt(f, 'dora.change_failure_rate', pct)}); lead time for "
        f"changes was {opt(f, 'dora.lead_time_hours', lambda v: num(v) + ' hours')} (median "
        f"over {count(f['dora.changes_shipped'], 'shipped change')}) and time to restore "
        f"{opt(f, 'dora.time_to_restore_hours', lambda v: num(v) + ' hours')} (mean over "
        f"{count(f['dora.restored_incidents'], 'restored incident')})."
    ]


def _flow(f: Mapping[str, Any]) -> list[str]:
    return [
        f"Engineering merged {count(f['flow.prs_merged'], 'pull request')} (median cycle time "
        f"{opt(f, 'flow.pr_cycle_time_hours', lambda v: num(v) + ' hours')}) and resolved "
        f"{count(f['flow.issues_resolved'], 'issue')}; {f['flow.bugs_opened']} bugs came in and "
        f"{f['flow.bugs_fixed']} were fixed (net {f['flow.bug_net']})."
    ]


def _correlation(f: Mapping[str, Any]) -> list[str]:
    return [
        f"{count(f['correlation.features_shipped'], 'requested feature')} reached production "
        f"for {count(f['correlation.requests_shipped'], 'customer request')} from "
        f"{count(f['correlation.deals_served'], 'deal')}, unlocking "
        f"{money(f['correlation.revenue_unlocked_usd'])} of new and expansion revenue, "
        f"protecting {money(f['correlation.revenue_protected_usd'])} of renewing ARR and "
        f"supporting {money(f['correlation.pipeline_influenced_usd'])} of open pipeline; "
        f"from request to production took "
        f"{opt(f, 'correlation.request_lead_time_median_days', lambda v: num(v) + ' days')} "
        f"at the median."
    ]


def source_sentences(facts: Mapping[str, Any]) -> list[str]:
    """Sentences for each metric family present in the (flattened) facts."""
    out: list[str] = []
    if facts.get("saas.arr_end") is not None:
        out += _saas(facts)
    if facts.get("dora.deploys") is not None:
        out += _dora(facts)
    if facts.get("flow.prs_merged") is not None:
        out += _flow(facts)
    if facts.get("correlation.features_shipped") is not None:
        out += _correlation(facts)
    return out
