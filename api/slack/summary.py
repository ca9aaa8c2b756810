"""The bot's words: the finished run's requirements, failures and the help text (Slack mrkdwn)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from api.runs.schemas import RunOut

# Slack cuts messages near 40k characters; a long list is better read on the run's page.
MAX_LISTED = 25
PRIORITIES = ("must", "should", "could")

HELP = (
    "Hi! I turn sales-call transcripts into technical requirements. Paste a transcript in a "
    "message that mentions me (plain `Speaker: text` lines, WebVTT, SRT, Gong or Slack JSON), "
    "upload a transcript file in a channel I'm in, or use "
    "`/devbizops translate <transcript>`. I could not find a transcript with at least two "
    "speaker turns in your message."
)
COMMAND_HELP = (
    "Usage: `/devbizops translate <transcript>` — paste the call (`Speaker: text` lines, WebVTT, "
    "SRT, Gong or Slack JSON) and I'll post the requirements here when they are ready."
)


def run_link(public_url: str, run_id: object) -> str:
    return f"{public_url.rstrip('/')}/v1/runs/{run_id}"


def started(run: RunOut, public_url: str) -> str:
    """What the slash command answers at once."""
    return (
        f"Translating the transcript (run `{run.id}`). I'll post the requirements in this "
        f"channel when they are ready: {run_link(public_url, run.id)}"
    )


def reply(run: RunOut, public_url: str) -> str:
    """The reply for a run that stopped: its requirements, or why it failed."""
    link = run_link(public_url, run.id)
    if run.status == "failed":
        message = (run.error or {}).get("message", "unknown error")
        return f"Sorry, I could not translate this transcript: {message}\nDetails: {link}"
    if run.status == "cancelled":
        return f"The translation was cancelled. Details: {link}"
    requirements = list((run.output or {}).get("requirements", []))
    if not requirements and run.status == "interrupted":
        return f"The translation waits for your approval: {link}"
    if not requirements:
        return (
            "I read the transcript but found no technical requirements in what the customer "
            f"said. Details: {link}"
        )
    lines = [
        f"*{len(requirements)} requirement{'s' if len(requirements) != 1 else ''}* "
        f"({_counts(requirements)})"
    ]
    for number, item in enumerate(requirements[:MAX_LISTED], start=1):
        lines.append(
            f"{number}. *{item.get('title', '?')}* — {item.get('priority', '?')}, "
            f"{item.get('category', '?')}"
        )
    if len(requirements) > MAX_LISTED:
        lines.append(f"… and {len(requirements) - MAX_LISTED} more")
    verb = "Approve" if run.status == "interrupted" else "Review and approve"
    lines.append(f"{verb}: {link}")
    return "\n".join(lines)


def _counts(requirements: list[dict[str, Any]]) -> str:
    by_priority = Counter(str(r.get("priority")) for r in requirements)
    by_category = Counter(str(r.get("category")) for r in requirements)
    order = [p for p in PRIORITIES if by_priority[p]] + sorted(set(by_priority) - set(PRIORITIES))
    priorities = ", ".join(f"{by_priority[p]} {p}" for p in order)
    categories = ", ".join(f"{n} {c}" for c, n in sorted(by_category.items()))
    return f"{priorities}; {categories}"
