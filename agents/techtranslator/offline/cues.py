"""Sentence filters: what is never a requirement (injections, chatter, deals, negations, curiosity).

Every pattern runs on text whose curly apostrophes were straightened (same length, so spans stay
valid for the original text) and is case-insensitive.
"""

from __future__ import annotations

import re

from agents.techtranslator.offline.classify import SYSTEMS

_I = re.IGNORECASE

# Instructions aimed at whatever reads the transcript; they are data and must not steer output.
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+)*"
    r"(?:previous|prior|above|earlier|preceding|system|original|existing|other)?\s*"
    r"(?:instructions?|prompts?|rules|messages|context|guidelines|directions)\b"
    r"|\byou\s+are\s+now\b|\bact\s+as\s+(?:an?\s+)?(?:admin|system|assistant|ai|developer)\b"
    r"|\bpretend\s+(?:to\s+be|you\s+are)\b|(?:^|[\s\"'(\[])(?:system|assistant|developer)\s*:"
    r"|\bsystem\s+prompt\b|\bnew\s+instructions\b|\bjailbreak|\bas\s+an\s+ai\b"
    r"|\b(?:mark|flag|set|label|tag|classify|treat)\s+(?:this|that|it|everything|all|these|those|"
    r"every\s+\w+|each\s+\w+|them|the\s+\w+)(?:\s+\w+){0,3}?\s+(?:as\s+)?(?:urgent|critical|"
    r"high[-\s]priority|top\s+priority|must|p0|p1|blocker|priority)\b"
    r"|\b(?:set|change|raise|bump)\s+(?:the\s+)?priority\b"
    r"|(?:^|,|\band\b|\balso\b|\bplease\b|\bthen\b)\s*(?:please\s+)?(?:create|make|give|grant|add|"
    r"provision|set\s+up)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+)?(?:new\s+)?(?:admin|administrator|"
    r"root|superuser|owner)\s+(?:account|access|user|role|rights|privileges|login)"
    r"|\b(?:give|grant)\s+(?:me|us)\s+(?:admin|root|superuser|full)\s+(?:access|rights|privileges)"
    r"|\b(?:cancel|close|delete|remove|drop|reject)\s+(?:all\s+)?(?:the\s+)?(?:other\s+)?"
    r"(?:tickets|issues|requirements|requests|stories|epics)\b"
    r"|<\|?im_start|\[/?INST\]|###\s*instruction",
    _I,
)
_CURIOSITY = re.compile(
    r"\b(?:just|purely)\s+(?:curious|wondering)|\bout\s+of\s+(?:pure\s+)?curiosity"
    r"|\bnot\s+that\s+we\s+need|\bfor\s+my\s+own\s+(?:curiosity|understanding)|\brandom\s+question",
    _I,
)
# Family, food, weather, travel: never product needs, wherever they appear.
_SOCIAL = re.compile(
    r"\b(?:weather|snow|rain|weekend|vacation|holiday|kids?|toddler|birthday|wedding|golf|coffee"
    r"|lunch|dinner|drinks?|beers?|trip|hotel|summit|traffic|parking|deep\s+dish)\b",
    _I,
)
# Logistics verbs that open a request to the vendor's people, not the product.
_LOGISTICS = re.compile(
    r"^(?:also\s+|just\s+|maybe\s+|quickly\s+)?(?:run|jump|go|leave|hop|drop\s+off|say|admit"
    r"|be\s+honest|wait|hear|repeat|explain|clarify|think\s+about|talk|discuss|check\s+with"
    r"|loop\s+in|get\s+back|circle\s+back|catch\s+up|sync\s+up|touch\s+base|meet|send|email"
    r"|share|forward|pull|confirm|look\s+into|walk\s+(?:me|us|them)|get\s+(?:me|us)\b"
    r"|see\s+(?:a|the|your)\s+(?:demo|deck|proposal)|set\s+up\s+(?:a|the|another)\s+"
    r"(?:call|meeting|time|demo|test)|schedule\s+(?:a|the|another|some)|be\s+live|go\s+live"
    r"|get\s+started|kick\s*off|know\s+(?:what|how\s+much|when))\b"
    r"|^(?:bring|invite|join|attend|reschedule|book\s+(?:a|the|some)|walk\s+you|take\s+(?:a|two|"
    r"\d+|a\s+few)\s+(?:minutes?|seconds?|moment)|add\s+(?:a|one|the)\s+(?:\w+\s+)?(?:point"
    r"|angle|thought|comment|question)|do\s+(?:a|the)\s+(?:ride-along|site\s+visit|tour"
    r"|orientation|safety))\b|\byou\s+(?:could|can)\s+(?:share|send)\b"
    r"|\b(?:a|the|another|next|quick|follow[-\s]?up)\s+(?:call|meeting|demo)\b"
    r"|\b(?:deck|slides|case\s+stud(?:y|ies)|timeline|deadline)\b",
    _I,
)
_COMMERCIAL = re.compile(
    r"\b(?:discounts?|price|prices|pricing|costs?|budget|contracts?|invoices?|invoicing|billing"
    r"|payment|net\s+(?:\d+|thirty|sixty|ninety|forty[-\s]five)|quotes?|proposal|PO|purchase\s+"
    r"orders?|procurement|MSA|redlines?|signatures?|licen[cs]es?|seats?|per\s+seat|renew(?:al)?"
    r"|term|terms|rate|W-?9|vendor\s+file|paperwork|legal\s+review|trial\s+extension|refund"
    r"|credit|rebate|spend|afford|money)\b",
    _I,
)
# A product noun next to a commercial word keeps the sentence ("export invoices to QuickBooks").
_PRODUCT_OBJECT = re.compile(
    r"\b(?:export|import|sync|integrat\w*|api|webhook|report|dashboard|field|screen|module"
    r"|automat\w*|generate|reconcil\w*|feature|workflow|rate\s+limits?|alerts?|notifications?"
    r"|reminders?|events?|data|search|filter|bulk|edit|catalog|skus?)\b",
    _I,
)
_NEGATION = re.compile(
    r"\b(?:don't|do\s+not|doesn't|does\s+not|won't|will\s+not|wouldn't|would\s+not|didn't"
    r"|did\s+not|never|no\s+longer)\s+(?:really\s+|actually\s+|necessarily\s+|even\s+|"
    r"particularly\s+|currently\s+|yet\s+)?(?:need|require|want|care|use|ask|expect)"
    r"|\bno\s+(?:real\s+)?need\s+(?:for|to)\b|\bnot\s+(?:looking|interested|asking|planning)\b"
    r"|\b(?:isn't|is\s+not|aren't|are\s+not|not)\s+(?:really\s+|actually\s+|that\s+|at\s+all\s+)?"
    r"(?:a\s+|an\s+|our\s+|much\s+of\s+a\s+|high\s+|something\s+we\s+)?(?:priority|requirement"
    r"|concern|needed|necessary|required|important|need)\b"
    r"|\b(?:can|could)\s+live\s+without\b|\bfine\s+without\b|\bdoesn't\s+matter\b"
    r"|\bdon't\s+think\s+(?:we|I)\s+(?:\w+\s+)?need\b|\bnobody\s+(?:\w+\s+)?(?:mentions?|asks?"
    r"|uses?|cares?|wants?)\b",
    _I,
)
# "My reps won't use it unless it's in Salesforce" is a condition, not a negation.
_CONDITION = re.compile(r"\b(?:unless|without|until|if|except)\b", _I)
# "We don't want users to see X" states a requirement in the negative; it is not a negation.
_NEGATIVE_REQUIREMENT = re.compile(
    r"\b(?:don't|do\s+not)\s+want\s+(?:to\s+have\s+to|anyone|anybody|people|users|customers"
    r"|patients|staff|them|our|their)\b",
    _I,
)
_RESOLVED = re.compile(
    r"\b(?:got|was|were|been|is|are)\s+(?:already\s+)?(?:fixed|resolved|sorted)\b"
    r"|\bno\s+big\s+deal\b|\bnot\s+a\s+big\s+deal\b|\bworks?\s+fine\s+now\b",
    _I,
)
_PROMISE = re.compile(
    r"\bwe\s+can\s+(?:definitely|absolutely|totally|easily)\b|\bwe'll\s+(?:build|add|ship|have)\b"
    r"|\bon\s+(?:our|the)\s+roadmap\b|\bwe\s+offer\b|\bour\s+(?:platform|product)\s+(?:does|can)\b",
    _I,
)


