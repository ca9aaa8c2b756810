"""The latest dashboard of an org: metrics, chart specs (rendered on request), investor update."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import vl_convert as vlc

from api.dashboard.rebuild import rebuilt_specs
from api.dashboard.schemas import ChartFormat, ChartLinks, DashboardOut
from devbizops.db import Database
from devbizops.errors import NotFound
from memory.models import Run
from memory.repositories.results_read import ResultsReadRepository

# The pipeline runs the dashboard as its last subgraph: its output counts as a dashboard too.
DASHBOARD_GRAPHS = ("dashboard", "pipeline")
MEDIA_TYPES: dict[str, str] = {
    "vega": "application/vnd.vegalite+json",
    "svg": "image/svg+xml",
    "png": "image/png",
}


class NoDashboard(NotFound):
    code = "no_dashboard"


class ChartUnavailable(NotFound):
    code = "chart_not_found"


class DashboardService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._rebuilt: dict[str, Any] | None = None  # specs rebuilt once per request at most

    def _latest(self, org_id: uuid.UUID) -> Run:
        with self.db.transaction() as session:
            run = ResultsReadRepository(session, org_id).latest_succeeded(
                DASHBOARD_GRAPHS, "metrics"
            )
            if run is None:
                raise NoDashboard("no dashboard yet: start a dashboard run (POST /v1/runs)")
            session.expunge(run)
            return run

    def latest(self, org_id: uuid.UUID, base_url: str) -> DashboardOut:
        """Metrics, narrative and links to each chart of the newest dashboard run."""
        run = self._latest(org_id)
        output = run.output or {}
        charts = []
        for name in sorted(output.get("charts") or {}):
            url = f"{base_url}/charts/{name}"
            spec = self._spec(org_id, output, name)
            charts.append(
                ChartLinks(
                    name=name,
                    title=None if spec is None else _title(spec),
                    spec=spec,
                    vega=f"{url}?format=vega",
                    svg=f"{url}?format=svg",
                    png=f"{url}?format=png",
                )
            )
        return DashboardOut(
            run_id=run.id,
            graph_id=run.graph_id,
            finished_at=run.finished_at,
            metrics=dict(output["metrics"]),
            narrative=str(output.get("narrative", "")),
            charts=charts,
        )

    def chart(self, org_id: uuid.UUID, name: str, fmt: ChartFormat) -> tuple[bytes, str]:
        """The chart as Vega-Lite JSON, or rendered offline by vl-convert; with its media type."""
        output = self._latest(org_id).output or {}
        spec = self._spec(org_id, output, name)
        if spec is None:
            known = sorted(output.get("charts") or {})
            raise ChartUnavailable(
                f"no chart {name!r} in the latest dashboard", details={"charts": known}
            )
        if fmt == "svg":
            body = vlc.vegalite_to_svg(spec).encode()
        elif fmt == "png":
            body = vlc.vegalite_to_png(spec, scale=2)
        else:
            body = json.dumps(spec, indent=2).encode()
        return body, MEDIA_TYPES[fmt]

    def investor_update(self, org_id: uuid.UUID) -> str:
        """The investor update Markdown of the newest dashboard run."""
        return str((self._latest(org_id).output or {}).get("investor_update", ""))

    def _spec(self, org_id: uuid.UUID, output: dict[str, Any], name: str) -> dict[str, Any] | None:
        """The run's spec file when this host has it, else the spec rebuilt from the database."""
        # Only paths the run itself recorded are read: the name never becomes a path.
        files = (output.get("charts") or {}).get(name)
        if not isinstance(files, dict):
            return None
        path = Path(str(files.get("spec", "")))
        if path.is_file():
            spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return spec
        if self._rebuilt is None:
            self._rebuilt = rebuilt_specs(self.db, org_id, output)
        found: dict[str, Any] | None = self._rebuilt.get(name)
        return found


def _title(spec: dict[str, Any]) -> str | None:
    title = spec.get("title")
    return title if isinstance(title, str) else None
