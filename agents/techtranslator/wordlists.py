"""Word lists written as plain text, so long vocabularies stay readable in the source."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set ("a b\\nc" -> {"a", "b", "c"})."""
    return frozenset(text.split())
