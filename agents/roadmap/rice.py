"""RICE scoring, computed in code so every number on the roadmap can be traced to its inputs.

    score = reach × impact × confidence / effort

    reach      = max(1, distinct accounts asking) + arr_at_stake / arr_per_reach_unit
                 (accounts are de-duplicated case-insensitively; default $10,000 of ARR per unit,
                 so 2 accounts with $50,000 at stake reach 2 + 5 = 7)
    impact     = priority_impact[priority] × category_multiplier[category]
                 priority:  must 3, should 2, could 1 (a backlog item without priority counts as
                            should, the tracker's "medium")
                 category:  security_compliance 1.25, bug 1.2, performance 1.1, integration 1.0,
                            feature 1.0 (no category: 1.0)
    confidence = from call evidence: 1 quote 0.5, 2 quotes 0.8, 3 or more 1.0 (0 counts as 1);
                 backlog item without evidence: 0.8 with story points, 0.5 without;
                 a backlog item merged with requirements takes the higher of the two
    effort     = person-weeks, see ``agents.roadmap.effort`` (story points / 5, else size table),
                 never below 0.5

Each component is rounded to 4 decimals and the score is computed from the rounded components
(then rounded to 4 decimals), so the formula string reproduces the score exactly. All constants
live in :class:`~agents.roadmap.schemas.RiceWeights`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agents.roadmap.effort import EffortEstimate, estimate_effort
from agents.roadmap.schemas import BacklogItem, RiceScore, RiceWeights, RoadmapRequirement
from agents.techtranslator.schemas import Category, Priority

# Trackers default an unset priority to "medium"; that is our "should".
UNSET_PRIORITY: Priority = "should"


@dataclass(frozen=True)
class RiceSubject:
    """The facts RICE needs about one roadmap candidate, whatever its source."""

    accounts: tuple[str, ...]
    arr_at_stake: float
    priority: Priority | None
    category: Category | None
    evidence_count: int  # verbatim quotes from calls; 0 for a backlog-only item
    acceptance_criteria_count: int
    story_points: float | None
    in_backlog: bool


def distinct_accounts(accounts: Iterable[str]) -> list[str]:
    """Accounts without blanks or case-insensitive duplicates, first spelling kept, in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for account in accounts:
        name = account.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


def subject_from_requirement(req: RoadmapRequirement) -> RiceSubject:
    """The RICE facts of a requirement extracted from calls."""
    return RiceSubject(
        accounts=tuple(distinct_accounts(req.accounts)),
        arr_at_stake=req.arr_at_stake,
        priority=req.priority,
        category=req.category,
        evidence_count=req.evidence_count,
        acceptance_criteria_count=req.acceptance_criteria_count,
        story_points=req.story_points,
        in_backlog=False,
    )


def subject_from_backlog(item: BacklogItem) -> RiceSubject:
    """The RICE facts of a backlog item no requirement matched."""
    return RiceSubject(
        accounts=tuple(distinct_accounts(item.accounts)),
        arr_at_stake=item.arr_at_stake,
        priority=item.priority,
        category=item.category,
        evidence_count=0,
        acceptance_criteria_count=0,
        story_points=item.story_points,
        in_backlog=True,
    )


def fmt(value: float) -> str:
    """Render a number without float noise: ``3``, ``2.75``, ``0.3333``."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fmt_money(value: float) -> str:
    """Render dollars with thousands separators: ``$50,000``, ``$1,234.50``."""
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


def _evidence_confidence(evidence_count: int, weights: RiceWeights) -> float:
    if evidence_count >= 3:
        return weights.confidence_three_quotes
    if evidence_count == 2:
        return weights.confidence_two_quotes
    return weights.confidence_one_quote


def _confidence(subject: RiceSubject, weights: RiceWeights) -> tuple[float, str]:
    options: list[tuple[float, str]] = []
    if subject.evidence_count > 0 or not subject.in_backlog:
        quotes = subject.evidence_count
        label = f"{quotes} quote{'' if quotes == 1 else 's'}"
        options.append((_evidence_confidence(quotes, weights), label))
    if subject.in_backlog:
        if subject.story_points is not None:
            options.append((weights.confidence_backlog_pointed, "backlog item with story points"))
        else:
            options.append((weights.confidence_backlog_unpointed, "backlog item without points"))
    # Evidence from calls and a sized ticket are independent signals: keep the stronger one.
    return max(options, key=lambda option: option[0])


def _effort_expression(effort: EffortEstimate, weights: RiceWeights) -> str:
    inputs = effort.inputs
    floor = fmt(weights.min_effort_weeks)
    if effort.basis == "story_points":
        points = fmt(float(inputs["story_points"]))
        inner = f"{points} pts / {fmt(weights.points_per_week)} pts/week"
    else:
        inner = (
            f"{fmt(float(inputs['size_weeks']))} weeks ({inputs['size_category']}) + "
            f"{fmt(weights.weeks_per_criterion)} × {inputs['acceptance_criteria_count']} criteria"
        )
    return f"max({floor}, {inner}) = {fmt(effort.weeks)} person-weeks"


def rice_score(subject: RiceSubject, weights: RiceWeights) -> RiceScore:
    """Score one candidate; see the module docstring for the exact formula."""
    n_accounts = len(distinct_accounts(subject.accounts))
    reach = round(max(1, n_accounts) + subject.arr_at_stake / weights.arr_per_reach_unit, 4)

    priority = subject.priority or UNSET_PRIORITY
    priority_impact = weights.priority_impact[priority]
    multiplier = 1.0 if subject.category is None else weights.category_multiplier[subject.category]
    impact = round(priority_impact * multiplier, 4)

    confidence, confidence_basis = _confidence(subject, weights)
    effort = estimate_effort(
        subject.story_points, subject.category, subject.acceptance_criteria_count, weights
    )
    score = round(reach * impact * confidence / effort.weeks, 4)

    category = subject.category or "none"
    formula = (
        f"score = reach × impact × confidence / effort = {fmt(reach)} × {fmt(impact)} × "
        f"{fmt(confidence)} / {fmt(effort.weeks)} = {fmt(score)}; "
        f"reach = max(1, {n_accounts} accounts) + {fmt_money(subject.arr_at_stake)} ARR / "
        f"{fmt_money(weights.arr_per_reach_unit)}; "
        f"impact = {fmt(priority_impact)} ({priority}) × {fmt(multiplier)} ({category}); "
        f"confidence = {fmt(confidence)} ({confidence_basis}); "
        f"effort = {_effort_expression(effort, weights)}"
    )
    inputs: dict[str, float | str | int] = {
        "accounts": n_accounts,
        "arr_at_stake": subject.arr_at_stake,
        "arr_per_reach_unit": weights.arr_per_reach_unit,
        "priority": priority,
        "priority_impact": priority_impact,
        "category": category,
        "category_multiplier": multiplier,
        "evidence_count": subject.evidence_count,
        "confidence_basis": confidence_basis,
        "effort_basis": effort.basis,
        **effort.inputs,
    }
    return RiceScore(
        reach=reach,
        impact=impact,
        confidence=confidence,
        effort=effort.weeks,
        score=score,
        formula=formula,
        inputs=inputs,
    )
