"""Atlassian Document Format: build a document from plain text and flatten one back to text.

Jira REST v3 takes and returns rich text (descriptions, comments) as ADF, never as a string.
Plain text maps to ADF as: blank lines separate paragraphs, single newlines become hard breaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

AdfDoc = dict[str, Any]

# Block nodes whose text ends with a line break when flattened.
_BLOCKS = frozenset(
    {
        "paragraph",
        "heading",
        "codeBlock",
        "blockquote",
        "listItem",
        "panel",
        "rule",
        "tableRow",
        "mediaSingle",
    }
)


def from_text(text: str) -> AdfDoc:
    """A version-1 ADF ``doc`` holding ``text``; an empty text gives a doc with no content."""
    paragraphs = [p for p in _split_paragraphs(text) if p.strip()]
    return {"type": "doc", "version": 1, "content": [_paragraph(p) for p in paragraphs]}


def paragraph_doc(*paragraphs: str) -> AdfDoc:
    """An ADF ``doc`` with one paragraph per argument (each may hold single newlines)."""
    return {"type": "doc", "version": 1, "content": [_paragraph(p) for p in paragraphs]}


def to_text(doc: Mapping[str, Any] | None) -> str:
    """Flatten ADF to plain text: paragraphs separated by blank lines, hard breaks as newlines."""
    if not doc:
        return ""
    blocks: list[str] = []
    for node in doc.get("content") or []:
        if isinstance(node, Mapping):
            text = _inline_text(node).strip("\n")
            if text:
                blocks.append(text)
    return "\n\n".join(blocks)


def _split_paragraphs(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.rstrip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return ["\n".join(p) for p in paragraphs if p]


def _paragraph(text: str) -> dict[str, Any]:
    content: list[dict[str, Any]] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            content.append({"type": "hardBreak"})
        if line:
            content.append({"type": "text", "text": line})
    return {"type": "paragraph", "content": content}


def _inline_text(node: Mapping[str, Any]) -> str:
    kind = node.get("type")
    if kind == "text":
        return str(node.get("text", ""))
    if kind == "hardBreak":
        return "\n"
    if kind in ("mention", "emoji", "status", "date", "inlineCard"):
        attrs = node.get("attrs") or {}
        return str(attrs.get("text") or attrs.get("shortName") or attrs.get("url") or "")
    parts = [
        _inline_text(child) for child in node.get("content") or [] if isinstance(child, Mapping)
    ]
    joined = "".join(parts)
    # Nested blocks (list items, quotes) each end a line so words do not run together.
    return joined + "\n" if kind in _BLOCKS and joined and not joined.endswith("\n") else joined
