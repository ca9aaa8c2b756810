"""Threads of a call: link sentences that point back ("that's a blocker") to the need they mean."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.techtranslator.offline.classify import classify
from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.priority import stakes, strongest
from agents.techtranslator.offline.scan import Statement
from agents.techtranslator.parties import speaker_key
from agents.techtranslator.schemas import Category, Evidence, Priority, Turn
from agents.techtranslator.wordlists import words

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]+")
_POINTING = frozenset({"", "it", "this", "that", "they", "we", "i", "those", "these"})
_STOP = words(
    """the a an and or to of for in on with we i it our my your their this that is are be was
    were been have has had can could would will should just really so but not no yes if when
    then there here they them you what which who how all any some more very also still get got
    need needs want wants like able way thing things lot right fine going"""
)
_OBJECT_PAINS = frozenset(
    {"lost", "duplicate", "ratelimit"}
)  # "we lose the event": the object is the news
_SAME_SPEAKER_TURNS = 5
_POINTER_TURNS = 2
_TOPIC_TURNS = 40
_MAX_RESTATEMENT_WORDS = 3


@dataclass
class Candidate:
    """A need on its way to becoming a requirement, with the evidence gathered for it."""

    turn: Turn
    need: Need
    category: Category
    priority: Priority
    context: str
    evidence: list[Evidence] = field(default_factory=list)
    topics: frozenset[str] = frozenset()


def topics(*texts: str) -> frozenset[str]:
    """Content words (crudely singular) of ``texts``, for matching a thread's topic."""
    words = _WORD.findall(" ".join(texts).lower().replace("’", "'"))
    return frozenset(w.removesuffix("s") for w in words if w not in _STOP and len(w) > 2)


def link(statement: Statement, turn: Turn, found: list[Candidate], evidence: Evidence) -> bool:
    """Attach ``statement`` to an earlier need when it only points back at it; True if attached."""
    need = statement.need
    target: Candidate | None = None
    if need.kind == "pronoun" and need.phrase:
        # "export it": a new ask about an earlier object; only safe right after that object
        target = _same_speaker(found, turn, _POINTER_TURNS)
        if target is None:
            return True
    elif need.kind == "pronoun":
        target = _same_speaker(found, turn, _SAME_SPEAKER_TURNS) or _by_topic(
            found, turn, topics(statement.context)
        )
        if target is None or stakes(statement.context) is None:
            return True  # "that would help": nothing to keep without stakes or a target
    elif need.kind == "complaint" and need.pain not in _OBJECT_PAINS and _pointing(need.subject):
        target = _same_speaker(found, turn, _SAME_SPEAKER_TURNS)
        nearby = target is not None and turn.index - target.turn.index <= _POINTER_TURNS
        if target is not None and not (nearby and target.need.kind == "complaint"):
            target = target if target.category == classify(need) else None
        if target is None and not need.condition:
            return True  # "it doesn't retry" with nothing to hang it on is too vague alone
    elif _restates(need):
        target = _by_topic(found, turn, topics(need.subject, need.phrase))
    if target is None:
        return False
    said = stakes(statement.context)
    if said == "must":
        target.priority = strongest(target.priority, said)
    target.evidence.append(evidence)
    return True


def _pointing(subject: str) -> bool:
    words = subject.lower().split()
    return not words or words[0] in _POINTING


def _restates(need: Need) -> bool:
    """A short definite need ("the numbers to be right") usually restates an earlier one."""
    words = f"{need.subject} {need.phrase}".lower().split()
    definite = bool(words) and words[0] in ("the", "that", "those", "these")
    return (
        need.kind in ("noun", "clause", "fix")
        and definite
        and len(topics(need.subject, need.phrase)) <= _MAX_RESTATEMENT_WORDS
    )


def _same_speaker(found: list[Candidate], turn: Turn, window: int) -> Candidate | None:
    for candidate in reversed(found):
        if turn.index - candidate.turn.index > window:
            return None
        if speaker_key(candidate.turn.speaker) == speaker_key(turn.speaker):
            return candidate
    return None


def _by_topic(found: list[Candidate], turn: Turn, words: frozenset[str]) -> Candidate | None:
    for candidate in reversed(found):
        if turn.index - candidate.turn.index > _TOPIC_TURNS:
            return None
        if words & candidate.topics:
            return candidate
    return None


def absorb_workarounds(candidates: list[Candidate]) -> list[Candidate]:
    """ "We have to retype it by hand" is the pain behind a nearby need; fold it into that need."""
    kept = [c for c in candidates if c.need.kind != "workaround"]
    for workaround in (c for c in candidates if c.need.kind == "workaround"):
        near = [
            c
            for c in kept
            if speaker_key(c.turn.speaker) == speaker_key(workaround.turn.speaker)
            and abs(c.turn.index - workaround.turn.index) <= _POINTER_TURNS
        ]
        if near:
            target = min(near, key=lambda c: abs(c.turn.index - workaround.turn.index))
            target.evidence.extend(workaround.evidence)
        else:
            kept.append(workaround)
    order = {id(c): i for i, c in enumerate(candidates)}
    return sorted(kept, key=lambda c: order[id(c)])
