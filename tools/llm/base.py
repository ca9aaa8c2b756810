"""The one interface every agent uses for language work: structured extraction and short prose.

Providers implement :class:`LanguageModel`. Agents describe *what* they need as a task (a name, the
instructions an LLM would get, the data, the pydantic schema of the answer and structured context);
the ``openai`` provider sends the instructions and data to a chat model, the ``offline`` provider
hands the task to the deterministic rule handler registered under the task's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

SchemaT = TypeVar("SchemaT", bound=BaseModel)


@dataclass(frozen=True)
class ExtractTask(Generic[SchemaT]):
    """Ask for an instance of ``schema`` extracted from ``content``.

    ``name`` identifies the job (``"techtranslator.requirements"``) so the offline engine can route
    it; ``instructions`` is the system prompt an LLM receives; ``content`` is the untrusted data;
    ``context`` carries structured inputs (parsed turns, speaker roles) the rule engine works on.
    """

    name: str
    instructions: str
    content: str
    schema: type[SchemaT]
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProseTask:
    """Ask for a short paragraph about ``facts`` (numbers computed by code, never by the model)."""

    name: str
    instructions: str
    facts: Mapping[str, Any]
    max_words: int = 120


class LanguageModel(Protocol):
    """A provider of structured extraction and short prose."""

    @property
    def provider(self) -> str: ...

    @property
    def model(self) -> str: ...

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT: ...

    def write(self, task: ProseTask) -> str: ...
