"""Run cases on a thread pool with a progress bar; a crashing case is recorded, never fatal."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

CaseT = TypeVar("CaseT")
ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class CaseRun(Generic[CaseT, ResultT]):
    """One case's outcome: a result or the error it raised, and how long it took."""

    case: CaseT
    result: ResultT | None
    error: str | None
    latency_ms: float


def _timed(fn: Callable[[CaseT], ResultT], case: CaseT) -> CaseRun[CaseT, ResultT]:
    started = time.perf_counter()
    try:
        result: ResultT | None = fn(case)
        error = None
    except Exception as exc:  # a crash is a measurement: record it and keep going
        result, error = None, f"{type(exc).__name__}: {exc}"
    elapsed = (time.perf_counter() - started) * 1000
    return CaseRun(case=case, result=result, error=error, latency_ms=round(elapsed, 3))


def run_cases(
    cases: Sequence[CaseT],
    fn: Callable[[CaseT], ResultT],
    *,
    concurrency: int = 4,
    label: str = "cases",
    console: Console | None = None,
) -> list[CaseRun[CaseT, ResultT]]:
    """Run ``fn`` on every case with ``concurrency`` threads; results keep the dataset order."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=False,
    )
    runs: list[CaseRun[CaseT, ResultT] | None] = [None] * len(cases)
    with progress, ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        task = progress.add_task(label, total=len(cases))
        futures: dict[Future[CaseRun[CaseT, ResultT]], int] = {
            pool.submit(_timed, fn, case): i for i, case in enumerate(cases)
        }
        for future in as_completed(futures):
            runs[futures[future]] = future.result()
            progress.advance(task)
    return [run for run in runs if run is not None]
