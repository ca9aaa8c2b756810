"""The roadmap and dashboard suites on hand-computed examples and on the shipped datasets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals import cli
from evals.cli import eval_app
from evals.suites.dashboard import DashboardResult, MetricCheck
from evals.suites.dashboard import summarise as summarise_dashboard
from evals.suites.roadmap import RoadmapResult
from evals.suites.roadmap import summarise as summarise_roadmap
from evals.suites.roadmap_checks import Check
from tools.llm.base import ExtractTask, ProseTask, SchemaT

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"


class ProseOnly:
    """Writes a number-free paragraph; never asked to extract."""

    provider = "fake"
    model = "prose-1"

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT:
        raise AssertionError("roadmap and dashboard never extract")

    def write(self, task: ProseTask) -> str:
        return "The order follows the scores."


def test_roadmap_summary_on_hand_computed_cases() -> None:
    a = RoadmapResult(
        id="a",
        line=1,
        kendall_tau=1.0,
        top3_overlap=1.0,
        exact_order=True,
        checks=[Check(name="x", ok=True), Check(name="y", ok=True)],
    )
    b = RoadmapResult(
        id="b",
        line=2,
        kendall_tau=0.2,
        top3_overlap=2 / 3,
        checks=[Check(name="x", ok=False, detail="no")],
    )
    c = RoadmapResult(id="c", line=3, crashed=True, error="boom")
    summary = summarise_roadmap([a, b, c])
    assert summary["kendall_tau"] == pytest.approx(0.6)  # crashed cases have no order
    assert summary["top3_overlap"] == pytest.approx(5 / 6)
    assert summary["exact_order_rate"] == pytest.approx(1 / 3)
    assert summary["checks_pass_rate"] == pytest.approx(2 / 3)
    assert summary["checks_failed"] == 1


def _check(metric: str, ok: bool) -> MetricCheck:
    return MetricCheck(metric=metric, expected=1, actual=1 if ok else 2, tolerance=0, ok=ok)


def test_dashboard_summary_on_hand_computed_cases() -> None:
    a = DashboardResult(
        id="a",
        line=1,
        checks=[_check("runs_total", True), _check("run_success_rate", True)],
        matched=2,
        total=2,
        narrative_valid=True,
    )
    b = DashboardResult(
        id="b",
        line=2,
        checks=[_check("runs_total", False), _check("transcripts_count", True)],
        matched=1,
        total=2,
        narrative_valid=True,
    )
    c = DashboardResult(id="c", line=3, crashed=True, total=3)
    summary = summarise_dashboard([a, b, c])
    assert summary["exact_match_rate"] == pytest.approx(3 / 7)
    assert summary["case_pass_rate"] == pytest.approx(1 / 3)
    assert summary["narrative_valid_rate"] == pytest.approx(2 / 3)
    assert summary["by_metric"] == {
        "run_success_rate": 1.0,
        "runs_total": 0.5,
        "transcripts_count": 1.0,
    }


@pytest.mark.parametrize(
    ("dataset", "fields"),
    [
        ("roadmap.jsonl", {"kendall_tau", "top3_overlap", "checks_pass_rate"}),
        ("dashboard.jsonl", {"exact_match_rate", "case_pass_rate", "by_metric"}),
    ],
)
def test_shipped_roadmap_and_dashboard_datasets_run(
    dataset: str, fields: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "language_model", lambda settings, **kwargs: ProseOnly())
    result = CliRunner().invoke(
        eval_app, ["run", str(DATASETS / dataset), "--report", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads((tmp_path / "r.json").read_text())["summary"]
    assert fields <= set(summary)
    assert summary["errors"] == 0
    assert summary["cases"] >= (8 if dataset == "roadmap.jsonl" else 5)
