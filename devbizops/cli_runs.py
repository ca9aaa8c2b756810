"""``devbizops run``, ``devbizops runs …`` and ``devbizops demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from api.runs.schemas import RunOut
from devbizops.cli_support import err, errors_to_exit, fail, out, read_json, read_text
from devbizops.container import open_container
from devbizops.render import print_json, run_detail, run_output, runs_table
from devbizops.settings import get_settings

app = typer.Typer(help="Inspect and resume runs.", no_args_is_help=True)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RunIdArg = Annotated[str, typer.Argument(help="run id or a unique prefix of it")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON instead of tables")]


def exit_if_failed(run: RunOut) -> None:
    """A failed run ends the command with its error on one line."""
    if run.status == "failed":
        error = run.error or {}
        code = 2 if error.get("code") in ("invalid_input", "invalid_transcript") else 1
        raise fail(f"run {run.id} failed: {error.get('message', 'unknown error')}", code)


def _finish(result: RunOut, as_json: bool) -> None:
    """Exit on failure, else print the run's output (JSON or tables)."""
    exit_if_failed(result)
    if as_json:
        print_json(out, _dump(result))
    else:
        out.print(run_output(result))
        out.print(f"run {result.id} · {result.status}")


def _dump(run: RunOut, events: list[Any] | None = None) -> dict[str, Any]:
    data = run.model_dump(mode="json")
    if events is not None:
        data["events"] = [e.model_dump(mode="json") for e in events]
    return data


@errors_to_exit
def run(
    graph: Annotated[str, typer.Argument(help="techtranslator | roadmap | dashboard | pipeline")],
    input_file: Annotated[
        Path | None, typer.Option("--input", "-i", help="JSON input file (- for stdin)")
    ] = None,
    idempotency_key: Annotated[
        str | None, typer.Option(help="same key + same input → the same run, not a new one")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a graph inline on a JSON input and print its output."""
    data = read_json(input_file) if input_file is not None else {}
    settings = get_settings()
    with open_container(settings) as c:
        created = c.runs.create(settings.org, graph, data, idempotency_key)
        result = c.runs.execute(created.id) if created.status == "queued" else created
    _finish(result, as_json)


@app.command("list")
@errors_to_exit
def list_runs(
    limit: Annotated[int, typer.Option(min=1, max=1000, help="how many")] = 20,
    graph: Annotated[str | None, typer.Option(help="only this graph")] = None,
    status: Annotated[str | None, typer.Option(help="only this status")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The newest runs of the organization."""
    settings = get_settings()
    with open_container(settings) as c:
        runs = c.runs.recent(settings.org, limit=limit, graph_id=graph, status=status)
    if as_json:
        print_json(out, [_dump(r) for r in runs])
    else:
        out.print(runs_table(runs))


@app.command()
@errors_to_exit
def show(
    run_id: RunIdArg,
    as_json: JsonOpt = False,
) -> None:
    """A run's status, timings, events and output."""
    settings = get_settings()
    with open_container(settings) as c:
        found = c.runs.find(settings.org, run_id)
        events = c.runs.events(found.id)
    if as_json:
        print_json(out, _dump(found, events))
    else:
        out.print(run_detail(found, events))


@app.command()
@errors_to_exit
def resume(
    run_id: RunIdArg,
    as_json: JsonOpt = False,
) -> None:
    """Resume a failed or interrupted run from its last checkpoint (finished nodes don't rerun)."""
    settings = get_settings()
    with open_container(settings) as c:
        result = c.runs.execute(c.runs.find(settings.org, run_id).id)
    _finish(result, as_json)


@errors_to_exit
def demo(
    transcript: Annotated[Path, typer.Option(help="transcript to run the pipeline on")] = SAMPLES
    / "transcripts"
    / "acme_logistics_discovery.txt",
    backlog: Annotated[
        Path | None, typer.Option(help="JSON list of existing backlog items")
    ] = SAMPLES / "backlog.json",
    account: Annotated[str, typer.Option(help="customer account")] = "Acme Logistics",
) -> None:
    """Run the whole pipeline on a sample call: requirements, roadmap, dashboard."""
    settings = get_settings()
    text = read_text(transcript)
    items = read_json(backlog) if backlog is not None else []
    err.print(f"[bold]DevBizOps demo[/bold] · provider {settings.effective_provider}")
    with open_container(settings) as c:
        where = (
            "embedded PostgreSQL in " + str(settings.data_path) if c.db.embedded else "DATABASE_URL"
        )
        err.print(f"database: {where} (schema at head)")
        err.print(f"running pipeline on {transcript.name} …")
        created = c.runs.create(
            settings.org, "pipeline", {"transcript": text, "account": account, "backlog": items}
        )
        result = c.runs.execute(created.id)
        events = c.runs.events(result.id)
    exit_if_failed(result)
    nodes = [e.payload["node"] for e in events if e.type == "node.finished"]
    err.print(f"finished {len(nodes)} nodes: {', '.join(nodes)}")
    out.print(run_output(result))
    out.print(f"run {result.id} · {result.status} · `devbizops runs show {str(result.id)[:8]}`")
