"""Every table the migrations manage, in one metadata (import this, not the model modules)."""

from __future__ import annotations

from memory import agent_protocol_models, models, roadmap_models, service_models, source_models
from memory.models import Base, is_ours

metadata = Base.metadata

__all__ = [
    "agent_protocol_models",
    "is_ours",
    "metadata",
    "models",
    "roadmap_models",
    "service_models",
    "source_models",
]
