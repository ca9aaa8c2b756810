"""What write-back nodes of any graph use at run time: long-term memory and Jira by connector.

The run's executor puts them into the LangGraph config (never into checkpoints), so a graph
stays compiled once while each run gets its own connections. TechTranslator (issue creation)
and Roadmap (rank and target-version write-back) read them the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import RunnableConfig

from devbizops.errors import ConfigurationError
from memory.repositories.memory_store import DecisionMemory
from tools.jira import JiraSource

CONFIG_KEY = "write_back_tools"
JiraOpener = Callable[[uuid.UUID, str], AbstractContextManager[JiraSource]]


@dataclass(frozen=True)
class WriteBackTools:
    memory: DecisionMemory
    jira: JiraOpener


def with_tools(config: RunnableConfig, tools: WriteBackTools) -> RunnableConfig:
    """The config with the tools attached."""
    configurable: dict[str, Any] = {**config.get("configurable", {}), CONFIG_KEY: tools}
    return {**config, "configurable": configurable}


def tools_of(config: RunnableConfig) -> WriteBackTools:
    """The run's tools; a clear error when a write-back run was started without them."""
    tools = config.get("configurable", {}).get(CONFIG_KEY)
    if not isinstance(tools, WriteBackTools):
        raise ConfigurationError("write-back needs the run service's tools (memory and Jira)")
    return tools
