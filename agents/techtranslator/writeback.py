"""The approval decision and the idempotent creation of the approved Jira issues."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from agents.approval import ApprovalDecision
from agents.techtranslator.enrich import ProposedIssue
from devbizops.errors import InvalidInput
from tools.jira import JiraSource

KIND = "jira_write_back"  # the approval request's kind, so resume knows how to check answers


class Decision(ApprovalDecision):
    """A reviewer's answer to a proposal of new issues; ``edits`` are new titles."""

    def check(self, proposed: Sequence[ProposedIssue]) -> None:
        """InvalidInput when the decision names positions the proposal does not have."""
        self.check_positions({p.position for p in proposed}, "proposed issue")
        for position, title in self.edits.items():
            if not title.strip():
                raise InvalidInput(f"edit for position {position} has an empty title")

    def selected(self, proposed: Sequence[ProposedIssue]) -> list[ProposedIssue]:
        """The approved issues with their edited titles, in position order."""
        return [
            p.model_copy(update={"title": self.edits.get(p.position, p.title).strip()})
            for p in proposed
            if self.approves(p.position)
        ]


class CreatedRecord(BaseModel):
    position: int
    requirement_key: str
    title: str
    issue_key: str
    issue_id: str
    url: str
    created: bool = Field(description="False when an earlier attempt had already created it")


def idempotency_key(run_id: str, position: int) -> str:
    """One key per (run, proposal position): retries and resumes find the first attempt's issue."""
    return f"{run_id}:{position}"


def create_issues(
    jira: JiraSource, project: str, issues: Sequence[ProposedIssue], run_id: str
) -> list[CreatedRecord]:
    """Create each approved issue once (the client looks its idempotency label up first)."""
    created: list[CreatedRecord] = []
    for issue in issues:
        result = jira.create_issue(
            project,
            summary=issue.title,
            description=issue.description,
            issue_type=issue.issue_type,
            labels=issue.labels,
            idempotency_key=idempotency_key(run_id, issue.position),
        )
        created.append(
            CreatedRecord(
                position=issue.position,
                requirement_key=issue.requirement_key,
                title=issue.title,
                issue_key=result.key,
                issue_id=result.id,
                url=result.self_url,
                created=result.created,
            )
        )
    return created
