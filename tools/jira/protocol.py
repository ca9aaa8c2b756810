"""What agents and the sync depend on: a Jira source, not an HTTP client."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from tools.jira.models import CreatedIssue, JiraComment, JiraIssue, JiraUser, Transition

# System fields the sync reads; the client always adds its story-points and sprint field ids.
DEFAULT_FIELDS: tuple[str, ...] = (
    "summary",
    "status",
    "issuetype",
    "priority",
    "labels",
    "fixVersions",
    "created",
    "updated",
    "resolutiondate",
    "assignee",
    "reporter",
    "parent",
    "description",
)


class JiraSource(Protocol):
    """Read issues (with status history) from Jira and make idempotent writes to it."""

    def search(
        self,
        jql: str,
        *,
        fields: Sequence[str] = DEFAULT_FIELDS,
        expand_changelog: bool = True,
        page_size: int = 100,
    ) -> Iterator[JiraIssue]:
        """Every issue matching ``jql``, page by page, with status transitions when expanded."""
        ...

    def get_issue(self, key: str, *, expand_changelog: bool = True) -> JiraIssue:
        """One issue by key or id; raises ``JiraNotFound`` when it does not exist."""
        ...

    def create_issue(
        self,
        project_key: str,
        *,
        summary: str,
        description: str,
        issue_type: str = "Story",
        labels: Sequence[str] = (),
        idempotency_key: str,
    ) -> CreatedIssue:
        """Create an issue once per ``idempotency_key``; a repeat returns the existing issue."""
        ...

    def add_comment(self, key: str, text: str, *, idempotency_key: str) -> JiraComment:
        """Comment once per ``idempotency_key``; a repeat returns the existing comment."""
        ...

    def transitions(self, key: str) -> list[Transition]:
        """The workflow transitions available from the issue's current status."""
        ...

    def transition(self, key: str, to_status_name: str) -> None:
        """Move the issue to the named status; a no-op when it is already there."""
        ...

    def myself(self) -> JiraUser:
        """The account the credentials belong to (a cheap authenticated call)."""
        ...
