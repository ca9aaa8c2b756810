"""Who is the customer: explicit lists, then roles, then email domains, then how people talk."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agents.techtranslator.schemas import Party, Turn

_INTERNAL_ROLE = re.compile(
    r"\b(?:our|ours|we|internal|vendor|host|account\s+exec(?:utive)?|(?-i:AE|SE|SDR|BDR|CSM|TAM)"
    r"|solutions?\s+(?:engineer|consultant|architect)|sales\s+(?:engineer|rep(?:resentative)?)"
    r"|customer\s+success|support\s+engineer|account\s+manager|implementation\s+\w+)\b",
    re.IGNORECASE,
)
_INTERNAL_WEAK = re.compile(r"\b(?:sales|support|rep|presales)\b", re.IGNORECASE)
_CUSTOMER_ROLE = re.compile(r"\b(?:customer(?!\s+success)|client|prospect|buyer)\b", re.IGNORECASE)
_CUSTOMER_TITLE = re.compile(
    r"\b(?:C[TEIFO]O|CISO|CPO|S?VP|EVP|vice\s+president|director|head\s+of|manager|engineer"
    r"|lead|architect|admin(?:istrator)?|analyst|owner|founder|president|officer|controller"
    r"|coordinator|specialist|developer|counsel|dispatcher|nurse|physician|clinician|(?-i:IT)|ops)\b",
    re.IGNORECASE,
)
_AFFILIATION = re.compile(r"\b(?:at|from|with)\s+[A-Z]\w+")
_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")
_FREEMAIL = frozenset({"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com"})
_PITCH = re.compile(
    r"what\s+are\s+you\s+(?:looking|hoping|trying)|tell\s+me\s+(?:a\s+bit\s+)?(?:more\s+)?about"
    r"|walk\s+me\s+through|does\s+that\s+make\s+sense|how\s+are\s+you\s+(?:handling|managing|doing)"
    r"\s+(?:that|this|it)|we\s+offer|our\s+(?:platform|product|solution|roadmap|engineers|pricing)"
    r"|let\s+me\s+(?:show|share|pull)|I'?ll\s+send\s+(?:over|you)|happy\s+to\s+(?:help|set)"
    r"|we\s+can\s+(?:definitely|absolutely|totally)|on\s+our\s+roadmap|what\s+would\s+success"
    r"|thanks\s+for\s+(?:taking|making)\s+the\s+time|what'?s\s+driving",
    re.IGNORECASE,
)
_CUSTOMER_TALK = re.compile(
    r"\byour\s+(?:platform|product|tool|app|solution|system|roadmap|pricing|team)|\byou\s+guys"
    r"|\b(?:does|can)\s+it\b|\bdo\s+you\s+(?:support|have|offer|integrate)|\bwe\s+use\b"
    r"|\bwe'?re\s+(?:currently\s+)?(?:using|evaluating|on)\b|\bwe\s+need\b|\bwe'?d\s+(?:need|like)"
    r"|\bour\s+(?:current|existing|old)\b|\bwe\s+can'?t\b",
    re.IGNORECASE,
)


def assign_parties(
    turns: Sequence[Turn],
    *,
    customer_speakers: Iterable[str] = (),
    internal_speakers: Iterable[str] = (),
) -> list[Turn]:
    """Return copies of ``turns`` with ``party`` decided once per speaker."""
    parties: dict[str, Party] = {}
    for name in customer_speakers:
        parties.setdefault(speaker_key(name), "customer")
    for name in internal_speakers:
        parties.setdefault(speaker_key(name), "internal")
    speakers = _speakers(turns)
    titles_only: set[str] = set()
    for key, (name, roles, given) in speakers.items():
        if key not in parties and given != "unknown":
            parties[key] = given  # a structured source (Gong affiliation) already decided
        elif key not in parties:
            text = " ; ".join([*roles, name])
            parties[key] = role_party(text)
            if not (_INTERNAL_ROLE.search(_drop_country(text)) or _CUSTOMER_ROLE.search(text)):
                titles_only.add(key)  # "Product Manager" fits either side; the company decides
    orgs = {key: _organisations(name, roles) for key, (name, roles, _) in speakers.items()}
    _propagate(parties, orgs, titles_only)
    for key, party in sorted(parties.items()):
        if party == "unknown" and key in speakers:
            parties[key] = _talk_party(
                turn.text for turn in turns if speaker_key(turn.speaker) == key
            )
    return [turn.model_copy(update={"party": parties[speaker_key(turn.speaker)]}) for turn in turns]


def speaker_key(name: str) -> str:
    """The case- and spacing-insensitive identity of a speaker."""
    return " ".join(name.casefold().split())


def role_party(role: str) -> Party:
    """Party implied by a role/affiliation text such as ``"Acme, VP Eng"`` or ``"our AE"``."""
    internal = 3 * len(_INTERNAL_ROLE.findall(_drop_country(role)))
    internal += len(_INTERNAL_WEAK.findall(role))
    customer = 3 * len(_CUSTOMER_ROLE.findall(role)) + 2 * len(_CUSTOMER_TITLE.findall(role))
    customer += len(_AFFILIATION.findall(role))
    if internal > customer:
        return "internal"
    return "customer" if customer > internal else "unknown"


def _drop_country(role: str) -> str:
    # "US" in "(Acme US, CTO)" is a country, not "us" the vendor.
    return re.sub(r"\bUS\b", "", role)


def _speakers(turns: Sequence[Turn]) -> dict[str, tuple[str, list[str], Party]]:
    found: dict[str, tuple[str, list[str], Party]] = {}
    for turn in turns:
        name, roles, given = found.get(speaker_key(turn.speaker), (turn.speaker, [], "unknown"))
        if turn.role and turn.role not in roles:
            roles.append(turn.role)
        found[speaker_key(turn.speaker)] = (
            name,
            roles,
            turn.party if given == "unknown" else given,
        )
    return found


def _organisations(name: str, roles: list[str]) -> set[str]:
    """Email domains and company names mentioned next to a speaker (``"Acme, CTO"`` -> acme)."""
    orgs = {m["domain"].casefold() for m in _EMAIL_DOMAIN.finditer(" ".join([name, *roles]))}
    for role in roles:
        for part in re.split(r",|;|\||\s+-\s+|\bat\b|\bfrom\b", role):
            part = part.strip()
            if part[:1].isupper() and not _mentions_role(part):
                orgs.add(part.casefold())
    return orgs - _FREEMAIL


def _mentions_role(text: str) -> bool:
    patterns = (_INTERNAL_ROLE, _INTERNAL_WEAK, _CUSTOMER_ROLE, _CUSTOMER_TITLE)
    return any(pattern.search(text) for pattern in patterns)


def _propagate(parties: dict[str, Party], orgs: dict[str, set[str]], weak: set[str]) -> None:
    """Speakers sharing a company or email domain with decided speakers share their party.

    A speaker decided only by a job title ("Product Manager") follows colleagues whose role said
    outright which side they are on.
    """
    votes: dict[str, set[Party]] = {}
    strong: dict[str, set[Party]] = {}
    for key in sorted(orgs):
        if parties.get(key, "unknown") == "unknown":
            continue
        for org in orgs[key]:
            votes.setdefault(org, set()).add(parties[key])
            if key not in weak:
                strong.setdefault(org, set()).add(parties[key])
    for key in sorted(orgs):
        pool = (
            votes if parties.get(key, "unknown") == "unknown" else strong if key in weak else None
        )
        if pool is None or not orgs[key]:
            continue
        found = set().union(*(pool.get(org, set()) for org in orgs[key]))
        if len(found) == 1:
            parties[key] = next(iter(found))


def _talk_party(texts: Iterable[str]) -> Party:
    """Discovery questions and pitching mark the vendor; asking about "your product" the buyer."""
    joined = " ".join(texts).replace("’", "'")
    internal = len(_PITCH.findall(joined))
    customer = len(_CUSTOMER_TALK.findall(joined))
    if internal >= 2 and internal >= 2 * customer:
        return "internal"
    if customer >= 2 and customer >= 2 * internal:
        return "customer"
    return "unknown"
