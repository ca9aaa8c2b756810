"""The FastAPI application: lifespan (database, run executor), one error shape, the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from api.agent_protocol.routes import router as agent_protocol_router
from api.audit.routes import router as audit_router
from api.auth.routes import router as auth_router
from api.connectors.routes import router as connectors_router
from api.dashboard.routes import router as dashboard_router
from api.evals.routes import router as evals_router
from api.ops.install import install_observability
from api.ops.routes import router as ops_router
from api.privacy.routes import router as privacy_router
from api.roadmap.routes import router as roadmap_router
from api.runs.dispatch import make_dispatcher
from api.runs.factory import build_run_service
from api.runs.routes import router as runs_router
from api.runs.watch import RunWatcher
from api.slack.bot import close_bot
from api.slack.routes import router as slack_router
from api.transcripts.routes import router as transcripts_router
from api.webhooks.routes import router as webhooks_router
from devbizops.db import Database
from devbizops.errors import DevBizOpsError
from devbizops.logging import configure as configure_logging
from devbizops.settings import Settings, get_settings

HTTP_CODES = {404: "not_found", 405: "method_not_allowed"}
ROUTERS = (
    ops_router,
    auth_router,
    runs_router,
    agent_protocol_router,
    transcripts_router,
    roadmap_router,
    dashboard_router,
    connectors_router,
    audit_router,
    privacy_router,
    evals_router,
    webhooks_router,
    slack_router,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API for ``settings`` (the process settings by default).

    Without explicit settings this is a server process (``devbizops serve``, uvicorn's
    ``--factory``, each of its ``--workers``): logging is configured from the settings here.
    """
    if settings is None:
        settings = get_settings()
        configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database.from_settings(settings)
        app.state.db = db
        try:
            with build_run_service(settings, db) as runs:
                dispatcher = make_dispatcher(settings, db, runs)
                app.state.runs = runs
                app.state.dispatcher = dispatcher
                app.state.watcher = watcher = RunWatcher(db)
                watcher.start()
                dispatcher.start()  # also takes over runs a previous process left queued
                try:
                    yield
                finally:
                    close_bot(app.state)  # let Slack requests in flight finish first
                    dispatcher.stop()
                    watcher.stop()
        finally:
            db.dispose()

    app = FastAPI(title="DevBizOps", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    _install_error_handlers(app)
    install_observability(app, settings)
    for router in ROUTERS:
        app.include_router(router)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    """Every error leaves as ``{"error": {"code", "message", "details"}}``."""

    @app.exception_handler(DevBizOpsError)
    async def project_error(request: Request, exc: DevBizOpsError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    @app.exception_handler(DataError)
    async def unstorable_value(request: Request, exc: DataError) -> JSONResponse:
        # A value PostgreSQL cannot hold (a NUL character in text, a number out of range) is
        # the client's input, not a server fault; the transaction has rolled back.
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return _error(422, "invalid_input", f"a value cannot be stored: {reason}", {})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [_field(e) for e in exc.errors()]
        return _error(422, "invalid_input", "the request is not valid", {"fields": fields})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail), {}, exc.headers)


def _field(error: Any) -> dict[str, Any]:
    # ``ctx``/``input`` may hold objects JSON cannot carry; location and message are enough.
    return {"loc": [str(p) for p in error.get("loc", ())], "message": str(error.get("msg", ""))}


def _error(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any],
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status, headers=headers)
