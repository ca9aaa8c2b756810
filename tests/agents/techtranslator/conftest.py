"""Fixtures for TechTranslator tests: the sample transcripts, raw and parsed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.schemas import Transcript

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "transcripts"


@pytest.fixture
def sample_text() -> Callable[[str], str]:
    """Read a sample transcript by file stem."""

    def read(name: str) -> str:
        return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")

    return read


@pytest.fixture
def sample(sample_text: Callable[[str], str]) -> Callable[[str], Transcript]:
    """Parse a sample transcript by file stem."""

    def parse(name: str) -> Transcript:
        return parse_transcript(sample_text(name))

    return parse
