"""One error hierarchy, split by purpose, mapped once to HTTP statuses and CLI exits."""

from __future__ import annotations

from typing import Any


class DevBizOpsError(Exception):
    """Base of every error the project raises on purpose; ``code`` is stable for clients."""

    code = "internal"
    status = 500
    exit_code = 1

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_dict(self) -> dict[str, Any]:
        """The JSON error body: ``{"error": {"code", "message", "details"}}``."""
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


class InvalidInput(DevBizOpsError):
    """The caller sent something we cannot use (bad file, bad JSON, unknown option)."""

    code = "invalid_input"
    status = 422
    exit_code = 2


class TranscriptFormatError(InvalidInput):
    """A transcript could not be parsed; the message names the format and the line or field."""

    code = "invalid_transcript"

    def __init__(
        self, fmt: str, message: str, *, line: int | None = None, field: str | None = None
    ):
        where = f" (line {line})" if line is not None else ""
        where += f" (field {field})" if field is not None else ""
        super().__init__(
            f"{fmt} transcript: {message}{where}",
            details={"format": fmt, "line": line, "field": field},
        )
        self.format = fmt
        self.line = line
        self.field = field


class NotFound(DevBizOpsError):
    code = "not_found"
    status = 404


class Conflict(DevBizOpsError):
    code = "conflict"
    status = 409


class ConfigurationError(DevBizOpsError):
    """Settings are missing or contradict each other."""

    code = "configuration_error"
    status = 500
    exit_code = 2


class DatabaseUnavailable(DevBizOpsError):
    code = "database_unavailable"
    status = 503


class UpstreamError(DevBizOpsError):
    """An outside service (LLM provider, GitHub, Jira, CRM) failed or refused."""

    code = "upstream_unavailable"
    status = 502


class LLMOutputError(UpstreamError):
    """The model answered, but not with something our schema accepts."""

    code = "llm_invalid_output"


class Unauthenticated(DevBizOpsError):
    """No credentials, or credentials that are invalid, expired or revoked."""

    code = "unauthenticated"
    status = 401


class Forbidden(DevBizOpsError):
    """Authenticated, but the role does not allow this."""

    code = "forbidden"
    status = 403


class RateLimited(DevBizOpsError):
    """A limit (e.g. the org's concurrent runs) is reached; try again later."""

    code = "rate_limited"
    status = 429
