"""`devbizops runs approve|reject|history|replay` as a user types them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from devbizops.cli import app
from devbizops.connectors import ConnectorService
from devbizops.db import Database
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from tests.conftest import SAMPLES
from tools.sandbox.generator import generate
from tools.sandbox.servers import jira
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def jira_server() -> Iterator[LoopbackServer]:
    with jira.serve(generate(seed=7, size=1)) as server:
        yield server


@pytest.fixture
def site(settings: Settings, db: Database, jira_server: LoopbackServer) -> Iterator[JiraSandbox]:
    sandbox = jira.sandbox_of(jira_server.app)
    sandbox.reset()
    ConnectorService(db, SecretBox.from_settings(settings)).add(
        settings.org,
        "jira-sandbox",
        "jira",
        jira_server.base_url,
        {"api_token": jira.DEFAULT_API_TOKEN},
        {"email": jira.DEFAULT_EMAIL, "project": sandbox.store.project_key},
    )
    yield sandbox
    sandbox.reset()


def _created(site: JiraSandbox) -> list[str]:
    return [e.issue_key for e in site.store.events if e.kind == "jira:issue_created"]


def _start(tmp_path: Path, site: JiraSandbox) -> str:
    """Run techtranslator with write-back; returns the interrupted run's id."""
    body = {
        "transcript": (SAMPLES / "acme_logistics_discovery.txt").read_text(),
        "account": "Acme Logistics",
        "write_back": {"jira_connector": "jira-sandbox", "project": site.store.project_key},
    }
    path = tmp_path / "input.json"
    path.write_text(json.dumps(body))
    code, out, err = invoke("run", "techtranslator", "--input", str(path))
    assert code == 0, err
    assert "Proposed Jira issues for DBO" in out and "runs approve" in out
    assert out.strip().splitlines()[-1].endswith("interrupted")
    return out.strip().splitlines()[-1].split()[1]


def test_approve_only_some_with_an_edit_creates_those_issues(
    tmp_path: Path, site: JiraSandbox
) -> None:
    run_id = _start(tmp_path, site)
    code, out, err = invoke(
        "runs", "approve", run_id[:8], "--only", "1,2", "--edit", "2=Reviewed title", "--json"
    )
    assert code == 0, err
    done = json.loads(out)
    assert done["status"] == "succeeded"
    assert [c["position"] for c in done["output"]["created"]] == [1, 2]
    assert done["output"]["created"][1]["title"] == "Reviewed title"
    assert _created(site) == [c["issue_key"] for c in done["output"]["created"]]


def test_approve_needs_all_or_only_and_writes_nothing_without(
    tmp_path: Path, site: JiraSandbox
) -> None:
    run_id = _start(tmp_path, site)
    code, _, err = invoke("runs", "approve", run_id[:8])
    assert code == 2 and "--all or --only" in err
    code, _, err = invoke("runs", "approve", run_id[:8], "--only", "42")
    assert code == 2 and "no proposed issue at position 42" in err
    assert _created(site) == []


def test_reject_writes_nothing_and_history_lists_the_checkpoints(
    tmp_path: Path, site: JiraSandbox
) -> None:
    run_id = _start(tmp_path, site)
    code, out, err = invoke("runs", "reject", run_id[:8], "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "succeeded"
    assert _created(site) == []
    code, out, _ = invoke("runs", "history", run_id[:8], "--json")
    assert code == 0
    checkpoints = json.loads(out)
    assert any(c["next"] == ["approve"] for c in checkpoints)
    code, out, _ = invoke("runs", "history", run_id[:8])
    assert code == 0 and "Checkpoints of run" in out


def test_replay_from_before_the_approval_asks_again(tmp_path: Path, site: JiraSandbox) -> None:
    run_id = _start(tmp_path, site)
    assert invoke("runs", "reject", run_id[:8])[0] == 0
    code, out, _ = invoke("runs", "history", run_id[:8], "--json")
    before = next(c for c in json.loads(out) if c["next"] == ["enrich"])
    code, out, err = invoke("runs", "replay", run_id[:8], "--checkpoint", before["checkpoint_id"])
    assert code == 0, err
    # The rejection is remembered: replaying finds nothing left to propose.
    assert "run " + run_id in out and "succeeded" in out
    assert _created(site) == []
