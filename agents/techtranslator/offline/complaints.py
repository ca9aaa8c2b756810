"""Complaints: something is slow, times out, crashes, errors, is wrong, duplicates or loses data."""

from __future__ import annotations

import re

from agents.techtranslator.offline.need import Need, Pain
from agents.techtranslator.offline.phrasing import tidy

_I = re.IGNORECASE
_AMOUNT = (
    r"(?:\d[\d,.]*|a\s+few|several|a\s+couple(?:\s+of)?|two|three|four|five|ten|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|ninety)\s*\+?\s*(?:full\s+)?(?:seconds?|secs?|minutes?|mins?|hours?)"
)
_PAINS: tuple[tuple[Pain, re.Pattern[str]], ...] = (
    (
        "timeout",
        re.compile(
            r"\btim(?:es|ed|ing)\s+out\b|\btimeouts?\b|\b(?:to|will|would|may|might)\s+time\s+out\b",
            _I,
        ),
    ),
    (
        "ratelimit",
        re.compile(
            r"\b(?:hit(?:ting)?|get(?:ting)?|got)\s+(?:\w+\s+){0,2}?(?:429s?|rate[-\s]limit(?:ed|s)?"
            r"|throttled)\b|\b(?:are|get|getting|got)\s+throttled\b",
            _I,
        ),
    ),
    (
        "slow",
        re.compile(
            r"\b(?:latency|response\s+times?|load\s+times?|p9[059])\s+(?:\w+\s+){0,2}?(?:went|goes"
            r"|go|is|are|was|were|spiked?|jumped?|climbed?)\s+(?:up\s+)?(?:above|over|past|to)\b"
            r"|\bstaring\s+at\s+(?:a\s+)?spinners?\b|"
            rf"\b(?:is|are|'s|'re|was|were|been|gets?|got|feels?|seems?|getting|running|loads?)\s+"
            rf"(?:\w+\s+){{0,2}}?(?:slow|sluggish|laggy)\b|\btoo\s+slow\b|\b(?:takes?|took|taking)\s+"
            rf"(?:\w+\s+){{0,3}}?{_AMOUNT}\b|\btakes?\s+forever\b|\bslows?\s+(?:\w+\s+)?down\b",
            _I,
        ),
    ),
    ("crash", re.compile(r"\bcrash(?:es|ed|ing)?\b|\bfreez(?:es|ing)\b|\bfroze\b", _I)),
    (
        "error",
        re.compile(
            r"\b(?:throws?|threw|gives?|gave|get|getting|got|shows?|showed|returns?|returned|hit)"
            r"\s+(?:us\s+|me\s+)?(?:an?\s+|the\s+|this\s+|these\s+)?(?:\w+\s+){0,2}?(?:errors?"
            r"|exceptions?|500s?|404s?|stack\s+traces?)\b|\berror(?:s|ing)?\s+out\b",
            _I,
        ),
    ),
    (
        "fail",
        re.compile(
            r"\bfails\b|\bfailed\s+(?:to|on|for|again|when|with|every)\b"
            r"|\b(?:is|are|was|were|been|keeps?|kept|started|starts)\s+failing\b",
            _I,
        ),
    ),
    (
        "wrong",
        re.compile(
            r"\b(?:is|are|was|were|been|'s|'re|comes?\s+out|shows?|looks?)\s+(?:still\s+|just\s+"
            r"|completely\s+|totally\s+|always\s+|often\s+|sometimes\s+)?(?:wrong|incorrect"
            r"|inaccurate)\b|\b(?:don't|doesn't)\s+(?:add\s+up|match|line\s+up)\b",
            _I,
        ),
    ),
    (
        "duplicate",
        re.compile(
            r"\b(?:creates?|created|creating|makes?|made)\s+(?:a\s+)?(?:second|duplicate|extra"
            r"|double)\b|\b(?:getting|get|got|seeing|see)\s+duplicates?\b|\bduplicates\s+the\b",
            _I,
        ),
    ),
    (
        "lost",
        re.compile(
            r"\b(?:lose|loses|lost|losing|dropp(?:ed|ing)|drops)\s+(?:\w+\s+){0,2}?(?:data|records?"
            r"|rows?|orders?|shipments?|entries|messages?|notes?|changes?|events?|transactions?"
            r"|tickets?|files?|work)\b",
            _I,
        ),
    ),
    (
        "broken",
        re.compile(
            r"\b(?:is|are|'s|'re|was|were|been|seems?|got|gets?)\s+(?:\w+\s+)?(?:broken|busted|buggy"
            r"|flaky|unreliable|corrupted)\b|\b(?:doesn't|does\s+not|don't|do\s+not|isn't|is\s+not"
            r"|aren't|won't|didn't|stopped)\s+(?:always\s+|even\s+|really\s+|actually\s+|reliably\s+)?"
            r"(?:work|working|load|loading|save|saving|sync|syncing|update|updating|refresh|retry"
            r"|retrying|show\s+up|come\s+through|arrive|appear)\b|\bthere'?s\s+(?:a|an|this|some)\s+(?:\w+\s+)?(?:bug|glitch|issue|problem)"
            r"\s+(?:with|in|where|when)\b",
            _I,
        ),
    ),
)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|is|are|was|were|been|keeps?|kept|just|still|always|sometimes|often"
    r"|constantly|also|really|literally|basically|randomly|every\s+so\s+often|then|now|started"
    r"|starts|will|would|can|could|does|do|did|it's|that's|'s))+\s*$",
    _I,
)
_TRAILING_PRONOUN = re.compile(r"(?:^|[\s,])(?P<subj>it|this|that|they|we|I)\s*$", _I)
_ADVERB_TAIL = re.compile(r"(?:\s+\w+ly)+\s*$", re.IGNORECASE)
_TRAILING_JOIN = re.compile(r"[\s,]+(?:and|but|so|or|then)$", _I)
_FREQUENCY = re.compile(
    r"\b(?:every\s+so\s+often|sometimes|occasionally|randomly|often|constantly|just|still)\b", _I
)
_CONDITION_START = re.compile(
    r"^(?:when|whenever|if|every\s+time|each\s+time|after|once|as\s+soon\s+as|at|on|during"
    r"|for|with)\b",
    _I,
)
_CONDITION_TAIL = re.compile(
    r"\b(?:when|whenever|if|every\s+time|each\s+time|after|once|during)\b.*$", _I
)
_LEADING = re.compile(
    r"^(?:(?:and|but|so|also|honestly|right\s+now|today|lately|recently|um+|uh+|like|the\s+thing"
    r"\s+is|the\s+problem\s+is|the\s+issue\s+is|what\s+happens\s+is|I\s+mean|yeah|okay|plus|if"
    r"|since\s+[^,]+|mostly\s+good!?|which\s+is)\b[\s,]*)+",
    _I,
)
_TAKES_TO = re.compile(
    rf"{_AMOUNT}\s+(?:just\s+)?(?:to|for)\s+(?P<action>(?:[^,.;]|\.(?=\S))+)", _I
)
_OBSERVED = re.compile(_AMOUNT, _I)
_VAGUE_ACTION = re.compile(
    r"come\s+back|load|finish|show\s+up|happen|run|respond|complete|return|open|go\s+through|work"
    r"|start",
    _I,
)
_OBJECT_AFTER = re.compile(
    r"^\s*(?:a\s+)?(?:second|duplicate|extra|double)?\s*(?P<obj>[a-z-]+)", _I
)
_CURRENT_TOOL = re.compile(r"\b(?:current|old|existing|legacy|previous|homegrown)\b", _I)


