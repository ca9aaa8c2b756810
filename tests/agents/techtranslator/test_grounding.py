"""Grounding: a requirement survives only with quotes that really occur in the transcript."""

from __future__ import annotations

from agents.techtranslator.grounding import ground, normalise
from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.schemas import Evidence, Requirement

TRANSCRIPT = parse_transcript(
    "Dana (our AE): We can build you a Slack integration, no problem.\n"
    "Marcus (Acme, CTO): Any new tool has to support SAML\n"
    "single sign-on through Okta. We’re strict about that.\n"
)


def _requirement(*quotes: str, speaker: str = "Marcus") -> Requirement:
    return Requirement(
        title="Support SAML single sign-on",
        user_story="As a CTO, I want SAML SSO so that we meet our security obligations.",
        acceptance_criteria=["Given SSO, when a user signs in, then Okta authenticates them."],
        category="security_compliance",
        priority="must",
        evidence=[Evidence(speaker=speaker, quote=quote) for quote in quotes],
    )


def test_normalise_lowercases_collapses_whitespace_and_folds_typographic_quotes() -> None:
    assert normalise("  We’re\n  STRICT\t— “really” ") == 'we\'re strict - "really"'


def test_a_verbatim_quote_is_grounded_even_across_a_line_break_and_case() -> None:
    result = ground([_requirement("has to support SAML single sign-on THROUGH okta")], TRANSCRIPT)
    assert len(result.kept) == 1
    assert result.dropped == []


def test_straightened_apostrophes_still_match_the_curly_original() -> None:
    result = ground([_requirement("We're strict about that")], TRANSCRIPT)
    assert [e.quote for e in result.kept[0].evidence] == ["We're strict about that"]


def test_invented_quotes_are_removed_and_the_rest_kept() -> None:
    result = ground([_requirement("Okta. We’re strict", "we need SSO yesterday")], TRANSCRIPT)
    assert [e.quote for e in result.kept[0].evidence] == ["Okta. We’re strict"]


def test_a_requirement_with_no_grounded_quote_is_dropped_with_a_reason() -> None:
    result = ground([_requirement("we need SSO yesterday")], TRANSCRIPT)
    assert result.kept == []
    assert result.dropped[0].reason == "no evidence quote occurs in the transcript"
    assert result.dropped[0].requirement.title == "Support SAML single sign-on"


def test_customer_only_grounding_rejects_quotes_from_our_own_rep() -> None:
    rep_quote = _requirement("We can build you a Slack integration", speaker="Dana")
    assert len(ground([rep_quote], TRANSCRIPT).kept) == 1
    strict = ground([rep_quote], TRANSCRIPT, customer_only=True)
    assert strict.kept == []
    assert "customer" in strict.dropped[0].reason


def test_order_of_kept_requirements_is_the_input_order() -> None:
    first, second = _requirement("has to support SAML"), _requirement("through Okta")
    second = second.model_copy(update={"title": "Second"})
    assert [r.title for r in ground([first, second], TRANSCRIPT).kept] == [
        "Support SAML single sign-on",
        "Second",
    ]
