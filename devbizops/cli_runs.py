"""``devbizops run``, ``devbizops runs …`` and ``devbizops demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from agents.roadmap.writeback import KIND as ROADMAP_KIND
from api.runs.schemas import RunOut
from devbizops.cli_support import errors_to_exit, fail, out, read_json
from devbizops.container import open_container
from devbizops.errors import InvalidInput
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


def _finish(result: RunOut, as_json: bool, pending: list[dict[str, Any]] | None = None) -> None:
    """Exit on failure, else print the run's output (JSON or tables), or what awaits approval."""
    exit_if_failed(result)
    if as_json:
        data = _dump(result)
        if pending:
            data["pending"] = pending
        print_json(out, data)
        return
    if pending:
        for request in pending:
            out.print(proposal_table(request))
        short = str(result.id)[:8]
        out.print(
            f"approve: devbizops runs approve {short} --all  (or --only 1,3 [--edit 1=title, "
            "or 1=2027-Q1 for a roadmap version])"
        )
        out.print(f"reject:  devbizops runs reject {short}")
        out.print(f"run {result.id} · {result.status}")
        return
    out.print(run_output(result))
    out.print(f"run {result.id} · {result.status}")


def proposal_table(request: dict[str, Any]) -> Table:
    """What an interrupted run proposes to write (Jira issues, or roadmap ranks and versions)."""
    if request.get("kind") == ROADMAP_KIND:
        return _roadmap_table(request)
    account = request.get("account") or {}
    title = f"Proposed Jira issues for {request.get('project')}"
    if account.get("account"):
        title += (
            f" · {account['account']}: ARR ${account.get('arr', 0):,.0f}, "
            f"open deals ${account.get('open_deal_amount', 0):,.0f}"
        )
    table = Table(title=title)
    for col in ("#", "Title", "Labels", "Related"):
        table.add_column(col)
    for item in request.get("proposed", []):
        related = ", ".join(m["key"] for m in item.get("related", []))
        table.add_row(str(item["position"]), item["title"], ", ".join(item["labels"]), related)
    for dup in request.get("duplicates", []):
        table.add_row("-", dup["title"], "", f"duplicate of {dup['duplicate_of']['key']}")
    for item in request.get("suppressed", []):
        table.add_row("-", item["title"], "", item["reason"])
    return table


def _roadmap_table(request: dict[str, Any]) -> Table:
    versions = ", ".join(request.get("versions", []))
    table = Table(title=f"Roadmap ranks and target versions for Jira (offered: {versions})")
    for col in ("#", "Key", "Title", "Rank", "Target", "P85", "Now in"):
        table.add_column(col)
    for change in request.get("changes", []):
        table.add_row(
            str(change["position"]),
            change["key"],
            change["title"],
            str(change["rank"]),
            change.get("target_version") or "-",
            change.get("p85_date") or "-",
            ", ".join(change["current"]["fix_versions"]) or "-",
        )
    for item in request.get("skipped", []):
        table.add_row("-", item["key"], item["title"], str(item["rank"]), "", "", item["reason"])
    return table


def _pending(c: Any, result: RunOut) -> list[dict[str, Any]] | None:
    return c.runs.pending(result.id) if result.status == "interrupted" else None


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
        pending = _pending(c, result)
    _finish(result, as_json, pending)


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
        pending = _pending(c, result)
    _finish(result, as_json, pending)


def _positions(only: str) -> list[int]:
    try:
        return sorted({int(p) for p in only.split(",") if p.strip()})
    except ValueError as exc:
        raise InvalidInput(f"--only takes positions like 1,3; got {only!r}") from exc


def _edits(values: list[str] | None) -> dict[int, str]:
    edits: dict[int, str] = {}
    for item in values or []:
        number, sep, title = item.partition("=")
        if not sep or not number.strip().isdigit():
            raise InvalidInput(f"--edit takes N=new title; got {item!r}")
        edits[int(number)] = title
    return edits


def _decide(run_id: str, decision: dict[str, Any], as_json: bool) -> None:
    settings = get_settings()
    with open_container(settings) as c:
        found = c.runs.find(settings.org, run_id)
        if settings.executor == "celery":
            # Workers execute this deployment's runs: record the decision and hand the run to
            # them, rather than running it here beside a worker that may hold it.
            result, go = c.runs.decide(found.id, decision, actor="cli")
            if go:
                from api.workers.dispatch import CeleryDispatcher  # Celery only when used

                dispatcher = CeleryDispatcher(settings, c.db)
                try:
                    dispatcher.dispatch(result.id)  # a Redis outage leaves it to the relay
                finally:
                    dispatcher.celery.close()
                out.print(f"run {result.id} · decision recorded, handed to the Celery workers")
                return
        else:
            result = c.runs.resume(found.id, decision)
        pending = _pending(c, result)
    _finish(result, as_json, pending)


@app.command()
@errors_to_exit
def approve(
    run_id: RunIdArg,
    approve_all: Annotated[bool, typer.Option("--all", help="create every proposed issue")] = False,
    only: Annotated[
        str | None, typer.Option("--only", help="create only these positions, e.g. 1,3")
    ] = None,
    edit: Annotated[
        list[str] | None, typer.Option("--edit", help="N=new title for position N (repeat)")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Approve an interrupted run's proposed Jira issues (all or some) and let it create them."""
    if approve_all == (only is not None):
        raise InvalidInput("choose either --all or --only 1,3")
    decision: dict[str, Any] = {"action": "approve", "edits": _edits(edit)}
    if only is not None:
        decision["positions"] = _positions(only)
    _decide(run_id, decision, as_json)


@app.command()
@errors_to_exit
def reject(run_id: RunIdArg, as_json: JsonOpt = False) -> None:
    """Reject an interrupted run's proposal: nothing is written, and it is remembered."""
    _decide(run_id, {"action": "reject"}, as_json)


@app.command()
@errors_to_exit
def history(run_id: RunIdArg, as_json: JsonOpt = False) -> None:
    """A run's checkpoints, newest first (ids for `runs replay`)."""
    settings = get_settings()
    with open_container(settings) as c:
        checkpoints = c.runs.history(c.runs.find(settings.org, run_id).id)
    if as_json:
        print_json(out, checkpoints)
        return
    table = Table(title=f"Checkpoints of run {run_id}")
    for col in ("Checkpoint", "Step", "Source", "Next", "Created"):
        table.add_column(col)
    for cp in checkpoints:
        table.add_row(
            cp["checkpoint_id"],
            str(cp["step"]),
            str(cp["source"]),
            ", ".join(cp["next"]) or "-",
            str(cp["created_at"]),
        )
    out.print(table)


@app.command()
@errors_to_exit
def replay(
    run_id: RunIdArg,
    checkpoint: Annotated[str, typer.Option("--checkpoint", help="checkpoint id from history")],
    as_json: JsonOpt = False,
) -> None:
    """Re-run a run from one of its checkpoints (time travel; earlier steps are not redone)."""
    settings = get_settings()
    with open_container(settings) as c:
        result = c.runs.replay(c.runs.find(settings.org, run_id).id, checkpoint)
        pending = _pending(c, result)
    _finish(result, as_json, pending)
