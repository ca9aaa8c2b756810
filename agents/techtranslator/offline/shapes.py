"""Give the words after a cue a shape: a verb phrase, a noun phrase, or "<someone> to <verb>"."""

from __future__ import annotations

import re

from agents.techtranslator.offline import subjects
from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.phrasing import cut_capability, is_pronoun, tidy
from agents.techtranslator.offline.pointers import points_back
from agents.techtranslator.wordlists import words

_I = re.IGNORECASE
_ABILITY = re.compile(
    r"^(?:(?:a|an|some|any|the)\s+(?:way|option|means|ability|capability|feature|place|setting)"
    r"\s+(?:to|for\s+(?:us|me|them)\s+to)|(?:to\s+)?be\s+able\s+to|being\s+able\s+to|able\s+to)\b",
    _I,
)
_ADVERBS = re.compile(r"^(?:(?:really|just|also|basically|definitely|honestly|like),?\s+)+", _I)
_MANUAL = re.compile(
    r"\b(?:manual(?:ly)?|by\s+hand|re-?type|re-?typing|re-?enter|re-?entering|re-?key|copy\s+and"
    r"\s+paste|copy-paste|double[-\s]entry)\b",
    _I,
)
# "see that it can handle our volume": the need is the clause, not "see that".
_THAT_CLAUSE = re.compile(
    r"^(?:see|make\s+sure|ensure|know|confirm|verify|check|prove)\s+(?:that\s+)?"
    r"(?P<clause>(?:it|we|you|the\s+\w+|[\w-]+)\s+(?:can|could|will|would|is|are|does|do|works?"
    r"|handles?|scales?)\b.*)$",
    _I,
)
_PLACEHOLDER_VP = re.compile(
    r"^(?:be\s+(?:there|included|available|part\s+of\s+(?:it|this|that)|in\s+place|supported"
    r"|ready)|come\s+with\s+(?:it|this|that)|exist|happen|work)$",
    _I,
)
_STOP_VP = re.compile(
    r"^(?:stop|end|go\s+away|disappear|be\s+fixed|get\s+fixed|be\s+resolved)$", _I
)
_PERSON_TO_VP = re.compile(r"^(?:them|him|her)\s+to\s+\w", _I)
_NOUN_VERBS = frozenset({"have", "offer", "provide", "give", "do"})
_PARTICLES = words(
    """in out back up over through into onto off at to for with on about from past"""
)
_OBJECT_PRONOUNS = frozenset(["it", "this", "that", "them", "those", "these", "one"])
_NP_TO_VP = re.compile(
    r"^(?P<np>(?:[\w'-]+\s+){0,5}?[\w'-]+)\s+to\s+(?!(?:the|a|an|our|my|your|their|this|that|all"
    r"|every|each|any|some|us|me|them|it|do|date|market|production|scale)\b)(?P<vp>[a-z][\w-]*\b.*)$"
)
_AUXILIARIES = words(
    """could can would will should had has have was were is are did does do might may must"""
)
_ABLE = frozenset({"can", "could"})
_CONTRACTION = re.compile(r"\b(we|i|it|you|they|there)'(d|ll|re|s|ve)\b", _I)
_EXPANDED = {"d": "would", "ll": "will", "re": "are", "s": "is", "ve": "have"}
_FIXED = re.compile(r"^(?P<what>.+?)\s+(?:fixed|resolved|sorted(?:\s+out)?|addressed|solved)$", _I)
_ING_NOUNS = words(
    """reporting pricing billing onboarding scheduling routing tracking logging monitoring
    messaging invoicing training booking shipping planning mapping marketing accounting
    something anything everything nothing thing setting settings meeting building ticketing
    alerting provisioning single sign-on"""
)
_NEEDS_E = ("at", "iz", "is", "v", "yp", "ak", "ul", "id", "ud", "ir", "uc", "ag", "rg", "ar", "ut")
_HAVE_TO = re.compile(r"\b(?:have|has)\s+to|\bgot\s+to|\bgotta|\bmust\b", _I)


def shape(
    rest: str,
    *,
    verb_first: bool,
    subject: str = "",
    cue: str = "",
    clause_expected: bool = False,
) -> Need | None:
    """Shape the capability words in ``rest``; ``None`` when nothing concrete is left."""
    able = _ABILITY.match(_ADVERBS.sub("", rest.strip())) is not None
    verb_first = verb_first or able
    cap = cut_capability(rest)
    if not cap:
        return None
    if (is_pronoun(cap) and not _PERSON_TO_VP.match(cap)) or _is_topic(cap):
        return Need(kind="pronoun")
    if verb_first:
        manual = bool(_HAVE_TO.search(cue) and _MANUAL.search(cap))
        return _verb_shape(cap, subject, workaround=manual, able=able)
    if clause_expected:
        return _clause_shape(cap)
    return _noun_shape(cap)


def _is_topic(cap: str) -> bool:
    """A lone gerund ("rostering") names a topic; the need usually follows in the next sentence."""
    return " " not in cap and cap.lower().endswith("ing")


