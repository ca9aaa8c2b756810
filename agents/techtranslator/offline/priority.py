"""Priority from the customer's own strength of language and what is at stake."""

from __future__ import annotations

import re

from agents.techtranslator.offline.need import Need
from agents.techtranslator.schemas import Category, Priority

_I = re.IGNORECASE
_COULD = re.compile(
    r"\bnice[-\s]to[-\s]have\b|\b(?:would|'d)\s+be\s+(?:nice|cool|neat)\b|\bsome\s*day\b"
    r"|\bnot\s+urgent\b|\bno\s+rush\b|\beventually\b|\bbonus\b|\bdown\s+the\s+road\b"
    r"|\bat\s+some\s+point\b|\bwish\s*list\b|\bif\s+possible\b|\blow(?:er)?\s+priority\b"
    r"|\bnot\s+(?:a\s+|that\s+|really\s+a\s+)?(?:critical|crucial|must|must[-\s]have|requirement"
    r"|priority|blocker|deal[-\s]?breaker|big\s+deal|huge\s+deal|show[-\s]?stopper|essential"
    r"|necessary)\b|\blong(?:er)?[-\s]term\b|\bin\s+the\s+future\b|\bphase\s+(?:2|two)\b|\bv2\b"
    r"|\blater\s+on\b|\bthat's\s+later\b|\bnot\s+(?:right\s+now|for\s+launch|day\s+one|this\s+year)"
    r"|\bwould\s+be\s+a\s+plus\b|\bicing\s+on\s+the\s+cake\b|\bcould\s+live\s+without\b"
    r"|\bone\s+small\s+thing\b|\bminor\b|\bsmall(?:er)?\s+(?:thing|ask|request)\b"
    r"|\b(?:isn't|is\s+not|not)\s+(?:that\s+|really\s+|very\s+|super\s+)?important\b",
    _I,
)
_MUST = re.compile(
    r"\bmust\b|\b(?:have|has)\s+to\b|\b(?:'ve|have)\s+got\s+to\b|\bgotta\b|\bblock(?:er|ing)\b"
    r"|\bdeal[-\s]?breaker\b|\bshow[-\s]?stopper\b|\bnon[-\s]?negotiable\b|\brequirement\b"
    r"|\bnot\s+negotiable\b|\bnon[-\s]?starter\b|\bno\s+[\w-]+(?:\s+[\w-]+)?,\s+no\s+(?:contract|deal"
    r"|sale|renewal|go|signature|purchase)\b|\b(?:defend(?:ing)?|justify(?:ing)?)\s+the\s+renewal\b"
    r"|\bhard\s+time\s+(?:defending|justifying)\b"
    r"|\brequired\b|\bmandatory\b|\bcritical\b|\bessential\b|\bcrucial\b|\bvital\b|\bhard\s+stop\b"
    r"|\b(?:can't|cannot|can\s+not|won't|will\s+not|couldn't|wouldn't)\s+(?:\S+\s+){0,7}?"
    r"(?:without|unless|until)\b|\bneed\w*\b.{0,60}?\bbefore\s+(?:we|the|our|Q[1-4]|renewal"
    r"|launch|go-?live|signing)\b|\b(?:want|need)\w*\b.{0,60}?\bbefore\s+we\s+(?:commit|sign|buy"
    r"|renew|go\s+live|roll)|\b(?:legal|compliance|security\s+team|infosec|auditors?|regulators?"
    r"|the\s+law|ciso|compliance\s+officer)\s+(?:team\s+)?(?:requires?|mandates?|insists?|won't"
    r"|was\s+(?:pretty\s+)?clear)\b|\bby\s+law\b|\blegally\b|\bregulat\w+\b|\b(?:renewal|contract)"
    r"\s+(?:is\s+)?(?:at\s+risk|on\s+the\s+line|in\s+jeopardy)\b|\bnot\s+(?:going\s+to\s+)?renew"
    r"|\bneed\w*\b.{0,40}?\bto\s+(?:launch|go\s+live|sign|renew)\b|\bwon't\s+renew\b|\blook(?:ing)?\s+(?:elsewhere|at\s+other\s+(?:vendors|options|tools"
    r"|solutions))|\bswitch(?:ing)?\s+(?:vendors|providers|tools)\b|\b(?:we|I)(?:'ll|\s+will|'re"
    r"\s+going\s+to|\s+would)?\s+churn\b|\bcancel\s+(?:the"
    r"|our)\s+(?:contract|subscription)\b|\bwalk\s+away\b|\b(?:top|number\s+one|#1|highest)\s+"
    r"priority\b|\bkilling\s+us\b|\bunusable\b|\blosing\s+(?:money|customers|deals|revenue)\b",
    _I,
)
# "I have to say" and "we have to retype it by hand" describe, they do not demand.
_WEAK_HAVE_TO = re.compile(
    r"\b(?:I|you)\s+(?:have|had)\s+to\s+(?:say|admit|tell|be\s+honest|agree|laugh)\b", _I
)
_CONSEQUENCE = re.compile(
    r"\b(?:otherwise|so\s+that|so\s+(?=we|I|they|our|my)|which\s+means|because|since|and\s+then)\b",
    _I,
)
_DESCRIPTIVE_MUST = re.compile(r"\b(?:have|has|had)\s+to\b|\bmust\b|\bgotta\b|\bgot\s+to\b", _I)
_REGULATION = re.compile(
    r"\b(?:hipaa|gdpr|soc\s*(?:[12]|ii)|pci|fedramp|sox|ccpa|hitrust|iso\s*27001|regulat\w+"
    r"|ferpa|coppa|cjis|itar|glba"
    r"|auditors?|compliance\s+officer|the\s+law|by\s+law)\b",
    _I,
)
_RANK: dict[Priority, int] = {"could": 0, "should": 1, "must": 2}


def stakes(text: str) -> Priority | None:
    """The priority words in ``text`` alone say, or ``None`` when they say nothing."""
    text = _WEAK_HAVE_TO.sub(" ", text)
    consequence = _CONSEQUENCE.search(text)
    if consequence:
        # "otherwise we have to refund people" describes the pain; it does not rank the need
        head, tail = text[: consequence.start()], text[consequence.start() :]
        text = head + _DESCRIPTIVE_MUST.sub(" ", tail)
    masked = _COULD.sub(" ", text)
    if _MUST.search(masked):
        return "must"
    return "could" if _COULD.search(text) else None


def prioritise(text: str, need: Need, category: Category, *, backed: bool) -> Priority:
    """Priority of ``need`` stated in ``text``; ``backed`` = the speaker gave context for it."""
    if need.kind == "workaround":
        text = re.sub(r"\b(?:have|has)\s+to\b", " ", text, flags=_I)
    said = stakes(text)
    if said is not None:
        return said
    if category == "security_compliance" and _REGULATION.search(text) and not need.question:
        return "must"  # a regulator's rule is not optional
    if need.question and not backed:
        return "could"
    return "should"


def strongest(first: Priority, second: Priority) -> Priority:
    """The stronger of two priorities."""
    return first if _RANK[first] >= _RANK[second] else second


def weaker(priority: Priority) -> Priority:
    """One step down: how much we trust a speaker whose side is unknown."""
    return "should" if priority == "must" else priority
