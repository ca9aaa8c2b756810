"""TechTranslator graph state: the request is separate from the working state."""

from __future__ import annotations

from typing import Any, Required, TypedDict

from pydantic import BaseModel, Field, model_validator

from agents.techtranslator.parsers import parse_transcript


class WriteBack(BaseModel):
    """Where approved requirements become Jira issues (only after a person approves them)."""

    jira_connector: str = Field(min_length=1, description="name of a stored Jira connector")
    project: str = Field(pattern=r"^[A-Z][A-Z0-9_]{0,19}$", description="Jira project key")


class TranslatorRequest(BaseModel):
    """Input of graph ``techtranslator``."""

    transcript: str = Field(min_length=1, description="the call, in any supported format")
    format: str | None = Field(default=None, description="text|vtt|srt|gong|slack; auto when unset")
    account: str | None = Field(default=None, description="the customer account of the call")
    write_back: WriteBack | None = Field(
        default=None, description="propose Jira issues for approval, then create the approved"
    )
    customer_speakers: list[str] = Field(
        default_factory=list, description="speakers known to be the customer (overrides roles)"
    )
    internal_speakers: list[str] = Field(
        default_factory=list, description="speakers known to be our team (overrides roles)"
    )

    @model_validator(mode="after")
    def _parses(self) -> TranslatorRequest:
        # Refuse an unreadable transcript before a run exists: nothing is half-written.
        parse_transcript(self.transcript, self.format)
        return self


class TranslatorInput(TypedDict, total=False):
    transcript: Required[str]
    format: str | None
    account: str | None
    write_back: dict[str, Any] | None
    customer_speakers: list[str]
    internal_speakers: list[str]


class TranslatorOutput(TypedDict, total=False):
    requirements: list[dict[str, Any]]
    dropped: list[dict[str, Any]]
    detected_format: str
    # Only with write_back: the enrichment, what was proposed, decided and created.
    enrichment: dict[str, Any]
    proposal: list[dict[str, Any]]
    duplicates: list[dict[str, Any]]
    suppressed: list[dict[str, Any]]
    decision: dict[str, Any]
    created: list[dict[str, Any]]


WRITE_BACK_OUTPUTS = ("enrichment", "proposal", "duplicates", "suppressed", "decision", "created")


class TranslatorState(TranslatorInput, TranslatorOutput, total=False):
    parsed: dict[str, Any]
    candidates: list[dict[str, Any]]
    stored: int
