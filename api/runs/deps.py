"""Dependencies of the runs routes: the app's run service and dispatcher, by type."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.runs.dispatch import Dispatcher
from api.runs.service import RunService


def get_run_service(request: Request) -> RunService:
    """The run service built in the app's lifespan (pooled checkpointer, finish hooks)."""
    runs: RunService = request.app.state.runs
    return runs


def get_dispatcher(request: Request) -> Dispatcher:
    """The executor hand-off built in the app's lifespan (inline or Celery)."""
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


RunServiceDep = Annotated[RunService, Depends(get_run_service)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
