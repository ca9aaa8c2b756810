"""The sandbox Jira site's mutable state: the company's issues plus what clients wrote since.

Records stay in the vendor-neutral model (``tools.sandbox.model``); ``render.py`` turns them into
Jira's wire format. One lock guards everything: handlers run on the server thread while tests
read and script the store from theirs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from tools.sandbox.model import JiraIssue, JiraSprint, JiraStatusChange, JiraUser, JiraVersion
from tools.sandbox.model import SandboxCompany as Company

IssueType = Literal["Epic", "Story", "Bug", "Task"]
Priority = Literal["Highest", "High", "Medium", "Low"]
EventKind = Literal["jira:issue_created", "jira:issue_updated"]


@dataclass(frozen=True)
class StoredComment:
    id: str
    issue_key: str
    author_account_id: str
    body: dict[str, Any]
    created: datetime


@dataclass(frozen=True)
class IssueEvent:
    """Something a webhook would report; ``webhooks.py`` renders it into Jira's payload."""

    kind: EventKind
    issue_key: str
    at: datetime
    user_account_id: str
    change: JiraStatusChange | None = None


@dataclass
class JiraStore:
    company: Company
    bot: JiraUser
    clock: Callable[[], datetime]
    lock: threading.RLock = field(default_factory=threading.RLock)
    events: list[IssueEvent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget every write: back to the company's records (lets tests share one server)."""
        with self.lock:
            self._load()
            self.events.clear()

    def _load(self) -> None:
        self._issues: dict[str, JiraIssue] = {i.key: i for i in self.company.jira_issues}
        self._users = {u.account_id: u for u in [*self.company.jira_users, self.bot]}
        self._sprints = {s.id: s for s in self.company.sprints}
        self._versions = {v.id: v for v in self.company.versions}
        self._adf: dict[str, dict[str, Any]] = {}  # descriptions written as ADF by clients
        self._comments: dict[str, list[StoredComment]] = {}
        ids = [int(i.id) for i in self.company.jira_issues if i.id.isdigit()]
        self._next_id = max([10000, *ids]) + 1
        nums = [_number(i.key) for i in self.company.jira_issues]
        self._next_number = max([0, *nums]) + 1
        self._next_comment = 10000
        self._next_change = 900000

    @property
    def project_key(self) -> str:
        return self.company.jira_project_key

    def issues(self) -> list[JiraIssue]:
        """A snapshot of every issue."""
        with self.lock:
            return list(self._issues.values())

    def get(self, key_or_id: str) -> JiraIssue | None:
        """An issue by key (case-insensitive, as Jira) or by numeric id."""
        with self.lock:
            found = self._issues.get(key_or_id.upper())
            if found is None and key_or_id.isdigit():
                found = next((i for i in self._issues.values() if i.id == key_or_id), None)
            return found

    def user(self, account_id: str | None) -> JiraUser | None:
        return self._users.get(account_id) if account_id else None

    def sprint(self, sprint_id: int) -> JiraSprint | None:
        return self._sprints.get(sprint_id)

    def version(self, version_id: str) -> JiraVersion | None:
        return self._versions.get(version_id)

    def description_adf(self, key: str) -> dict[str, Any] | None:
        """The ADF a client wrote, when the issue was created through the API."""
        return self._adf.get(key)

    def create_issue(
        self,
        *,
        summary: str,
        issue_type: IssueType,
        description: dict[str, Any] | None,
        description_text: str,
        labels: Sequence[str],
        priority: Priority,
        reporter: str,
        epic_key: str | None = None,
    ) -> JiraIssue:
        """Add an issue in the initial status and record the ``issue_created`` event."""
        now = self.clock()
        with self.lock:
            key = f"{self.project_key}-{self._next_number}"
            issue = JiraIssue(
                id=str(self._next_id),
                key=key,
                issue_type=issue_type,
                summary=summary,
                description=description_text,
                status="To Do",
                priority=priority,
                labels=list(labels),
                epic_key=epic_key,
                reporter_account_id=reporter,
                created=now,
                updated=now,
            )
            self._next_id += 1
            self._next_number += 1
            self._issues[key] = issue
            if description is not None:
                self._adf[key] = description
            self.events.append(IssueEvent("jira:issue_created", key, now, reporter))
            return issue

    def comments(self, key: str) -> list[StoredComment]:
        """An issue's comments, oldest first."""
        with self.lock:
            return list(self._comments.get(key, []))

    def add_comment(self, key: str, body: dict[str, Any], author: str) -> StoredComment:
        """Append a comment and bump the issue's ``updated``."""
        now = self.clock()
        with self.lock:
            comment = StoredComment(str(self._next_comment), key, author, body, now)
            self._next_comment += 1
            self._comments.setdefault(key, []).append(comment)
            self._issues[key] = self._issues[key].model_copy(update={"updated": now})
            return comment

    def move(self, key: str, to_status: str, author: str) -> JiraIssue:
        """Change the status, log it in the changelog and record ``issue_updated``."""
        now = self.clock()
        with self.lock:
            issue = self._issues[key]
            change = JiraStatusChange(
                id=str(self._next_change),
                at=now,
                author_account_id=author,
                from_status=issue.status,
                to_status=to_status,
            )
            self._next_change += 1
            resolved = now if to_status == "Done" else None
            updated = issue.model_copy(
                update={
                    "status": to_status,
                    "updated": now,
                    "resolved": resolved,
                    "changelog": [*issue.changelog, change],
                }
            )
            self._issues[key] = updated
            self.events.append(IssueEvent("jira:issue_updated", key, now, author, change))
            return updated


def _number(key: str) -> int:
    tail = key.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0
