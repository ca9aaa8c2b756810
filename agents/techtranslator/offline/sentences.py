"""Split turn text into sentences and clauses as (start, end) spans of the original text."""

from __future__ import annotations

import re

from agents.techtranslator.wordlists import words

Span = tuple[int, int]

_BOUNDARY = re.compile(r"[.!?…]+[\"')\]”’]*(?=\s|$)|\n\s*\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_ABBREVIATIONS = words(
    """e.g i.e etc vs mr mrs ms dr st inc ltd co corp approx a.m p.m u.s jr sr no fig dept"""
)
# Strong joints inside a spoken sentence: each side can carry its own need.
_CLAUSE_JOINT = re.compile(
    r"\s*;\s*|\s+(?:—|–|--)\s+|,?\s+but\s+|,?\s+and\s+also\s+|,\s+also\s+|,\s+plus\s+"
    r"|,\s+and\s+then\s+|,?\s+whereas\s+|,?\s+although\s+|,\s+though\s+|,?\s+however,?\s+"
    r"|,\s+and\s+(?=(?:we|I|it|they|you|the\s+\w+\s+(?:has|have|needs?|must))\b)",
    re.IGNORECASE,
)
_EDGE_JUNK = frozenset(" \t\n\r,;:.!?…-—–\"'“”‘’()[]")


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` as trimmed spans; abbreviations like "e.g." do not end a sentence."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith(".") and len(match.group()) == 1:
            word = _WORD_BEFORE.search(text, start, match.start())
            before = word.group(1) if word else ""
            if before.lower() in _ABBREVIATIONS or (len(before) == 1 and before.isupper()):
                continue
        _add(spans, text, start, match.end())
        start = match.end()
    _add(spans, text, start, len(text))
    return spans


def clause_spans(text: str, span: Span) -> list[Span]:
    """Clauses of the sentence at ``span``, split at strong joints ("; ", ", but ", " -- ")."""
    clauses: list[Span] = []
    start = span[0]
    for match in _CLAUSE_JOINT.finditer(text, span[0], span[1]):
        _add(clauses, text, start, match.start())
        start = match.end()
    _add(clauses, text, start, span[1])
    return clauses


def trim(text: str, span: Span) -> Span:
    """Shrink a span past surrounding punctuation, quotes and whitespace."""
    start, end = span
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    return start, end


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
