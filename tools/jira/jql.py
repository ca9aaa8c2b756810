"""Build the JQL the sync and the idempotency lookups send (quoted safely)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def quote(value: str) -> str:
    """A JQL string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def updated_since(project_key: str, since: datetime, *, tz: tzinfo = UTC) -> str:
    """Issues of a project updated at or after ``since``, oldest update first.

    JQL dates have minute precision and are read in the API user's profile time zone, so pass that
    zone as ``tz``; the minute is rounded down, which re-reads at most one minute of updates.
    """
    when = since.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return f"project = {quote(project_key)} AND updated >= {quote(when)} ORDER BY updated ASC"


def with_label(project_key: str, label: str) -> str:
    """Issues of a project carrying ``label``."""
    return f"project = {quote(project_key)} AND labels = {quote(label)}"
