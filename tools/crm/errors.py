"""HubSpot's failures as typed errors, each keeping HubSpot's own message, category and trace id."""

from __future__ import annotations

from typing import Any

from devbizops.errors import DevBizOpsError, NotFound, UpstreamError


class CrmError(UpstreamError):
    """HubSpot refused or failed a request; ``http_status`` is HubSpot's, ``status`` is ours.

    ``vendor_message``, ``category`` and ``correlation_id`` come from HubSpot's error body
    ``{"status": "error", "message", "correlationId", "category", ...}`` when it sent one.
    """

    code = "crm_error"

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        vendor_message: str | None = None,
        category: str | None = None,
        correlation_id: str | None = None,
        retry_after: float | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.http_status = http_status
        self.vendor_message = vendor_message
        self.category = category
        self.correlation_id = correlation_id
        # Seconds HubSpot (or a proxy in front of it) asked us to wait; None when unsaid.
        self.retry_after = retry_after
        extra = {
            "http_status": http_status,
            "category": category,
            "correlation_id": correlation_id,
        }
        super().__init__(message, details={**extra, **(details or {})})

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later (429, 5xx, no answer at all)."""
        return False


class CrmAuthError(CrmError):
    """401/403: the private-app token is missing, wrong, revoked or lacks a scope."""

    code = "crm_auth_failed"


class CrmNotFound(CrmError, NotFound):
    """404: no such object (or pipeline) in this HubSpot account."""

    code = "crm_not_found"
    status = 404


class CrmRateLimited(CrmError):
    """429: a HubSpot rate limit (ten-secondly, secondly for search, or daily) was hit."""

    code = "crm_rate_limited"
    status = 503

    @property
    def retryable(self) -> bool:
        # A Retry-After longer than we agreed to wait is final: waiting would stall the caller.
        return not self.details.get("wait_refused", False)


class CrmUnavailable(CrmError):
    """5xx, a timeout or no connection, still failing after every retry."""

    code = "crm_unavailable"
    status = 503

    @property
    def retryable(self) -> bool:
        return not self.details.get("wait_refused", False)


class CrmWebhookSignatureError(DevBizOpsError):
    """A webhook delivery whose v3 signature is missing, wrong, or too old (replay window)."""

    code = "crm_webhook_signature"
    status = 401
    exit_code = 2

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message, details={"reason": reason})
        self.reason = reason