def _verb_shape(
    cap: str, subject: str, *, workaround: bool = False, able: bool = False
) -> Need | None:
    words = cap.split()
    verb = words[0].lower()
    if workaround:
        return Need(kind="workaround", phrase=tidy(_MANUAL.sub("", cap)) or cap)
    if verb in _NOUN_VERBS and len(words) > 1 and words[1].lower() not in _PARTICLES:
        obj = " ".join(words[2:] if words[1].lower() in ("us", "me") else words[1:])
        return Need(kind="pronoun") if is_pronoun(obj) else _noun_shape(obj)
    who = subjects.kind_of(subject)
    if who == "thing" and _STOP_VP.match(cap):
        return Need(kind="fix", phrase=subject)  # "the duplicates have to stop"
    if who == "thing" and _PLACEHOLDER_VP.match(cap):
        return _noun_shape(subject)  # "the EDI connection has to come with it": the subject is it
    if len(words) == 1 or points_back(subject, words):
        return Need(kind="pronoun")  # "must have", "it must finish in time": stakes, no object
    complement = _THAT_CLAUSE.match(cap)
    if complement:
        return _clause_shape(complement["clause"])
    object_words = [w for w in words[1:3] if w.lower() not in _PARTICLES]
    if object_words and object_words[0].lower().strip(",.") in _OBJECT_PRONOUNS:
        return Need(kind="pronoun", phrase=cap)
    if verb == "be":
        if words[-1].lower().strip(",.") in _OBJECT_PRONOUNS:
            return Need(kind="pronoun")  # "it must be back under that": stakes for an earlier need
        return Need(
            kind="clause", phrase=cap, subject=subject if who == "thing" else "", modal="be"
        )
    if who in ("we", "product"):
        return Need(kind="verb", phrase=cap, subject="the product" if who == "product" else "")
    return Need(kind="clause", phrase=cap, subject=subject, modal="can" if able else "")


def _clause_shape(cap: str) -> Need | None:
    words = _CONTRACTION.sub(lambda m: f"{m[1]} {_EXPANDED[m[2].lower()]}", cap).split()
    if words[0].lower() in ("we", "i", "it", "you", "they", "there"):
        split = 2 if words[1:2] and words[1].lower() in ("guys", "all") else 1
    else:
        found = (k for k in range(1, min(6, len(words))) if _is_verb_slot(words[k]))
        split = next(found, 0)
        if not split:
            return _noun_shape(cap)  # no verb: "a dark mode for the night shift"
    subject, rest = " ".join(words[:split]), words[split:]
    modal = rest[0].lower() if rest and rest[0].lower() in _AUXILIARIES else ""
    rest = rest[1:] if modal else rest
    if not rest:
        return None
    if subject.lower() == "there":
        return _noun_shape(" ".join(rest))
    if modal in ("was", "were", "is", "are"):
        rest = ["be", *rest]
    elif modal in ("had", "has", "have"):
        rest = ["have", *rest]
    elif not modal:
        rest = [_base_form(rest[0]), *rest[1:]]
    vp = " ".join(rest)
    if subjects.kind_of(subject) in ("we", "product"):
        return _verb_shape(vp, subject)
    if rest[0].lower() == "be":
        return Need(kind="clause", phrase=vp, subject=subject, modal="be")
    return Need(kind="clause", phrase=vp, subject=subject, modal="can" if modal in _ABLE else "")


def _is_verb_slot(word: str) -> bool:
    lower = word.lower()
    return lower in _AUXILIARIES or (lower.endswith("ed") and len(lower) > 4)


def _noun_shape(cap: str) -> Need | None:
    fixed = _FIXED.match(cap)
    if fixed:
        if is_pronoun(fixed["what"]):
            return Need(kind="pronoun")
        return Need(kind="fix", phrase=fixed["what"])
    split = _NP_TO_VP.match(cap)
    if split and split["np"].lower() not in ("way", "the way", "a way"):
        np_kind = subjects.kind_of(split["np"])
        if split["np"].lower() in ("those", "these"):
            return Need(kind="pronoun")
        if np_kind == "product":
            return _verb_shape(split["vp"], "it")
        vp = split["vp"]
        if vp.split()[0].lower() == "be":
            return Need(kind="clause", phrase=vp, subject=split["np"], modal="be")
        return Need(kind="clause", phrase=vp, subject=split["np"])
    first = cap.split()[0]
    if first.lower().endswith("ing") and len(first) > 4 and first.lower() not in _ING_NOUNS:
        return _verb_shape(" ".join([_base_form(first), *cap.split()[1:]]), "")
    return Need(kind="noun", phrase=cap)


def _base_form(word: str) -> str:
    """Undo -ing / -ed / -s on a verb well enough for a title ("syncing" -> "sync")."""
    lower = word.lower()
    for suffix in ("ing", "ed"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            # "stopping" -> "stop", but "adding" -> "add": no verb is two letters long
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1].lower() not in "lsfz":
                return stem[:-1]
            if lower.endswith("ied"):
                return word[:-3] + "y"
            return stem + "e" if stem.lower().endswith(_NEEDS_E) else stem
    if lower.endswith("es") and lower[:-2].endswith(("sh", "ch", "x", "ss")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return word[:-1]
    return word
