"""Load JSONL datasets: one JSON object per line, each validated by one pydantic model."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evals.errors import DatasetError


class CaseModel(BaseModel):
    """Fields every dataset line has; unknown keys are errors so typos never pass silently."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list, description="free labels: industry, call type")
    notes: str | None = Field(default=None, description="annotator's note, not used in scoring")


CaseT = TypeVar("CaseT", bound=CaseModel)


def field_path(loc: Sequence[int | str]) -> str:
    """Render a pydantic error location as ``expected.requirements[0].category``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Return ``(line number, object)`` for every non-blank line; malformed lines raise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(path, f"cannot read: {exc}") from None
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            message = f"invalid JSON: {exc.msg} (column {exc.colno})"
            raise DatasetError(path, message, line=number) from None
        if not isinstance(value, dict):
            raise DatasetError(path, "each line must be a JSON object", line=number)
        rows.append((number, value))
    if not rows:
        raise DatasetError(path, "dataset has no cases")
    return rows


def validate_line(path: Path, number: int, raw: dict[str, Any], model: type[CaseT]) -> CaseT:
    """Validate one line; the first pydantic error becomes a :class:`DatasetError`."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = field_path(first["loc"]) or None
        raise DatasetError(path, first["msg"], line=number, field=field) from None


def load_cases(path: Path, model: type[CaseT]) -> list[tuple[int, CaseT]]:
    """Load and validate every line; ``id`` values must be unique."""
    seen: dict[str, int] = {}
    cases: list[tuple[int, CaseT]] = []
    for number, raw in read_jsonl(path):
        case = validate_line(path, number, raw, model)
        if case.id in seen:
            first = seen[case.id]
            message = f"duplicate id {case.id!r} (first on line {first})"
            raise DatasetError(path, message, line=number, field="id")
        seen[case.id] = number
        cases.append((number, case))
    return cases
