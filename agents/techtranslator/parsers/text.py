"""Plain-text transcripts: ``Speaker: text`` / ``Speaker (role): text`` lines, optional timestamps.

Lines without a speaker prefix continue the previous turn; lines before the first speaker line
(a title, a date, an attendee list) are a preamble and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.techtranslator.schemas import Turn
from agents.techtranslator.wordlists import words
from devbizops.errors import TranscriptFormatError

_FORMAT = "text"
_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIMESTAMP = re.compile(rf"[\[(]?(?P<ts>{_CLOCK})[\])]?")
_SPEAKER_LINE = re.compile(
    rf"""(?:[\[(]?(?P<ts>{_CLOCK})[\])]?[ \t]*(?:[-–—|][ \t]*)?)?
    (?P<speaker>[^\s:()\[\]][^:()\[\]]{{0,59}}?)[ \t]*
    (?:\((?P<role>[^()]{{1,100}})\)[ \t]*)?
    (?:[\[(](?P<ts2>{_CLOCK})[\])][ \t]*)?
    :(?:[ \t]+(?P<text>.*)|[ \t]*)""",
    re.VERBOSE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"[\w.-]*[\d_.][\w.-]*")
_MAX_NAME_WORDS = 5
# Lower-case particles that still belong to a name ("Ana de la Cruz").
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von"}
)
# Labels that end in a colon in notes and headers but are never people.
_LABELS = words(
    """note notes also so ps example update summary agenda todo fyi re subject title date time
    attendees participants location duration meeting call recording transcript warning
    important reminder edit tldr answer question http https url link source topic decision
    decisions outcome result results goal goals problem issue solution context background
    status owner priority action next"""
)


@dataclass
class _Draft:
    line: int
    speaker: str
    role: str | None
    timestamp: str | None
    parts: list[str] = field(default_factory=list)


def parse_text(text: str) -> list[Turn]:
    """Parse a plain-text transcript into turns; TranscriptFormatError when there are none."""
    drafts: list[_Draft] = []
    pending_timestamp: str | None = None
    first_content: int | None = None
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        first_content = first_content or number
        stamp = _TIMESTAMP.fullmatch(line)
        if stamp:
            # Some exports put the timestamp on its own line above the speaker line.
            pending_timestamp = stamp["ts"]
            continue
        draft = _speaker_line(line, number)
        if draft is not None:
            draft.timestamp = draft.timestamp or pending_timestamp
            pending_timestamp = None
            drafts.append(draft)
        elif drafts:
            drafts[-1].parts.append(_strip_timestamp(line))
    if first_content is None:
        raise TranscriptFormatError(_FORMAT, "transcript is empty", line=1)
    turns = [_turn(draft) for draft in drafts if any(draft.parts)]
    if not turns:
        raise TranscriptFormatError(
            _FORMAT,
            "no 'Speaker: text' lines found",
            line=drafts[0].line if drafts else first_content,
        )
    return [turn.model_copy(update={"index": index}) for index, turn in enumerate(turns)]


def _speaker_line(line: str, number: int) -> _Draft | None:
    match = _SPEAKER_LINE.fullmatch(line)
    if match is None or not looks_like_speaker(match["speaker"]):
        return None
    role = (match["role"] or "").strip() or None
    timestamp = match["ts"] or match["ts2"]
    if role is not None and _TIMESTAMP.fullmatch(role):
        timestamp, role = timestamp or role.strip("()[]"), None
    body = (match["text"] or "").strip()
    speaker = " ".join(match["speaker"].split())
    return _Draft(number, speaker, role, timestamp, [body] if body else [])


def looks_like_speaker(candidate: str) -> bool:
    """Whether a colon prefix reads like a person (name, email, handle) rather than prose."""
    name = candidate.strip()
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or name.casefold() in _LABELS:
        return False
    if not name[0].isalnum():
        return False
    if len(words) == 1 and (_EMAIL.fullmatch(name) or _HANDLE.fullmatch(name)):
        return True
    # Every word starts like a name, so "So the thing is: ..." stays part of the text.
    return not words[0][0].islower() and all(
        not word[0].islower() or word in _PARTICLES for word in words[1:]
    )


def _strip_timestamp(line: str) -> str:
    match = _TIMESTAMP.match(line)
    if match and line[match.end() : match.end() + 1] in (" ", "\t"):
        return line[match.end() :].strip()
    return line


def _turn(draft: _Draft) -> Turn:
    text = " ".join(part for part in draft.parts if part)
    return Turn(
        index=0,
        line=draft.line,
        speaker=draft.speaker,
        role=draft.role,
        text=text,
        timestamp=draft.timestamp,
    )
