"""Turn Jira wire payloads into the adapter's models (custom fields picked by configured id)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from tools.jira import adf
from tools.jira.errors import JiraError
from tools.jira.models import (
    FixVersion,
    JiraComment,
    JiraIssue,
    JiraUser,
    Sprint,
    StatusCategory,
    StatusTransition,
    Transition,
)
from tools.jira.wire import (
    ChangelogWire,
    CommentWire,
    IssueBeanWire,
    SprintWire,
    StatusWire,
    TransitionWire,
    UserWire,
)

M = TypeVar("M", bound=BaseModel)
_POINTS = TypeAdapter(float | None)
_SPRINTS = TypeAdapter(list[SprintWire] | None)


@dataclass(frozen=True)
class FieldIds:
    """Site-specific custom field ids (Jira Cloud team-managed defaults)."""

    story_points: str = "customfield_10016"
    sprint: str = "customfield_10020"


def issue(bean: IssueBeanWire, ids: FieldIds, history: Iterable[ChangelogWire] = ()) -> JiraIssue:
    """One parsed issue; ``history`` is the full changelog when the embedded one was cut short."""
    f = bean.fields
    extra = f.model_extra or {}
    try:
        points = _POINTS.validate_python(extra.get(ids.story_points))
        sprints = _SPRINTS.validate_python(extra.get(ids.sprint)) or []
    except ValidationError as exc:
        raise JiraError(f"{bean.key}: unexpected custom field value: {exc}") from exc
    if f.created is None or f.updated is None:
        raise JiraError(f"{bean.key}: Jira sent no created/updated timestamps")
    parent_type = f.parent.fields.issuetype if f.parent and f.parent.fields else None
    return JiraIssue(
        id=bean.id,
        key=bean.key,
        summary=f.summary,
        status=f.status.name if f.status else "",
        status_category=status_category(f.status),
        issue_type=f.issuetype.name if f.issuetype else "",
        priority=f.priority.name if f.priority else None,
        labels=tuple(f.labels),
        story_points=points,
        sprints=tuple(_sprint(s) for s in sprints),
        fix_versions=tuple(
            FixVersion(id=v.id, name=v.name, released=v.released, release_date=v.release_date)
            for v in f.fix_versions
        ),
        created=f.created,
        updated=f.updated,
        resolved=f.resolutiondate,
        assignee=user(f.assignee) if f.assignee else None,
        reporter=user(f.reporter) if f.reporter else None,
        parent_key=f.parent.key if f.parent else None,
        epic_key=f.parent.key if f.parent and parent_type and parent_type.name == "Epic" else None,
        description_adf=f.description,
        description=adf.to_text(f.description),
        transitions=tuple(status_transitions(history)),
    )


def status_transitions(history: Iterable[ChangelogWire]) -> list[StatusTransition]:
    """The status changes in a changelog, oldest first, whatever order Jira sent them in."""
    found: list[StatusTransition] = []
    for entry in history:
        for item in entry.items:
            if (item.field_id or item.field) != "status" or not item.to_string:
                continue
            found.append(
                StatusTransition(
                    changelog_id=entry.id,
                    at=entry.created,
                    from_status=item.from_string or None,
                    to_status=item.to_string,
                    author_account_id=entry.author.account_id if entry.author else None,
                )
            )
    # Ids grow with time; they break ties between changes made in the same millisecond.
    return sorted(found, key=lambda t: (t.at, _numeric(t.changelog_id)))


def user(wire: UserWire) -> JiraUser:
    """Our view of a Jira user."""
    return JiraUser(
        account_id=wire.account_id,
        display_name=wire.display_name,
        email=wire.email_address,
        active=wire.active,
        time_zone=wire.time_zone,
    )


def status_category(status: StatusWire | None) -> StatusCategory:
    """The status category key (``new``/``indeterminate``/``done``), ``undefined`` if unknown."""
    key = status.status_category.key if status and status.status_category else ""
    if key == "new":
        return "new"
    if key == "indeterminate":
        return "indeterminate"
    if key == "done":
        return "done"
    return "undefined"


def transition(wire: TransitionWire) -> Transition:
    """Our view of an available workflow transition."""
    return Transition(
        id=wire.id,
        name=wire.name,
        to_status=wire.to.name,
        to_status_category=status_category(wire.to),
    )


def comment(wire: CommentWire, *, created_now: bool) -> JiraComment:
    """Our view of a comment."""
    return JiraComment(
        id=wire.id, created=wire.created, body_text=adf.to_text(wire.body), created_now=created_now
    )


def _sprint(wire: SprintWire) -> Sprint:
    return Sprint(
        id=wire.id,
        name=wire.name,
        state=wire.state,
        start=wire.start_date,
        end=wire.end_date,
        completed=wire.complete_date,
    )


def _numeric(value: str) -> int:
    return int(value) if value.isdigit() else 0


def utc(value: Any) -> datetime:
    """A timezone-aware UTC datetime (naive values are taken as UTC)."""
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def load(model: type[M], raw: Any) -> M:
    """Validate a decoded Jira body; a shape we do not understand is a ``JiraError``."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise JiraError(f"Jira sent an unexpected {model.__name__} payload: {exc}") from exc
