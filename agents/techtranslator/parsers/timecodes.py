"""Clock-time formatting shared by the transcript parsers."""

from __future__ import annotations

import re


def clock(seconds: int) -> str:
    """Format whole seconds as ``HH:MM:SS``; hours grow past two digits instead of wrapping."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def clock_from_millis(millis: float) -> str:
    """Format a millisecond offset (Gong's unit) as ``HH:MM:SS``."""
    return clock(int(millis // 1000))


def clock_from_epoch(seconds: int) -> str:
    """Format Unix epoch seconds as the UTC wall-clock time ``HH:MM:SS``."""
    # Modulo a day instead of datetime: absurd years in hand-edited files must not overflow.
    return clock(seconds % 86_400)


def span_millis(timing: str, timestamp: re.Pattern[str]) -> tuple[int, int] | None:
    """Start and end in ms of a ``start --> end [settings]`` line, or ``None`` if malformed.

    ``timestamp`` must name its groups ``h`` (optional), ``m``, ``s`` and ``ms``.
    """
    start_text, _, rest = timing.partition("-->")
    words = rest.split()
    start = _millis(start_text.strip(), timestamp)
    end = _millis(words[0], timestamp) if words else None
    if start is None or end is None:
        return None
    return start, end


def _millis(text: str, timestamp: re.Pattern[str]) -> int | None:
    match = timestamp.fullmatch(text)
    if match is None:
        return None
    seconds = (int(match["h"] or 0) * 60 + int(match["m"])) * 60 + int(match["s"])
    # A short fraction such as SubRip's ",5" means 500 ms, so pad rather than read "5" as 5 ms.
    return seconds * 1000 + int(match["ms"].ljust(3, "0"))
