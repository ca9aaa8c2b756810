"""``devbizops connectors …`` and ``devbizops sync`` through typer's runner, as a user sees them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from devbizops.cli import app
from devbizops.db import Database
from devbizops.settings import Settings
from memory.source_models import Connector
from tools.sandbox.generator import generate
from tools.sandbox.serve import RunningSandbox, SandboxEndpoint, run_sandbox

runner = CliRunner()
COUNT_KEYS = {"fetched", "inserted", "updated", "skipped", "events"}


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with run_sandbox(generate(seed=7, size=1)) as running:
        yield running


def add_args(source: str, ep: SandboxEndpoint, **override: str) -> list[str]:
    """``connectors add`` arguments for a sandbox endpoint (``override`` replaces a value)."""
    values = {**ep.secrets, **ep.settings, "base_url": ep.base_url, **override}
    flags = [f"--{k.replace('_', '-')}={v}" for k, v in values.items()]
    return ["connectors", "add", f"{source}-main", "--source", source, *flags]


def test_added_connectors_are_listed_without_secrets_and_stored_encrypted(
    settings: Settings,
) -> None:
    added = [
        ("gh", "github", ["--token", "ghp_plain_github_token", "--org", "acme"]),
        (
            "jr",
            "jira",
            [
                "--base-url",
                "https://acme.atlassian.net",
                "--email",
                "ops@acme.io",
                "--api-token",
                "jira_plain_api_token",
                "--project",
                "DBO",
            ],
        ),
        ("hs", "crm", ["--token", "pat-na1-plain-crm-token"]),
    ]
    for name, source, flags in added:
        code, out, err = invoke("connectors", "add", name, "--source", source, *flags)
        assert (code, err) == (0, ""), err
        assert f"connector {name} ({source}) saved" in out

    code, out, _ = invoke("connectors", "list", "--json")

    assert code == 0
    listed = {c["name"]: c for c in json.loads(out)}
    assert {n: c["source"] for n, c in listed.items()} == {
        "gh": "github",
        "jr": "jira",
        "hs": "crm",
    }
    assert listed["gh"]["base_url"] == "https://api.github.com"
    assert listed["jr"]["settings"] == {"email": "ops@acme.io", "project": "DBO"}
    tokens = ("ghp_plain_github_token", "jira_plain_api_token", "pat-na1-plain-crm-token")
    assert not any(token in out for token in tokens)
    db = Database.from_settings(settings)
    try:
        with db.transaction() as session:
            stored = list(session.execute(select(Connector.secret)).scalars())
    finally:
        db.dispose()
    assert len(stored) == 3
    assert not any(token.encode() in bytes(secret) for token in tokens for secret in stored)


@pytest.mark.usefixtures("settings")
def test_add_without_a_required_flag_exits_2_naming_it() -> None:
    code, out, err = invoke("connectors", "add", "gh", "--source", "github", "--org", "acme")

    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--token" in err


@pytest.mark.usefixtures("settings")
@pytest.mark.parametrize(
    "source",
    [
        "github",
        "jira",
        "crm",
    ],
)
def test_connector_test_against_the_sandbox_prints_one_ok_line(
    sandbox: RunningSandbox, source: str
) -> None:
    code, _, err = invoke(*add_args(source, sandbox.endpoints[source]))
    assert code == 0, err

    code, out, err = invoke("connectors", "test", f"{source}-main")

    assert (code, err) == (0, ""), err
    assert len(out.strip().splitlines()) == 1
    assert f"{source}-main:" in out and " OK at " in out


@pytest.mark.usefixtures("settings")
def test_connector_test_with_a_wrong_token_exits_nonzero_with_the_vendors_message(
    sandbox: RunningSandbox,
) -> None:
    ep = sandbox.endpoints["github"]
    invoke(*add_args("github", ep, token="ghp_wrong"))

    code, out, err = invoke("connectors", "test", "github-main")

    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Bad credentials" in err


@pytest.mark.usefixtures("settings")
def test_remove_deletes_the_connector(sandbox: RunningSandbox) -> None:
    invoke(*add_args("crm", sandbox.endpoints["crm"]))

    code, out, _ = invoke("connectors", "remove", "crm-main")

    assert code == 0 and "removed" in out
    assert json.loads(invoke("connectors", "list", "--json")[1]) == []
    code, _, err = invoke("connectors", "remove", "crm-main")
    assert code != 0 and "crm-main" in err


@pytest.mark.usefixtures("settings")
def test_sync_sandbox_json_prints_one_summary_and_a_rerun_inserts_nothing() -> None:
    code, out, err = invoke("sync", "--sandbox", "--json")

    assert code == 0, err
    assert len(out.strip().splitlines()) == 1
    report = json.loads(out)
    assert set(report) == {"sources", "seconds"}
    assert isinstance(report["seconds"], float)
    assert set(report["sources"]) == {"github", "jira", "crm"}
    for counts in report["sources"].values():
        assert set(counts) == COUNT_KEYS
        assert counts["inserted"] > 0

    code, out, err = invoke("sync", "--sandbox", "--json")

    assert code == 0, err
    again = json.loads(out)["sources"]
    assert {s: c["inserted"] for s, c in again.items()} == {"github": 0, "jira": 0, "crm": 0}


@pytest.mark.usefixtures("settings")
def test_sync_unknown_source_exits_2() -> None:
    code, out, err = invoke("sync", "--source", "nope")

    assert code == 2
    assert out == ""
    assert "nope" in err and len(err.strip().splitlines()) == 1
