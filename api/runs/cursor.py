"""Opaque page cursors: where the previous page of runs ended, as (created_at, id)."""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import datetime

from devbizops.errors import InvalidInput


def encode_cursor(created_at: datetime, run_id: uuid.UUID) -> str:
    """A URL-safe token; clients pass it back unchanged and never parse it."""
    raw = f"{created_at.isoformat()}|{run_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The mark inside a cursor; InvalidInput (422) for anything this API did not hand out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _, ident = raw.partition("|")
        created_at = datetime.fromisoformat(stamp)
        if created_at.tzinfo is None:
            raise ValueError("naive timestamp")
        return created_at, uuid.UUID(ident)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidInput(
            "cursor is not valid; pass next_cursor from a previous page unchanged",
            details={"fields": [{"loc": ["query", "cursor"], "message": "invalid cursor"}]},
        ) from exc
