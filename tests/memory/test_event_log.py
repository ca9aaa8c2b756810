"""Batched run events: ordered, gapless seq numbers even with concurrent writers."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

from sqlalchemy import text

from api.runs.event_writer import EventWriter
from devbizops.db import Database
from memory.repositories.event_log import append_events
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository


def _run(db: Database) -> uuid.UUID:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure("acme")
        run, _ = RunRepository(session).create(org_id, "techtranslator", {})
        return run.id


def _seqs(db: Database, run_id: uuid.UUID) -> list[tuple[int, str]]:
    with db.transaction() as session:
        return [(e.seq, e.type) for e in RunRepository(session).events(run_id)]


def test_concurrent_batches_get_distinct_gapless_seq_numbers(db: Database) -> None:
    run_id = _run(db)
    now = datetime.now(UTC)

    def write(tag: str) -> None:
        for i in range(10):
            with db.engine.begin() as conn:
                append_events(conn, run_id, [(f"{tag}.{i}.a", {}, now), (f"{tag}.{i}.b", {}, now)])

    threads = [threading.Thread(target=write, args=(t,)) for t in ("x", "y", "z")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = _seqs(db, run_id)
    assert [seq for seq, _ in events] == list(range(1, 61))
    for tag in ("x", "y", "z"):  # each writer's events keep their order
        mine = [kind for _, kind in events if kind.startswith(tag)]
        assert mine == [f"{tag}.{i}.{ab}" for i in range(10) for ab in "ab"]


def test_writer_flush_makes_every_emitted_event_visible_in_order(db: Database) -> None:
    run_id = _run(db)
    writer = EventWriter(db)
    try:
        for i in range(25):
            writer.emit(run_id, "node.started", {"i": i})
        writer.flush()
        events = _seqs(db, run_id)
    finally:
        writer.close()
    assert [seq for seq, _ in events] == list(range(1, 26))


def test_events_of_a_deleted_run_are_dropped_not_raised(db: Database) -> None:
    run_id = _run(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM runs WHERE id = :id"), {"id": run_id})
        assert append_events(conn, run_id, [("x", {}, datetime.now(UTC))]) == []
