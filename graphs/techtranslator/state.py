"""TechTranslator graph state: the request is separate from the working state."""

from __future__ import annotations

from typing import Any, Required, TypedDict

from pydantic import BaseModel, Field, model_validator

from agents.techtranslator.parsers import parse_transcript


class TranslatorRequest(BaseModel):
    """Input of graph ``techtranslator``."""

    transcript: str = Field(min_length=1, description="the call, in any supported format")
    format: str | None = Field(default=None, description="text|vtt|srt|gong|slack; auto when unset")
    account: str | None = Field(default=None, description="the customer account of the call")

    @model_validator(mode="after")
    def _parses(self) -> TranslatorRequest:
        # Refuse an unreadable transcript before a run exists: nothing is half-written.
        parse_transcript(self.transcript, self.format)
        return self


class TranslatorInput(TypedDict, total=False):
    transcript: Required[str]
    format: str | None
    account: str | None


class TranslatorOutput(TypedDict, total=False):
    requirements: list[dict[str, Any]]
    dropped: list[dict[str, Any]]
    detected_format: str


class TranslatorState(TranslatorInput, TranslatorOutput, total=False):
    parsed: dict[str, Any]
    candidates: list[dict[str, Any]]
    stored: int
