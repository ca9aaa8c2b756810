"""``devbizops eval`` through typer's runner: exit codes, reports, gates, compare and the cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from devbizops.settings import Settings
from evals import cli
from evals.cli import eval_app
from tests.fakes.openai_server import FakeOpenAIServer
from tools.llm.base import ExtractTask, ProseTask, SchemaT

runner = CliRunner()
TRANSCRIPT = """\
Dana (Acme, VP Engineering): We need SAML single sign-on through Okta, it's a must.
Sam (our AE): Got it.
Dana (Acme, VP Engineering): And work orders must sync to SAP for go-live.
"""
SSO = {
    "title": "SAML single sign-on via Okta",
    "user_story": "As an IT admin, I want SSO so that staff sign in through Okta.",
    "acceptance_criteria": ["Given Okta, when a user signs in, then SAML is used."],
    "category": "security_compliance",
    "priority": "must",
    "evidence": [{"speaker": "Dana", "quote": "We need SAML single sign-on through Okta"}],
}
SAP = {
    **SSO,
    "title": "Sync work orders to SAP",
    "user_story": "As a planner, I want work orders in SAP so that nobody double-keys them.",
    "category": "integration",
    "evidence": [{"speaker": "Dana", "quote": "work orders must sync to SAP for go-live"}],
}
GOLD = [
    {"any_of": ["sso", "saml"], "category": "security_compliance", "priority": "must"},
    {"any_of": ["sap"], "category": "integration", "priority": "must"},
]
SUMMARY_FIELDS = {
    "cases",
    "recall",
    "precision",
    "f1",
    "category_accuracy",
    "priority_accuracy",
    "grounding_rate",
    "forbidden_violations",
    "over_limit_cases",
    "schema_valid_rate",
    "errors",
    "latency_ms_p50",
    "latency_ms_p95",
}


class ScriptedModel:
    """Answers every extraction with the same requirements (or raises ``fail``)."""

    provider = "fake"
    model = "scripted-1"

    def __init__(self, requirements: list[dict[str, Any]], fail: Exception | None = None) -> None:
        self.requirements = requirements
        self.fail = fail

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT:
        if self.fail is not None:
            raise self.fail
        return task.schema.model_validate({"requirements": self.requirements})

    def write(self, task: ProseTask) -> str:
        return "Summary."


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "acme.txt").write_text(TRANSCRIPT, encoding="utf-8")
    line = {
        "id": "acme",
        "transcript_file": "calls/acme.txt",
        "format": "text",
        "expected": {"requirements": GOLD, "max_requirements": 3},
    }
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


class Harness:
    """The model ``eval run`` will get, and the keyword arguments of every build."""

    def __init__(self) -> None:
        self.model = ScriptedModel([SSO])
        self.builds: list[dict[str, Any]] = []

    def language_model(self, settings: Settings, **kwargs: Any) -> ScriptedModel:
        self.builds.append(kwargs)
        return self.model


@pytest.fixture
def use_model(monkeypatch: pytest.MonkeyPatch) -> Harness:
    """Make ``eval run`` use a ScriptedModel instead of the configured provider."""
    harness = Harness()
    monkeypatch.setattr(cli, "language_model", harness.language_model)
    monkeypatch.setattr(cli, "get_settings", lambda: Settings(_env_file=None))
    return harness


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(eval_app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("use_model")
def test_run_writes_json_and_html_reports_with_every_summary_field(
    dataset: Path, tmp_path: Path
) -> None:
    code, out, _ = invoke(
        "run", dataset, "--report", tmp_path / "r.json", "--html", tmp_path / "r.html"
    )
    assert code == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert set(report) >= {
        "suite",
        "dataset",
        "provider",
        "model",
        "created_at",
        "summary",
        "cases",
    }
    assert (report["suite"], report["provider"], report["model"]) == (
        "techtranslator",
        "fake",
        "scripted-1",
    )
    assert set(report["summary"]) >= SUMMARY_FIELDS
    assert report["summary"]["recall"] == 0.5
    assert report["summary"]["precision"] == 1.0
    case = report["cases"][0]
    assert case["gold"][1]["reason"] == "no prediction mentions any of: sap"
    assert case["predictions"][0]["matched_gold"] == "G1"
    assert (
        "<mark>We need SAML single sign-on through Okta</mark>" in (tmp_path / "r.html").read_text()
    )
    assert "recall" in out


def test_a_malformed_dataset_exits_2_naming_file_line_and_field(
    dataset: Path, use_model: Harness
) -> None:
    bad = {
        "id": "b",
        "transcript_file": "calls/acme.txt",
        "expected": {"requirements": [{"any_of": ["x"], "category": "ux", "priority": "must"}]},
    }
    dataset.write_text(dataset.read_text() + json.dumps(bad) + "\n")
    code, _, err = invoke("run", dataset)
    assert code == 2
    assert f"{dataset}:2: field expected.requirements[0].category:" in err
    assert len(err.strip().splitlines()) == 1
    assert use_model.builds == []  # no model was built for a dataset that cannot run


@pytest.mark.usefixtures("use_model")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fail-under", "recal=0.5"], "unknown metric 'recal'"),
        (["--fail-under", "recall"], "expected metric=value"),
        (["--suite", "roadmap"], "field roadmap: Field required"),
    ],
)
def test_bad_usage_exits_2(dataset: Path, args: list[str], message: str) -> None:
    code, _, err = invoke("run", dataset, *args)
    assert code == 2
    assert message in err


@pytest.mark.usefixtures("use_model")
def test_an_unwritable_report_path_exits_2(dataset: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    code, _, err = invoke("run", dataset, "--report", tmp_path / "taken" / "r.json")
    assert code == 2
    assert "error: cannot write the report:" in err


@pytest.mark.usefixtures("use_model")
def test_a_threshold_gate_failure_exits_1_and_lists_the_gate(dataset: Path) -> None:
    code, _, err = invoke("run", dataset, "--fail-under", "recall=0.9,precision=0.9")
    assert code == 1
    assert "1 gate(s) failed: recall = 0.5, needs at least 0.9" in err


@pytest.mark.usefixtures("use_model")
def test_passing_thresholds_exit_0(dataset: Path) -> None:
    code, out, _ = invoke("run", dataset, "--fail-under", "recall=0.5", "--fail-under", "errors=0")
    assert code == 0
    assert "PASS" in out


def test_a_regression_against_the_baseline_exits_1(
    dataset: Path, tmp_path: Path, use_model: Harness
) -> None:
    use_model.model = ScriptedModel([SSO, SAP])
    assert invoke("run", dataset, "--report", tmp_path / "base.json")[0] == 0
    use_model.model = ScriptedModel([SSO])
    code, out, err = invoke("run", dataset, "--baseline", tmp_path / "base.json")
    assert code == 1
    assert "recall regressed: 0.5 vs baseline 1" in err
    assert "regressed" in out
    # A looser tolerance accepts the same drop.
    assert (
        invoke("run", dataset, "--baseline", tmp_path / "base.json", "--tolerance", "0.6")[0] == 0
    )


@pytest.mark.usefixtures("use_model")
def test_a_baseline_from_another_suite_is_bad_usage(dataset: Path, tmp_path: Path) -> None:
    invoke("run", dataset, "--report", tmp_path / "base.json")
    data = json.loads((tmp_path / "base.json").read_text())
    (tmp_path / "base.json").write_text(json.dumps({**data, "suite": "roadmap"}))
    code, _, err = invoke("run", dataset, "--baseline", tmp_path / "base.json")
    assert code == 2
    assert "baseline is a roadmap report" in err


def test_a_crashing_case_is_recorded_and_the_run_goes_on(
    dataset: Path, tmp_path: Path, use_model: Harness
) -> None:
    use_model.model = ScriptedModel([], fail=RuntimeError("model exploded"))
    code, _, _ = invoke("run", dataset, "--report", tmp_path / "r.json")
    assert code == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["summary"]["errors"] == 1
    assert report["summary"]["recall"] == 0.0
    assert report["cases"][0]["error"] == "RuntimeError: model exploded"
    assert invoke("run", dataset, "--fail-under", "errors=0")[0] == 1


def test_no_cache_is_passed_to_the_model_builder(dataset: Path, use_model: Harness) -> None:
    invoke("run", dataset)
    invoke("run", dataset, "--no-cache", "--provider", "offline", "--model", "m1")
    assert use_model.builds == [
        {"provider": None, "model": None, "use_cache": True},
        {"provider": "offline", "model": "m1", "use_cache": False},
    ]


@pytest.mark.usefixtures("use_model")
def test_compare_shows_deltas_and_exits_1_only_when_b_regresses(
    dataset: Path, tmp_path: Path, use_model: Harness
) -> None:
    invoke("run", dataset, "--report", tmp_path / "weak.json")
    use_model.model = ScriptedModel([SSO, SAP])
    invoke("run", dataset, "--report", tmp_path / "strong.json")
    code, out, _ = invoke("compare", tmp_path / "weak.json", tmp_path / "strong.json")
    assert code == 0
    assert "+0.5000" in out
    assert "better" in out
    code, _, err = invoke("compare", tmp_path / "strong.json", tmp_path / "weak.json")
    assert code == 1
    assert "regressed beyond 0.02: recall, f1" in err


def test_compare_rejects_reports_it_cannot_compare(tmp_path: Path) -> None:
    base = {
        "dataset": "d",
        "provider": "p",
        "model": "m",
        "created_at": "t",
        "summary": {},
        "cases": [],
    }
    (tmp_path / "a.json").write_text(json.dumps({**base, "suite": "roadmap"}))
    (tmp_path / "b.json").write_text(json.dumps({**base, "suite": "dashboard"}))
    (tmp_path / "c.json").write_text("{")
    assert invoke("compare", tmp_path / "a.json", tmp_path / "b.json")[0] == 2
    code, _, err = invoke("compare", tmp_path / "a.json", tmp_path / "c.json")
    assert code == 2
    assert "c.json:1: invalid JSON" in err


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


def test_openai_runs_reuse_cached_answers_unless_no_cache(
    dataset: Path,
    tmp_path: Path,
    openai_server: FakeOpenAIServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings(
        _env_file=None,
        openai_api_key="sk-test",
        openai_base_url=openai_server.base_url,
        data_dir=tmp_path / "data",
    )
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    answer = {"requirements": [SSO]}
    openai_server.respond(answer)
    args = ("run", dataset, "--provider", "openai", "--report", tmp_path / "r.json")
    assert invoke(*args)[0] == 0
    assert len(openai_server.requests) == 1
    assert invoke(*args)[0] == 0  # nothing scripted: only the cache can answer
    assert len(openai_server.requests) == 1
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["recall"] == 0.5
    openai_server.respond(answer)
    assert invoke(*args, "--no-cache")[0] == 0
    assert len(openai_server.requests) == 2
