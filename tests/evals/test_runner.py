"""The runner: dataset order kept under concurrency, crashes recorded, latency measured."""

from __future__ import annotations

import io
import threading
import time

from rich.console import Console

from evals.runner import run_cases


def test_results_keep_dataset_order_and_crashes_do_not_stop_the_run() -> None:
    seen: set[str] = set()
    lock = threading.Lock()

    def work(n: int) -> int:
        time.sleep(0.02 * (5 - n))  # later cases finish first
        with lock:
            seen.add(threading.current_thread().name)
        if n == 2:
            raise ValueError("bad case")
        return n * 10

    console = Console(file=io.StringIO())
    runs = run_cases([0, 1, 2, 3, 4], work, concurrency=5, console=console)
    assert [r.case for r in runs] == [0, 1, 2, 3, 4]
    assert [r.result for r in runs] == [0, 10, None, 30, 40]
    assert runs[2].error == "ValueError: bad case"
    assert all(r.latency_ms >= 15 for r in runs)
    assert len(seen) > 1


def test_the_progress_bar_reports_every_case() -> None:
    out = io.StringIO()
    run_cases(
        ["a", "b", "c"],
        str.upper,
        concurrency=1,
        label="demo",
        console=Console(file=out, width=100),
    )
    assert "demo" in out.getvalue()
    assert "3/3" in out.getvalue()
