"""RunRepository.claim: the one way executors take a queued run, under the org's limit."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from devbizops.db import Database
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository


def queued(db: Database, org: str, count: int) -> list[uuid.UUID]:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
        runs = RunRepository(session)
        return [runs.create(org_id, "roadmap", {})[0].id for _ in range(count)]


def claim(db: Database, run_id: uuid.UUID, limit: int) -> bool:
    with db.transaction() as session:
        return RunRepository(session).claim(run_id, limit)


def test_concurrent_claims_never_exceed_the_org_limit(db: Database) -> None:
    acme = queued(db, "acme", 6)
    globex = queued(db, "globex", 2)
    with ThreadPoolExecutor(max_workers=8) as pool:
        won = list(pool.map(lambda run_id: claim(db, run_id, 2), acme + globex))
    assert sum(won[:6]) == 2 and won[6:] == [True, True]
    with db.transaction() as session:
        rows = [RunRepository(session).get(run_id) for run_id in acme]
    running = [r for r in rows if r is not None and r.status == "running"]
    assert len(running) == 2
    assert all(r.attempts == 1 and r.heartbeat_at and r.started_at for r in running)


def test_a_run_is_claimed_once_and_only_while_queued(db: Database) -> None:
    [first, second] = queued(db, "acme", 2)
    assert claim(db, first, 5) and not claim(db, first, 5)
    with db.transaction() as session:
        RunRepository(session).mark(second, "cancelled")
    assert not claim(db, second, 5)
    assert not claim(db, uuid.uuid4(), 5)
