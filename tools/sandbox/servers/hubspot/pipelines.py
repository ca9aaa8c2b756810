"""CRM v3 pipeline routes (not paged): all of a type's pipelines, one pipeline, its stages."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tools.sandbox.servers.hubspot.errors import ApiError
from tools.sandbox.servers.hubspot.params import path_type, store_of
from tools.sandbox.servers.hubspot.render import pipeline_json


def _pipelines(request: Request) -> list[dict[str, Any]]:
    store = store_of(request)
    # Only deals have pipelines in the sandbox; HubSpot answers other types with an empty list.
    if path_type(request) != "deals":
        return []
    return [pipeline_json(p, i, store.epoch) for i, p in enumerate(store.pipelines)]


def _one(request: Request) -> dict[str, Any]:
    pipeline_id = str(request.path_params["pipelineId"])
    for pipeline in _pipelines(request):
        if pipeline["id"] == pipeline_id:
            return pipeline
    raise ApiError(
        404,
        f"Unable to find pipeline {pipeline_id}",
        "OBJECT_NOT_FOUND",
        context={"id": [pipeline_id]},
    )


async def list_pipelines(request: Request) -> Response:
    """``GET /crm/v3/pipelines/{objectType}``."""
    return JSONResponse({"results": _pipelines(request)})


async def get_pipeline(request: Request) -> Response:
    """``GET /crm/v3/pipelines/{objectType}/{pipelineId}``."""
    return JSONResponse(_one(request))


async def list_stages(request: Request) -> Response:
    """``GET /crm/v3/pipelines/{objectType}/{pipelineId}/stages``."""
    return JSONResponse({"results": _one(request)["stages"]})
