"""Jira Cloud adapter: the ``JiraSource`` protocol, its httpx client, wire models and webhooks."""

from tools.jira.client import JiraClient
from tools.jira.errors import (
    JiraAuthError,
    JiraError,
    JiraNotFound,
    JiraRateLimited,
    JiraUnavailable,
    JiraWebhookError,
)
from tools.jira.models import (
    CreatedIssue,
    FixVersion,
    JiraComment,
    JiraIssue,
    JiraUser,
    Sprint,
    StatusTransition,
    Transition,
)
from tools.jira.protocol import DEFAULT_FIELDS, JiraSource

__all__ = [
    "DEFAULT_FIELDS",
    "CreatedIssue",
    "FixVersion",
    "JiraAuthError",
    "JiraClient",
    "JiraComment",
    "JiraError",
    "JiraIssue",
    "JiraNotFound",
    "JiraRateLimited",
    "JiraSource",
    "JiraUnavailable",
    "JiraUser",
    "JiraWebhookError",
    "Sprint",
    "StatusTransition",
    "Transition",
]
