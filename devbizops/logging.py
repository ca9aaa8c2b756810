"""Structured logging: console lines for people, JSON for machines; request, org and run ids bound.

Ids travel in context variables, so every line logged while serving a request (or executing a
run) carries them without passing loggers around: ``bound(run_id=...)`` binds plain values, and
``bind_deferred(org_id=getter)`` binds a value that becomes known only later in the same request
(the caller is authenticated inside a dependency that may run in another thread).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TextIO

import structlog

Getter = Callable[[], object]
_DEFERRED: ContextVar[Mapping[str, Getter]] = ContextVar("devbizops_deferred_log_context")


def configure(level: str = "WARNING", as_json: bool = False, stream: TextIO | None = None) -> None:
    """Route structlog and stdlib logging to ``stream`` (stderr) at ``level``."""
    numeric = logging.getLevelNamesMapping().get(level.upper(), logging.WARNING)
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer()
    )
    processors: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        merge_deferred,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    if as_json:
        # A traceback inside one JSON document, not as loose lines after it.
        processors.append(structlog.processors.dict_tracebacks)
    structlog.configure(
        processors=[*processors, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=stream or sys.stderr),
        cache_logger_on_first_use=False,
    )
    logging.basicConfig(
        level=numeric, stream=stream or sys.stderr, format="%(levelname)s %(name)s %(message)s"
    )


def get_logger(name: str) -> structlog.typing.FilteringBoundLogger:
    """A structlog logger for a module."""
    return structlog.get_logger(name)  # type: ignore[no-any-return]


@contextmanager
def bound(**values: object) -> Iterator[None]:
    """Bind ``values`` (e.g. ``run_id``) to every line logged inside the block; None is skipped."""
    present = {key: str(value) for key, value in values.items() if value is not None}
    with structlog.contextvars.bound_contextvars(**present):
        yield


@contextmanager
def bind_deferred(**getters: Getter) -> Iterator[None]:
    """Inside the block, each line gets ``key=getter()`` whenever the getter returns non-None."""
    token = _DEFERRED.set({**_DEFERRED.get({}), **getters})
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def merge_deferred(
    logger: object, method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: add the deferred values known by now (explicit keys win)."""
    for key, getter in _DEFERRED.get({}).items():
        if key not in event:
            value = getter()
            if value is not None:
                event[key] = str(value)
    return event
