"""JSON transcript input: decoding and schema errors that name the line or the field path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from devbizops.errors import TranscriptFormatError

T = TypeVar("T")

_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def load_json(fmt: str, text: str) -> object:
    """Decode ``text`` as JSON, reporting failures as a TranscriptFormatError with the line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptFormatError(fmt, f"invalid JSON: {exc.msg}", line=exc.lineno) from exc
    except (ValueError, RecursionError) as exc:
        # Over-long integers and very deep nesting are not JSONDecodeErrors, but still bad input.
        raise TranscriptFormatError(
            fmt, "invalid JSON: number too long or nesting too deep"
        ) from exc


def field_path(location: Iterable[int | str], prefix: str = "") -> str:
    """Render a pydantic error location as ``messages[2].user_profile.real_name``."""
    path = prefix
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part):
            path += f".{part}" if path else part
        else:
            path += f"[{json.dumps(part)}]"
    return path


def validate(fmt: str, adapter: TypeAdapter[T], data: object, prefix: str = "") -> T:
    """Validate ``data`` against ``adapter``; the error names the first bad field's path."""
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        message = error["msg"][:1].lower() + error["msg"][1:]
        path = field_path(error["loc"], prefix)
        raise TranscriptFormatError(fmt, message, field=path or None) from exc
