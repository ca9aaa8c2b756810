"""TechTranslator's data: parsed transcripts in, evidence-backed requirements out."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Category = Literal["feature", "integration", "security_compliance", "performance", "bug"]
Priority = Literal["must", "should", "could"]
Party = Literal["customer", "internal", "unknown"]

CATEGORIES: tuple[Category, ...] = (
    "feature",
    "integration",
    "security_compliance",
    "performance",
    "bug",
)
PRIORITIES: tuple[Priority, ...] = ("must", "should", "could")


class Turn(BaseModel):
    """One speaker turn of a transcript, as parsed from the source format."""

    index: int = Field(description="0-based position of the turn in the transcript")
    line: int = Field(description="1-based line number in the source file where the turn starts")
    speaker: str
    role: str | None = Field(default=None, description="role/affiliation given in the source")
    party: Party = "unknown"
    text: str
    timestamp: str | None = None


class Transcript(BaseModel):
    """A parsed transcript: the turns plus the raw text they came from."""

    format: str
    turns: list[Turn]
    raw: str


class Evidence(BaseModel):
    """A verbatim quote from the transcript that supports a requirement."""

    speaker: str
    quote: str = Field(min_length=1, description="verbatim words from the transcript")
    timestamp: str | None = None


class Requirement(BaseModel):
    """A structured technical requirement derived from what a customer said."""

    title: str = Field(min_length=3, max_length=120)
    user_story: str = Field(description="As a <role>, I want <capability> so that <benefit>.")
    acceptance_criteria: list[str] = Field(min_length=1, description="Given/When/Then statements")
    category: Category
    priority: Priority
    evidence: list[Evidence] = Field(min_length=1)


class RequirementSet(BaseModel):
    """What the extraction step returns."""

    requirements: list[Requirement]
