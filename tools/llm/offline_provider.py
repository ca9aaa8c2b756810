"""The ``offline`` provider: deterministic rule handlers, routed by task name, no network."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from devbizops.errors import ConfigurationError, LLMOutputError
from tools.llm.base import ExtractTask, ProseTask, SchemaT

Extractor = Callable[[ExtractTask[Any]], BaseModel]
Writer = Callable[[ProseTask], str]
HandlerT = TypeVar("HandlerT")


class OfflineModel:
    """A LanguageModel that hands each task to the rule handler registered under its name."""

    def __init__(self, extractors: Mapping[str, Extractor], writers: Mapping[str, Writer]) -> None:
        self._extractors = dict(extractors)
        self._writers = dict(writers)

    @property
    def provider(self) -> str:
        return "offline"

    @property
    def model(self) -> str:
        return "rules-v1"

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT:
        """Run the extractor registered for ``task.name`` and check it built ``task.schema``."""
        result = _route(self._extractors, task.name, "extractor")(task)
        if not isinstance(result, task.schema):
            raise LLMOutputError(
                f"{task.name}: offline extractor returned {type(result).__name__}, "
                f"expected {task.schema.__name__}",
                details={"task": task.name, "provider": "offline"},
            )
        return result

    def write(self, task: ProseTask) -> str:
        """Run the writer registered for ``task.name``."""
        text = _route(self._writers, task.name, "writer")(task)
        if not isinstance(text, str):
            raise LLMOutputError(
                f"{task.name}: offline writer returned {type(text).__name__}, expected str",
                details={"task": task.name, "provider": "offline"},
            )
        return text


def _route(handlers: Mapping[str, HandlerT], name: str, kind: str) -> HandlerT:
    try:
        return handlers[name]
    except KeyError:
        known = ", ".join(sorted(handlers)) or "none"
        raise ConfigurationError(
            f"no offline {kind} is registered for task {name!r}; registered: {known}",
            details={"task": name, "registered": sorted(handlers)},
        ) from None
