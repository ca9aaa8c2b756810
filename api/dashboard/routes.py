"""Investor dashboard: metrics, chart specs and rendered charts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.dashboard.schemas import ChartFormat, DashboardOut
from api.dashboard.service import MEDIA_TYPES, DashboardService
from api.deps import DatabaseDep, require

router = APIRouter(prefix="/v1/dashboard", tags=["dashboard"])

Reader = Annotated[Principal, require(Permission.DASHBOARD_READ)]
NOT_YET: dict[int | str, dict[str, Any]] = {
    404: {"description": "no_dashboard: no dashboard run has succeeded yet"}
}


@router.get("", responses=NOT_YET)
def get_dashboard(request: Request, principal: Reader, db: DatabaseDep) -> DashboardOut:
    """The newest dashboard: metrics JSON, narrative Markdown and the chart links."""
    # Links are paths: right behind any proxy, whatever host the client used.
    base = str(request.app.url_path_for("get_dashboard")).rstrip("/")
    return DashboardService(db).latest(principal.org_id, base)


@router.get(
    "/charts/{name}",
    response_class=Response,
    responses={
        200: {"content": {t: {} for t in MEDIA_TYPES.values()}},
        404: {"description": "no_dashboard or chart_not_found"},
    },
)
def get_chart(
    name: str,
    principal: Reader,
    db: DatabaseDep,
    format: Annotated[ChartFormat, Query(description="vega | svg | png")] = "vega",
) -> Response:
    """One chart: its Vega-Lite spec, or rendered to SVG or PNG."""
    body, media_type = DashboardService(db).chart(principal.org_id, name, format)
    return Response(body, media_type=media_type)


@router.get(
    "/update.md",
    response_class=Response,
    responses={200: {"content": {"text/markdown": {}}}, **NOT_YET},
)
def get_investor_update(principal: Reader, db: DatabaseDep) -> Response:
    """The investor update (Markdown) whose every number is a computed metric."""
    text = DashboardService(db).investor_update(principal.org_id)
    return Response(text, media_type="text/markdown; charset=utf-8")
