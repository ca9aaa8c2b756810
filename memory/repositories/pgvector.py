"""Whether the database has pgvector, and vectors in its text form; shared by the semantic paths.

The embedded PostgreSQL ships pgvector (migration 0001 creates the extension); a plain
PostgreSQL 15 server may not, and then every caller keeps its full-text path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.orm import Session

HAS_VECTOR = "SELECT count(*) FROM pg_extension WHERE extname = 'vector'"


def session_has_pgvector(session: Session) -> bool:
    """True when the ``vector`` extension is installed in the session's database."""
    return bool(session.execute(text(HAS_VECTOR)).scalar_one())


def connection_has_pgvector(conn: psycopg.Connection[Any]) -> bool:
    """True when the ``vector`` extension is installed in the connection's database."""
    with conn.cursor() as cur:
        cur.execute(HAS_VECTOR)
        row = cur.fetchone()
    if row is None:
        return False
    value = next(iter(row.values())) if isinstance(row, dict) else row[0]
    return bool(value)


def vector_literal(vector: Sequence[float]) -> str:
    """pgvector's text input form, ``[0.1,0.2,...]``, for a ``CAST(:v AS vector)`` parameter."""
    return "[" + ",".join(repr(float(x)) for x in vector) + "]"
