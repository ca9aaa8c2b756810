"""A problem the call itself solved is not a requirement; one still open after a fix is."""

from __future__ import annotations

from agents.techtranslator.offline import requirements_from
from agents.techtranslator.parsers import parse_transcript

_RESOLVED = (
    "Jess (Beacon Support): Thanks for calling, how can I help?\n"
    "Harold (Lumen School, office administrator): The export button is broken, it keeps "
    "failing for our teachers.\n"
    "Jess (Beacon Support): You can find it under Settings, then Reports.\n"
    "Harold (Lumen School, office administrator): Ah, found it, thanks. That fixed it.\n"
)


def test_a_how_to_call_that_ends_with_found_it_yields_no_bug() -> None:
    assert requirements_from(parse_transcript(_RESOLVED)) == []


def test_a_fix_followed_by_but_still_keeps_the_problem_open() -> None:
    text = _RESOLVED.replace("That fixed it.", "That fixed it, but the totals are still wrong.")
    assert requirements_from(parse_transcript(text)) != []
