"""Errors raised while loading datasets, baselines and reports (all mapped to CLI exit 2)."""

from __future__ import annotations

from pathlib import Path

from devbizops.errors import InvalidInput


class DatasetError(InvalidInput):
    """A dataset (or report) file is malformed; the message names the file, line and field."""

    code = "invalid_dataset"

    def __init__(
        self, path: Path | str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        text = f"{where}: field {field}: {message}" if field else f"{where}: {message}"
        super().__init__(text, details={"file": str(path), "line": line, "field": field})
        self.path = str(path)
        self.line = line
        self.field = field
