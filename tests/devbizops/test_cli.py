"""The CLI through typer's runner: what a user types and sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from devbizops.cli import app
from devbizops.settings import Settings
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("settings")
def test_translate_json_prints_grounded_requirements() -> None:
    path = SAMPLES / "acme_logistics_discovery.txt"
    code, out, _ = invoke("translate", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["requirements"]
    text = " ".join(path.read_text().split()).lower()
    for req in data["requirements"]:
        assert set(req) >= {
            "title",
            "user_story",
            "acceptance_criteria",
            "category",
            "priority",
            "evidence",
        }
        for ev in req["evidence"]:
            assert " ".join(ev["quote"].split()).lower() in text


@pytest.mark.usefixtures("settings")
def test_translate_table_and_runs_show(tmp_path: Path) -> None:
    code, out, _ = invoke("translate", str(SAMPLES / "acme_logistics_discovery.txt"))
    assert code == 0
    assert "Requirements" in out
    run_id = out.strip().splitlines()[-1].split()[1]
    code, out, _ = invoke("runs", "show", run_id[:8], "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["id"] == run_id and shown["status"] == "succeeded"
    assert [e["type"] for e in shown["events"]][-1] == "run.succeeded"
    code, out, _ = invoke("runs", "list", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [run_id]


@pytest.mark.usefixtures("settings")
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        (b"\xff\xfe\x00binary", "not UTF-8 text"),
        (b"   \n", "is empty"),
        (b"just prose without any speaker labels", "text transcript"),
    ],
)
def test_bad_transcript_files_give_one_line_and_exit_2(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "call.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = invoke("translate", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    code, out, _ = invoke("runs", "list", "--json")
    assert json.loads(out) == []


def test_unreachable_database_gives_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:topsecret@127.0.0.1:1/x")
    code, _, err = invoke("translate", str(SAMPLES / "acme_logistics_discovery.txt"))
    assert code == 1
    assert err.count("\n") == 1 and "cannot reach PostgreSQL" in err and "topsecret" not in err


def test_config_masks_secrets(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    monkeypatch.setenv("DEVBIZOPS_SECRET_KEY", "hush")
    code, out, _ = invoke("config", "--json")
    assert code == 0
    data = json.loads(out)
    assert "sk-very-secret" not in out and "hush" not in out
    assert data["openai_api_key"] == "********"
    assert data["llm_provider"] == "offline" and data["effective_provider"] == "offline"
    assert data["data_dir"] == str(settings.data_dir)


@pytest.mark.usefixtures("settings")
def test_run_roadmap_from_input_file(tmp_path: Path) -> None:
    data = {"backlog": json.loads((ROOT / "samples" / "backlog.json").read_text())}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data))
    code, out, _ = invoke("run", "roadmap", "--input", str(path), "--json")
    assert code == 0
    items = json.loads(out)["output"]["roadmap"]["items"]
    assert items[0]["key"] == "ACME-114"
    path.write_text("{not json")
    code, _, err = invoke("run", "roadmap", "--input", str(path))
    assert code == 2 and "invalid JSON at line 1 column 2" in err


@pytest.mark.usefixtures("settings")
def test_db_status_and_upgrade() -> None:
    code, out, _ = invoke("db", "upgrade")
    assert code == 0 and "already at" in out
    code, out, _ = invoke("db", "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["up_to_date"] is True and status["embedded"] is False


def test_demo_runs_the_pipeline(settings: Settings) -> None:
    code, out, err = invoke("demo")
    assert code == 0, err
    assert "Requirements" in out and "Roadmap" in out and "Dashboard metrics" in out
    assert "auto-approving every proposed issue" in " ".join(err.split())
    assert "Jira issues created" in out and "DBO-" in out
    assert "Charts and investor update" in out
    (folder,) = (settings.data_path / "charts").iterdir()
    assert (folder / "investor_update.md").read_text().startswith("#")
    assert (folder / "arr_movements.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "finished" in err


def test_help_lists_the_commands() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for command in ("translate", "run", "runs", "db", "config", "demo", "eval"):
        assert command in out
