"""What a need looks like once found: its grammatical shape and the words that carry it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# verb: "export reports to Excel"; noun: "SAML single sign-on"; clause: subject + verb phrase;
# complaint: something is broken or slow; fix: "the duplicate bug fixed"; prevent: "don't want
# anyone ... to see X"; workaround: "we have to retype it manually"; pronoun: "we need that"
# (points back to an earlier need and only carries stakes).
NeedKind = Literal["verb", "noun", "clause", "complaint", "fix", "prevent", "workaround", "pronoun"]
Pain = Literal[
    "slow", "timeout", "ratelimit", "crash", "error", "fail", "wrong", "duplicate", "lost", "broken"
]


@dataclass(frozen=True)
class Need:
    """A need found in one clause; ``phrase`` is the capability in the speaker's own words."""

    kind: NeedKind
    phrase: str = ""
    subject: str = ""
    condition: str = ""
    pain: Pain | None = None
    observed: str = ""
    modal: str = ""
    question: bool = False
