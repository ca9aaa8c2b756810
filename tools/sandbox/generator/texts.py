"""Prose for descriptions, PR bodies and commit messages: plausible, short and seeded."""

from __future__ import annotations

from random import Random

_PERSONAS = (
    "workspace admin", "finance lead", "data analyst", "account owner", "developer using the API",
    "customer success manager",
)  # fmt: skip
_BENEFITS = (
    "we can roll it out to the whole company", "our reporting stays accurate",
    "we save hours every week", "security can sign off on it", "we stop exporting to spreadsheets",
)  # fmt: skip
_TRIGGERS = (
    "Filter by the last 90 days", "Switch the workspace locale", "Reload the page",
    "Open it with a viewer account", "Run a sync with more than 10,000 rows",
)  # fmt: skip


def issue_description(rng: Random, issue_type: str, summary: str, phrase: str) -> str:
    """A plain-text Jira description in the usual shape for the issue type."""
    if issue_type == "Epic":
        return f"Goal: {summary}.\n\nStories under this epic deliver it in small, shippable slices."
    if issue_type == "Story":
        want = summary[0].lower() + summary[1:]
        return (
            f"As a {rng.choice(_PERSONAS)}, I want to {want} so that {rng.choice(_BENEFITS)}.\n\n"
            "Acceptance criteria:\n- Works on every plan\n- Covered by automated tests\n"
            "- Documented in the help centre"
        )
    if issue_type == "Bug":
        component, symptom = phrase.split("|")
        return (
            f"Steps to reproduce:\n1. Open the {component}\n2. {rng.choice(_TRIGGERS)}\n\n"
            f"Expected: it works as usual.\nActual: the {component} {symptom}."
        )
    return f"Housekeeping: {summary}. No user-facing change expected."


def pr_body(key: str, summary: str, jira_site: str) -> str:
    """A pull-request description linking its Jira issue."""
    return (
        f"Implements [{key}](https://{jira_site}/browse/{key}): {summary}.\n\n"
        "## Testing\n- [x] Unit tests\n- [x] Tried it on staging"
    )


def first_commit(summary: str) -> str:
    """The opening commit message of a branch, from the issue it works on."""
    return summary[0].upper() + summary[1:]
