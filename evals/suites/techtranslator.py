"""TechTranslator suite: transcripts in, matched against PM-annotated gold requirements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.schemas import Requirement
from agents.techtranslator.translate import translate
from devbizops.errors import LLMOutputError
from evals.gates import Direction
from evals.matching import match
from evals.metrics import ratio
from evals.suites.base import CaseResult, Suite
from evals.suites.techtranslator_counts import Counts, add_counts, rates
from evals.suites.techtranslator_dataset import LoadedTranslatorCase, load
from evals.suites.techtranslator_views import (
    GoldView,
    PredictionView,
    gold_views,
    prediction_views,
)
from tools.llm.base import LanguageModel


class DroppedView(BaseModel):
    """A requirement the agent's own grounding step removed, and its reason."""

    title: str
    reason: str


class TranslatorResult(CaseResult):
    """Per-case record: counts, per-case metrics, every prediction and gold item."""

    transcript_file: str
    format: str | None = None
    tags: list[str] = Field(default_factory=list)
    counts: Counts = Field(default_factory=Counts)
    metrics: dict[str, float | None] = Field(default_factory=dict)
    predictions: list[PredictionView] = Field(default_factory=list)
    gold: list[GoldView] = Field(default_factory=list)
    dropped: list[DroppedView] = Field(default_factory=list)


def _schema_valid(requirements: Sequence[Requirement]) -> bool:
    try:
        for req in requirements:
            Requirement.model_validate(req.model_dump())
    except ValidationError:
        return False
    return True


def _unscored(loaded: LoadedTranslatorCase, error: str, *, crashed: bool) -> TranslatorResult:
    case = loaded.case
    gold = case.expected.requirements
    counts = Counts(gold=len(gold))
    views = [
        GoldView(
            label=f"G{i + 1}",
            any_of=g.any_of,
            category=g.category,
            priority=g.priority,
            matched_prediction=None,
            reason="the case produced no output",
        )
        for i, g in enumerate(gold)
    ]
    return TranslatorResult(
        id=case.id,
        line=loaded.line,
        error=error,
        crashed=crashed,
        transcript_file=case.transcript_file,
        format=case.format,
        tags=case.tags,
        counts=counts,
        metrics=rates(counts),
        gold=views,
    )


def score(
    loaded: LoadedTranslatorCase,
    predicted: Sequence[Requirement],
    text: str,
    fmt: str,
    dropped: Sequence[DroppedView] = (),
) -> TranslatorResult:
    """Score ``predicted`` requirements for one case against its gold ones and its transcript."""
    case, expected = loaded.case, loaded.case.expected
    turns = [(t.speaker, t.text) for t in parse_transcript(text, fmt).turns]
    matching = match(expected.requirements, predicted)
    preds = prediction_views(
        predicted, expected.requirements, matching, expected.forbidden_title_terms, turns, text
    )
    quotes = [e for p in preds for e in p.evidence]
    limit = expected.max_requirements
    counts = Counts(
        gold=len(expected.requirements),
        predicted=len(predicted),
        matched=len(matching.pairs),
        category_correct=sum(bool(p.category_ok) for p in preds),
        priority_correct=sum(bool(p.priority_ok) for p in preds),
        quotes=len(quotes),
        grounded_quotes=sum(e.grounded for e in quotes),
        forbidden_violations=sum(bool(p.forbidden_terms) for p in preds),
        over_limit=limit is not None and len(predicted) > limit,
        schema_valid=_schema_valid(predicted),
    )
    return TranslatorResult(
        id=case.id,
        line=loaded.line,
        transcript_file=case.transcript_file,
        format=fmt,
        tags=case.tags,
        counts=counts,
        metrics=rates(counts),
        predictions=preds,
        gold=gold_views(expected.requirements, matching),
        dropped=list(dropped),
    )


def run(loaded: LoadedTranslatorCase, llm: LanguageModel) -> TranslatorResult:
    """Translate one transcript and score the requirements against the gold ones."""
    text = loaded.transcript.read_text(encoding="utf-8")
    try:
        result = translate(text, llm, fmt=loaded.case.format)
    except (LLMOutputError, ValidationError) as exc:
        # The model answered with something our schema rejects: a quality failure, not a crash.
        return _unscored(loaded, f"{type(exc).__name__}: {exc}", crashed=False)
    dropped = [DroppedView(title=d.requirement.title, reason=d.reason) for d in result.dropped]
    return score(loaded, list(result.requirements), text, result.format, dropped)


def crashed(loaded: LoadedTranslatorCase, error: str) -> TranslatorResult:
    """The record of a case that raised: its gold requirements count as missed."""
    return _unscored(loaded, error, crashed=True)


def summarise(results: Sequence[TranslatorResult]) -> dict[str, Any]:
    """Micro-averaged metrics over every case (sums of counts, then ratios)."""
    total = add_counts(r.counts for r in results)
    return {
        **rates(total),
        "forbidden_violations": total.forbidden_violations,
        "over_limit_cases": sum(r.counts.over_limit for r in results),
        "schema_valid_rate": ratio(
            sum(r.counts.schema_valid for r in results), len(results), empty=None
        ),
        "gold_total": total.gold,
        "predicted_total": total.predicted,
        "matched_total": total.matched,
        "dropped_total": sum(len(r.dropped) for r in results),
    }


DIRECTIONS: dict[str, Direction] = {
    "recall": "higher",
    "precision": "higher",
    "f1": "higher",
    "category_accuracy": "higher",
    "priority_accuracy": "higher",
    "grounding_rate": "higher",
    "schema_valid_rate": "higher",
    "errors": "lower",
    "forbidden_violations": "lower",
    "over_limit_cases": "lower",
    "latency_ms_p50": "lower",
    "latency_ms_p95": "lower",
}

SUITE: Suite[LoadedTranslatorCase, TranslatorResult] = Suite(
    name="techtranslator",
    directions=DIRECTIONS,
    gated=frozenset(DIRECTIONS) - {"latency_ms_p50", "latency_ms_p95"},
    load=load,
    run=run,
    crashed=crashed,
    summarise=summarise,
)
