"""Dependencies of the runs routes: the app's run service and dispatcher, by type."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.runs.dispatch import Dispatcher
from api.runs.service import RunService
from api.runs.watch import RunWatcher


def get_run_service(request: Request) -> RunService:
    """The run service built in the app's lifespan (pooled checkpointer, finish hooks)."""
    runs: RunService = request.app.state.runs
    return runs


def get_dispatcher(request: Request) -> Dispatcher:
    """The executor hand-off built in the app's lifespan (inline or Celery)."""
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


def get_watcher(request: Request) -> RunWatcher:
    """Wakes requests waiting on a run when PostgreSQL notifies a change (app lifespan)."""
    watcher: RunWatcher = request.app.state.watcher
    return watcher


RunServiceDep = Annotated[RunService, Depends(get_run_service)]
WatcherDep = Annotated[RunWatcher, Depends(get_watcher)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
