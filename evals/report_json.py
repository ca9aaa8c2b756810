"""The JSON report: its shape, an atomic writer and a validating reader."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from evals.datasets import field_path
from evals.errors import DatasetError


class Report(BaseModel):
    """One evaluation run: what was measured, with what, the summary and every case."""

    suite: str
    dataset: str
    provider: str
    model: str
    created_at: str
    summary: dict[str, Any]
    cases: list[dict[str, Any]]


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temp file beside ``path`` and ``os.replace`` it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a report is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report(path: Path, report: Report) -> None:
    """Write the report as indented JSON, atomically."""
    write_atomic(path, json.dumps(report.model_dump(), indent=2, ensure_ascii=False) + "\n")


def read_report(path: Path) -> Report:
    """Load a report written by :func:`write_report`; anything else is a :class:`DatasetError`."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(path, "report not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(path, f"cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise DatasetError(path, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
    try:
        return Report.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise DatasetError(path, first["msg"], field=field_path(first["loc"]) or None) from None
