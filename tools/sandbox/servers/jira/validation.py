"""Check write bodies the way Jira does: 400 with an ``errors`` map naming each bad field.

Descriptions and comment bodies must be Atlassian Document Format in REST v3; a plain string is
refused with Jira's "Operation value must be an Atlassian Document" message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from tools.jira import adf
from tools.sandbox.servers.jira import workflow
from tools.sandbox.servers.jira.store import IssueType, JiraStore, Priority

NOT_ADF = "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
_SETTABLE = {"project", "summary", "issuetype", "description", "labels", "priority", "parent"}
_NODES = {
    "paragraph", "heading", "bulletList", "orderedList", "listItem", "codeBlock", "blockquote",
    "rule", "panel", "table", "tableRow", "tableHeader", "tableCell", "mediaSingle", "media",
    "text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status",
}  # fmt: skip


class Invalid(Exception):
    """A request Jira would refuse with 400; carries its ``ErrorCollection``."""

    def __init__(self, messages: list[str], errors: dict[str, str] | None = None) -> None:
        super().__init__("; ".join(messages) or str(errors))
        self.messages = messages
        self.errors = errors or {}


@dataclass
class NewIssue:
    summary: str
    issue_type: IssueType
    description: dict[str, Any] | None
    labels: list[str] = field(default_factory=list)
    priority: Priority = "Medium"
    epic_key: str | None = None


def is_adf(doc: Any) -> bool:
    """Whether ``doc`` is a structurally valid ADF v1 document."""
    if not isinstance(doc, dict) or doc.get("type") != "doc" or doc.get("version") != 1:
        return False
    return isinstance(doc.get("content"), list) and all(_node(n) for n in doc["content"])


def new_issue(body: Any, store: JiraStore) -> NewIssue:
    """The issue a createIssue body asks for, or ``Invalid``."""
    if not isinstance(body, dict) or not isinstance(body.get("fields"), dict):
        raise Invalid(["Can not deserialize instance of fields: a 'fields' object is required."])
    fields: dict[str, Any] = body["fields"]
    errors: dict[str, str] = {}
    for name in sorted(set(fields) - _SETTABLE):
        errors[name] = (
            f"Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."
        )
    project = fields.get("project")
    if not isinstance(project, dict) or not (project.get("key") or project.get("id")):
        errors["project"] = "Specify a valid project ID or key"
    elif (
        project.get("key", store.project_key) != store.project_key
        or project.get("id", workflow.PROJECT_ID) != workflow.PROJECT_ID
    ):
        errors["project"] = "valid project is required"
    type_ids = {tid: name for name, (tid, _) in workflow.ISSUE_TYPES.items()}
    issue_type = _named(fields.get("issuetype"), type_ids)
    if issue_type is None:
        errors["issuetype"] = "Specify an issue type"
    elif issue_type not in workflow.ISSUE_TYPES:
        errors["issuetype"] = "The issue type selected is invalid."
    summary = fields.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        errors["summary"] = "You must specify a summary of the issue."
    elif len(summary) > 255:
        errors["summary"] = "Summary must be less than 255 characters."
    description = fields.get("description")
    if description is not None and not is_adf(description):
        errors["description"] = NOT_ADF
    labels = fields.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        errors["labels"] = "Labels must be a list of strings."
    elif bad := next((x for x in labels if not x or " " in x or len(x) > 255), None):
        errors["labels"] = f"The label '{bad}' contains spaces or is too long."
    priority_ids = {pid: name for name, pid in workflow.PRIORITIES.items()}
    priority = _named(fields.get("priority"), priority_ids) or workflow.DEFAULT_PRIORITY
    if priority not in workflow.PRIORITIES or priority == "Lowest":
        errors["priority"] = f"Priority name '{priority}' is not valid."
    parent = fields.get("parent")
    epic_key = parent.get("key") if isinstance(parent, dict) else None
    if parent is not None and (epic_key is None or store.get(str(epic_key)) is None):
        errors["parent"] = "Could not find issue by id or key."
    if errors:
        raise Invalid([], errors)
    return NewIssue(
        summary=cast(str, summary).strip(),
        issue_type=cast(IssueType, issue_type),
        description=description,
        labels=list(dict.fromkeys(cast(list[str], labels))),
        priority=cast(Priority, priority),
        epic_key=str(epic_key) if epic_key else None,
    )


def comment_body(body: Any) -> dict[str, Any]:
    """The ADF body of an addComment request, or ``Invalid``."""
    doc = body.get("body") if isinstance(body, dict) else None
    if not doc:
        raise Invalid([], {"comment": "Comment body can not be empty!"})
    if not is_adf(doc) or not adf.to_text(doc).strip():
        raise Invalid([], {"comment": NOT_ADF})
    return cast(dict[str, Any], doc)


def transition_id(body: Any) -> str:
    """The transition id of a doTransition request, or ``Invalid``."""
    transition = body.get("transition") if isinstance(body, dict) else None
    tid = transition.get("id") if isinstance(transition, dict) else None
    if not tid:
        raise Invalid(["Missing 'transition' identifier."])
    return str(tid)


def _named(value: Any, ids: dict[str, str]) -> str | None:
    """The name of an ``{"name": …}`` or ``{"id": …}`` reference (Jira accepts either)."""
    if not isinstance(value, dict):
        return None
    if value.get("name"):
        return str(value["name"])
    if value.get("id"):
        return ids.get(str(value["id"]), f"id {value['id']}")
    return None


def _node(node: Any) -> bool:
    if not isinstance(node, dict) or node.get("type") not in _NODES:
        return False
    if node["type"] == "text":
        return isinstance(node.get("text"), str) and bool(node["text"])
    content = node.get("content", [])
    return isinstance(content, list) and all(_node(n) for n in content)
