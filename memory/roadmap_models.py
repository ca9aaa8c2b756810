"""Tables of the Roadmap agent: per-org scoring weights and each stored item's forecast."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from memory.models import Base


class RoadmapSettings(Base):
    """An org's scoring weights: JSON of ``RiceWeights`` and ``WsjfWeights``."""

    __tablename__ = "roadmap_settings"
    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    rice_weights: Mapped[dict[str, Any]]
    wsjf_weights: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class RoadmapForecast(Base):
    """The Monte Carlo forecast of one stored roadmap item (same run and key as the item)."""

    __tablename__ = "roadmap_forecasts"
    run_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    unit: Mapped[str] = mapped_column(String(10))
    size: Mapped[float] = mapped_column(Float)
    p50_week: Mapped[int | None] = mapped_column(Integer)
    p85_week: Mapped[int | None] = mapped_column(Integer)
    p50_date: Mapped[date | None] = mapped_column(Date)
    p85_date: Mapped[date | None] = mapped_column(Date)
    fits_quarter: Mapped[bool]
    fits_quarter_probability: Mapped[float] = mapped_column(Float)
    quarter_end: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
