"""The loopback HubSpot: CRM v3 objects/search/pipelines and v4 associations for one company."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.routing import Route

from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.faults import FaultPlan, install
from tools.sandbox.servers.hubspot import associations, objects, pipelines, search
from tools.sandbox.servers.hubspot.errors import ApiError, api_error_handler, render_fault
from tools.sandbox.servers.hubspot.guard import Guard
from tools.sandbox.servers.hubspot.ratelimit import RateLimits, RateMeter
from tools.sandbox.servers.hubspot.seed import store_from
from tools.sandbox.servers.hubspot.store import Store
from tools.sandbox.servers.loopback import LoopbackServer

# Shaped like a HubSpot private-app token ("pat-<region>-<uuid>").
SANDBOX_TOKEN = "pat-na1-00000000-0000-4000-8000-00000000d0b0"
SEARCH_CAP = 10_000

_V3 = "/crm/v3/objects/{objectType}"
_V4 = "/crm/v4"
ROUTES = [
    Route(_V3, objects.list_objects, methods=["GET"]),
    Route(_V3, objects.create_object, methods=["POST"]),
    Route(f"{_V3}/search", search.search_objects, methods=["POST"]),
    Route(f"{_V3}/{{objectId}}", objects.get_object, methods=["GET"]),
    Route("/crm/v3/pipelines/{objectType}", pipelines.list_pipelines, methods=["GET"]),
    Route("/crm/v3/pipelines/{objectType}/{pipelineId}", pipelines.get_pipeline, methods=["GET"]),
    Route(
        "/crm/v3/pipelines/{objectType}/{pipelineId}/stages", pipelines.list_stages, methods=["GET"]
    ),
    Route(
        f"{_V4}/objects/{{objectType}}/{{objectId}}/associations/{{toObjectType}}",
        associations.list_associations,
        methods=["GET"],
    ),
    Route(
        f"{_V4}/objects/{{fromObjectType}}/{{fromObjectId}}/associations/default/"
        "{toObjectType}/{toObjectId}",
        associations.create_default,
        methods=["PUT"],
    ),
    Route(
        f"{_V4}/associations/{{fromObjectType}}/{{toObjectType}}/batch/read",
        associations.batch_read,
        methods=["POST"],
    ),
]


def create_app(
    company: SandboxCompany,
    *,
    token: str = SANDBOX_TOKEN,
    faults: FaultPlan | None = None,
    search_cap: int = SEARCH_CAP,
    rate_limits: RateLimits | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Starlette:
    """A HubSpot portal holding ``company``'s CRM records, answering only ``Bearer <token>``.

    ``search_cap`` is HubSpot's 10,000-result search limit (tests make it small); ``clock``
    stamps created objects (default: the wall clock, UTC).
    """
    app = Starlette(routes=ROUTES, exception_handlers={ApiError: api_error_handler})
    app.state.store = store_from(company, clock=clock or (lambda: datetime.now(UTC)))
    app.state.search_cap = search_cap
    app.state.faults = faults or FaultPlan()
    app.state.meter = RateMeter(rate_limits or RateLimits())
    app.add_middleware(BaseHTTPMiddleware, dispatch=Guard(token, app.state.meter))
    # Installed last, so outermost: injected faults hit before auth, like HubSpot's edge would.
    install(app, app.state.faults, render_fault)
    return app


def serve(
    company: SandboxCompany,
    *,
    port: int = 0,
    token: str = SANDBOX_TOKEN,
    faults: FaultPlan | None = None,
    search_cap: int = SEARCH_CAP,
    rate_limits: RateLimits | None = None,
    clock: Callable[[], datetime] | None = None,
) -> LoopbackServer:
    """A not-yet-started loopback server for ``create_app``; start it with ``with``.

    ``with serve(company) as server:`` binds 127.0.0.1 and gives ``server.base_url``.
    """
    app = create_app(
        company,
        token=token,
        faults=faults,
        search_cap=search_cap,
        rate_limits=rate_limits,
        clock=clock,
    )
    return LoopbackServer(app, name="hubspot", port=port)


def portal(app: Starlette) -> Store:
    """The app's mutable portal (created notes, links, the write-loss switch)."""
    store = app.state.store
    assert isinstance(store, Store)
    return store


def fault_plan(app: Starlette) -> FaultPlan:
    """The app's fault plan (forced 429s, 5xx bursts, slow responses)."""
    plan = app.state.faults
    assert isinstance(plan, FaultPlan)
    return plan
