"""The org's latest roadmap: items in rank order with score breakdown and forecast."""

from __future__ import annotations

import uuid

from api.roadmap.schemas import ForecastOut, RoadmapItemOut, RoadmapOut
from devbizops.db import Database
from devbizops.errors import NotFound
from memory.repositories.results_read import ResultsReadRepository


class NoRoadmap(NotFound):
    code = "no_roadmap"


class RoadmapService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def latest(self, org_id: uuid.UUID) -> RoadmapOut:
        """The newest stored roadmap of the org; ``no_roadmap`` before the first roadmap run."""
        with self.db.transaction() as session:
            repo = ResultsReadRepository(session, org_id)
            run = repo.latest_roadmap_run()
            if run is None:
                raise NoRoadmap("no roadmap yet: start a roadmap run (POST /v1/runs)")
            rows = repo.roadmap(run.id)
            items = [
                RoadmapItemOut(
                    rank=item.rank,
                    key=item.key,
                    title=item.title,
                    source=item.source,
                    category=item.category,
                    priority=item.priority,
                    method=item.method,
                    score=item.score,
                    score_breakdown=dict(item.score_inputs),
                    accounts=list(item.accounts),
                    arr_at_stake=item.arr_at_stake,
                    forecast=None
                    if forecast is None
                    else ForecastOut.model_validate(forecast, from_attributes=True),
                )
                for item, forecast in rows
            ]
            roadmap = (run.output or {}).get("roadmap") or {}
            return RoadmapOut(
                run_id=run.id,
                graph_id=run.graph_id,
                created_at=run.created_at,
                method=items[0].method if items else str(roadmap.get("method", "rice")),
                rationale=roadmap.get("rationale"),
                items=items,
            )
