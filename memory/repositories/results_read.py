"""Read-only queries for the latest results of an org: roadmap items with forecasts, last runs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from memory.models import RoadmapItem, Run
from memory.roadmap_models import RoadmapForecast


class ResultsReadRepository:
    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def latest_roadmap_run(self) -> Run | None:
        """The run that stored the org's newest roadmap items (roadmap or pipeline graph)."""
        stmt = (
            select(Run)
            .join(RoadmapItem, RoadmapItem.run_id == Run.id)
            .where(RoadmapItem.org_id == self.org_id, Run.org_id == self.org_id)
            .order_by(RoadmapItem.created_at.desc(), Run.created_at.desc())
            .limit(1)
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def roadmap(self, run_id: uuid.UUID) -> Sequence[tuple[RoadmapItem, RoadmapForecast | None]]:
        """A run's roadmap items by rank, each with its forecast when one was stored."""
        stmt = (
            select(RoadmapItem, RoadmapForecast)
            .outerjoin(
                RoadmapForecast,
                (RoadmapForecast.run_id == RoadmapItem.run_id)
                & (RoadmapForecast.key == RoadmapItem.key),
            )
            .where(RoadmapItem.org_id == self.org_id, RoadmapItem.run_id == run_id)
            .order_by(RoadmapItem.rank)
        )
        return [(item, forecast) for item, forecast in self.session.execute(stmt).all()]

    def latest_succeeded(self, graph_ids: Sequence[str], output_key: str) -> Run | None:
        """The org's newest succeeded run of these graphs whose output holds ``output_key``."""
        stmt = (
            select(Run)
            .where(
                Run.org_id == self.org_id,
                Run.graph_id.in_(graph_ids),
                Run.status == "succeeded",
                Run.output.has_key(output_key),
            )
            .order_by(Run.finished_at.desc().nulls_last(), Run.created_at.desc())
            .limit(1)
        )
        return self.session.execute(stmt).scalar_one_or_none()
