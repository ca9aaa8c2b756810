"""Jira errors: every failure the Jira adapter raises, with Jira's own words when it sent any."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from devbizops.errors import DevBizOpsError, UpstreamError


class JiraError(UpstreamError):
    """Jira refused or failed; ``error_messages``/``errors`` are Jira's ``ErrorCollection``."""

    code = "jira_error"

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        error_messages: Sequence[str] = (),
        errors: Mapping[str, str] | None = None,
        retry_after: float | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.http_status = http_status
        self.error_messages = list(error_messages)
        self.errors = dict(errors or {})
        # Seconds Jira asked us to wait (429, some 503s); None when it did not say.
        self.retry_after = retry_after
        merged = {
            "http_status": http_status,
            "error_messages": self.error_messages,
            "errors": self.errors,
            **(details or {}),
        }
        super().__init__(message, details=merged)

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later (429, 5xx, no answer at all)."""
        return False


class JiraAuthError(JiraError):
    """Jira rejected the email/API token (401): retrying cannot help."""

    code = "jira_auth_failed"


class JiraNotFound(JiraError):
    """The issue does not exist, or the account may not see it (Jira does not say which)."""

    code = "jira_not_found"
    status = 404


class JiraRateLimited(JiraError):
    """Jira answered 429; ``retry_after`` says how long it wants us to wait."""

    code = "jira_rate_limited"
    status = 503

    @property
    def retryable(self) -> bool:
        return True


class JiraUnavailable(JiraError):
    """Jira answered 5xx or could not be reached (connection error, timeout)."""

    code = "jira_unavailable"
    status = 503

    @property
    def retryable(self) -> bool:
        return True


class JiraWebhookError(DevBizOpsError):
    """A webhook delivery failed verification: missing, malformed, forged or stale."""

    code = "jira_webhook_rejected"
    status = 401
    exit_code = 2

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message, details={"reason": reason})
        self.reason = reason
