"""``devbizops demo``: the whole pipeline on a sample call, against the sandbox company.

The sandbox's vendor servers run in-process for the duration of the demo; its Jira is the
write-back target (a ``demo-jira`` connector is saved pointing at it). The approval interrupt is
answered automatically — and the demo says so — where a real run waits for
``devbizops runs approve``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from devbizops.cli_runs import SAMPLES, exit_if_failed, proposal_table
from devbizops.cli_support import err, errors_to_exit, out, read_json, read_text
from devbizops.connectors import ConnectorService
from devbizops.container import open_container
from devbizops.render import run_output
from devbizops.secrets import SecretBox
from devbizops.settings import get_settings

DEMO_CONNECTOR = "demo-jira"


@errors_to_exit
def demo(
    transcript: Annotated[Path, typer.Option(help="transcript to run the pipeline on")] = SAMPLES
    / "transcripts"
    / "acme_logistics_discovery.txt",
    backlog: Annotated[
        Path | None, typer.Option(help="JSON list of existing backlog items")
    ] = SAMPLES / "backlog.json",
    account: Annotated[str, typer.Option(help="customer account")] = "Acme Logistics",
    write_back: Annotated[
        bool, typer.Option(help="propose Jira issues in the sandbox Jira and auto-approve them")
    ] = True,
) -> None:
    """Run the pipeline on a sample call: requirements, approval, roadmap, dashboard."""
    from tools.sandbox.generator import generate
    from tools.sandbox.serve import run_sandbox

    settings = get_settings()
    text = read_text(transcript)
    items = read_json(backlog) if backlog is not None else []
    err.print(f"[bold]DevBizOps demo[/bold] · provider {settings.effective_provider}")
    company = generate()
    with run_sandbox(company) as sandbox, open_container(settings) as c:
        where = f"embedded PostgreSQL in {settings.data_path}" if c.db.embedded else "DATABASE_URL"
        err.print(f"database: {where} (schema at head)")
        request: dict[str, object] = {"transcript": text, "account": account, "backlog": items}
        if write_back:
            jira = sandbox.endpoints["jira"]
            ConnectorService(c.db, SecretBox.from_settings(settings)).add(
                settings.org, DEMO_CONNECTOR, "jira", jira.base_url, jira.secrets, jira.settings
            )
            request["write_back"] = {
                "jira_connector": DEMO_CONNECTOR,
                "project": company.jira_project_key,
            }
            err.print(
                f"write-back target: sandbox Jira {jira.base_url} "
                f"(project {company.jira_project_key})"
            )
        err.print(f"running pipeline on {transcript.name} …")
        result = c.runs.execute(c.runs.create(settings.org, "pipeline", request).id)
        if result.status == "interrupted":
            for proposal in c.runs.pending(result.id):
                out.print(proposal_table(proposal))
            err.print(
                "[yellow]approval step: auto-approving every proposed issue for this demo "
                f"(a real run waits for `devbizops runs approve {str(result.id)[:8]} "
                "--all`)[/yellow]"
            )
            result = c.runs.resume(result.id, {"action": "approve", "positions": None})
        events = c.runs.events(result.id)
    exit_if_failed(result)
    nodes = [e.payload["node"] for e in events if e.type == "node.finished"]
    err.print(f"finished {len(nodes)} nodes")
    out.print(run_output(result))
    out.print(f"run {result.id} · {result.status} · `devbizops runs show {str(result.id)[:8]}`")
