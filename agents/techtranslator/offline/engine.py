"""The offline requirement extractor: customer turns in, deduplicated evidence-backed needs out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from agents.techtranslator.dedupe import merge_duplicates
from agents.techtranslator.offline.classify import SYSTEMS, classify
from agents.techtranslator.offline.compose import compose
from agents.techtranslator.offline.cues import is_chatter, is_promise
from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.priority import prioritise, weaker
from agents.techtranslator.offline.resolution import drop_resolved
from agents.techtranslator.offline.scan import Statement, statements
from agents.techtranslator.offline.threads import Candidate, absorb_workarounds, link, topics
from agents.techtranslator.offline.wellformed import is_well_formed
from agents.techtranslator.parties import speaker_key
from agents.techtranslator.schemas import (
    Evidence,
    Requirement,
    RequirementSet,
    Transcript,
    Turn,
)
from devbizops.errors import InvalidInput
from tools.llm.base import ExtractTask

_I = re.IGNORECASE
_DEMONSTRATIVE = re.compile(
    r"\b(?:that|this|the)\s+(?P<noun>integration|connector|connection|sync|feed|api|interface)\b",
    _I,
)
_CONTEXT = re.compile(
    r"\b(?:we|our\s+team)\s+(?:use|run|rely|have|live|submit|send|report|process|manage|track"
    r"|store|ship|sell|handle|do|work|keep|file|book|bill|pay|get)\b|\bwe're\s+(?:on|using|a)\b"
    r"|\bbecause\b"
    r"|\bsince\s+we\b|\bour\s+(?:\w+\s+)?(?:team|users|auditors|customers|process|workflow|stack)\b",
    _I,
)


def extract_requirements(task: ExtractTask[RequirementSet]) -> RequirementSet:
    """Rule-based extraction for the task ``techtranslator.requirements``."""
    transcript = task.context.get("transcript")
    if not isinstance(transcript, Transcript):
        raise InvalidInput("techtranslator.requirements needs context['transcript']: Transcript")
    return RequirementSet(requirements=requirements_from(transcript))


def requirements_from(transcript: Transcript) -> list[Requirement]:
    """Requirements stated by customer (and unknown-party) speakers in ``transcript``."""
    roles: dict[str, str] = {}
    for turn in transcript.turns:
        if turn.role:
            roles.setdefault(speaker_key(turn.speaker), turn.role)
    candidates = _candidates(transcript.turns)
    composed = [
        compose(
            c.need,
            category=c.category,
            priority=c.priority,
            role=roles.get(speaker_key(c.turn.speaker)),
            tail=c.context,
            evidence=c.evidence,
        )
        for c in absorb_workarounds(drop_resolved(candidates, transcript.turns))
    ]
    return merge_duplicates(composed)


def _candidates(turns: Sequence[Turn]) -> list[Candidate]:
    has_customers = any(turn.party == "customer" for turn in turns)
    found: list[Candidate] = []
    for turn in turns:
        if turn.party == "internal":
            continue  # our own side's promises and questions are never requirements
        backed = bool(_CONTEXT.search(turn.text.replace("’", "'")))
        for found_statement in statements(turn.text):
            statement = _resolve_demonstrative(found_statement, turn.text)
            evidence = Evidence(
                speaker=turn.speaker, quote=statement.quote, timestamp=turn.timestamp
            )
            if _ignorable(statement, turn, has_customers, backed):
                continue
            if link(statement, turn, found, evidence):
                continue
            need = statement.need
            category = classify(need)
            priority = prioritise(statement.context, need, category, backed=backed)
            if turn.party == "unknown" and has_customers:
                priority = weaker(priority)
            about = topics(
                need.subject, need.phrase, need.condition, need.pain or "", statement.quote
            )
            found.append(
                Candidate(turn, need, category, priority, statement.context, [evidence], about)
            )
    return found


def _ignorable(statement: Statement, turn: Turn, has_customers: bool, backed: bool) -> bool:
    need = statement.need
    if is_chatter(need.phrase, need.subject):
        return True
    if not is_well_formed(need):
        return True
    unknown = turn.party == "unknown"
    if unknown and is_promise(statement.context):
        return True
    return unknown and has_customers and need.question and not backed


def _resolve_demonstrative(statement: Statement, turn_text: str) -> Statement:
    """ "We need that integration" right after naming Epic means an Epic integration."""
    if statement.need.kind != "pronoun" or statement.need.phrase:
        return statement
    named = _DEMONSTRATIVE.search(statement.context)
    system = SYSTEMS.search(turn_text)
    if named is None or system is None:
        return statement
    need = Need(kind="noun", phrase=f"{system.group()} {named['noun'].lower()}")
    return replace(statement, need=need)
