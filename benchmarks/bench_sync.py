"""Sync throughput on the ≥100k-event sandbox, against PostgreSQL ``COPY`` of the same rows.

* ``sync_throughput``: ``run_sync`` end to end — the loopback vendor servers, the real HTTP
  clients, row building and the upserts — in timeline events written per second, against
  ``COPY events FROM STDIN`` of exactly those event rows.
* ``sync_store_throughput``: the store path alone — the batches the sync writes, already fetched,
  replayed through ``SyncWriter.write`` (the same upserts, one transaction per batch) — against
  ``COPY`` of the same typed-table rows plus events in one transaction.

Each measurement gets its own fresh, migrated database on one server: ``DATABASE_URL`` when set,
else a throwaway embedded PostgreSQL.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import Table

from benchmarks.databases import fresh, server
from benchmarks.results import BenchResult
from devbizops.connectors import open_client
from devbizops.db import Database
from devbizops.sync import Target, run_sync, sandbox_targets
from memory.models import Base
from memory.repositories.orgs import OrgRepository
from memory.source_models import Event
from memory.sync.base import EVENT_KEY, SyncWriter
from memory.sync.crm import sync_crm
from memory.sync.github import sync_github
from memory.sync.jira import sync_jira
from tools.sandbox.generator import SIZE_FOR_100K_EVENTS, generate
from tools.sandbox.model import SandboxCompany
from tools.sandbox.serve import run_sandbox
from tools.sandbox.truth import total_events

SEED = 7
ORG = "bench"
Rows = Sequence[Mapping[str, Any]]
Tables = Sequence[tuple[type[Base], Rows, Sequence[str]]]


class Recorder(SyncWriter):
    """A writer that keeps each batch instead of writing it (reads still see the empty store)."""

    def __init__(self, db: Database, org_id: uuid.UUID, source: str) -> None:
        super().__init__(db.transaction, org_id, source)
        self.batches: list[tuple[Tables, Rows, int]] = []

    def write(self, tables: Tables, events: Rows = (), *, counted: int = 1) -> None:
        self.batches.append((tables, events, counted))

    def save_cursor(self, resource: str, value: Mapping[str, Any]) -> None:
        return None


def run() -> list[BenchResult]:
    """Measure both results (about two minutes on two cores)."""
    company = generate(seed=SEED, size=SIZE_FOR_100K_EVENTS)
    expected = total_events(company)
    if expected < 100_000:
        raise RuntimeError(f"sandbox size {SIZE_FOR_100K_EVENTS} has only {expected} events")
    with server() as url, ExitStack() as stack:
        sync_db, store_db, copy_db = (stack.enter_context(fresh(url, n)) for n in "ssc")
        sync_events, sync_s = end_to_end(sync_db, company)
        recorders, fetch_s = fetch_only(store_db, company)
        store_events, store_s = store_path(store_db, recorders)
        copy_events, copy_events_s = copy_rows(copy_db, recorders, events_only=True)
        copy_all, copy_all_s = copy_rows(copy_db, recorders, events_only=False)
    if not sync_events == store_events == copy_events == copy_all:
        raise RuntimeError(f"event counts differ: {sync_events} {store_events} {copy_events}")
    lines = [
        f"sandbox seed {SEED} size {SIZE_FOR_100K_EVENTS}: {expected:,} records as events, "
        f"{sync_events:,} timeline rows written",
        _line("sync end to end (HTTP + store)", sync_events, sync_s),
        _line("  of which fetch + parse only", sync_events, fetch_s),
        _line("store path (SyncWriter upserts)", store_events, store_s),
        _line("COPY events", copy_events, copy_events_s),
        _line("COPY typed rows + events", copy_all, copy_all_s),
    ]
    print("\n".join(lines))
    return [
        BenchResult.of(
            "sync_throughput", "events/s", sync_events / sync_s, copy_events / copy_events_s
        ),
        BenchResult.of(
            "sync_store_throughput", "events/s", store_events / store_s, copy_all / copy_all_s
        ),
    ]


def _line(what: str, events: int, seconds: float) -> str:
    return f"{what:34} {events:>8,} events {seconds:8.2f} s {events / seconds:>10,.0f} events/s"


def targets(endpoints: Mapping[str, Any]) -> list[Target]:
    return sandbox_targets(endpoints)


def end_to_end(db: Database, company: SandboxCompany) -> tuple[int, float]:
    """(timeline rows written, seconds) of one full ``run_sync`` of the sandbox."""
    with run_sandbox(company) as sandbox:
        started = time.perf_counter()
        report = run_sync(db, ORG, targets(sandbox.endpoints), full=True, progress=_quiet)
        seconds = time.perf_counter() - started
    return sum(c["events"] for c in report["sources"].values()), seconds


def fetch_only(db: Database, company: SandboxCompany) -> tuple[list[Recorder], float]:
    """The sync's batches, fetched through the real clients but not written; and the seconds."""
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
    recorders: list[Recorder] = []
    with run_sandbox(company) as sandbox:
        started = time.perf_counter()
        for target in targets(sandbox.endpoints):
            view = target.view
            recorder = Recorder(db, org_id, view.source)
            with open_client(view, target.secrets) as client:
                if view.source == "github":
                    sync_github(client, recorder, view.settings["org"], full=True, progress=_quiet)
                elif view.source == "jira":
                    sync_jira(
                        client, recorder, view.settings["project"], full=True, progress=_quiet
                    )
                else:
                    sync_crm(client, recorder, full=True, progress=_quiet)
            recorders.append(recorder)
        seconds = time.perf_counter() - started
    return recorders, seconds


