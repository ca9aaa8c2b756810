"""Who is the customer: explicit lists, roles, email domains, companies, and how people talk."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.parties import assign_parties, role_party
from agents.techtranslator.schemas import Party, Transcript, Turn


def _parties(
    text: str, customer_speakers: tuple[str, ...] = (), internal_speakers: tuple[str, ...] = ()
) -> dict[str, Party]:
    transcript = parse_transcript(
        text, customer_speakers=customer_speakers, internal_speakers=internal_speakers
    )
    return {turn.speaker: turn.party for turn in transcript.turns}


@pytest.mark.parametrize(
    ("role", "party"),
    [
        ("Acme, VP Eng", "customer"),
        ("our AE", "internal"),
        ("Account Executive", "internal"),
        ("Solutions Engineer", "internal"),
        ("Customer Success Manager", "internal"),
        ("Senior Support Engineer", "internal"),
        ("CSM", "internal"),
        ("Sales", "internal"),
        ("customer", "customer"),
        ("prospect", "customer"),
        ("Head of IT at Brightpath", "customer"),
        ("Acme US, CTO", "customer"),
        ("Engineering Manager", "customer"),
        ("Acme", "unknown"),
        ("", "unknown"),
    ],
)
def test_role_words_decide_the_party(role: str, party: Party) -> None:
    assert role_party(role) == party


def test_explicit_lists_win_over_roles() -> None:
    parties = _parties(
        "Sam (our AE): hi\nLee (Acme, CTO): hello",
        customer_speakers=("sam",),
        internal_speakers=("LEE",),
    )
    assert parties == {"Sam": "customer", "Lee": "internal"}


def test_a_role_given_once_applies_to_all_of_that_speakers_turns() -> None:
    parties = _parties("Lee (Acme, CTO): hello\nSam: hi\nLee: we need SSO")
    assert parties["Lee"] == "customer"


def test_speakers_of_the_same_company_share_a_party() -> None:
    parties = _parties("Ana (Acme, CTO): hi\nBo (Acme): hello\nCy (our SE): welcome")
    assert parties == {"Ana": "customer", "Bo": "customer", "Cy": "internal"}


def test_email_domains_group_speakers_with_a_decided_colleague() -> None:
    text = (
        "rep@vendor.io (our AE): thanks for joining\n"
        "sam@vendor.io: happy to help\n"
        "kim@acme.com (Acme, CTO): thanks\n"
        "lee@acme.com: hello\n"
    )
    assert _parties(text) == {
        "rep@vendor.io": "internal",
        "sam@vendor.io": "internal",
        "kim@acme.com": "customer",
        "lee@acme.com": "customer",
    }


def test_a_role_word_used_as_the_speaker_name_counts() -> None:
    parties = _parties("Sales Rep: hi there\nCustomer: we need SSO")
    assert parties == {"Sales Rep": "internal", "Customer": "customer"}


def test_discovery_questions_and_pitching_mark_the_vendor_without_roles() -> None:
    text = (
        "Jess: Thanks for joining! Tell me a bit about your team. What are you looking for?\n"
        "Tom: We use spreadsheets today. Does it integrate with Shopify? We need that.\n"
        "Jess: We offer that out of the box, our platform syncs hourly. Does that make sense?\n"
        "Tom: Can it handle twelve stores? You guys seem expensive.\n"
    )
    assert _parties(text) == {"Jess": "internal", "Tom": "customer"}


def test_nobody_is_guessed_when_nothing_decides() -> None:
    assert _parties("A: hello\nB: hi, nice weather") == {"A": "unknown", "B": "unknown"}


def test_a_party_set_by_a_structured_parser_is_kept() -> None:
    turns = [Turn(index=0, line=1, speaker="Kim", party="internal", text="hi")]
    assert assign_parties(turns)[0].party == "internal"


def test_samples_separate_our_team_from_the_customer(
    sample: Callable[[str], Transcript],
) -> None:
    transcript = sample("brightpath_health_renewal")
    parties = {turn.speaker: turn.party for turn in transcript.turns}
    assert parties == {
        "Jordan Lee": "internal",
        "Sam Ortiz": "internal",
        "Elena Ruiz": "customer",
        "Tom Becker": "customer",
    }
