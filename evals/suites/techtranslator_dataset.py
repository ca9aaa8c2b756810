"""The TechTranslator dataset format: one call per line, gold requirements PMs annotated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from agents.techtranslator.parsers import ALIASES, PARSERS
from agents.techtranslator.schemas import Category, Priority
from evals.datasets import CaseModel, load_cases
from evals.errors import DatasetError

Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class GoldRequirement(BaseModel):
    """A requirement the customer asked for; any ``any_of`` term identifies a prediction of it."""

    model_config = ConfigDict(extra="forbid")

    any_of: list[Term] = Field(min_length=1)
    category: Category
    priority: Priority


class TranslatorExpected(BaseModel):
    """What a good extraction of this call looks like."""

    model_config = ConfigDict(extra="forbid")

    max_requirements: int | None = Field(default=None, ge=0)
    forbidden_title_terms: list[Term] = Field(default_factory=list)
    requirements: list[GoldRequirement]


class TranslatorCase(CaseModel):
    """One dataset line; ``transcript_file`` is relative to the dataset's folder."""

    transcript_file: str = Field(min_length=1)
    format: str | None = Field(default=None, description="omit to auto-detect")
    expected: TranslatorExpected


@dataclass(frozen=True)
class LoadedTranslatorCase:
    """A validated line, its line number and the transcript's resolved path."""

    line: int
    case: TranslatorCase
    transcript: Path


def known_formats() -> list[str]:
    """Every format name the parsers accept, aliases included."""
    return sorted({*PARSERS, *ALIASES})


def load(path: Path) -> list[LoadedTranslatorCase]:
    """Load a TechTranslator dataset; unknown formats and missing transcripts are errors."""
    loaded: list[LoadedTranslatorCase] = []
    for line, case in load_cases(path, TranslatorCase):
        if case.format is not None and case.format.strip().lower() not in known_formats():
            formats = ", ".join(known_formats())
            message = f"unknown format {case.format!r} (known: {formats})"
            raise DatasetError(path, message, line=line, field="format")
        transcript = path.parent / case.transcript_file
        if not transcript.is_file():
            raise DatasetError(
                path, f"transcript not found: {transcript}", line=line, field="transcript_file"
            )
        loaded.append(LoadedTranslatorCase(line, case, transcript))
    return loaded
