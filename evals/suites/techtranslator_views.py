"""Per-case report records: predictions, gold items, what matched and why the rest did not."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from agents.techtranslator.schemas import Requirement
from evals.excerpts import locate
from evals.matching import Matching, term_occurs
from evals.suites.techtranslator_dataset import GoldRequirement


class ExcerptView(BaseModel):
    """Transcript text around an evidence quote."""

    source: str
    before: str
    match: str
    after: str


class EvidenceView(BaseModel):
    """An evidence quote, whether it is in the transcript, and where."""

    speaker: str
    quote: str
    timestamp: str | None
    grounded: bool
    excerpt: ExcerptView | None


class PredictionView(BaseModel):
    """A predicted requirement and its verdict."""

    label: str
    title: str
    user_story: str
    acceptance_criteria: list[str]
    category: str
    priority: str
    evidence: list[EvidenceView]
    matched_gold: str | None
    matched_term: str | None
    category_ok: bool | None
    priority_ok: bool | None
    forbidden_terms: list[str]
    reason: str | None


class GoldView(BaseModel):
    """A gold requirement and what (if anything) matched it."""

    label: str
    any_of: list[str]
    category: str
    priority: str
    matched_prediction: str | None
    reason: str | None


def evidence_views(
    req: Requirement, turns: Sequence[tuple[str, str]], raw: str
) -> list[EvidenceView]:
    """Each evidence quote with its grounding verdict and transcript excerpt."""
    views = []
    for ev in req.evidence:
        found = locate(ev.quote, turns, raw)
        excerpt = ExcerptView(**found.__dict__) if found else None
        views.append(
            EvidenceView(
                speaker=ev.speaker,
                quote=ev.quote,
                timestamp=ev.timestamp,
                grounded=found is not None,
                excerpt=excerpt,
            )
        )
    return views


def prediction_views(
    predicted: Sequence[Requirement],
    gold: Sequence[GoldRequirement],
    matching: Matching,
    forbidden: Sequence[str],
    turns: Sequence[tuple[str, str]],
    raw: str,
) -> list[PredictionView]:
    """One view per prediction, in output order."""
    pairs = matching.by_predicted()
    views = []
    for i, req in enumerate(predicted):
        pair = pairs.get(i)
        g = gold[pair.gold] if pair else None
        views.append(
            PredictionView(
                label=f"P{i + 1}",
                title=req.title,
                user_story=req.user_story,
                acceptance_criteria=list(req.acceptance_criteria),
                category=req.category,
                priority=req.priority,
                evidence=evidence_views(req, turns, raw),
                matched_gold=f"G{pair.gold + 1}" if pair else None,
                matched_term=pair.term if pair else None,
                category_ok=g.category == req.category if g else None,
                priority_ok=g.priority == req.priority if g else None,
                forbidden_terms=[t for t in forbidden if term_occurs(t, req.title)],
                reason=matching.predicted_reasons.get(i),
            )
        )
    return views


def gold_views(gold: Sequence[GoldRequirement], matching: Matching) -> list[GoldView]:
    """One view per gold requirement, in file order."""
    pairs = matching.by_gold()
    return [
        GoldView(
            label=f"G{g + 1}",
            any_of=item.any_of,
            category=item.category,
            priority=item.priority,
            matched_prediction=f"P{pairs[g].predicted + 1}" if g in pairs else None,
            reason=matching.gold_reasons.get(g),
        )
        for g, item in enumerate(gold)
    ]
