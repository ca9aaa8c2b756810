"""TechTranslator end to end: parse, extract with a language model, ground, deduplicate."""

from __future__ import annotations

from pydantic import BaseModel

from agents.techtranslator.chunking import extract_requirements
from agents.techtranslator.dedupe import merge_duplicates
from agents.techtranslator.grounding import DroppedRequirement, ground
from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.schemas import Requirement
from tools.llm.base import LanguageModel


class TranslationResult(BaseModel):
    """Grounded, deduplicated requirements of one call, plus what grounding rejected."""

    requirements: list[Requirement]
    dropped: list[DroppedRequirement]
    format: str
    turns: int


def translate(
    text: str, llm: LanguageModel, *, fmt: str | None = None, account: str | None = None
) -> TranslationResult:
    """Turn a raw transcript into requirements whose every quote is in a customer-side turn."""
    transcript = parse_transcript(text, fmt)
    candidates = extract_requirements(transcript, account, llm)
    # customer_only: a model that quotes our own rep must not turn a promise into a requirement.
    grounded = ground(candidates, transcript, customer_only=True)
    return TranslationResult(
        requirements=merge_duplicates(grounded.kept),
        dropped=grounded.dropped,
        format=transcript.format,
        turns=len(transcript.turns),
    )
