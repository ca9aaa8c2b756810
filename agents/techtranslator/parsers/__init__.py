"""Transcript parsing: pick a format, parse it to turns, then decide each speaker's party."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from agents.techtranslator.parsers.detect import detect_format
from agents.techtranslator.parsers.gong import parse_gong
from agents.techtranslator.parsers.slack import parse_slack
from agents.techtranslator.parsers.srt import parse_srt
from agents.techtranslator.parsers.text import parse_text
from agents.techtranslator.parsers.vtt import parse_vtt
from agents.techtranslator.parties import assign_parties
from agents.techtranslator.schemas import Transcript, Turn
from devbizops.errors import TranscriptFormatError

ParseFn = Callable[[str], list[Turn]]

# Format name -> parser. Every parser returns turns with party "unknown" unless its source says.
PARSERS: dict[str, ParseFn] = {
    "text": parse_text,
    "vtt": parse_vtt,
    "srt": parse_srt,
    "gong": parse_gong,
    "slack": parse_slack,
}
ALIASES: dict[str, str] = {
    "txt": "text",
    "plain": "text",
    "webvtt": "vtt",
    "zoom": "vtt",
    "gong-json": "gong",
    "slack-json": "slack",
}

__all__ = ["ALIASES", "PARSERS", "detect_format", "parse_transcript"]


def parse_transcript(
    text: str,
    fmt: str | None = None,
    *,
    customer_speakers: Sequence[str] = (),
    internal_speakers: Sequence[str] = (),
) -> Transcript:
    """Parse ``text`` (format ``fmt`` or detected) and assign customer/internal parties."""
    name = detect_format(text) if fmt is None else fmt.strip().lower()
    name = ALIASES.get(name, name)
    parse = PARSERS.get(name)
    if parse is None:
        allowed = ", ".join(sorted(PARSERS))
        raise TranscriptFormatError(str(fmt), f"unknown format; allowed formats: {allowed}")
    turns = assign_parties(
        parse(text), customer_speakers=customer_speakers, internal_speakers=internal_speakers
    )
    return Transcript(format=name, turns=turns, raw=text)
