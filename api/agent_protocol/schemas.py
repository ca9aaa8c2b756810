"""Request bodies of the Agent Protocol as langgraph-sdk sends them.

Fields the protocol defines but we do not act on (webhooks, checkpoint forks, interrupt_before,
durability, ...) are accepted and ignored only where ignoring them changes no outcome; the ones
that would change the outcome are refused with ``invalid_input`` (see ``RunCreate.unsupported``).
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# What each stream mode is made of here: checkpoints (values, updates) and the run's domain
# events (custom). Our graphs hold no chat messages, so the message modes stream nothing.
StreamMode = Literal["values", "updates", "custom", "messages", "messages-tuple"]


class _Body(BaseModel):
    # The SDK grows fields release by release; unknown ones must not break old servers.
    model_config = ConfigDict(extra="ignore")


class AssistantSearch(_Body):
    graph_id: str | None = None
    name: str | None = None
    metadata: dict[str, Any] | None = None
    limit: int = Field(default=10, ge=1, le=1000)
    offset: int = Field(default=0, ge=0)


class ThreadCreate(_Body):
    thread_id: uuid.UUID | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    if_exists: Literal["raise", "do_nothing"] = "raise"
    supersteps: list[Any] | None = None


class ThreadSearch(_Body):
    limit: int = Field(default=10, ge=1, le=1000)
    offset: int = Field(default=0, ge=0)


class HistoryQuery(_Body):
    limit: int = Field(default=10, ge=1, le=1000)
    before: dict[str, Any] | str | None = None  # a checkpoint (or its id): older ones only
    metadata: dict[str, Any] | None = None  # exact match on each given key


class Command(_Body):
    resume: Any = None
    update: Any = None
    goto: Any = None


class RunCreate(_Body):
    assistant_id: str
    input: dict[str, Any] | None = None
    command: Command | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    config: dict[str, Any] | None = None
    stream_mode: StreamMode | list[StreamMode] = "values"
    stream_subgraphs: bool = False
    multitask_strategy: Literal["reject", "interrupt", "rollback", "enqueue"] = "reject"
    if_not_exists: Literal["reject", "create"] = "reject"
    on_disconnect: Literal["cancel", "continue"] = "continue"
    interrupt_before: Any = None
    interrupt_after: Any = None
    checkpoint: dict[str, Any] | None = None
    checkpoint_id: str | None = None
    after_seconds: int | None = None

    @property
    def modes(self) -> list[str]:
        """The requested stream modes as a list."""
        return [self.stream_mode] if isinstance(self.stream_mode, str) else list(self.stream_mode)

    def unsupported(self) -> list[str]:
        """Options whose effect we cannot give; asking for them is refused, not ignored."""
        asked = {
            "command.update": self.command is not None and self.command.update is not None,
            "command.goto": self.command is not None and self.command.goto is not None,
            "interrupt_before": bool(self.interrupt_before),
            "interrupt_after": bool(self.interrupt_after),
            "checkpoint": bool(self.checkpoint or self.checkpoint_id),
            "after_seconds": bool(self.after_seconds),
            "multitask_strategy": self.multitask_strategy != "reject",
        }
        return [name for name, given in asked.items() if given]