_BLAME_ELSEWHERE = re.compile(
    r"\bnot\s+(?:on\s+)?you(?:r\s+(?:fault|problem|issue|side|product|end))?\b"
    r"|\bnothing\s+to\s+do\s+with\s+you\b",
    _I,
)


def blames_elsewhere(sentence: str) -> bool:
    """Whether the speaker says a problem is not the vendor's ("that's Shopify, not you")."""
    return _BLAME_ELSEWHERE.search(sentence) is not None


def is_injection(sentence: str) -> bool:
    """Whether a sentence tries to instruct the reader (the model, the pipeline) instead of us."""
    return _INJECTION.search(sentence) is not None


def is_curiosity(sentence: str) -> bool:
    """Whether the speaker flags a question as mere curiosity."""
    return _CURIOSITY.search(sentence) is not None


def is_chatter(phrase: str, subject: str = "") -> bool:
    """Whether a would-be capability is really small talk, logistics or the deal itself."""
    phrase = phrase.strip()
    words = f"{subject} {phrase}".strip()
    if _SOCIAL.search(words):
        return True
    business = _LOGISTICS.search(phrase) or _COMMERCIAL.search(words)
    product = _PRODUCT_OBJECT.search(words) or SYSTEMS.search(words)
    return business is not None and not product


def is_negated(clause: str) -> bool:
    """Whether the clause says the need does not exist ("we don't need X", "X isn't a priority")."""
    if _NEGATION.search(clause) is None or _NEGATIVE_REQUIREMENT.search(clause):
        return False
    return _CONDITION.search(clause) is None


def is_resolved(clause: str) -> bool:
    """Whether a complaint is about something already fixed or shrugged off."""
    return _RESOLVED.search(clause) is not None


def is_promise(clause: str) -> bool:
    """Whether the clause is a vendor pitch or promise (guards speakers of unknown party)."""
    return _PROMISE.search(clause) is not None
