"""Process-wide Prometheus counters for the outside world: LLM calls and vendor HTTP adapters.

They live in prometheus_client's default registry because the code that counts (a transport, the
LLM provider) has no app to hang a registry on; ``/metrics`` of every API app in the process adds
this registry to its own. A Celery worker counts in its own process, so these numbers describe
the process that serves them (see the ops README section).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from prometheus_client import Counter

Vendor = Literal["github", "jira", "crm"]

ADAPTER_REQUESTS = Counter(
    "devbizops_adapter_requests",
    "HTTP requests sent to a vendor API (every attempt, retries included)",
    ["vendor"],
)
ADAPTER_ERRORS = Counter(
    "devbizops_adapter_errors",
    "Vendor HTTP attempts that failed, by reason (transport, rate_limited, server, client)",
    ["vendor", "reason"],
)
ADAPTER_RETRIES = Counter(
    "devbizops_adapter_retries", "Vendor HTTP attempts retried after a backoff", ["vendor"]
)
LLM_CALLS = Counter(
    "devbizops_llm_calls",
    "Chat completions requested from the LLM provider, by model and outcome (ok | error)",
    ["model", "outcome"],
)
LLM_TOKENS = Counter(
    "devbizops_llm_tokens",
    "Tokens reported by the provider's usage metadata, by model and kind (prompt | completion)",
    ["model", "kind"],
)


def adapter_request(vendor: Vendor) -> None:
    """One HTTP attempt sent to ``vendor``."""
    ADAPTER_REQUESTS.labels(vendor=vendor).inc()


def adapter_retry(vendor: Vendor) -> None:
    """One attempt to ``vendor`` about to be retried."""
    ADAPTER_RETRIES.labels(vendor=vendor).inc()


def adapter_error(vendor: Vendor, status: int | None) -> None:
    """One failed attempt: ``status`` None for a transport failure, else the HTTP status."""
    ADAPTER_ERRORS.labels(vendor=vendor, reason=error_reason(status)).inc()


def error_reason(status: int | None) -> str:
    """A small, fixed label set instead of raw status codes."""
    if status is None:
        return "transport"
    if status == 429:
        return "rate_limited"
    return "server" if status >= 500 else "client"


class LLMCall:
    """Records the token usage of one LLM answer."""

    def __init__(self, model: str) -> None:
        self.model = model

    def usage(self, message: Any) -> None:
        """Count prompt/completion tokens from a LangChain message's ``usage_metadata``."""
        usage = getattr(message, "usage_metadata", None) or {}
        for kind, key in (("prompt", "input_tokens"), ("completion", "output_tokens")):
            tokens = usage.get(key) or 0
            if tokens > 0:
                LLM_TOKENS.labels(model=self.model, kind=kind).inc(tokens)


@contextmanager
def llm_call(model: str) -> Iterator[LLMCall]:
    """Count one provider call: outcome ``error`` when the block raises, else ``ok``."""
    try:
        yield LLMCall(model)
    except BaseException:
        LLM_CALLS.labels(model=model, outcome="error").inc()
        raise
    LLM_CALLS.labels(model=model, outcome="ok").inc()
