"""Find the need a clause expresses, if any, and the capability words it is about."""

from __future__ import annotations

import re

from agents.techtranslator.offline import subjects
from agents.techtranslator.offline.complaints import find_complaint
from agents.techtranslator.offline.cues import is_negated, is_resolved
from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.objects import last_item, object_before
from agents.techtranslator.offline.phrasing import cut_capability, tidy
from agents.techtranslator.offline.shapes import shape

_I = re.IGNORECASE
_ADV = (
    r"(?:(?:really|definitely|absolutely|also|still|just|basically|probably|actually|ideally"
    r"|obviously|realistically|eventually|all|both|seriously|desperately|honestly)\s+)*"
)
_WITHOUT = re.compile(
    r"\b(?:can't|cannot|can\s+not|won't|will\s+not|couldn't|wouldn't)\s+(?:\S+\s+){0,7}?"
    r"(?:without|unless\s+(?:we\s+have|there's|there\s+is|it\s+has|you\s+have))\s+(?P<rest>.+)"
    r"|^without\s+(?P<lead>[^,]+),\s*(?:we|I|they)\s+(?:can't|cannot|won't|couldn't)\b",
    _I,
)
_CONDITIONAL = re.compile(
    r"\bif\s+(?P<cap>.+?)\s+(?:(?:is|are|'s|'re)\s+)?(?:still\s+)?(?:isn't|aren't|is\s+not|are\s+not"
    r"|doesn't\s+get|don't\s+get|hasn't\s+been|haven't\s+been|not|never\s+gets?)\s+(?:been\s+)?"
    r"(?:fixed|resolved|sorted|addressed|solved|in\s+place|available|there|ready|done|supported"
    r"|shipped|delivered|live)\b",
    _I,
)
_COORDINATION = re.compile(r",?\s+and\s+(?=(?:the|a|an|our|my|some)\s)", _I)
_FOCUS = re.compile(
    rf"\b(?:what\s+(?:we|I)\s+{_ADV}(?:need|want|care\s+about)(?:\s+most)?\s+is"
    r"|(?:the|our|my)\s+(?:(?:main|big|biggest|most\s+important|key|only|one|real|first|top"
    r"|second|other|last|final)\s+)+(?:thing|ask|need|requirement|priority|request|piece)"
    r"(?:\s+(?:for\s+us|we\s+need|I\s+need))?\s+is"
    r"|(?:our|my)\s+(?:#?1|number\s+one|top|main|biggest)\s+(?:priority|ask|need|requirement)\s+is"
    r"|all\s+(?:we|I)\s+(?:really\s+)?(?:need|want)\s+is)\s+(?P<rest>.+)",
    _I,
)
_PREVENT = re.compile(
    r"\b(?:we|I)\s+(?:really\s+)?(?:don't|do\s+not)\s+want\s+(?P<rest>to\s+have\s+to\s+.+|"
    r"(?:anyone|anybody|people|users|customers|patients|staff|them|our|their)\b.+)",
    _I,
)
_WISH = re.compile(
    r"(?:\b(?:it\s*)?(?:would|'d|will|'ll)\s+be\s+(?:really\s+|so\s+|super\s+|very\s+|pretty\s+)?"
    r"(?:great|nice|awesome|amazing|good|helpful|ideal|cool|huge|useful|fantastic|wonderful"
    r"|a\s+(?:big|huge)\s+help|a\s+game[-\s]?changer)|\bit(?:'s|\s+is)\s+(?:really\s+|very\s+"
    r"|super\s+|absolutely\s+)?(?:critical|important|essential|key|mandatory|crucial|vital))"
    r"\s+(?P<link>if|to|that|for\s+us\s+to)\s+(?P<rest>.+)"
    r"|\bI\s+(?:just\s+|really\s+)?wish\s+(?:that\s+)?(?P<wish>.+)"
    r"|\bif\s+(?P<ifwish>(?:we|I)\s+could\s+.+?),\s+(?:that|it|this)(?:\s+would|'d)\s+(?:be|help"
    r"|make|save)\b",
    _I,
)
_MODAL = re.compile(
    rf"\b{_ADV}(?P<cue>must|(?:need|needs)\s+to|(?:have|has)\s+to|(?:'ve|have)\s+got\s+to|gotta"
    r"|should\s+be\s+able\s+to|(?:want|wants|'d\s+want|would\s+want|'d\s+like|would\s+like|'d\s+love"
    r"|would\s+love|'re\s+hoping|are\s+hoping|'d\s+need|would\s+need|'ll\s+need|will\s+need"
    r"|'re\s+looking|are\s+looking|am\s+looking|'m\s+looking)\s+to)\s+(?P<rest>.+)",
    _I,
)
_WANT = re.compile(
    rf"\b{_ADV}(?P<cue>need|needs|require|requires|want|wants|'d\s+want|would\s+want|'d\s+like"
    r"|would\s+like|'d\s+love|would\s+love|'d\s+need|would\s+need|'re\s+looking\s+for|are\s+looking"
    r"\s+for|am\s+looking\s+for|'m\s+looking\s+for|'re\s+hoping\s+for|(?:keep|keeps|have\s+been"
    r"|'ve\s+been)\s+asking\s+(?:us\s+)?for|asked\s+for)\s+(?P<rest>.+)",
    _I,
)
_GAP = re.compile(
    r"\b(?:we|I)\s+(?:currently\s+|still\s+|just\s+|really\s+)?(?:can't|cannot|can\s+not"
    r"|have\s+no\s+way\s+to|don't\s+have\s+a\s+way\s+to)\s+(?:currently\s+|easily\s+|even\s+)?"
    r"(?P<rest>(?:see|export|find|get|track|filter|search|add|change|edit|report|connect|tell"
    r"|show|sync|import|integrate|automate|assign|share|control|limit|restrict|manage|pull|push"
    r"|view|access|audit|print|download|upload|customi[sz]e|configure|undo|recover|restore)\b.+)"
    r"|\b(?:it|your\s+\w+|the\s+(?:product|platform|tool|system|app))\s+(?:doesn't|does\s+not"
    r"|can't|cannot)\s+(?:currently\s+|even\s+|yet\s+)?(?P<prest>(?:support|have|offer|integrate"
    r"|handle|let|allow|export|import|connect|work\s+with|do)\b.+)",
    _I,
)
_POSTFIX = re.compile(
    r"^(?P<cap>.+?)\s*(?:\bis|\bare|'s|'re|\bwas|\bbecomes?|\bwould\s+be|'d\s+be|\bwill\s+be)\s+"
    r"(?:(?:really|absolutely|definitely|pretty|super|so|also|just|kind\s+of|a|an|the|our|my"
    r"|another|huge|big|real|hard|firm|total|complete|top)\s+)*(?:must(?:-have|\s+have)?"
    r"|requirement|blocker|deal[-\s]?breaker|show[-\s]?stopper|non[-\s]?negotiable|critical"
    r"|essential|mandatory|required|necessary|important|priority|key|nice[-\s]to[-\s]have"
    r"|game[-\s]?changer)\b"
    r"|^(?P<soft>.+?)\s*(?:\bwould|\bwill|'d|'ll)\s+(?:be\s+(?:really\s+|so\s+|super\s+)?(?:nice"
    r"|great|helpful|huge|useful|amazing|awesome|ideal|cool|handy|valuable|a\s+(?:big\s+|huge\s+)?"
    r"(?:help|win|plus|bonus))|(?:really\s+)?help|save\s+(?:us|me|her|him|them|my|our|the|a|hours"
    r"|time))\b",
    _I,
)
_ASKS_PEOPLE = re.compile(
    r"\b(?:can|could|will|would)\s+(?:you|you\s+guys|you\s+all)\s+(?:also\s+|please\s+|just\s+)?"
    r"(?:send|email|share|forward|pull|confirm|check|look\s+into|get\s+back|loop|walk|explain"
    r"|set\s+up\s+(?:a|the|another)|schedule|remind|ping|resend|give\s+(?:me|us)\s+a|hop|update\s+the"
    r"|put\s+together|follow\s+up|repeat|hear|see\s+my)\b",
    _I,
)
_QUESTION = re.compile(
    r"\b(?:is\s+there\s+(?:a|any)\s+(?:way|option|setting)\s+(?:to|for\s+(?:us|me)\s+to|(?:that\s+)?"
    r"(?:we|I)\s+(?:can|could))|is\s+it\s+possible\s+(?:to|for\s+(?:us|me)\s+to)|(?:are|is)\s+"
    r"(?:you|you\s+guys|it)\s+able\s+to|any\s+(?:plans?|chance)\s+(?:to|of|for|you\s+could)"
    r"|(?:can|could|will|would)\s+(?:it|you|you\s+guys|you\s+all|we|I|your\s+\w+|the\s+(?:system"
    r"|platform|product|tool|app))|(?:does|do)\s+(?:it|you|you\s+guys|your\s+\w+|the\s+\w+))"
    r"\s+(?:also\s+|even\s+|actually\s+|currently\s+|already\s+)?(?P<rest>.+)",
    _I,
)


