"""The HTTP API on the trivial 5-node graph: create-and-wait latency and concurrent throughput.

The API (``create_app``, inline executor, its lifespan) is served by uvicorn on a loopback port;
clients call ``POST /v1/runs/wait`` with an owner's API key. Baselines, measured in the same run
on the same database: the same graph invoked directly with LangGraph and a pooled
``PostgresSaver`` (no HTTP, no run rows, no events).

* ``api_latency_p50`` / ``api_latency_p95``: sequential requests; reported as 1/latency (runs/s at
  that percentile) so that, like every benchmark here, higher is better.
* ``api_throughput_c16``: completed runs/s with 16 clients at once, against 16 threads invoking
  the graph directly.
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.postgres import PostgresSaver
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool
from rich.console import Console

from api.app import create_app
from benchmarks import trivial_graph
from benchmarks.databases import fresh, server
from benchmarks.results import BenchResult
from devbizops.db import Database
from devbizops.logging import configure as configure_logging
from devbizops.settings import Settings
from memory.repositories.api_keys import ApiKeyRepository
from memory.repositories.orgs import OrgRepository
from tools.sandbox.servers.loopback import LoopbackServer

SEQUENTIAL = 150
CONCURRENT_RUNS = 320
CLIENTS = 16
WARMUP = 10


def run() -> list[BenchResult]:
    console = Console(stderr=True)
    configure_logging("WARNING")  # one access line per request would drown the table
    with server() as url, fresh(url, "api") as db:
        settings = Settings(
            _env_file=None,
            database_url=db.url,
            llm_provider="offline",
            org_max_concurrent_runs=CLIENTS,
        )
        app = create_app(settings)
        with LoopbackServer(app, name="bench-api", lifespan=True) as api:
            trivial_graph.register(app.state.runs.graphs, app.state.runs.graphs.checkpointer)
            call = _Api(api.base_url, _owner_key(db))
            try:
                with _Direct(db) as direct:
                    seq_api = _latencies(call, SEQUENTIAL)
                    seq_raw = _latencies(direct, SEQUENTIAL)
                    conc_api = _throughput(call, CONCURRENT_RUNS)
                    conc_raw = _throughput(direct, CONCURRENT_RUNS)
            finally:
                call.close()
    p50, p95 = _pct(seq_api, 50), _pct(seq_api, 95)
    b50, b95 = _pct(seq_raw, 50), _pct(seq_raw, 95)
    console.print(
        f"API create-and-wait p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
        f"(direct LangGraph p50 {b50 * 1000:.1f} ms, p95 {b95 * 1000:.1f} ms); "
        f"{CLIENTS} clients: {conc_api:.0f} runs/s (direct {conc_raw:.0f} runs/s)"
    )
    return [
        BenchResult.of("api_latency_p50", "1/s", 1 / p50, 1 / b50),
        BenchResult.of("api_latency_p95", "1/s", 1 / p95, 1 / b95),
        BenchResult.of("api_throughput_c16", "runs/s", conc_api, conc_raw),
    ]


def _owner_key(db: Database) -> str:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure("bench")
        _, key = ApiKeyRepository(session).create(org_id, "bench", "owner", "benchmarks")
        return key


class _Api:
    """``POST /v1/runs/wait`` with one keep-alive client per thread, as client libraries hold."""

    def __init__(self, base_url: str, key: str) -> None:
        self._base_url, self._key = base_url, key
        self._local = threading.local()
        self._all: list[httpx.Client] = []

    def __call__(self) -> None:
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(
                base_url=self._base_url, headers={"X-Api-Key": self._key}, timeout=60
            )
            self._local.client = client
            self._all.append(client)
        body = {"graph_id": trivial_graph.GRAPH_ID, "input": {}}
        answer = client.post("/v1/runs/wait", json=body)
        run = answer.json()
        if answer.status_code != 200 or run.get("status") != "succeeded":
            raise RuntimeError(f"benchmark run did not succeed: {answer.status_code} {run}")

    def close(self) -> None:
        for client in self._all:
            client.close()


class _Direct:
    """The baseline: the graph invoked in-process with a pooled PostgresSaver."""

    def __init__(self, db: Database) -> None:
        self._pool = ConnectionPool(
            db.url,
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
            min_size=1,
            max_size=CLIENTS,
            open=False,
        )

    def __enter__(self) -> Callable[[], None]:
        self._pool.open(wait=True)
        graph = trivial_graph.build(PostgresSaver(self._pool))  # type: ignore[arg-type]

        def invoke() -> None:
            config: RunnableConfig = {"configurable": {"thread_id": str(uuid.uuid4())}}
            if graph.invoke({"n": 0}, config)["n"] != len(trivial_graph.NODES):
                raise RuntimeError("the trivial graph miscounted")

        return invoke

    def __exit__(self, *exc: Any) -> None:
        self._pool.close()


def _latencies(call: Callable[[], None], n: int) -> list[float]:
    for _ in range(WARMUP):
        call()
    out: list[float] = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def _throughput(call: Callable[[], None], n: int) -> float:
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(lambda _: call(), range(CLIENTS)))  # warm every client/connection
        start = time.perf_counter()
        list(pool.map(lambda _: call(), range(n)))
        return n / (time.perf_counter() - start)


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]
