"""Who a person is in our data: their email, the names they go by, and how to hide them.

Transcripts name speakers in many ways: Gong parties carry ``emailAddress`` and ``name``, Slack
profiles ``email`` and ``real_name``, plain text only ``Name (role):``. A person is therefore
known by their email plus every name a structured source pairs with that email (and the user's
own name), and a turn is theirs when its speaker is one of those names or mentions the email.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.parties import speaker_key
from agents.techtranslator.schemas import Turn
from devbizops.errors import TranscriptFormatError
from memory.repositories.users import normal_email

NAME_FIELDS = ("name", "real_name", "display_name", "full_name", "displayName", "fullName")


def pseudonym(email: str) -> str:
    """The stable stand-in for a person: the same email always gives the same pseudonym."""
    return f"erased-{email_sha256(email)[:8]}"


def email_sha256(email: str) -> str:
    return hashlib.sha256(normal_email(email).encode()).hexdigest()


@dataclass
class Person:
    email: str
    names: set[str] = field(default_factory=set)

    @property
    def keys(self) -> set[str]:
        return {speaker_key(n) for n in self.names if n.strip()} | {self.email}

    def spoke(self, speaker: str, role: str | None = None) -> bool:
        """Whether a turn's speaker (and role text) is this person."""
        label = f"{speaker} {role or ''}".casefold()
        return speaker_key(speaker) in self.keys or self.email in label

    def learn_from(self, content: str) -> None:
        """Add the names a JSON transcript pairs with the email (Gong parties, Slack profiles)."""
        try:
            data = json.loads(content)
        except ValueError:
            return
        self.names.update(_names_next_to(data, self.email))

    def scrub(self, text: str) -> str:
        """``text`` with the email and every full name replaced by the pseudonym."""
        alias = pseudonym(self.email)
        text = re.sub(re.escape(self.email), alias, text, flags=re.IGNORECASE)
        for name in sorted(self.names, key=len, reverse=True):  # "Ana de la Cruz" before "Ana"
            if len(name.strip()) >= 3:
                text = re.sub(rf"(?<!\w){re.escape(name.strip())}(?!\w)", alias, text)
        return text

    def scrub_json(self, value: Any) -> Any:
        """A JSON value with every string scrubbed."""
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, list):
            return [self.scrub_json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub_json(v) for k, v in value.items()}
        return value

    def mentioned_in(self, text: str) -> bool:
        return self.scrub(text) != text


def turns_of(person: Person, content: str, fmt: str) -> list[Turn]:
    """The person's turns in a stored transcript (none when it no longer parses)."""
    try:
        turns = parse_transcript(content, fmt).turns
    except TranscriptFormatError:
        return []
    return [t for t in turns if person.spoke(t.speaker, t.role)]


def _names_next_to(data: Any, email: str) -> Iterable[str]:
    if isinstance(data, list):
        for item in data:
            yield from _names_next_to(item, email)
    elif isinstance(data, dict):
        values = data.values()
        if any(isinstance(v, str) and normal_email(v) == email for v in values):
            for key in NAME_FIELDS:
                if isinstance(data.get(key), str) and data[key].strip():
                    yield " ".join(data[key].split())
        for value in values:
            yield from _names_next_to(value, email)
