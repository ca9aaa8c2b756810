"""One benchmark result and the ``benchmarks/results.json`` file they are merged into."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results.json"


@dataclass(frozen=True)
class BenchResult:
    """``ours`` and ``baseline`` in one ``unit``, higher is better; ratio = ours / baseline."""

    name: str
    unit: str
    ours: float
    baseline: float
    ratio: float

    @classmethod
    def of(cls, name: str, unit: str, ours: float, baseline: float) -> BenchResult:
        ratio = ours / baseline if baseline else 0.0
        return cls(name, unit, round(ours, 1), round(baseline, 1), round(ratio, 4))


def load(path: Path = RESULTS) -> list[dict[str, Any]]:
    """The entries already in ``path`` ([] when it is missing or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [e for e in data if isinstance(e, dict) and "name" in e]


def merge(results: Iterable[BenchResult], path: Path = RESULTS) -> list[dict[str, Any]]:
    """Replace the entries named in ``results``, keep every other one, write atomically."""
    entries = {e["name"]: e for e in load(path)}
    for result in results:
        entries[result.name] = asdict(result)
    merged = sorted(entries.values(), key=lambda e: str(e["name"]))
    # Write beside the target and rename: a reader never sees a half-written file.
    fd, tmp = tempfile.mkstemp(prefix=".results-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(merged, f, indent=2)
            f.write("\n")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; results are for everyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return merged
