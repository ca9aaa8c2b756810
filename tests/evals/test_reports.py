"""Reports: atomic JSON writes, a validating reader, self-contained escaped HTML, comparisons."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from evals.compare import compare_summaries
from evals.errors import DatasetError
from evals.gates import GateResult
from evals.report_html import render
from evals.report_json import Report, read_report, write_report
from evals.suites.techtranslator import DIRECTIONS

HOSTILE = '<script>alert("x")</script>'


def _report(**summary: object) -> Report:
    return Report(
        suite="techtranslator",
        dataset="evals/datasets/x.jsonl",
        provider="offline",
        model="rules-v1",
        created_at="2025-01-01T00:00:00+00:00",
        summary={"cases": 1, "recall": 0.5, "errors": 0, **summary},
        cases=[_case()],
    )


def _case() -> dict[str, object]:
    evidence = {
        "speaker": "Dana",
        "quote": f"we need {HOSTILE}",
        "timestamp": None,
        "grounded": True,
        "excerpt": {
            "source": "Dana",
            "before": "Well, ",
            "match": f"we need {HOSTILE}",
            "after": " today.",
        },
    }
    missing = {**evidence, "quote": "never said", "grounded": False, "excerpt": None}
    return {
        "id": f"case {HOSTILE}",
        "line": 1,
        "transcript_file": "t.txt",
        "format": "text",
        "metrics": {"recall": 0.5},
        "counts": {"gold": 2, "predicted": 1, "matched": 1},
        "gold": [
            {
                "label": "G1",
                "any_of": ["sso"],
                "category": "feature",
                "priority": "must",
                "matched_prediction": "P1",
                "reason": None,
            },
            {
                "label": "G2",
                "any_of": ["sap"],
                "category": "integration",
                "priority": "must",
                "matched_prediction": None,
                "reason": "no prediction mentions any of: sap",
            },
        ],
        "predictions": [
            {
                "label": "P1",
                "title": f"SSO {HOSTILE}",
                "user_story": "As a user...",
                "acceptance_criteria": ["Given..."],
                "category": "feature",
                "priority": "must",
                "evidence": [evidence, missing],
                "matched_gold": "G1",
                "matched_term": "sso",
                "category_ok": True,
                "priority_ok": True,
                "forbidden_terms": [],
                "reason": None,
            }
        ],
    }


def test_a_report_round_trips_through_an_atomic_write(tmp_path: Path) -> None:
    path = tmp_path / "out" / "r.json"
    write_report(path, _report())
    assert read_report(path) == _report()
    assert [p.name for p in path.parent.iterdir()] == ["r.json"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_previous_report_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.json"
    write_report(path, _report(recall=0.1))

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_report(path, _report(recall=0.9))
    assert json.loads(path.read_text())["summary"]["recall"] == 0.1
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{oops", "r.json:1: invalid JSON"),
        ('{"suite": "techtranslator"}', "r.json: field dataset: Field required"),
    ],
)
def test_a_malformed_report_is_a_dataset_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        read_report(path)
    assert message in str(caught.value)


def test_html_is_self_contained_and_escapes_everything_from_the_report() -> None:
    gate = GateResult("threshold", "recall", 0.5, 0.8, False, f"recall {HOSTILE}")
    page = render(_report(), DIRECTIONS, [gate])
    assert HOSTILE not in page
    assert "&lt;script&gt;" in page
    assert "<script" not in page
    assert not re.search(r"(src|href)\s*=|@import|url\(", page)
    assert "<style>" in page


def test_html_shows_summary_bars_and_each_quote_inside_its_excerpt() -> None:
    page = render(_report(), DIRECTIONS)
    assert '<span style="width:50.0%">' in page  # recall 0.5
    assert "Well, <mark>we need &lt;script&gt;" in page
    assert "not in transcript" in page
    assert "no prediction mentions any of: sap" in page
    assert "FAIL" not in page


def test_compare_marks_improvements_drops_within_tolerance_and_regressions() -> None:
    a = {
        "recall": 0.8,
        "precision": 0.7,
        "f1": 0.7,
        "grounding_rate": 1.0,
        "errors": 0,
        "latency_ms_p50": 5.0,
    }
    b = {
        "recall": 0.9,
        "precision": 0.69,
        "f1": 0.6,
        "grounding_rate": 0.99,
        "errors": 0,
        "latency_ms_p50": 50.0,
    }
    gated = {"recall", "f1", "errors", "grounding_rate"}
    rows = {r.metric: r for r in compare_summaries(a, b, DIRECTIONS, gated, 0.02)}
    assert rows["recall"].verdict == "better"
    assert rows["recall"].delta == pytest.approx(0.1)
    assert rows["precision"].verdict == "worse_ungated"
    assert rows["f1"].verdict == "regressed"
    assert rows["grounding_rate"].verdict == "worse"  # gated, but within the tolerance
    assert rows["errors"].verdict == "same"
    assert rows["errors"].integer
    assert rows["latency_ms_p50"].verdict == "worse_ungated"
