"""Atlassian Document Format: plain text survives a round trip, and Jira's richer nodes flatten."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tools.jira import adf
from tools.sandbox.servers.jira.validation import is_adf

# Lines of visible text; blank lines separate paragraphs, as users type them.
_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip() == s and s != "")
_paragraph = st.lists(_line, min_size=1, max_size=4).map("\n".join)
_text = st.lists(_paragraph, min_size=0, max_size=5).map("\n\n".join)


@given(_text)
def test_text_round_trips_through_adf(text: str) -> None:
    assert adf.to_text(adf.from_text(text)) == text


@given(_text)
def test_built_documents_are_valid_adf_for_jira(text: str) -> None:
    assert is_adf(adf.from_text(text))


def test_single_newlines_become_hard_breaks_and_blank_lines_paragraphs() -> None:
    doc = adf.from_text("one\ntwo\n\n\nthree")
    assert doc == {
        "type": "doc",
        "version": 1,
        "content": [
            {
                "type": "paragraph",
                "content": [
                    {"type": "text", "text": "one"},
                    {"type": "hardBreak"},
                    {"type": "text", "text": "two"},
                ],
            },
            {"type": "paragraph", "content": [{"type": "text", "text": "three"}]},
        ],
    }


def test_lists_headings_and_mentions_flatten_to_readable_text() -> None:
    doc = {
        "type": "doc",
        "version": 1,
        "content": [
            {
                "type": "heading",
                "attrs": {"level": 2},
                "content": [{"type": "text", "text": "Ask"}],
            },
            {
                "type": "bulletList",
                "content": [
                    {
                        "type": "listItem",
                        "content": [
                            {"type": "paragraph", "content": [{"type": "text", "text": "SSO"}]}
                        ],
                    },
                    {
                        "type": "listItem",
                        "content": [
                            {
                                "type": "paragraph",
                                "content": [
                                    {"type": "text", "text": "Audit by "},
                                    {"type": "mention", "attrs": {"id": "1", "text": "@Ada"}},
                                ],
                            }
                        ],
                    },
                ],
            },
        ],
    }
    assert adf.to_text(doc) == "Ask\n\nSSO\nAudit by @Ada"


def test_empty_or_missing_documents_flatten_to_empty_text() -> None:
    assert adf.to_text(None) == ""
    assert adf.to_text(adf.from_text("  \n\n ")) == ""
