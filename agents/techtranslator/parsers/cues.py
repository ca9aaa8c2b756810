"""Caption cues (VTT, SRT) to speaker turns: ``Speaker: text`` prefixes and same-speaker merging."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from agents.techtranslator.parsers.timecodes import clock
from agents.techtranslator.schemas import Turn

UNKNOWN_SPEAKER = "Unknown"

_COLON_PREFIX = re.compile(r"(?P<speaker>[^\W\d_][^:]{0,47}?)[ \t]*:[ \t]+(?P<text>\S.*)")
_MAX_NAME_WORDS = 5
# Lower-case particles that still belong to a name ("Ana de la Cruz", "Ludwig van Beethoven").
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von", "y"}
)


@dataclass(frozen=True)
class Segment:
    """Text from one cue attributed to one speaker; ``speaker`` is ``None`` when nobody is named."""

    line: int
    start_seconds: int
    speaker: str | None
    text: str


def looks_like_name(candidate: str) -> bool:
    """Whether a prefix reads like a speaker name rather than the start of a sentence."""
    words = candidate.split()
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    # "So the thing is: ..." must not become a speaker, so every word must start like a name;
    # caseless scripts (Chinese, Japanese) pass because their letters are never lower-case.
    return not words[0][0].islower() and all(
        not word[0].islower() or word in _NAME_PARTICLES for word in words[1:]
    )


def split_speaker_prefix(line: str) -> tuple[str | None, str]:
    """Split ``"Jane Doe: hello"`` into ``("Jane Doe", "hello")``; other lines get ``None``."""
    match = _COLON_PREFIX.fullmatch(line.strip())
    if match is None or not looks_like_name(match["speaker"]):
        return None, line.strip()
    return " ".join(match["speaker"].split()), match["text"].strip()


def merge_segments(segments: Iterable[Segment]) -> list[Turn]:
    """Merge consecutive segments by the same speaker into turns; unnamed ones become "Unknown"."""
    spoken = [(segment, text) for segment in segments if (text := " ".join(segment.text.split()))]
    turns: list[Turn] = []
    for speaker, run in groupby(spoken, key=lambda item: item[0].speaker or UNKNOWN_SPEAKER):
        pieces = list(run)
        first = pieces[0][0]
        turns.append(
            Turn(
                index=len(turns),
                line=first.line,
                speaker=speaker,
                text=" ".join(text for _, text in pieces),
                timestamp=clock(first.start_seconds),
            )
        )
    return turns