def find_needs(clause: str, *, question: bool = False) -> list[Need]:
    """Needs in ``clause``: explicit statements first, else a complaint, else stakes only."""
    explicit = [] if is_negated(clause) else _explicit(clause, question)
    concrete = [need for need in explicit if need.kind != "pronoun"]
    if concrete:
        return concrete
    complaint = find_complaint(clause)
    if complaint is not None and not is_resolved(clause) and not question:
        return [complaint]
    return explicit[:1]


def _explicit(clause: str, question: bool) -> list[Need]:
    found = _FOCUS.search(clause)
    if found:
        return _each(found["rest"])
    need = _framed(clause)
    if need is not None:
        return [need]
    cues = sorted(
        [(m.start(), True, m) for m in _MODAL.finditer(clause)]
        + [(m.start(), False, m) for m in _WANT.finditer(clause)],
        key=lambda found: found[0],
    )
    for _, verb_first, match in cues:
        subject = subjects.before(clause, match.start())
        if (
            subject is None
            or subject.lower() in ("a", "an", "the")
            or _suggestion(subject, match["cue"])
        ):
            continue
        if not verb_first:
            return _each(match["rest"], subject=subject, cue=match["cue"])
        shaped = shape(match["rest"], verb_first=True, subject=subject, cue=match["cue"])
        return [shaped] if shaped is not None else []
    need = _gap_postfix_question(clause, question)
    return [need] if need is not None else []


