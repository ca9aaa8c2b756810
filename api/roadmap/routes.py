"""The latest roadmap of the organization and its scoring weights."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import DatabaseDep, require
from api.roadmap.schemas import RoadmapOut, WeightsOut, WeightsUpdate
from api.roadmap.service import RoadmapService
from api.roadmap.weights import WeightsService

router = APIRouter(prefix="/v1/roadmap", tags=["roadmap"])

Reader = Annotated[Principal, require(Permission.ROADMAP_READ)]
Writer = Annotated[Principal, require(Permission.ROADMAP_WRITE)]


@router.get("", responses={404: {"description": "no_roadmap: no roadmap run has stored one"}})
def get_roadmap(principal: Reader, db: DatabaseDep) -> RoadmapOut:
    """Items of the newest roadmap in rank order: scores, forecast P50/P85, accounts, ARR."""
    return RoadmapService(db).latest(principal.org_id)


@router.get("/weights")
def get_weights(principal: Reader, db: DatabaseDep) -> WeightsOut:
    """The RICE and WSJF weights roadmap runs use when a request gives none."""
    return WeightsOut.model_validate(WeightsService(db).show(principal.org_id))


@router.put("/weights")
def put_weights(body: WeightsUpdate, principal: Writer, db: DatabaseDep) -> WeightsOut:
    """Change some weights; the result is validated as a whole before it is stored."""
    changes = body.model_dump(exclude_none=True)
    weights = WeightsService(db).update(principal.org_id, changes, principal.actor)
    return WeightsOut.model_validate(weights)


@router.delete("/weights")
def reset_weights(principal: Writer, db: DatabaseDep) -> WeightsOut:
    """Back to the built-in defaults."""
    return WeightsOut.model_validate(WeightsService(db).reset(principal.org_id, principal.actor))
