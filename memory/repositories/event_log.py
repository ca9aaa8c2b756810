"""Batched appends to ``run_events``: one transaction for many events of one run."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

LOCK_RUN = text("SELECT id FROM runs WHERE id = :run_id FOR UPDATE")
# Runs after LOCK_RUN in the same transaction, so its snapshot sees every committed event of the
# run and the lock keeps other writers out until commit: seq numbers stay gapless and distinct.
APPEND = text(
    """
    INSERT INTO run_events (run_id, seq, type, payload, created_at)
    SELECT :run_id, last.seq + e.ord, e.type, e.payload, e.created_at
    FROM (SELECT COALESCE(max(seq), 0) AS seq FROM run_events WHERE run_id = :run_id) AS last,
         unnest(CAST(:types AS text[]), CAST(:payloads AS jsonb[]),
                CAST(:times AS timestamptz[])) WITH ORDINALITY AS e(type, payload, created_at, ord)
    RETURNING seq
    """
)

# Every append notifies here with the run id (delivered at commit), so API requests waiting on a
# run wake at once (api/runs/watch.py). Status changes always come with an event, so they do too.
CHANGED_CHANNEL = "devbizops_run_changed"
NOTIFY = text(f"SELECT pg_notify('{CHANGED_CHANNEL}', CAST(:run_id AS text))")

PendingEvent = tuple[str, dict[str, Any], datetime]


def append_events(conn: Connection, run_id: uuid.UUID, events: Sequence[PendingEvent]) -> list[int]:
    """Append ``events`` in order (in the caller's transaction); returns their seq numbers.

    A run that no longer exists (deleted, e.g. by an erasure) takes no events: returns [].
    """
    if not events or conn.execute(LOCK_RUN, {"run_id": run_id}).first() is None:
        return []
    rows = conn.execute(
        APPEND,
        {
            "run_id": run_id,
            "types": [t for t, _, _ in events],
            "payloads": [json.dumps(p, default=str) for _, p, _ in events],
            "times": [at for _, _, at in events],
        },
    )
    seqs = sorted(int(r[0]) for r in rows)
    conn.execute(NOTIFY, {"run_id": str(run_id)})
    return seqs
