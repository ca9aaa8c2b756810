"""``JiraClient``: Jira Cloud REST v3 over httpx with basic auth (account email + API token)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

import httpx

from tools.jira import adf, idempotency, lookups, parse
from tools.jira.errors import JiraError
from tools.jira.lookups import API, issue_path
from tools.jira.models import CreatedIssue, JiraComment, JiraIssue, JiraUser, Transition
from tools.jira.parse import FieldIds, load
from tools.jira.protocol import DEFAULT_FIELDS
from tools.jira.transport import JiraTransport, TransportStats
from tools.jira.wire import (
    ChangelogWire,
    CommentWire,
    CreatedIssueWire,
    IssueBeanWire,
    SearchPageWire,
    TransitionsWire,
    UserWire,
)

# Without these a JiraIssue cannot be built, whatever ``fields`` the caller narrowed to.
_REQUIRED_FIELDS = ("summary", "status", "issuetype", "created", "updated")


class JiraClient:
    """Implements ``JiraSource`` against one Jira Cloud site (``https://<site>.atlassian.net``)."""

    def __init__(
        self,
        base_url: str,
        *,
        email: str,
        api_token: str,
        story_points_field: str = "customfield_10016",
        sprint_field: str = "customfield_10020",
        timeout: float = 30.0,
        max_attempts: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        max_retry_after: float = 120.0,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.fields = FieldIds(story_points=story_points_field, sprint=sprint_field)
        self._t = JiraTransport(
            base_url,
            email=email,
            api_token=api_token,
            timeout=timeout,
            max_attempts=max_attempts,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
            max_retry_after=max_retry_after,
            http_client=http_client,
            transport=transport,
        )

    @property
    def stats(self) -> TransportStats:
        """Requests sent and retries made by this client (for metrics)."""
        return self._t.stats

    def search(
        self,
        jql: str,
        *,
        fields: Sequence[str] = DEFAULT_FIELDS,
        expand_changelog: bool = True,
        page_size: int = 100,
    ) -> Iterator[JiraIssue]:
        """Every issue matching ``jql`` via ``POST /search/jql`` and its ``nextPageToken``."""
        custom = (self.fields.story_points, self.fields.sprint)
        wanted = list(dict.fromkeys([*_REQUIRED_FIELDS, *fields, *custom]))
        token: str | None = None
        while True:
            body: dict[str, Any] = {"jql": jql, "maxResults": page_size, "fields": wanted}
            if expand_changelog:
                body["expand"] = "changelog"  # a comma-separated string, not a list
            if token:
                body["nextPageToken"] = token
            page = load(SearchPageWire, self._t.post_json(f"{API}/search/jql", body))
            for bean in page.issues:
                yield self._parse(bean, expand_changelog)
            token = page.next_page_token
            if not token or page.is_last:
                return

    def get_issue(self, key: str, *, expand_changelog: bool = True) -> JiraIssue:
        """One issue with all fields; raises ``JiraNotFound``."""
        params = {"expand": "changelog"} if expand_changelog else None
        bean = load(IssueBeanWire, self._t.get_json(issue_path(key), params))
        return self._parse(bean, expand_changelog)

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
        """Create once: look the idempotency label up, create only when no issue carries it."""
        marker = idempotency.token(idempotency_key)
        fields = {
            "project": {"key": project_key},
            "summary": summary,
            "issuetype": {"name": issue_type},
            "description": adf.from_text(description),
            "labels": list(dict.fromkeys([*labels, marker])),
        }

        def attempt() -> CreatedIssue:
            # The lookup runs on every attempt: an earlier one may have created the issue and
            # then lost the answer (5xx or timeout after the commit).
            found = lookups.issue_labelled(self._t, project_key, marker)
            if found is not None:
                return found
            raw = self._t.send_json("POST", f"{API}/issue", json={"fields": fields})
            created = load(CreatedIssueWire, raw)
            return CreatedIssue(id=created.id, key=created.key, self_url=created.self_url)

        return self._t.retrying(attempt)

    def add_comment(self, key: str, text: str, *, idempotency_key: str) -> JiraComment:
        """Comment once: look for the marker in existing comments before posting."""
        marker = idempotency.token(idempotency_key)
        body = {"body": idempotency.comment_body(text, marker)}

        def attempt() -> JiraComment:
            found = lookups.comment_marked(self._t, key, marker)
            if found is not None:
                return parse.comment(found, created_now=False)
            raw = self._t.send_json("POST", f"{issue_path(key)}/comment", json=body)
            return parse.comment(load(CommentWire, raw), created_now=True)

        return self._t.retrying(attempt)

    def transitions(self, key: str) -> list[Transition]:
        """Transitions available from the current status."""
        wire = load(TransitionsWire, self._t.get_json(f"{issue_path(key)}/transitions"))
        return [parse.transition(t) for t in wire.transitions]

    def transition(self, key: str, to_status_name: str) -> None:
        """Move to ``to_status_name`` (case-insensitive); already there is success, not an error."""
        wanted = to_status_name.casefold()

        def attempt() -> None:
            raw = self._t.send_json("GET", issue_path(key), params={"fields": "status"})
            status = load(IssueBeanWire, raw).fields.status
            if status is not None and status.name.casefold() == wanted:
                return
            raw = self._t.send_json("GET", f"{issue_path(key)}/transitions")
            options = load(TransitionsWire, raw).transitions
            match = next((t for t in options if t.to.name.casefold() == wanted), None)
            if match is None:
                names = ", ".join(sorted({t.to.name for t in options})) or "none"
                raise JiraError(
                    f"{key} cannot move to {to_status_name!r} from its current status "
                    f"(reachable: {names})",
                    details={"issue": key, "to_status": to_status_name},
                )
            body = {"transition": {"id": match.id}}
            self._t.send("POST", f"{issue_path(key)}/transitions", json=body)

        self._t.retrying(attempt)

    def myself(self) -> JiraUser:
        """The account behind the credentials."""
        return parse.user(load(UserWire, self._t.get_json(f"{API}/myself")))

    def close(self) -> None:
        """Close the HTTP client if this client opened it."""
        self._t.close()

    def __enter__(self) -> JiraClient:
        return self

    def __exit__(
        self, exc: type[BaseException] | None, val: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _parse(self, bean: IssueBeanWire, expanded: bool) -> JiraIssue:
        history: list[ChangelogWire] = []
        if expanded and bean.changelog is not None:
            embedded = bean.changelog
            # Search and GET embed only the latest histories; fetch the rest when cut short.
            if embedded.total > len(embedded.histories):
                history = list(lookups.changelog(self._t, bean.key))
            else:
                history = embedded.histories
        return parse.issue(bean, self.fields, history)
