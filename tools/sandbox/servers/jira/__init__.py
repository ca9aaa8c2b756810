"""Loopback Jira Cloud (REST v3) serving a sandbox company, with fault injection and webhooks."""

from tools.sandbox.servers.jira.app import (
    DEFAULT_API_TOKEN,
    DEFAULT_EMAIL,
    JiraSandbox,
    create_app,
    sandbox_of,
    serve,
)

__all__ = [
    "DEFAULT_API_TOKEN",
    "DEFAULT_EMAIL",
    "JiraSandbox",
    "create_app",
    "sandbox_of",
    "serve",
]
