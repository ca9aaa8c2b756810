"""Slack failures, with Slack's own ``error`` string (``channel_not_found``, ``ratelimited``...)."""

from __future__ import annotations

from devbizops.errors import UpstreamError


class SlackError(UpstreamError):
    """Slack refused (``ok: false``) or could not be reached."""

    code = "slack_error"

    def __init__(self, message: str, *, slack_error: str | None = None) -> None:
        super().__init__(message, details={"slack_error": slack_error})
        self.slack_error = slack_error