def store_path(db: Database, recorders: list[Recorder]) -> tuple[int, float]:
    """Replay the recorded batches through real ``SyncWriter``s: (events inserted, seconds)."""
    inserted = 0
    started = time.perf_counter()
    for recorder in recorders:
        writer = SyncWriter(db.transaction, recorder.org_id, recorder.source)
        for tables, events, counted in recorder.batches:
            writer.write(tables, events, counted=counted)
        inserted += writer.report.events.inserted
    return inserted, time.perf_counter() - started


def copy_rows(db: Database, recorders: list[Recorder], *, events_only: bool) -> tuple[int, float]:
    """``COPY`` the recorded rows (deduplicated by key, as the upserts store them) in one
    transaction, into emptied tables: (event rows copied, seconds)."""
    tables: dict[type[Base], tuple[Sequence[str], dict[tuple[Any, ...], Mapping[str, Any]]]] = {}
    for recorder in recorders:
        for batch, events, _ in recorder.batches:
            parts: list[tuple[type[Base], Rows, Sequence[str]]] = [] if events_only else [*batch]
            parts.append((Event, events, EVENT_KEY))
            for model, rows, key in parts:
                latest = tables.setdefault(model, (key, {}))[1]
                latest.update((tuple(r[k] for k in key), r) for r in rows)
    org_id = recorders[0].org_id
    with db.connect() as conn:
        names = ", ".join(_name(m) for m in tables)
        conn.execute(f"TRUNCATE {names}")
        conn.execute(
            "INSERT INTO organizations (id, slug, name) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
            (org_id, ORG, ORG),
        )
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur:
            for model, (_, latest) in tables.items():
                rows = list(latest.values())
                if not rows:
                    continue
                columns = list(rows[0])
                sql = f"COPY {_name(model)} ({', '.join(columns)}) FROM STDIN"
                with cur.copy(sql) as copy:
                    for row in rows:
                        copy.write_row([_value(row[c]) for c in columns])
        seconds = time.perf_counter() - started
    return len(tables[Event][1]), seconds


def _name(model: type[Base]) -> str:
    table = model.__table__
    assert isinstance(table, Table)
    return f'"{table.name}"'


def _value(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, dict) else value


def _quiet(what: str, n: int) -> None:
    return None
