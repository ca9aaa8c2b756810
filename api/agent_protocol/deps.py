"""The Agent Protocol service of the running app, as an ``Annotated`` dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from api.agent_protocol.service import AgentProtocolService
from api.deps import DatabaseDep
from api.runs.deps import DispatcherDep, RunServiceDep, WatcherDep


def get_agent_protocol(
    db: DatabaseDep, runs: RunServiceDep, dispatcher: DispatcherDep, watcher: WatcherDep
) -> AgentProtocolService:
    """Built on the app's run service, dispatcher and run watcher (made by the app's lifespan)."""
    return AgentProtocolService(db, runs, dispatcher.dispatch, watcher)


AgentProtocolDep = Annotated[AgentProtocolService, Depends(get_agent_protocol)]
