"""Walk one turn sentence by sentence and yield the needs it states, with their exact quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from agents.techtranslator.offline.cues import blames_elsewhere, is_curiosity, is_injection
from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.needs import find_needs
from agents.techtranslator.offline.sentences import Span, clause_spans, sentence_spans, trim

_I = re.IGNORECASE
_WH_QUESTION = re.compile(
    r"^(?:(?:so|and|but|okay|ok|oh|um+|uh+|also|well|quick\s+question)[\s,]+)*"
    r"(?:what|who|whom|where|when|why|how|which)\b",
    _I,
)
_LEADING_WORDS = re.compile(
    r"^(?:(?:and|but|so|also|plus|though|however|oh|okay|ok|yeah|yes|well|um+|uh+)\b[\s,]*)+", _I
)


@dataclass(frozen=True)
class Statement:
    """A need found in a turn: the need, the verbatim quote and the text that surrounds it."""

    need: Need
    quote: str
    context: str
    question: bool


def straighten(text: str) -> str:
    """Curly to straight apostrophes; same length, so spans index the original text too."""
    return text.replace("’", "'").replace("‘", "'")


def statements(text: str) -> Iterator[Statement]:
    """Needs stated in ``text`` (one turn), in order; injections and curiosity are skipped."""
    view = straighten(text)
    for span in sentence_spans(view):
        sentence = view[span[0] : span[1]]
        question = sentence.rstrip(" \"'”)").endswith("?")
        if is_injection(sentence) or is_curiosity(sentence):
            continue
        if question and _WH_QUESTION.match(sentence):
            continue  # "how does it handle X?" asks how, it does not ask for X
        elsewhere = blames_elsewhere(sentence)
        for need, group in _groups(view, span, question):
            if elsewhere and need.kind == "complaint":
                continue
            start, end = _quote_span(view, group)
            if start < end:
                yield Statement(need, text[start:end], view[group[0] : group[1]], question)


def _groups(view: str, sentence: Span, question: bool) -> list[tuple[Need, Span]]:
    """Split a sentence into one span per clause with needs; clauses without one join the last."""
    groups: list[tuple[list[Need], Span]] = []
    lead_start: int | None = None
    for start, end in clause_spans(view, sentence):
        needs = find_needs(view[start:end], question=question)
        if needs:
            groups.append((needs, (lead_start if lead_start is not None else start, end)))
            lead_start = None
        elif groups:
            previous, (group_start, _) = groups[-1]
            groups[-1] = (previous, (group_start, end))
        elif lead_start is None:
            lead_start = start
    return [(need, span) for needs, span in groups for need in needs]


def _quote_span(view: str, span: Span) -> Span:
    start, end = trim(view, span)
    lead = _LEADING_WORDS.match(view[start:end])
    if lead and lead.end() < end - start:
        start += lead.end()
    return trim(view, (start, end))