def _each(rest: str, subject: str = "", cue: str = "") -> list[Need]:
    """Shape every coordinated item: "the audit log and the duplicate bug fixed" is two needs."""
    parts = _COORDINATION.split(rest)
    shaped = (shape(part, verb_first=False, subject=subject, cue=cue) for part in parts)
    return [need for need in shaped if need is not None]


def _framed(clause: str) -> Need | None:
    """Needs framed by a condition or a wish: "can't X without Y", "it'd be great if ..."."""
    found = _WITHOUT.search(clause)
    if found:
        return shape(found["rest"] or found["lead"], verb_first=False)
    found = _CONDITIONAL.search(clause)
    if found:
        return shape(f"{found['cap']} fixed", verb_first=False)
    found = _PREVENT.search(clause)
    if found:
        return Need(kind="prevent", phrase=cut_capability(found["rest"]))
    found = _WISH.search(clause)
    if found and (found["wish"] or found["ifwish"]):
        wish = found["wish"] or found["ifwish"]
        return shape(wish, verb_first=False, clause_expected=True)
    if found:
        verb_first = found["link"].lower() not in ("if", "that")
        verb = cut_capability(found["rest"])
        if verb_first and len(verb.split()) == 1:
            return object_before(clause[: found.start()], verb)
        return shape(found["rest"], verb_first=verb_first, clause_expected=not verb_first)
    return None


def _suggestion(subject: str, cue: str) -> bool:
    """ "You might want to look at it" advises the vendor; "you need to fix it" demands."""
    demand = re.match(r"(?:must|needs?|have|has|'ve|gotta|got)\b", cue, _I)
    return subject.lower().startswith("you") and demand is None


def _gap_postfix_question(clause: str, question: bool) -> Need | None:
    found = _GAP.search(clause)
    if found:
        return shape(found["rest"] or found["prest"], verb_first=True)
    found = _POSTFIX.search(clause)
    if found:
        subject = last_item(found["cap"] or found["soft"])
        return shape(subjects.strip_gerund(tidy(subject)), verb_first=False)
    found = _QUESTION.search(clause) if question else None
    if found and _ASKS_PEOPLE.search(clause[found.start() : found.start("rest") + 40]):
        return None  # "can you send me the list" asks the vendor's people for a favour
    if found:
        need = shape(found["rest"], verb_first=True, subject="it")
        return None if need is None else Need(**{**need.__dict__, "question": True})
    return None
