"""GitHub's failures as typed errors: each keeps GitHub's own message and documentation link."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from devbizops.errors import DevBizOpsError, UpstreamError


class GitHubError(UpstreamError):
    """GitHub refused or failed a request; ``http_status`` is GitHub's, ``status`` is ours."""

    code = "github_error"

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        github_message: str | None = None,
        documentation_url: str | None = None,
        url: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        extra = {
            "http_status": http_status,
            "github_message": github_message,
            "documentation_url": documentation_url,
            "url": url,
        }
        super().__init__(message, details={**extra, **(details or {})})
        self.http_status = http_status
        self.github_message = github_message
        self.documentation_url = documentation_url
        self.url = url


class GitHubAuthError(GitHubError):
    """401: the token is missing, wrong, expired or revoked."""

    code = "github_auth"


class GitHubNotFound(GitHubError):
    """404: no such resource, or the token may not see it (GitHub hides private repos)."""

    code = "github_not_found"


class GitHubUnavailable(GitHubError):
    """5xx or no connection, still failing after every retry."""

    code = "github_unavailable"


class RateLimited(GitHubError):
    """A rate limit whose reset (or Retry-After) is further away than we are willing to wait."""

    code = "github_rate_limited"

    def __init__(self, message: str, *, reset_at: datetime, **kwargs: Any) -> None:
        self.reset_at = reset_at
        super().__init__(message, details={"reset_at": reset_at.isoformat()}, **kwargs)


class WebhookSignatureError(DevBizOpsError):
    """A webhook delivery whose signature is missing, malformed or wrong, or that was replayed."""

    code = "github_webhook_signature"
    status = 401


class WebhookReplayError(WebhookSignatureError):
    """A correctly signed delivery whose GUID was already received inside the replay window."""

    code = "github_webhook_replay"
    status = 409
