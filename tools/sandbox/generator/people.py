"""The startup's team: one person per seat, shared by GitHub and Jira, hired over the window."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from random import Random
from typing import Literal

from tools.sandbox.generator.clock import START, between
from tools.sandbox.generator.names import FIRST_NAMES, LAST_NAMES, slug
from tools.sandbox.model import GhUser, JiraUser

Role = Literal["engineer", "product", "design"]

# GitHub's own dependabot account: a real bot login, so its PRs look like the real thing.
DEPENDABOT = GhUser(
    id=49699333,
    login="dependabot[bot]",
    name="dependabot[bot]",
    email="49699333+dependabot[bot]@users.noreply.github.com",
)


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    login: str
    gh_id: int
    account_id: str
    role: Role
    joined: datetime


@dataclass(frozen=True)
class Team:
    people: tuple[Person, ...]

    def active(self, role: Role, when: datetime) -> list[Person]:
        """People in ``role`` who had joined by ``when`` (the founders at least)."""
        members, joined = self._by_role[role]
        return members[: max(bisect_right(joined, when), 1)]

    @cached_property
    def _by_role(self) -> dict[Role, tuple[list[Person], list[datetime]]]:
        # Sorted by joining date once: active() runs for nearly every generated record.
        out: dict[Role, tuple[list[Person], list[datetime]]] = {}
        for role in ("engineer", "product", "design"):
            members = sorted((p for p in self.people if p.role == role), key=lambda p: p.joined)
            out[role] = (members, [p.joined for p in members])
        return out

    def by_account(self) -> dict[str, Person]:
        """People by Jira account id."""
        return {p.account_id: p for p in self.people}

    def gh_users(self) -> list[GhUser]:
        """GitHub accounts: the engineers and dependabot."""
        users = [
            GhUser(id=p.gh_id, login=p.login, name=p.name, email=p.email)
            for p in self.people
            if p.role == "engineer"
        ]
        return [*users, DEPENDABOT]

    def jira_users(self) -> list[JiraUser]:
        """Jira accounts: everyone."""
        return [
            JiraUser(account_id=p.account_id, display_name=p.name, email=p.email)
            for p in self.people
        ]


def build_team(rng: Random, size: int, domain: str) -> Team:
    """About seven people per unit of size; a founding team on day one, the rest hired later."""
    seats: tuple[tuple[Role, int], ...] = (
        ("engineer", 2 + 6 * size),
        ("product", 1 + size),
        ("design", max(1, size // 2)),
    )
    roles = [role for role, count in seats for _ in range(count)]
    used_names: set[str] = set()
    used_logins: set[str] = set()
    people: list[Person] = []
    for n, role in enumerate(roles):
        first, last = _name(rng, used_names)
        login = _login(rng, first, last, used_logins)
        founder = n < 3 or roles.index(role) == n
        joined = START if founder else between(rng, START, START + timedelta(days=365))
        people.append(
            Person(
                name=f"{first} {last}",
                email=f"{slug(first).replace('-', '.')}.{slug(last)}@{domain}",
                login=login,
                gh_id=150_000_000 + 7919 * n + rng.randrange(7919),
                account_id=f"{rng.getrandbits(96):024x}",
                role=role,
                joined=joined,
            )
        )
    return Team(tuple(people))


def _name(rng: Random, used: set[str]) -> tuple[str, str]:
    for _ in range(50):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if f"{first} {last}" not in used:
            break
    while f"{first} {last}" in used:  # only at very large sizes: a middle initial disambiguates
        first = f"{first.split()[0]} {chr(rng.randrange(65, 91))}."
    used.add(f"{first} {last}")
    return first, last


def _login(rng: Random, first: str, last: str, used: set[str]) -> str:
    first = slug(first).replace("-", "")
    options = [f"{first[0]}{last}", f"{first}-{last}", f"{first}{last[0]}", f"{first}{last}"]
    for option in options:
        login = option.lower()
        if login not in used:
            used.add(login)
            return login
    login = f"{first}{last}{rng.randrange(10, 99)}".lower()
    while login in used:
        login = f"{first}{last}{rng.randrange(100, 999)}".lower()
    used.add(login)
    return login
