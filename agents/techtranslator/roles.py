"""Words that place a person on our side or the customer's: job roles, titles, affiliations."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Jobs only a vendor has: whoever holds one on a sales or support call is on our side.
VENDOR_ROLE = re.compile(
    r"\b(?:account\s+exec(?:utive)?|(?-i:AE|SE|SDR|BDR|CSM|TAM)"
    r"|solutions?\s+(?:engineer|consultant|architect)|sales\s+(?:engineer|rep(?:resentative)?)"
    r"|customer\s+(?:success|engineering|support)|support\s+engineer\w*|account\s+manager"
    r"|implementation\s+\w+|escalations?\s+(?:manager|engineer|lead))\b",
    _I,
)
OUR_WORDS = re.compile(r"\b(?:our|ours|we|internal|vendor|host)\b", _I)
INTERNAL_WEAK = re.compile(r"\b(?:sales|support|rep|presales)\b", _I)
CUSTOMER_ROLE = re.compile(
    r"\b(?:customer(?!\s+(?:success|engineering|support))|client|prospect|buyer)\b", _I
)
CUSTOMER_TITLE = re.compile(
    r"\b(?:C[TEIFO]O|CISO|CPO|S?VP|EVP|vice\s+president|director|head\s+of|manager|engineer"
    r"|lead|architect|admin(?:istrator)?|analyst|owner|founder|president|officer|controller"
    r"|coordinator|specialist|developer|counsel|dispatcher|nurse|physician|clinician|(?-i:IT)|ops"
    r"|superintendent|partner|supervisor)\b",
    _I,
)
AFFILIATION = re.compile(r"\b(?:at|from|with)\s+[A-Z]\w+")


def internal_role(text: str) -> bool:
    """Whether ``text`` names a vendor-side role or says "our"/"we" outright."""
    cleaned = drop_country(text)
    return bool(VENDOR_ROLE.search(cleaned) or OUR_WORDS.search(cleaned))


def drop_country(role: str) -> str:
    """ "US" in "(Acme US, CTO)" is a country, not "us" the vendor."""
    return re.sub(r"\bUS\b", "", role)
