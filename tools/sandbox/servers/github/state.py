"""The mutable state behind one GitHub sandbox app: its data, tokens, budgets and faults."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request

from tools.sandbox.servers.faults import FaultPlan
from tools.sandbox.servers.github.budget import RateBudget, Window
from tools.sandbox.servers.github.catalog import Catalog
from tools.sandbox.servers.github.wire import DOCS, GitHubHTTPError


@dataclass
class GitHubSandbox:
    """Tests reach it with ``sandbox_of(app)`` to spend budgets or queue faults."""

    catalog: Catalog
    tokens: frozenset[str]
    budget: RateBudget  # per token
    anonymous: RateBudget  # per client IP
    faults: FaultPlan

    def viewer(self, request: Request) -> tuple[str, bool]:
        """``(budget key, authenticated)``; raises GitHub's 401 for a wrong credential.

        Like GitHub, both ``Bearer <token>`` and ``token <token>`` are accepted; no header at all
        is an anonymous caller, budgeted by IP.
        """
        header = request.headers.get("authorization")
        if header is None:
            return f"ip:{request.client.host if request.client else 'unknown'}", False
        scheme, _, credential = header.strip().partition(" ")
        if scheme.lower() in ("bearer", "token") and credential.strip() in self.tokens:
            return credential.strip(), True
        raise GitHubHTTPError(401, "Bad credentials", docs=DOCS)

    def window(self, key: str, authenticated: bool) -> Window:
        """The caller's window, unchanged."""
        return (self.budget if authenticated else self.anonymous).peek(key)

    def spend(self, key: str, authenticated: bool) -> Window:
        """Count one request against the caller's window."""
        return (self.budget if authenticated else self.anonymous).spend(key)

    def window_of(self, request: Request) -> Window:
        """The caller's window for headers on any response (the IP's for a wrong token)."""
        try:
            return self.window(*self.viewer(request))
        except GitHubHTTPError:
            host = request.client.host if request.client else "unknown"
            return self.anonymous.peek(f"ip:{host}")

    def reset(self) -> None:
        """Full budgets and no queued faults, as if freshly started (tests share one server)."""
        self.budget.clear()
        self.anonymous.clear()
        self.faults.clear()


def sandbox_of(app: Starlette) -> GitHubSandbox:
    """The state of an app made by ``create_app``."""
    state: GitHubSandbox = app.state.github
    return state
