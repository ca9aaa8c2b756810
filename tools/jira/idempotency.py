"""Idempotency markers we leave in Jira so a retried write finds its first attempt's result.

An issue carries the label ``dbo-idem-<key>`` (labels may not contain spaces and are searchable
by JQL); a comment ends with a short reference line holding the same token.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from tools.jira import adf

PREFIX = "dbo-idem-"
_LABEL_SAFE = re.compile(r"[A-Za-z0-9._:-]{1,200}")


def token(idempotency_key: str) -> str:
    """The marker for a key: the key itself when label-safe, else a digest (collision-free)."""
    if not idempotency_key:
        raise ValueError("an idempotency key is required for Jira writes")
    if _LABEL_SAFE.fullmatch(idempotency_key):
        return PREFIX + idempotency_key
    return PREFIX + hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]


def comment_body(text: str, marker: str) -> dict[str, Any]:
    """The comment as ADF, with the marker as its last paragraph."""
    doc = adf.from_text(text)
    doc["content"].append(adf.paragraph_doc(f"ref: {marker}")["content"][0])
    return doc


def has_marker(body: Mapping[str, Any] | None, marker: str) -> bool:
    """Whether a comment body carries ``marker`` as a whole word."""
    return re.search(rf"(?<![\w-]){re.escape(marker)}(?![\w.:-])", adf.to_text(body)) is not None
