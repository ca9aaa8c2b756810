"""Find a quote in a transcript after case and whitespace normalisation, and cut an excerpt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

EXCERPT_CHARS = 160


@dataclass(frozen=True)
class Excerpt:
    """The transcript text around a quote: ``before`` + ``match`` + ``after``."""

    source: str  # who said it, or "transcript" when found in the raw file only
    before: str
    match: str
    after: str


def _squash(text: str) -> tuple[str, list[int]]:
    """Lowercase ``text`` and collapse whitespace; also map each output char to its source index."""
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, char in enumerate(text):
        if char.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            index.append(i - 1)
            pending_space = False
        for lowered in char.lower():
            out.append(lowered)
            index.append(i)
    return "".join(out), index


def normalise(text: str) -> str:
    """Lowercase and collapse whitespace (the grounding comparison)."""
    return _squash(text)[0]


def find_span(haystack: str, needle: str) -> tuple[int, int] | None:
    """The ``[start, end)`` span of ``needle`` in ``haystack``, compared normalised."""
    target = normalise(needle)
    if not target:
        return None
    squashed, index = _squash(haystack)
    at = squashed.find(target)
    if at < 0:
        return None
    return index[at], index[at + len(target) - 1] + 1


def _cut(text: str, span: tuple[int, int], width: int) -> tuple[str, str, str]:
    start, end = span
    lo, hi = max(0, start - width), min(len(text), end + width)
    if lo > 0 and " " in text[lo:start]:
        lo = text.index(" ", lo) + 1
    if hi < len(text) and " " in text[end:hi]:
        hi = text.rindex(" ", end, hi)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return before, text[start:end], after


def locate(
    quote: str, turns: Iterable[tuple[str, str]], raw: str = "", width: int = EXCERPT_CHARS
) -> Excerpt | None:
    """Find ``quote`` in one of the ``(speaker, text)`` turns, else in ``raw``; None if absent."""
    for speaker, text in turns:
        span = find_span(text, quote)
        if span is not None:
            return Excerpt(speaker, *_cut(text, span, width))
    span = find_span(raw, quote) if raw else None
    if span is not None:
        return Excerpt("transcript", *_cut(raw, span, width))
    return None
