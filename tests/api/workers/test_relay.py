"""The relay re-sends exactly the runs that need it, and concurrent relays never send one twice."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import update

from api.workers.relay import Relay
from devbizops.container import Container
from devbizops.db import Database
from memory.models import Run
from memory.repositories.run_dispatch import Claim, RunDispatchRepository
from memory.repositories.runs import now
from tests.api.workers.conftest import run_row

CALL = "Dana (Acme, CTO): We need SAML single sign-on before we can roll this out.\n"
LONG_AGO = timedelta(minutes=10)


def make_run(container: Container, org: str = "test-org", **row: Any) -> uuid.UUID:
    """A run created ten minutes ago (so past any stale window), with ``row`` values set."""
    run_id = container.runs.create(org, "techtranslator", {"transcript": CALL}).id
    with container.db.transaction() as session:
        values = {"created_at": now() - LONG_AGO, **row}
        session.execute(update(Run).where(Run.id == run_id).values(**values))
    return run_id


def claim(db: Database, run_id: uuid.UUID, limit: int = 4) -> Claim:
    with db.transaction() as session:
        return RunDispatchRepository(session).claim(run_id, limit, now() - timedelta(seconds=30))


def test_relay_sends_lost_and_dead_runs_only(container: Container) -> None:
    old, fresh = now() - LONG_AGO, now()
    due = {
        make_run(container),  # never handed over
        make_run(container, dispatched_at=old),  # handed over, never claimed
        make_run(container, status="running", heartbeat_at=old),  # its worker died
    }
    make_run(container, dispatched_at=fresh)  # just sent: give the workers time
    make_run(container, status="running", heartbeat_at=fresh)  # alive
    make_run(container, status="running")  # no heartbeat: not run by a worker
    make_run(container, status="interrupted")  # waits for a person
    make_run(container, status="succeeded")
    sent: list[uuid.UUID] = []
    relay = Relay(container.db, sent.append, stale_seconds=30)
    assert relay.sweep() == 3 and set(sent) == due
    assert all(run_row(container.db, r).dispatched_at is not None for r in due)
    assert relay.sweep() == 0  # sent once per stale window, not on every sweep


def test_concurrent_relays_skip_the_rows_another_relay_is_sending(container: Container) -> None:
    runs = {make_run(container) for _ in range(3)}
    by_a: list[uuid.UUID] = []
    by_b: list[uuid.UUID] = []
    b = Relay(container.db, by_b.append, stale_seconds=30)

    def send_a(run_id: uuid.UUID) -> None:
        if not by_a:  # while relay A holds its rows, relay B sweeps
            b.sweep()
        by_a.append(run_id)

    Relay(container.db, send_a, stale_seconds=30).sweep()
    assert set(by_a) == runs and by_b == []


def test_claim_executes_once_respects_the_org_limit_and_takes_over_dead_runs(
    container: Container,
) -> None:
    db = container.db
    first, second = make_run(container), make_run(container)
    assert claim(db, first, limit=1) is Claim.EXECUTE
    assert claim(db, first, limit=1) is Claim.ELSEWHERE  # a duplicate delivery
    assert claim(db, second, limit=1) is Claim.BUSY
    assert claim(db, make_run(container, org="other-org"), limit=1) is Claim.EXECUTE
    dead = make_run(
        container, org="third-org", status="running", heartbeat_at=now() - LONG_AGO, attempts=1
    )
    assert claim(db, dead, limit=1) is Claim.EXECUTE  # its worker died: taken over
    assert (run_row(db, dead).attempts, run_row(db, first).attempts) == (2, 1)
    assert claim(db, make_run(container, status="succeeded")) is Claim.DONE
    assert claim(db, make_run(container, status="interrupted")) is Claim.WAITING
    assert claim(db, uuid.uuid4()) is Claim.DONE
