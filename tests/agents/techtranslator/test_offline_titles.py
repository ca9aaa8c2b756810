"""Titles are imperative phrases with a real object; stakes-only fragments join the need before."""

from __future__ import annotations

from agents.techtranslator.offline import requirements_from
from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.schemas import Requirement


def _extract(text: str) -> list[Requirement]:
    return requirements_from(parse_transcript(text))


def test_an_object_named_before_a_wish_becomes_the_title() -> None:
    found = _extract(
        "Maria (Beacon Support): Anything else?\n"
        "Kenji (Opal Travel, system manager): Our customers' names in kanji would be good to "
        "display also.\n"
    )
    assert [r.title for r in found] == ["Display customers' names in kanji"]


def test_must_have_and_this_must_be_improved_raise_the_earlier_need_instead_of_a_new_one() -> None:
    found = _extract(
        "Kenji (Opal Travel, system manager): When the date range is long, the search is very "
        "slow. This must be improved, it is most important for us.\n"
        "Tom (Opal Travel, IT director): We'd want to upload a roster CSV in bulk. Must have.\n"
    )
    titles = [r.title for r in found]
    assert len(found) == 2, titles
    assert all(r.priority == "must" for r in found), titles
    assert not any(t.lower() in ("have", "ensure the product is improved") for t in titles)


def test_a_gerund_keeps_its_double_letter_and_a_pointer_keeps_no_title() -> None:
    found = _extract(
        "Priya (Summit, engineer): Failed webhooks are never retried, we lose events.\n"
        "Marco (Summit, CTO): Adding to this: this is a blocker for us.\n"
    )
    assert not any(r.title.lower().startswith("ad ") for r in found), [r.title for r in found]


def test_restating_a_need_about_the_same_system_or_load_time_merges_it() -> None:
    found = _extract(
        "Tom (Harbor, Director of Ops): The morning dashboard takes forty seconds to load. "
        "It has to load in a few seconds.\n"
        "Ruth (Harbor, Director of Grid Ops): Work created in your platform has to create the "
        "order in SAP. The actual hours have to flow back into the SAP order.\n"
    )
    assert sorted(r.category for r in found) == ["integration", "performance"], [
        r.title for r in found
    ]