def find_complaint(clause: str) -> Need | None:
    """The first complaint in ``clause`` with its subject, trigger condition and observed delay."""
    for pain, pattern in _PAINS:
        match = pattern.search(clause)
        if match is None:
            continue
        subject, condition = _subject_and_condition(_AUX_TAIL.sub("", clause[: match.start()]))
        after = clause[match.end() :]
        if not condition:
            tail = _CONDITION_TAIL.search(after)
            condition = tidy(tail.group()) if tail else ""
        if _CURRENT_TOOL.search(subject) and pain != "slow":
            return None  # their old tool's bugs are context, not our backlog
        observed = _OBSERVED.search(clause[match.start() :])
        takes = _TAKES_TO.search(clause)
        return Need(
            kind="complaint",
            pain=pain,
            subject=subject,
            condition=condition,
            phrase=_detail(pain, match.group(), after, takes),
            observed=observed.group() if observed else "",
        )
    return None


def _subject_and_condition(before: str) -> tuple[str, str]:
    """ "When a nurse saves a form, it" -> ("it", "When a nurse saves a form")."""
    pronoun = _TRAILING_PRONOUN.search(before)
    if pronoun:
        condition = tidy(_FREQUENCY.sub("", before[: pronoun.start()]))
        condition = (
            tidy(_LEADING.sub("", condition))
            if not _CONDITION_START.match(condition)
            else condition
        )
        condition = _TRAILING_JOIN.sub("", condition)
        keep = _CONDITION_START.match(condition)
        return pronoun["subj"], condition if keep else ""
    segment = _ADVERB_TAIL.sub("", before.rsplit(",", 1)[-1])
    return tidy(_LEADING.sub("", segment.strip())), ""


def _detail(pain: Pain, matched: str, after: str, takes: re.Match[str] | None) -> str:
    """The words a title needs: the slow action, or the thing duplicated or lost."""
    if pain == "slow" and takes and not _VAGUE_ACTION.fullmatch(tidy(takes["action"])):
        return tidy(takes["action"])
    if pain == "duplicate":
        obj = _OBJECT_AFTER.match(after)
        return obj["obj"] if obj else ""
    if pain == "lost":
        return matched.split()[-1]
    return ""
