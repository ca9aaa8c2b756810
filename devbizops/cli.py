"""The ``devbizops`` command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from devbizops import cli_db, cli_demo, cli_roadmap, cli_runs, cli_serve, cli_sources, cli_worker
from devbizops.cli_support import errors_to_exit, out, read_text
from devbizops.cli_users import apikeys_app, orgs_app, users_app
from devbizops.container import open_container
from devbizops.logging import configure as configure_logging
from devbizops.render import print_json, requirements_table
from devbizops.settings import get_settings

app = typer.Typer(
    help="DevBizOps: sales calls → requirements → roadmap → investor metrics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    """DevBizOps: sales calls → requirements → roadmap → investor metrics."""
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)


app.add_typer(cli_db.app, name="db")
app.add_typer(cli_runs.app, name="runs")
app.add_typer(cli_sources.connectors_app, name="connectors")
app.add_typer(cli_sources.sandbox_app, name="sandbox")
app.add_typer(cli_roadmap.app, name="roadmap")
app.add_typer(users_app, name="users")
app.add_typer(orgs_app, name="orgs")
app.add_typer(apikeys_app, name="apikeys")
app.command("sync")(cli_sources.sync)
app.command("config")(cli_db.config)
app.command("demo")(cli_demo.demo)
app.command("run")(cli_runs.run)
app.command("serve")(cli_serve.serve)
app.command("worker")(cli_worker.worker)


@app.command()
@errors_to_exit
def translate(
    file: Annotated[Path, typer.Argument(help="transcript file (- for stdin)")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="text|vtt|srt|gong|slack (default: detect)")
    ] = None,
    account: Annotated[str | None, typer.Option(help="customer account of the call")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
) -> None:
    """Turn a sales-call transcript into evidence-backed requirements (a techtranslator run)."""
    text = read_text(file)
    settings = get_settings()
    with open_container(settings) as c:
        run = c.runs.create(
            settings.org, "techtranslator", {"transcript": text, "format": fmt, "account": account}
        )
        run = c.runs.execute(run.id)
    cli_runs.exit_if_failed(run)
    output = run.output or {}
    if as_json:
        print_json(out, {"run_id": str(run.id), **output})
    else:
        out.print(requirements_table(output.get("requirements", [])))
        out.print(f"run {run.id} · format {output.get('detected_format')}")


def _mount_eval() -> None:
    from evals.cli import eval_app

    app.add_typer(eval_app, name="eval")


_mount_eval()
