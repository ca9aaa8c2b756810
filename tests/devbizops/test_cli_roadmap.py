"""``devbizops roadmap weights``: stored per org, validated, used by roadmap runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from devbizops.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("settings")
def test_weights_are_stored_validated_and_reset() -> None:
    code, out, _ = invoke("roadmap", "weights", "show")
    assert code == 0
    defaults = json.loads(out)
    assert defaults["rice"]["points_per_week"] == 5

    code, _, err = invoke("roadmap", "weights", "set", "rice", "points_per_week=8")
    assert code == 0, err
    assert json.loads(invoke("roadmap", "weights", "show")[1])["rice"]["points_per_week"] == 8

    code, _, err = invoke("roadmap", "weights", "set", "rice", "points_per_week=-1")
    assert code == 2 and err.startswith("error: rice weights: points_per_week")
    code, _, err = invoke("roadmap", "weights", "set", "nope", "a=1")
    assert code == 2 and "rice or wsjf" in err

    assert invoke("roadmap", "weights", "reset")[0] == 0
    assert json.loads(invoke("roadmap", "weights", "show")[1]) == defaults


@pytest.mark.usefixtures("settings")
def test_stored_weights_change_the_roadmap_effort(tmp_path: Path) -> None:
    backlog = {"backlog": [{"key": "P-1", "title": "Bulk import", "story_points": 10}]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(backlog))

    def effort() -> float:
        code, out, err = invoke("run", "roadmap", "--input", str(path), "--json")
        assert code == 0, err
        return float(json.loads(out)["output"]["roadmap"]["items"][0]["rice"]["effort"])

    assert effort() == 2.0  # 10 points at the default 5 points per week
    invoke("roadmap", "weights", "set", "rice", "points_per_week=10")
    assert effort() == 1.0
