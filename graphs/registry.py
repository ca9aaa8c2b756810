"""Graph ids → compiled graphs, their request schemas and what they return."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph
from pydantic import BaseModel

from devbizops.errors import InvalidInput, NotFound
from devbizops.settings import get_settings
from graphs import pipeline
from graphs.dashboard import graph as dashboard
from graphs.dashboard.state import DashboardRequest
from graphs.roadmap import graph as roadmap
from graphs.roadmap.state import RoadmapRequest
from graphs.techtranslator import graph as techtranslator
from graphs.techtranslator.state import TranslatorRequest
from memory.store import GraphStore
from tools.llm import LanguageModel

CompiledGraph = CompiledStateGraph[Any, Any, Any, Any]


@dataclass(frozen=True)
class GraphSpec:
    id: str
    description: str
    request: type[BaseModel]
    graph: CompiledGraph

    def validate(self, data: Any) -> dict[str, Any]:
        """The request as the graph's input dict; InvalidInput naming the bad fields."""
        from pydantic import ValidationError

        try:
            model = self.request.model_validate(data)
        except ValidationError as exc:
            fields = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'input'}: {e['msg']}" for e in exc.errors()
            )
            raise InvalidInput(f"invalid input for graph {self.id}: {fields}") from exc
        return model.model_dump(mode="json", exclude_none=True)


DESCRIPTIONS = {
    "techtranslator": "sales-call transcript → evidence-backed technical requirements",
    "roadmap": "requirements + backlog → RICE-scored, ordered roadmap",
    "dashboard": "stored data → computed metrics and a narrative of those numbers",
    "pipeline": "transcript → requirements → roadmap → dashboard",
}


class GraphRegistry:
    """The four graphs compiled with one checkpointer (thread id = run id)."""

    def __init__(
        self,
        llm: LanguageModel,
        store: GraphStore,
        checkpointer: BaseCheckpointSaver[Any] | None,
        data_dir: Path | None = None,
    ) -> None:
        self.checkpointer = checkpointer
        # Dashboard charts go to <data dir>/charts/<run id>/; default: the settings' data dir.
        charts_root = (data_dir or get_settings().data_path) / "charts"
        tt, rm = (m.build(llm, store) for m in (techtranslator, roadmap))
        db = dashboard.build(llm, store, charts_root)
        self._descriptions = dict(DESCRIPTIONS)
        self._specs: dict[str, tuple[type[BaseModel], CompiledGraph]] = {
            "techtranslator": (TranslatorRequest, tt.compile(checkpointer=checkpointer)),
            "roadmap": (RoadmapRequest, rm.compile(checkpointer=checkpointer)),
            "dashboard": (DashboardRequest, db.compile(checkpointer=checkpointer)),
            "pipeline": (
                pipeline.PipelineRequest,
                pipeline.build(tt.compile(), rm.compile(), db.compile()).compile(
                    checkpointer=checkpointer
                ),
            ),
        }

    def ids(self) -> list[str]:
        return list(self._specs)

    def get(self, graph_id: str) -> GraphSpec:
        """The graph with this id; NotFound listing the known ids otherwise."""
        if graph_id not in self._specs:
            known = ", ".join(self._specs)
            raise NotFound(f"unknown graph {graph_id!r}; known graphs: {known}")
        request, compiled = self._specs[graph_id]
        return GraphSpec(graph_id, self._descriptions.get(graph_id, ""), request, compiled)

    def register(
        self, graph_id: str, description: str, request: type[BaseModel], graph: CompiledGraph
    ) -> None:
        """Add a graph beside the four agents (benchmarks register a trivial one)."""
        if graph_id in self._specs:
            raise InvalidInput(f"graph {graph_id!r} is already registered")
        self._specs[graph_id] = (request, graph)
        self._descriptions[graph_id] = description
