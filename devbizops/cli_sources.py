"""``devbizops connectors …``, ``devbizops sandbox serve`` and ``devbizops sync``."""

from __future__ import annotations

import json
import signal
import threading
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from devbizops.cli_support import err, errors_to_exit, out
from devbizops.connectors import SOURCES, ConnectorService
from devbizops.container import ensure_schema
from devbizops.db import Database
from devbizops.errors import InvalidInput
from devbizops.secrets import SecretBox
from devbizops.settings import get_settings
from devbizops.sync import run_sync, sandbox_targets, targets_from_connectors

connectors_app = typer.Typer(help="Source credentials (stored encrypted).", no_args_is_help=True)
sandbox_app = typer.Typer(help="The deterministic sandbox company.", no_args_is_help=True)

SourceOpt = Annotated[str, typer.Option("--source", help="github | jira | crm")]


def _service() -> tuple[ConnectorService, Database]:
    settings = get_settings()
    db = Database.from_settings(settings)
    ensure_schema(db)
    return ConnectorService(db, SecretBox.from_settings(settings)), db


def _pairs(values: list[str] | None) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise InvalidInput(f"expected KEY=VALUE, got {item!r}")
        pairs[key.strip()] = value
    return pairs


@connectors_app.command("add")
@errors_to_exit
def add(
    name: Annotated[str, typer.Argument(help="a name for this connector, e.g. github-main")],
    source: SourceOpt,
    base_url: Annotated[str | None, typer.Option(help="API base URL (default: vendor's)")] = None,
    token: Annotated[
        str | None, typer.Option(help="GitHub token / HubSpot private-app token")
    ] = None,
    api_token: Annotated[str | None, typer.Option(help="Jira API token")] = None,
    email: Annotated[str | None, typer.Option(help="Jira account email")] = None,
    org: Annotated[str | None, typer.Option(help="GitHub organization to sync")] = None,
    project: Annotated[str | None, typer.Option(help="Jira project key to sync")] = None,
    webhook_secret: Annotated[
        str | None, typer.Option(help="shared secret that signs this source's webhooks")
    ] = None,
) -> None:
    """Store (or replace) a connector; secrets are encrypted with DEVBIZOPS_SECRET_KEY."""
    service, db = _service()
    given = {"token": token, "api_token": api_token, "webhook_secret": webhook_secret}
    secrets = {k: v for k, v in given.items() if v}
    settings = {k: v for k, v in {"email": email, "org": org, "project": project}.items() if v}
    try:
        view = service.add(get_settings().org, name, source, base_url, secrets, settings)
    finally:
        db.dispose()
    out.print(f"connector {view.name} ({view.source}) saved for {view.base_url}")


@connectors_app.command("list")
@errors_to_exit
def list_connectors(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The organization's connectors (secrets are never shown)."""
    service, db = _service()
    try:
        views = service.views(get_settings().org)
    finally:
        db.dispose()
    if as_json:
        out.print_json(json.dumps([v.__dict__ for v in views]))
        return
    table = Table(title="Connectors")
    for col in ("Name", "Source", "Base URL", "Settings"):
        table.add_column(col)
    for v in views:
        table.add_row(
            v.name, v.source, v.base_url, ", ".join(f"{k}={x}" for k, x in v.settings.items())
        )
    out.print(table)


@connectors_app.command("test")
@errors_to_exit
def test(name: Annotated[str, typer.Argument(help="connector name")]) -> None:
    """One cheap authenticated call; prints the outcome in one line."""
    service, db = _service()
    try:
        out.print(service.test(get_settings().org, name))
    finally:
        db.dispose()


@connectors_app.command("remove")
@errors_to_exit
def remove(name: Annotated[str, typer.Argument(help="connector name")]) -> None:
    """Delete a connector and its stored secret."""
    service, db = _service()
    try:
        service.remove(get_settings().org, name)
    finally:
        db.dispose()
    out.print(f"connector {name} removed")


@sandbox_app.command("serve")
@errors_to_exit
def serve(
    seed: Annotated[int, typer.Option(help="generator seed")] = 7,
    size: Annotated[int, typer.Option(min=1, help="volume multiplier (11 ≈ 100k events)")] = 1,
    github_port: Annotated[int, typer.Option(help="0 = any free port")] = 0,
    jira_port: Annotated[int, typer.Option(help="0 = any free port")] = 0,
    crm_port: Annotated[int, typer.Option(help="0 = any free port")] = 0,
    register: Annotated[bool, typer.Option(help="save connectors for these servers")] = True,
) -> None:
    """Serve GitHub, Jira and the CRM of the sandbox company on 127.0.0.1 until Ctrl-C."""
    from tools.sandbox.generator import generate
    from tools.sandbox.serve import run_sandbox

    company = generate(seed=seed, size=size)
    ports = {"github": github_port, "jira": jira_port, "crm": crm_port}
    with run_sandbox(company, ports) as sandbox:
        if register:
            service, db = _service()
            try:
                for source, ep in sandbox.endpoints.items():
                    service.add(
                        get_settings().org,
                        f"sandbox-{source}",
                        source,
                        ep.base_url,
                        ep.secrets,
                        ep.settings,
                    )
            finally:
                db.dispose()
        for source, ep in sandbox.endpoints.items():
            out.print(f"{source:7} {ep.base_url}")
        out.print(f"sandbox {company.name} (seed {seed}, size {size}) · Ctrl-C to stop")
        stop = threading.Event()
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        stop.wait()


@errors_to_exit
def sync(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="github|jira|crm (repeat)")
    ] = None,
    full: Annotated[bool, typer.Option(help="ignore stored cursors; re-read everything")] = False,
    sandbox: Annotated[bool, typer.Option(help="sync the sandbox company (no connectors)")] = False,
    seed: Annotated[int, typer.Option(help="sandbox seed")] = 7,
    size: Annotated[int, typer.Option(min=1, help="sandbox size")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Incrementally sync sources into PostgreSQL: typed tables plus the events timeline."""
    sources = source or list(SOURCES)
    unknown = sorted(set(sources) - set(SOURCES))
    if unknown:
        raise InvalidInput(f"unknown source {', '.join(unknown)}; choose from {', '.join(SOURCES)}")
    service, db = _service()
    org = get_settings().org
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            console=err,
            disable=as_json,
            transient=True,
        ) as bar:
            task = bar.add_task("syncing", total=None)
            seen: dict[str, int] = {}

            def progress(what: str, n: int) -> None:
                seen[what] = seen.get(what, 0) + n
                bar.update(task, description=", ".join(f"{k} {v}" for k, v in seen.items()))

            if sandbox:
                from tools.sandbox.generator import generate
                from tools.sandbox.serve import run_sandbox

                with run_sandbox(generate(seed=seed, size=size)) as running:
                    targets = sandbox_targets(running.endpoints, sources)
                    report = run_sync(db, org, targets, full=full, progress=progress)
            else:
                targets = targets_from_connectors(service, org, sources)
                report = run_sync(db, org, targets, full=full, progress=progress)
    finally:
        db.dispose()
    if as_json:
        out.file.write(json.dumps(report) + "\n")
        return
    for name, c in report["sources"].items():
        out.print(
            f"{name:7} fetched {c['fetched']:>7} · inserted {c['inserted']:>7} · updated "
            f"{c['updated']:>6} · skipped {c['skipped']:>7} · events +{c['events']}"
        )
    out.print(f"done in {report['seconds']:.1f}s")
