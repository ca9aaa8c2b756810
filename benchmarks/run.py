"""Run every ``benchmarks/bench_*.py``, print a table and merge the results into results.json."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.results import RESULTS, BenchResult, merge

PACKAGE = Path(__file__).parent


def discover(only: list[str] | None = None) -> list[str]:
    """Module names of the benchmarks (``bench_*``), optionally only those named in ``only``."""
    names = sorted(m.name for m in pkgutil.iter_modules([str(PACKAGE)]))
    found = [n for n in names if n.startswith("bench_")]
    return [n for n in found if not only or n in only or n.removeprefix("bench_") in only]


def run(only: list[str] | None = None) -> list[BenchResult]:
    """Every benchmark's results, in module order."""
    results: list[BenchResult] = []
    for name in discover(only):
        module = importlib.import_module(f"benchmarks.{name}")
        bench: Callable[[], list[BenchResult]] = module.run
        results += bench()
    return results


def table(results: list[BenchResult]) -> Table:
    out = Table(title="benchmarks (ratio = ours / baseline, higher is better)")
    for column in ("name", "unit", "ours", "baseline", "ratio"):
        out.add_column(column, justify="left" if column in ("name", "unit") else "right")
    for r in results:
        out.add_row(r.name, r.unit, f"{r.ours:,.0f}", f"{r.baseline:,.0f}", f"{r.ratio:.1%}")
    return out


def main(argv: list[str]) -> int:
    """``python -m benchmarks.run [sync ...]``: run all (or the named) benchmarks."""
    results = run(argv or None)
    Console().print(table(results))
    merge(results)
    Console().print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
