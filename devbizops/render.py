"""Rich renderings of run results for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table

from api.runs.schemas import RunEventOut, RunOut


def requirements_table(requirements: Sequence[dict[str, Any]]) -> RenderableType:
    """Requirements with category, priority and their first evidence quote."""
    if not requirements:
        return Panel("No requirements: nothing the customer said asks for product work.")
    table = Table(title=f"Requirements ({len(requirements)})", show_lines=True, expand=True)
    table.add_column("#", style="dim", justify="right", no_wrap=True)
    table.add_column("Title", style="bold", ratio=2, overflow="fold")
    table.add_column("Category", no_wrap=True)
    table.add_column("Priority", no_wrap=True)
    table.add_column("Evidence", style="italic", ratio=3, overflow="fold")
    for i, req in enumerate(requirements, 1):
        ev = req["evidence"][0]
        more = f" (+{len(req['evidence']) - 1} more)" if len(req["evidence"]) > 1 else ""
        table.add_row(
            str(i),
            req["title"],
            req["category"],
            _priority(req["priority"]),
            f"{ev['speaker']}: “{ev['quote']}”{more}",
        )
    return table


def _priority(value: str) -> str:
    colour = {"must": "red", "should": "yellow", "could": "green"}.get(value, "white")
    return f"[{colour}]{value}[/{colour}]"


def roadmap_table(roadmap: dict[str, Any]) -> RenderableType:
    """The ranked roadmap: RICE components, WSJF, the chosen score and forecast dates."""
    items = roadmap.get("items", [])
    method = str(roadmap.get("method", "rice"))
    table = Table(title=f"Roadmap (ordered by {method.upper()})", expand=True)
    table.add_column("Rank", justify="right", no_wrap=True)
    table.add_column("Key", no_wrap=True)
    table.add_column("Title", ratio=1, overflow="fold")
    table.add_column("Priority", no_wrap=True)
    for col in ("Reach", "Impact", "Conf.", "Effort", "RICE", "WSJF", "P50", "P85", "Quarter"):
        table.add_column(col, justify="right", no_wrap=True)
    for it in items:
        r, w, f = it["rice"], it.get("wsjf") or {}, it.get("forecast") or {}
        fits = f.get("fits_quarter")
        table.add_row(
            str(it["rank"]),
            it["key"],
            it["title"],
            _priority(it["priority"] or "-"),
            f"{r['reach']:.2f}",
            f"{r['impact']:.2f}",
            f"{r['confidence']:.2f}",
            f"{r['effort']:.2f}",
            f"{r['score']:.2f}",
            f"{w['score']:.2f}" if "score" in w else "-",
            f.get("p50_date") or "-",
            f.get("p85_date") or "-",
            "-" if fits is None else ("[green]fits[/green]" if fits else "[red]late[/red]"),
        )
    return Group(table, Panel(roadmap.get("rationale", ""), title="Rationale"))


def created_issues(created: Sequence[dict[str, Any]]) -> RenderableType:
    """Jira issues the run created after approval."""
    table = Table(title=f"Jira issues created ({len(created)})")
    for col in ("#", "Issue", "Title"):
        table.add_column(col)
    for item in created:
        table.add_row(
            str(item.get("position", "")),
            str(item.get("issue_key", "")),
            str(item.get("title", "")),
        )
    return table


def report_files(charts: dict[str, dict[str, str]]) -> RenderableType:
    """Where the rendered charts and the investor update were written."""
    table = Table(title="Charts and investor update")
    table.add_column("Chart")
    table.add_column("Files", overflow="fold")
    folders: set[str] = set()
    for name, files in charts.items():
        table.add_row(name, "  ".join(str(v) for v in files.values()))
        folders.update(str(Path(v).parent) for v in files.values())
    for folder in sorted(folders):
        table.add_row("investor update", str(Path(folder) / "investor_update.md"))
    return table


def dashboard_panel(metrics: dict[str, Any], narrative: str) -> RenderableType:
    """Flat metrics table and the narrative built from them."""
    table = Table(title="Dashboard metrics", expand=True)
    table.add_column("Metric")
    table.add_column("Value", justify="right")
    for name, value in metrics.items():
        shown = (
            ", ".join(f"{k}={v}" for k, v in value.items())
            if isinstance(value, dict)
            else ("; ".join(str(v) for v in value) if isinstance(value, list) else str(value))
        )
        table.add_row(name, shown)
    return Group(table, Panel(narrative, title="Narrative"))


def run_output(run: RunOut) -> RenderableType:
    """Whatever the run produced, rendered per graph output key."""
    out = run.output or {}
    parts: list[RenderableType] = []
    if "requirements" in out:
        parts.append(requirements_table(out["requirements"]))
    if "roadmap" in out:
        parts.append(roadmap_table(out["roadmap"]))
    if out.get("created"):
        parts.append(created_issues(out["created"]))
    if "metrics" in out:
        parts.append(dashboard_panel(out["metrics"], out.get("narrative", "")))
    if out.get("charts"):
        parts.append(report_files(out["charts"]))
    return Group(*parts)


def runs_table(runs: Sequence[RunOut]) -> RenderableType:
    table = Table(title="Runs")
    for col in ("ID", "Graph", "Status", "Created", "Seconds"):
        table.add_column(col)
    for r in runs:
        secs = f"{r.seconds:.2f}" if r.seconds is not None else "-"
        table.add_row(
            str(r.id)[:8], r.graph_id, r.status, f"{r.created_at:%Y-%m-%d %H:%M:%S}", secs
        )
    return table


def run_detail(run: RunOut, events: Sequence[RunEventOut]) -> RenderableType:
    """Status, timings, the event log and the output of one run."""
    head = f"[bold]{run.id}[/bold]  graph={run.graph_id}  status={run.status}"
    if run.seconds is not None:
        head += f"  {run.seconds:.2f}s"
    if run.error:
        head += f"\n[red]error {run.error.get('code')}: {run.error.get('message')}[/red]"
    log = Table(title="Events")
    for col in ("#", "Type", "Detail"):
        log.add_column(col)
    for e in events:
        log.add_row(str(e.seq), e.type, ", ".join(f"{k}={v}" for k, v in e.payload.items()))
    return Group(Panel(head), log, run_output(run))


def print_json(console: Console, data: Any) -> None:
    """Machine-readable output on stdout (no colours, no wrapping)."""
    import json

    console.file.write(json.dumps(data, indent=2, default=str) + "\n")
