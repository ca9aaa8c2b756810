"""WebVTT transcripts (Teams ``<v>`` voice tags, Zoom ``Name: text`` cues) to turns.

``Turn.line`` is the line of the cue's timing line; consecutive cues by one speaker merge.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from agents.techtranslator.parsers.cues import Segment, merge_segments, split_speaker_prefix
from agents.techtranslator.parsers.timecodes import span_millis
from agents.techtranslator.schemas import Turn
from devbizops.errors import TranscriptFormatError

_FORMAT = "vtt"
_NEWLINE = re.compile(r"\r\n|\r|\n")
_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_NON_CUE_BLOCK = re.compile(r"NOTE(?:[ \t].*)?|STYLE[ \t]*|REGION[ \t]*")
# Hours are capped at 9 digits so int() never meets Python's huge-integer guard.
_TIMESTAMP = re.compile(r"(?:(?P<h>\d{2,9}):)?(?P<m>[0-5]\d):(?P<s>[0-5]\d)\.(?P<ms>\d{3})")
_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][\w-]*)(?:\.[^\s.<>]+)*(?:[ \t](?P<annotation>[^<>]*))?>"
    r"|<(?:\d{2,9}:)?\d{2}:\d{2}\.\d{3}>"
)

Block = list[tuple[int, str]]


def parse_vtt(text: str) -> list[Turn]:
    """Parse a WebVTT transcript into turns, merging consecutive cues by the same speaker."""
    lines = _NEWLINE.split(text.removeprefix("\ufeff"))
    if not _HEADER.fullmatch(lines[0]):
        raise TranscriptFormatError(_FORMAT, "missing WEBVTT header", line=1)
    segments: list[Segment] = []
    for block in _blocks(lines):
        segments.extend(_cue_segments(block))
    return merge_segments(segments)


def _blocks(lines: list[str]) -> Iterator[Block]:
    """Yield the blank-line separated blocks after the header, each as (line number, text)."""
    position = 1
    # Header text runs to the first blank line; tolerate a cue that starts right under it.
    while position < len(lines) and lines[position].strip() and "-->" not in lines[position]:
        position += 1
    block: Block = []
    for number, line in enumerate(lines[position:], start=position + 1):
        if not line.strip():
            if block:
                yield block
            block = []
            continue
        # As in the WebVTT parsing algorithm, an arrow after the timing line starts a new cue.
        if "-->" in line and (len(block) >= 2 or any("-->" in seen for _, seen in block)):
            yield block
            block = []
        block.append((number, line))
    if block:
        yield block


def _cue_segments(block: Block) -> list[Segment]:
    """Turn one block into speaker segments; NOTE, STYLE and REGION blocks yield nothing."""
    first = block[0][1]
    if "-->" not in first and _NON_CUE_BLOCK.fullmatch(first.rstrip()):
        return []
    timing_at = 0 if "-->" in first else 1  # an optional cue identifier comes first
    if timing_at >= len(block) or "-->" not in block[timing_at][1]:
        line = block[min(1, len(block) - 1)][0]
        raise TranscriptFormatError(
            _FORMAT, "expected a cue timing line 'start --> end'", line=line
        )
    line, timing = block[timing_at]
    start = _cue_start_seconds(timing, line)
    payload = "\n".join(text for _, text in block[timing_at + 1 :])
    return [Segment(line, start, speaker, text) for speaker, text in _speaker_texts(payload)]


def _cue_start_seconds(timing: str, line: int) -> int:
    """Validate ``start --> end [settings]`` and return the start in whole seconds."""
    span = span_millis(timing, _TIMESTAMP)
    if span is None:
        hint = " (WebVTT puts '.' before the milliseconds)" if "," in timing else ""
        raise TranscriptFormatError(
            _FORMAT, f"malformed cue timing {timing.strip()!r}{hint}", line=line
        )
    if span[1] < span[0]:
        raise TranscriptFormatError(_FORMAT, "cue ends before it starts", line=line)
    return span[0] // 1000


def _speaker_texts(payload: str) -> list[tuple[str | None, str]]:
    """Attribute cue text to speakers: ``<v>`` voice spans first, then ``Name:`` prefixes."""
    spans: list[tuple[str | None, str]] = []
    voice: str | None = None
    buffer: list[str] = []
    position = 0
    for tag in _TAG.finditer(payload):
        buffer.append(payload[position : tag.start()])
        position = tag.end()
        if tag["name"] != "v":
            continue  # formatting, classes and karaoke timestamps say nothing about the speaker
        spans.append((voice, "".join(buffer)))
        buffer = []
        voice = None if tag["close"] else _clean(tag["annotation"] or "") or None
    buffer.append(payload[position:])
    spans.append((voice, "".join(buffer)))

    texts: list[tuple[str | None, str]] = []
    speaker: str | None = None  # unnamed text continues whoever spoke last in this cue
    for span_voice, raw in spans:
        if span_voice is not None:
            speaker = span_voice
            texts.append((speaker, _clean(raw)))
            continue
        for raw_line in raw.split("\n"):
            named, rest = split_speaker_prefix(_clean(raw_line))
            speaker = named or speaker
            texts.append((speaker, rest))
    return texts


def _clean(text: str) -> str:
    """Decode character references (``&amp;``, ``&nbsp;``...) and collapse whitespace."""
    return " ".join(html.unescape(text).split())
