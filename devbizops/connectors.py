"""Connectors: store a source's credentials (sealed), build its client, test it in one call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from devbizops.db import Database
from devbizops.errors import DevBizOpsError, InvalidInput, NotFound
from devbizops.secrets import SecretBox
from memory.repositories.connectors import ConnectorRepository
from memory.repositories.orgs import OrgRepository

Source = Literal["github", "jira", "crm"]
SOURCES: tuple[Source, ...] = ("github", "jira", "crm")
# What each source needs: secret fields (sealed) and plain settings.
SECRET_FIELDS: dict[str, tuple[str, ...]] = {
    "github": ("token",),
    "jira": ("api_token",),
    "crm": ("token",),
}
SETTING_FIELDS: dict[str, tuple[str, ...]] = {
    "github": ("org",),
    "jira": ("email", "project"),
    "crm": (),
}
DEFAULT_URLS = {
    "github": "https://api.github.com",
    "jira": "",
    "crm": "https://api.hubapi.com",
}


@dataclass(frozen=True)
class ConnectorView:
    """A connector as shown to people: never the secret."""

    name: str
    source: str
    base_url: str
    settings: dict[str, Any]


class ConnectorService:
    def __init__(self, db: Database, box: SecretBox) -> None:
        self.db = db
        self.box = box

    def add(
        self,
        org: str,
        name: str,
        source: str,
        base_url: str | None,
        secrets: dict[str, str],
        settings: dict[str, str],
    ) -> ConnectorView:
        """Validate and store (or replace) a connector."""
        if source not in SOURCES:
            raise InvalidInput(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
        missing = [f for f in SECRET_FIELDS[source] if not secrets.get(f)]
        missing += [f for f in SETTING_FIELDS[source] if not settings.get(f)]
        url = base_url or DEFAULT_URLS[source]
        if not url:
            missing.append("base_url")
        if missing:
            flags = ", ".join("--" + m.replace("_", "-") for m in missing)
            raise InvalidInput(f"{source} connector needs: {flags}")
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(org)
            row = ConnectorRepository(session, org_id).upsert(
                name, source, url.rstrip("/"), settings, self.box.seal(secrets)
            )
            return ConnectorView(row.name, row.source, row.base_url, dict(row.settings))

    def views(self, org: str, source: str | None = None) -> list[ConnectorView]:
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(org)
            rows = ConnectorRepository(session, org_id).list(source)
            return [ConnectorView(r.name, r.source, r.base_url, dict(r.settings)) for r in rows]

    def remove(self, org: str, name: str) -> None:
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(org)
            if not ConnectorRepository(session, org_id).remove(name):
                raise NotFound(f"no connector {name!r} in organization {org!r}")

    def unsealed(
        self, org: str, source: str | None = None
    ) -> list[tuple[ConnectorView, dict[str, str]]]:
        """The org's connectors (of one source) with their secrets decrypted."""
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(org)
            return [
                (
                    ConnectorView(r.name, r.source, r.base_url, dict(r.settings)),
                    self.box.open(r.secret),
                )
                for r in ConnectorRepository(session, org_id).list(source)
            ]

    @contextmanager
    def client(self, org: str, name: str) -> Iterator[tuple[ConnectorView, Any]]:
        """The connector's production client, opened with its decrypted credentials."""
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(org)
            row = ConnectorRepository(session, org_id).get(name)
            if row is None:
                raise NotFound(f"no connector {name!r} in organization {org!r}")
            view = ConnectorView(row.name, row.source, row.base_url, dict(row.settings))
            secrets = self.box.open(row.secret)
        with open_client(view, secrets) as client:
            yield view, client

    def test(self, org: str, name: str) -> str:
        """One cheap authenticated call, described in one line (errors carry the vendor's words)."""
        with self.client(org, name) as (view, client):
            if view.source == "github":
                core = client.rate_limit().core
                return (
                    f"{name}: GitHub OK at {view.base_url} "
                    f"({core.remaining}/{core.limit} requests left this hour)"
                )
            if view.source == "jira":
                user = client.myself()
                return f"{name}: Jira OK at {view.base_url} as {user.display_name}"
            who = client.whoami()
            return f"{name}: CRM OK at {view.base_url} (daily remaining {who.daily_remaining})"


@contextmanager
def open_client(view: ConnectorView, secrets: dict[str, str], etags: Any = None) -> Iterator[Any]:
    """Build the source's real HTTP client for a connector (GitHub: with an ETag store)."""
    if view.source == "github":
        from tools.github import GitHubClient

        with GitHubClient(secrets["token"], base_url=view.base_url, etags=etags) as gh:
            yield gh
    elif view.source == "jira":
        from tools.jira import JiraClient

        with JiraClient(
            view.base_url, email=view.settings["email"], api_token=secrets["api_token"]
        ) as jira:
            yield jira
    elif view.source == "crm":
        from tools.crm import HubSpotClient

        with HubSpotClient(secrets["token"], base_url=view.base_url) as crm:
            yield crm
    else:
        raise DevBizOpsError(f"connector {view.name} has unknown source {view.source}")
