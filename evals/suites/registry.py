"""Suite lookup by name, and detection from a dataset's first line."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from evals.datasets import read_jsonl
from evals.errors import DatasetError
from evals.suites.base import Suite

# Name -> module holding ``SUITE``; imported on demand so one agent's import cost stays its own.
MODULES = {
    "techtranslator": "evals.suites.techtranslator",
    "roadmap": "evals.suites.roadmap",
    "dashboard": "evals.suites.dashboard",
}
# The top-level key whose presence on a dataset line identifies the suite.
MARKERS = {"transcript_file": "techtranslator", "roadmap": "roadmap", "snapshot": "dashboard"}


def get_suite(name: str) -> Suite[Any, Any]:
    """The suite called ``name``."""
    suite: Suite[Any, Any] = import_module(MODULES[name]).SUITE
    return suite


def detect_suite(path: Path) -> str:
    """The suite a dataset belongs to, from the keys of its first line."""
    line, first = read_jsonl(path)[0]
    found = [suite for key, suite in MARKERS.items() if key in first]
    if len(found) != 1:
        keys = ", ".join(MARKERS)
        raise DatasetError(
            path, f"cannot tell the suite: a line needs exactly one of {keys}", line=line
        )
    return found[0]
