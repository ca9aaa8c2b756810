"""Write approved roadmap changes to Jira as one idempotent comment per issue.

The vendor API subset the project implements has no issue edit (``PUT /issue/{key}``), no rank
endpoint and no issue properties, so rank and target version are written as a comment: the one
write it offers on an existing issue. Each comment is keyed by (run, step, issue), so a resumed
or retried run finds its earlier comment instead of adding another.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from agents.roadmap.schemas import Method
from agents.roadmap.writeback import ProposedChange
from tools.jira import JiraSource

STEP = "roadmap.write"


class WrittenChange(BaseModel):
    """One change as written: the issue, what was written, and the comment holding it."""

    key: str
    rank: int
    target_version: str | None
    comment_id: str
    created: bool = Field(description="False when an earlier attempt had already written it")


def idempotency_key(run_id: str, issue_key: str) -> str:
    """One key per (run, step, issue): a retry finds the first attempt's comment."""
    return f"{run_id}:{STEP}:{issue_key}"


def comment_text(change: ProposedChange, method: Method, total: int, run_id: str) -> str:
    """What the comment says: the new rank and target version, and what they replace."""
    version = change.target_version or "none (no forecast)"
    forecast = f" (P85 completion {change.p85_date})" if change.p85_date else ""
    current = ", ".join(change.current.fix_versions) or "none"
    return (
        f"Roadmap update: rank {change.rank} of {total} by {method.upper()}.\n"
        f"Target version: {version}{forecast}.\n"
        f"Fix versions in Jira: {current}.\n\n"
        f"Approved in DevBizOps run {run_id}."
    )


def write_changes(
    jira: JiraSource,
    changes: Sequence[ProposedChange],
    *,
    method: Method,
    total: int,
    run_id: str,
) -> list[WrittenChange]:
    """Comment each approved change once on its issue, in rank order."""
    written: list[WrittenChange] = []
    for change in changes:
        comment = jira.add_comment(
            change.key,
            comment_text(change, method, total, run_id),
            idempotency_key=idempotency_key(run_id, change.key),
        )
        written.append(
            WrittenChange(
                key=change.key,
                rank=change.rank,
                target_version=change.target_version,
                comment_id=comment.id,
                created=comment.created_now,
            )
        )
    return written
