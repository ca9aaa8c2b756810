"""Start the three vendor servers for one sandbox company, with the credentials to reach them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers import github, hubspot, jira
from tools.sandbox.servers.loopback import LoopbackServer


@dataclass(frozen=True)
class SandboxEndpoint:
    """One running vendor server and what a connector needs to talk to it."""

    source: str  # github | jira | crm
    base_url: str
    secrets: dict[str, str]
    settings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RunningSandbox:
    company: SandboxCompany
    endpoints: dict[str, SandboxEndpoint]
    servers: dict[str, LoopbackServer]


@contextmanager
def run_sandbox(
    company: SandboxCompany, ports: dict[str, int] | None = None
) -> Iterator[RunningSandbox]:
    """Serve GitHub, Jira and the CRM for ``company`` on 127.0.0.1 until the block ends."""
    ports = ports or {}
    servers: dict[str, Any] = {
        "github": github.serve(company, port=ports.get("github", 0)),
        "jira": LoopbackServer(
            jira.create_app(company), name="jira-sandbox", port=ports.get("jira", 0)
        ),
        "crm": hubspot.serve(company, port=ports.get("crm", 0)),
    }
    with ExitStack() as stack:
        for server in servers.values():
            stack.enter_context(server)
        endpoints = {
            "github": SandboxEndpoint(
                "github",
                servers["github"].base_url,
                {"token": github.DEFAULT_TOKEN},
                {"org": company.github_org},
            ),
            "jira": SandboxEndpoint(
                "jira",
                servers["jira"].base_url,
                {"api_token": jira.DEFAULT_API_TOKEN},
                {"email": jira.DEFAULT_EMAIL, "project": company.jira_project_key},
            ),
            "crm": SandboxEndpoint(
                "crm", servers["crm"].base_url, {"token": hubspot.SANDBOX_TOKEN}
            ),
        }
        yield RunningSandbox(company, endpoints, servers)
