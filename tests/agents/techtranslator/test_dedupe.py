"""Near-duplicate requirements within a call merge into one, keeping every quote."""

from __future__ import annotations

from agents.techtranslator.dedupe import merge_duplicates
from agents.techtranslator.schemas import Category, Evidence, Priority, Requirement


def _req(
    title: str,
    want: str,
    category: Category = "security_compliance",
    priority: Priority = "should",
    quote: str = "q",
    speaker: str = "Ana",
) -> Requirement:
    return Requirement(
        title=title,
        user_story=f"As a CTO, I want {want} so that we are safe.",
        acceptance_criteria=[f"Given {want}, when used, then it works."],
        category=category,
        priority=priority,
        evidence=[Evidence(speaker=speaker, quote=quote)],
    )


def test_same_need_in_other_words_merges_with_all_evidence_and_the_strongest_priority() -> None:
    merged = merge_duplicates(
        [
            _req("Support SAML single sign-on", "SAML single sign-on", quote="we need SAML"),
            _req("Add SSO with Okta", "SSO with Okta", priority="must", quote="Okta SSO is a must"),
        ]
    )
    assert len(merged) == 1
    assert merged[0].title == "Support SAML single sign-on"
    assert merged[0].priority == "must"
    assert [e.quote for e in merged[0].evidence] == ["we need SAML", "Okta SSO is a must"]
    assert len(merged[0].acceptance_criteria) == 2


def test_access_log_and_audit_trail_are_the_same_need() -> None:
    merged = merge_duplicates(
        [
            _req("Add an access log", "an access log", quote="a"),
            _req("Show who looked at a record", "to show who looked at a record", quote="b"),
            _req("Add the audit log", "the audit log", quote="c"),
        ]
    )
    assert len(merged) == 1
    assert len(merged[0].evidence) == 3


def test_different_categories_never_merge() -> None:
    requirements = [
        _req("Export reports to Excel", "to export reports to Excel", category="integration"),
        _req("Fix broken reports export to Excel", "reports export fixed", category="bug"),
    ]
    assert merge_duplicates(requirements) == requirements


def test_unrelated_needs_in_one_category_stay_apart() -> None:
    requirements = [
        _req("Support SAML single sign-on", "SAML single sign-on"),
        _req("Support SCIM provisioning", "SCIM provisioning"),
        _req("Keep six years of history", "to keep six years of history"),
    ]
    assert [r.title for r in merge_duplicates(requirements)] == [r.title for r in requirements]


def test_the_same_quote_is_not_repeated_after_merging() -> None:
    merged = merge_duplicates(
        [_req("Add a dark mode", "a dark mode", category="feature", quote="Dark  mode please")] * 2
    )
    assert [e.quote for e in merged[0].evidence] == ["Dark  mode please"]


def test_merging_is_idempotent() -> None:
    requirements = [
        _req("Support SAML SSO", "SAML SSO", quote="x"),
        _req("Support SSO through Okta", "SSO through Okta", quote="y"),
        _req("Add dark mode", "a dark mode", category="feature", quote="z"),
    ]
    once = merge_duplicates(requirements)
    assert merge_duplicates(once) == once
    assert len(once) == 2
