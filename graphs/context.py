"""What every node may need from the run it executes in."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.config import get_stream_writer


def run_ids(config: RunnableConfig) -> tuple[uuid.UUID, uuid.UUID]:
    """(org id, run id) of the run: the thread id is the run id."""
    conf = config.get("configurable", {})
    return uuid.UUID(str(conf["org_id"])), uuid.UUID(str(conf["thread_id"]))


def emit(event_type: str, **payload: Any) -> None:
    """Send a domain event (e.g. a dropped requirement) to the run's event log."""
    get_stream_writer()({"type": event_type, **payload})
