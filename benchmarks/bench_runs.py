"""Per-run overhead of the durable run path against raw LangGraph on the same trivial graph.

* ``durable_run_overhead``: runs/s of ``RunService.create`` + ``RunService.execute`` (run row,
  node events, status updates, output) on the 5-node ``bench5`` graph, against runs/s of plain
  ``graph.invoke`` of the same graph with the same ``PostgresSaver`` on the same database. The
  aim is ≤ 1.2× per-run time, i.e. a ratio ≥ 0.83.

Both sides alternate in rounds so drift on a shared machine hits them alike.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from langchain_core.runnables import RunnableConfig
from rich.console import Console

from benchmarks import trivial_graph
from benchmarks.databases import fresh, server
from benchmarks.results import BenchResult
from devbizops.container import open_container
from devbizops.settings import Settings

ROUNDS = 4
RUNS_PER_ROUND = 40
WARMUP = 5
ORG = "bench"


def run() -> list[BenchResult]:
    console = Console(stderr=True)
    with server() as url, fresh(url, "runs") as db:
        settings = Settings(_env_file=None, database_url=db.url, llm_provider="offline")
        with open_container(settings) as container:
            graph = trivial_graph.build(container.graphs.checkpointer)
            trivial_graph.register(container.graphs, container.graphs.checkpointer)
            runs = container.runs

            def raw() -> None:
                config: RunnableConfig = {"configurable": {"thread_id": str(uuid.uuid4())}}
                assert graph.invoke({"n": 0}, config)["n"] == len(trivial_graph.NODES)

            def durable() -> None:
                created = runs.create(ORG, trivial_graph.GRAPH_ID, {"n": 0})
                done = runs.execute(created.id)
                assert done.status == "succeeded", done.error

            ours, baseline = _alternate(durable, raw)
    console.print(
        f"durable run {1000 / ours:.1f} ms/run, raw LangGraph {1000 / baseline:.1f} ms/run, "
        f"overhead {baseline / ours:.2f}x"
    )
    return [BenchResult.of("durable_run_overhead", "runs/s", ours, baseline)]


def _alternate(ours: Callable[[], None], baseline: Callable[[], None]) -> tuple[float, float]:
    """Runs/s of each, measured in alternating rounds after a warm-up."""
    for _ in range(WARMUP):
        ours()
        baseline()
    spent = {"ours": 0.0, "baseline": 0.0}
    for _ in range(ROUNDS):
        for name, fn in (("ours", ours), ("baseline", baseline)):
            start = time.perf_counter()
            for _ in range(RUNS_PER_ROUND):
                fn()
            spent[name] += time.perf_counter() - start
    total = ROUNDS * RUNS_PER_ROUND
    return total / spent["ours"], total / spent["baseline"]
