"""Shared pieces of the CLI: consoles, error mapping, input files."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from devbizops.errors import DevBizOpsError, InvalidInput

P = ParamSpec("P")
R = TypeVar("R")

# Piped output gets a readable width instead of rich's 80-column fallback.
out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(code)


def errors_to_exit(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn our errors into one clear stderr line and the error's exit code."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DevBizOpsError as exc:
            raise fail(exc.message, exc.exit_code) from None

    return wrapper


def read_text(path: Path) -> str:
    """A UTF-8 text file's content, or InvalidInput saying why it cannot be used."""
    if str(path) == "-":
        return sys.stdin.read()
    if not path.exists():
        raise InvalidInput(f"file not found: {path}")
    if path.is_dir():
        raise InvalidInput(f"{path} is a directory, not a file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"cannot read {path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    if not text.strip():
        raise InvalidInput(f"{path} is empty")
    return text


def read_json(path: Path) -> Any:
    """A JSON file's value, or InvalidInput naming the line and column of the mistake."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
