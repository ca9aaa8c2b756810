"""Sides decided from how people introduce themselves and their colleagues (no role column)."""

from __future__ import annotations

from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.schemas import Party

_HENRIK = (
    "Hello. Henrik Solberg, I lead claims operations at Fjell Mutual. "
    "With me is Anja from our data protection office."
)
_VTT = f"""WEBVTT

00:00:01.000 --> 00:00:05.000
<v Olivia Grant>Hi, I'm Olivia, the account executive at Beacon for the Nordics.</v>

00:00:06.000 --> 00:00:09.000
<v Henrik Solberg>{_HENRIK}</v>

00:00:10.000 --> 00:00:12.000
<v Anja Weber>Hello together.</v>

00:00:13.000 --> 00:00:18.000
<v Anja Weber>All claims data must be stored and processed inside the EU.</v>
"""

_SUPPORT_SRT = """1
00:00:01,000 --> 00:00:03,000
Ollie Grant: Beacon support, this is Ollie. How can I help?

2
00:00:03,500 --> 00:00:06,000
Marco Bianchi: Hi Ollie, Marco from Kestrel Freight here. Our dispatch board is slow.
"""


def _parties(text: str) -> dict[str, Party]:
    return {turn.speaker: turn.party for turn in parse_transcript(text).turns}


def test_self_introductions_and_a_colleague_mention_decide_sides_without_roles() -> None:
    assert _parties(_VTT) == {
        "Olivia Grant": "internal",
        "Henrik Solberg": "customer",
        "Anja Weber": "customer",
    }


def test_a_support_desk_greeting_marks_our_side_and_the_caller_as_customer() -> None:
    assert _parties(_SUPPORT_SRT) == {"Ollie Grant": "internal", "Marco Bianchi": "customer"}


def test_colleagues_of_our_product_manager_are_internal_even_with_a_customer_like_title() -> None:
    text = (
        "Nick (Beacon, Account Executive): Thanks for joining.\n"
        "Ben (Beacon, Product Manager): Happy to answer roadmap questions.\n"
        "Amy (Beacon, Director of Customer Engineering): I run the escalation.\n"
        "Ruth (Tidal, Director of Grid Operations): We need SSO through Entra.\n"
    )
    assert _parties(text) == {
        "Nick": "internal",
        "Ben": "internal",
        "Amy": "internal",
        "Ruth": "customer",
    }


def test_the_other_company_on_a_call_with_our_rep_is_the_customer() -> None:
    text = (
        "Laura (Beacon, account executive): Welcome.\n"
        "Javier (Umbra Media, jefe de operaciones): Gracias, hello.\n"
    )
    assert _parties(text)["Javier"] == "customer"
