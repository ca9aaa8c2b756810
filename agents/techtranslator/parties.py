"""Who is the customer: explicit lists, roles, introductions, companies, then how people talk."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agents.techtranslator.introductions import (
    colleagues,
    first_name,
    intro_orgs,
    intro_party,
    introduction,
)
from agents.techtranslator.roles import (
    AFFILIATION,
    CUSTOMER_ROLE,
    CUSTOMER_TITLE,
    INTERNAL_WEAK,
    OUR_WORDS,
    VENDOR_ROLE,
    drop_country,
    internal_role,
)
from agents.techtranslator.schemas import Party, Turn
from agents.techtranslator.talk import talk_party

_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")
_FREEMAIL = frozenset({"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com"})
_PAREN_ROLE = re.compile(r"\((?P<role>[^()]+)\)")


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
    said = {key: [t.text for t in turns if speaker_key(t.speaker) == key] for key in speakers}
    titles_only: set[str] = set()
    orgs: dict[str, set[str]] = {}
    for key, (name, roles, given) in speakers.items():
        intro = introduction(name, said[key])
        orgs[key] = _organisations(name, roles) | intro_orgs(intro)
        if key in parties:
            continue
        text = " ; ".join([*roles, name])
        if given != "unknown":
            parties[key] = given  # a structured source (Gong affiliation) already decided
        elif role_party(text) != "unknown":
            parties[key] = role_party(text)
            if not (internal_role(text) or CUSTOMER_ROLE.search(text)):
                titles_only.add(key)  # "Product Manager" fits either side; the company decides
        else:
            parties[key] = intro_party(intro)
    _propagate(parties, orgs, titles_only)
    _follow_colleagues(parties, speakers, said)
    _two_sides(parties, orgs)
    sides_known = "internal" in parties.values()
    for key in sorted(speakers):
        if parties.get(key, "unknown") == "unknown":
            parties[key] = talk_party(said[key], sides_known=sides_known)
    return [turn.model_copy(update={"party": parties[speaker_key(turn.speaker)]}) for turn in turns]


def speaker_key(name: str) -> str:
    """The case- and spacing-insensitive identity of a speaker."""
    return " ".join(name.casefold().split())


def role_party(role: str) -> Party:
    """Party implied by a role/affiliation text such as ``"Acme, VP Eng"`` or ``"our AE"``."""
    cleaned = drop_country(role)
    internal = 3 * (len(VENDOR_ROLE.findall(cleaned)) + len(OUR_WORDS.findall(cleaned)))
    internal += len(INTERNAL_WEAK.findall(role))
    customer = 3 * len(CUSTOMER_ROLE.findall(role)) + 2 * len(CUSTOMER_TITLE.findall(role))
    customer += len(AFFILIATION.findall(role))
    if internal > customer:
        return "internal"
    return "customer" if customer > internal else "unknown"


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
    labels = [*roles, *(m["role"] for m in _PAREN_ROLE.finditer(name))]
    for role in labels:
        for part in re.split(r",|;|\||\s+-\s+|\bat\b|\bfrom\b|@", role):
            part = INTERNAL_WEAK.sub("", part).strip()
            if part[:1].isupper() and not _mentions_role(part):
                orgs.add(part.casefold())
    return orgs - _FREEMAIL


def _mentions_role(text: str) -> bool:
    patterns = (VENDOR_ROLE, OUR_WORDS, INTERNAL_WEAK, CUSTOMER_ROLE, CUSTOMER_TITLE)
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


def _follow_colleagues(
    parties: dict[str, Party],
    speakers: dict[str, tuple[str, list[str], Party]],
    said: dict[str, list[str]],
) -> None:
    """ "With me is Aisha from our IT team": Aisha is on the introducer's side, and vice versa."""
    names = {key: first_name(name) for key, (name, _, _) in speakers.items()}
    for key in sorted(speakers):
        others = {k: n for k, n in names.items() if k != key}
        for mate in colleagues(" ".join(said[key][:3]), others):
            mine, theirs = parties.get(key, "unknown"), parties.get(mate, "unknown")
            if theirs == "unknown" and mine != "unknown":
                parties[mate] = mine
            elif mine == "unknown" and theirs != "unknown":
                parties[key] = theirs


def _two_sides(parties: dict[str, Party], orgs: dict[str, set[str]]) -> None:
    """A sales call has two sides: a company nobody on our side works for is the customer's."""
    ours = {org for key, found in orgs.items() if parties.get(key) == "internal" for org in found}
    if not ours:
        return
    for key, found in sorted(orgs.items()):
        if parties.get(key, "unknown") == "unknown" and found and not found & ours:
            parties[key] = "customer"
