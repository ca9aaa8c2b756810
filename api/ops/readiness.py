"""Readiness: can this process serve traffic? PostgreSQL, schema at head, and Redis for Celery."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import redis

from devbizops import migrate
from devbizops.db import Database, masked
from devbizops.errors import DevBizOpsError
from devbizops.settings import Settings

# Long enough for a busy server, short enough that a probe (typically 5-10 s) gets an answer.
REDIS_TIMEOUT_SECONDS = 2.0


class NotReady(DevBizOpsError):
    """A dependency the API needs is missing; ``details.failed`` lists which and why."""

    code = "not_ready"
    status = 503


@dataclass(frozen=True)
class Check:
    """The outcome of one readiness check."""

    name: str
    ok: bool
    detail: str


@lru_cache(maxsize=1)
def _head() -> str:
    # The newest migration only changes with the code, so read the scripts once per process.
    return migrate.head_revision()


def check_database(db: Database) -> list[Check]:
    """PostgreSQL answers, and its schema is at the code's head migration."""
    try:
        db.check()
        current = migrate.current_revision(db)
    except Exception as exc:  # any failure here means "not ready", never a 500 from the probe
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [
            Check("database", False, reason),
            Check("migrations", False, "unknown: database unreachable"),
        ]
    head = _head()
    if current != head:
        behind = f"at {current or 'empty'}, code expects {head}: run `devbizops db upgrade`"
        return [Check("database", True, "ok"), Check("migrations", False, behind)]
    return [Check("database", True, "ok"), Check("migrations", True, f"at head {head}")]


def check_redis(url: str) -> Check:
    """Redis answers PING (the Celery broker)."""
    client = redis.Redis.from_url(
        url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS, socket_timeout=REDIS_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except redis.RedisError as exc:
        return Check("redis", False, f"cannot reach Redis at {masked(url)}: {exc}")
    finally:
        client.close()
    return Check("redis", True, "ok")


def run_checks(settings: Settings, db: Database) -> list[Check]:
    """Every check that applies to ``settings`` (Redis only with the Celery executor)."""
    checks = check_database(db)
    if settings.executor == "celery":
        checks.append(check_redis(settings.redis_url))
    return checks


def verdict(checks: list[Check]) -> dict[str, object]:
    """The 200 body, or NotReady naming each failed check."""
    failed = [{"check": c.name, "detail": c.detail} for c in checks if not c.ok]
    if failed:
        names = ", ".join(str(f["check"]) for f in failed)
        raise NotReady(f"not ready: {names}", details={"failed": failed})
    return {"status": "ready", "checks": {c.name: c.detail for c in checks}}
