"""Fixtures: real PostgreSQL (embedded or DATABASE_URL), isolated per test; no outside network."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from devbizops.db import Database, libpq_url
from devbizops.settings import Settings, get_settings
from tests.support.network import loopback_only
from tests.support.postgres import (
    create_template,
    database_from,
    drop_database,
    private_dir,
    start_embedded,
)
from tools.sandbox.generator import generate
from tools.sandbox.model import SandboxCompany
from tools.sandbox.serve import RunningSandbox, run_sandbox

if TYPE_CHECKING:
    from devbizops.container import Container

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "transcripts"


@pytest.fixture(scope="session", autouse=True)
def _no_outside_network() -> Iterator[None]:
    # A proxy from the developer's shell would send loopback traffic elsewhere.
    previous = os.environ.get("NO_PROXY")
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    with loopback_only():
        yield
    if previous is None:
        del os.environ["NO_PROXY"]
    else:
        os.environ["NO_PROXY"] = previous


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of the session's PostgreSQL server: DATABASE_URL when set, else an embedded one."""
    external = os.environ.get("DATABASE_URL", "").strip()
    if external:
        yield libpq_url(external)
        return
    with private_dir("devbizops-test-pg-") as directory:
        yield start_embedded(directory / "data")


@pytest.fixture(scope="session")
def pg_template(pg_server: str, worker_id: str) -> Iterator[str]:
    """A database migrated to head, copied for every test; dropped at the end of the session."""
    name = f"devbizops_tpl_{os.getpid()}_{worker_id}"
    yield create_template(pg_server, name)
    drop_database(pg_server, name)


@pytest.fixture
def database_url(pg_template: str) -> Iterator[str]:
    """A fresh, migrated database for this test only."""
    with database_from(pg_template) as url:
        yield url


@pytest.fixture
def settings(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings on the test's database and data dir; also what the CLI sees via the env."""
    env = {
        "DATABASE_URL": database_url,
        "DEVBIZOPS_DATA_DIR": str(tmp_path / "data"),
        "DEVBIZOPS_LLM_PROVIDER": "offline",
        "DEVBIZOPS_ORG": "test-org",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    get_settings.cache_clear()
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def _fresh_settings_cache() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database.from_settings(settings)
    yield database
    database.dispose()


@pytest.fixture
def container(settings: Settings) -> Iterator[Container]:
    # Imported here so tests of single packages run while other packages are being written.
    from devbizops.container import open_container

    with open_container(settings) as c:
        yield c


def read_sample(name: str) -> str:
    """A sample transcript's text by file name."""
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def company() -> SandboxCompany:
    """The sandbox company most tests use (seed 7, size 1); directories may override it."""
    return generate(seed=7, size=1)


@pytest.fixture(scope="module")
def sandbox(company: SandboxCompany) -> Iterator[RunningSandbox]:
    """The company's GitHub, Jira and CRM loopback servers, for the module."""
    with run_sandbox(company) as running:
        yield running
