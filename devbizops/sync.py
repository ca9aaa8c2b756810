"""``devbizops sync``: every configured connector (or the sandbox) into the unified store."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from devbizops.connectors import SOURCES, ConnectorService, ConnectorView, open_client
from devbizops.db import Database
from devbizops.errors import InvalidInput
from memory.repositories.orgs import OrgRepository
from memory.sync.base import Progress, SyncWriter
from memory.sync.crm import sync_crm
from memory.sync.etags import PgEtagStore
from memory.sync.github import sync_github
from memory.sync.jira import sync_jira


@dataclass(frozen=True)
class Target:
    """One source to sync: a connector's view and its decrypted secrets."""

    view: ConnectorView
    secrets: dict[str, str]


def sandbox_targets(endpoints: Mapping[str, Any], sources: Iterable[str] = SOURCES) -> list[Target]:
    """Targets for a running sandbox's endpoints (``tools.sandbox.serve.run_sandbox``)."""
    wanted = set(sources)
    return [
        Target(ConnectorView(f"sandbox-{s}", s, ep.base_url, dict(ep.settings)), dict(ep.secrets))
        for s, ep in endpoints.items()
        if s in wanted
    ]


def targets_from_connectors(
    connectors: ConnectorService, org: str, sources: Iterable[str]
) -> list[Target]:
    """The org's connectors for ``sources``, with secrets opened."""
    wanted = set(sources)
    found = [Target(v, sec) for v, sec in connectors.unsealed(org) if v.source in wanted]
    if not found:
        raise InvalidInput(
            f"no connectors for {', '.join(sorted(wanted))} in organization {org!r}: add one with "
            "`devbizops connectors add`, or sync the sandbox with `devbizops sync --sandbox`"
        )
    return found


def run_sync(
    db: Database, org: str, targets: Iterable[Target], *, full: bool, progress: Progress
) -> dict[str, Any]:
    """Sync each target; the summary is ``{"sources": {source: counts}, "seconds": s}``."""
    started = time.perf_counter()
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
    sources: dict[str, dict[str, int]] = {}
    for target in targets:
        source = target.view.source
        writer = SyncWriter(db.transaction, org_id, source)
        etags = PgEtagStore(db.transaction, org_id) if source == "github" else None
        with open_client(target.view, target.secrets, etags) as client:
            if source == "github":
                sync_github(
                    client, writer, target.view.settings["org"], full=full, progress=progress
                )
            elif source == "jira":
                sync_jira(
                    client, writer, target.view.settings["project"], full=full, progress=progress
                )
            else:
                sync_crm(client, writer, full=full, progress=progress)
        totals = sources.setdefault(
            source, {"fetched": 0, "inserted": 0, "updated": 0, "skipped": 0, "events": 0}
        )
        for key, value in writer.report.counts.as_dict().items():
            totals[key] += value
        totals["events"] += writer.report.events.inserted
    return {"sources": sources, "seconds": round(time.perf_counter() - started, 3)}
