"""SubRip (.srt) transcripts to turns.

Speakers come from ``Name: text``, ``[Name] text`` or ``- Name: text`` lines; a line without a
name continues the previous speaker, across subtitles too. ``Turn.line`` is the line of the
subtitle's timing line; consecutive subtitles by one speaker merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from agents.techtranslator.parsers.cues import (
    Segment,
    looks_like_name,
    merge_segments,
    split_speaker_prefix,
)
from agents.techtranslator.parsers.timecodes import span_millis
from agents.techtranslator.schemas import Turn
from devbizops.errors import TranscriptFormatError

_FORMAT = "srt"
_NEWLINE = re.compile(r"\r\n|\r|\n")
_NUMBER = re.compile(r"[ \t]*\d+[ \t]*")
# SubRip wants ',' before the milliseconds, but '.' is common enough in exports to accept.
_TIMESTAMP = re.compile(r"(?P<h>\d{1,9}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)[,.](?P<ms>\d{1,3})")
_MARKUP = re.compile(r"</?(?:[bius]|font)(?:[ \t][^<>]*)?>|\{\\[^{}]*\}", re.IGNORECASE)
_DIALOGUE_DASH = re.compile(r"-(?![\d-])[ \t]*")  # "- Jane: hi", but not "-5%" or "--"
_BRACKET_SPEAKER = re.compile(r"\[(?P<speaker>[^\[\]]{1,48})\][ \t]*(?P<text>.*)")
# Bracketed sound descriptions that must not be mistaken for "[Speaker]" labels.
_SOUND_CUES = frozenset(
    {"applause", "crosstalk", "inaudible", "laughs", "laughter", "music", "noise", "silence"}
)

Block = list[tuple[int, str]]


def parse_srt(text: str) -> list[Turn]:
    """Parse a SubRip transcript into turns, merging consecutive subtitles by the same speaker."""
    lines = _NEWLINE.split(text.removeprefix("\ufeff"))
    segments: list[Segment] = []
    speaker: str | None = None
    for block in _blocks(lines):
        line, start, payload = _subtitle(block)
        for raw in payload:
            named, rest = _line_speaker(_MARKUP.sub("", raw))
            speaker = named or speaker
            segments.append(Segment(line, start, speaker, rest))
    return merge_segments(segments)


def _blocks(lines: list[str]) -> Iterator[Block]:
    """Yield blank-line separated subtitles as (line number, text) pairs."""
    block: Block = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if block:
                yield block
            block = []
            continue
        # A missing blank line between subtitles shows up as "N" then a second timing line.
        if "-->" in line and any("-->" in seen for _, seen in block):
            carried = block[-1:] if _NUMBER.fullmatch(block[-1][1]) else []
            yield block[: len(block) - len(carried)]
            block = carried
        block.append((number, line))
    if block:
        yield block


def _subtitle(block: Block) -> tuple[int, int, list[str]]:
    """Split a subtitle into its timing line number, start second and payload lines."""
    timing_at = 1 if _NUMBER.fullmatch(block[0][1]) else 0
    if timing_at >= len(block):
        raise TranscriptFormatError(
            _FORMAT, "subtitle number without a timing line", line=block[0][0]
        )
    line, timing = block[timing_at]
    if "-->" not in timing:
        expected = "a timing line 'start --> end'" if timing_at else "a subtitle number"
        raise TranscriptFormatError(_FORMAT, f"expected {expected}", line=line)
    span = span_millis(timing, _TIMESTAMP)
    if span is None:
        raise TranscriptFormatError(_FORMAT, f"malformed timing {timing.strip()!r}", line=line)
    if span[1] < span[0]:
        raise TranscriptFormatError(_FORMAT, "subtitle ends before it starts", line=line)
    return line, span[0] // 1000, [text for _, text in block[timing_at + 1 :]]


def _line_speaker(raw: str) -> tuple[str | None, str]:
    """The speaker a payload line names (if any) and its remaining text."""
    line = " ".join(raw.split())
    dash = _DIALOGUE_DASH.match(line)
    if dash is not None:
        line = line[dash.end() :]
    named, rest = split_speaker_prefix(line)
    if named is not None:
        return named, rest
    bracket = _BRACKET_SPEAKER.fullmatch(line)
    if bracket is not None and _is_bracket_name(bracket["speaker"]):
        return " ".join(bracket["speaker"].split()), bracket["text"]
    return None, line


def _is_bracket_name(label: str) -> bool:
    """``[Jane Doe]`` names a speaker; ``[MUSIC]`` or ``[laughs]`` describes a sound."""
    return looks_like_name(label) and not label.isupper() and label.lower() not in _SOUND_CUES
