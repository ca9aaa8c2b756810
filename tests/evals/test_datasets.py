"""Dataset loading: valid lines load, malformed ones name the file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.errors import DatasetError
from evals.suites.registry import detect_suite
from evals.suites.techtranslator_dataset import load

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"
GOOD = {
    "id": "acme",
    "transcript_file": "t/acme.txt",
    "format": "text",
    "expected": {
        "max_requirements": 3,
        "forbidden_title_terms": ["urgent"],
        "requirements": [{"any_of": ["sso"], "category": "feature", "priority": "must"}],
    },
}


def _write(tmp_path: Path, *lines: object) -> Path:
    (tmp_path / "t").mkdir(exist_ok=True)
    (tmp_path / "t" / "acme.txt").write_text("Dana (customer): hi\n", encoding="utf-8")
    path = tmp_path / "set.jsonl"
    rows = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _with(**changes: object) -> dict[str, object]:
    return {**GOOD, **changes}


def test_a_valid_line_loads_with_the_transcript_resolved_next_to_the_dataset(
    tmp_path: Path,
) -> None:
    (case,) = load(_write(tmp_path, GOOD))
    assert case.line == 1
    assert case.transcript == tmp_path / "t" / "acme.txt"
    assert case.case.expected.requirements[0].any_of == ["sso"]


def test_format_and_optional_fields_may_be_omitted(tmp_path: Path) -> None:
    line = {k: v for k, v in GOOD.items() if k != "format"}
    line["expected"] = {"requirements": []}
    (case,) = load(_write(tmp_path, line))
    assert case.case.format is None
    assert case.case.expected.max_requirements is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "set.jsonl:2: invalid JSON"),
        ("[1, 2]", "set.jsonl:2: each line must be a JSON object"),
        (
            _with(
                expected={"requirements": [{"any_of": ["x"], "category": "ux", "priority": "must"}]}
            ),
            "set.jsonl:2: field expected.requirements[0].category:",
        ),
        (
            _with(
                expected={"requirements": [{"any_of": [], "category": "bug", "priority": "must"}]}
            ),
            "set.jsonl:2: field expected.requirements[0].any_of:",
        ),
        (
            _with(expected={"requirements": [], "max_requirement": 2}),
            "field expected.max_requirement:",
        ),
        (
            _with(expected={"requirements": [], "max_requirements": -1}),
            "field expected.max_requirements:",
        ),
        ({"id": "x", "expected": {"requirements": []}}, "set.jsonl:2: field transcript_file:"),
        (_with(id="acme"), "set.jsonl:2: field id: duplicate id 'acme' (first on line 1)"),
        (
            _with(id="b", transcript_file="t/missing.vtt"),
            "set.jsonl:2: field transcript_file: transcript not found",
        ),
        (_with(id="b", format="docx"), "set.jsonl:2: field format: unknown format 'docx'"),
    ],
)
def test_a_malformed_line_names_file_line_and_field(
    tmp_path: Path, line: object, message: str
) -> None:
    path = _write(tmp_path, GOOD, line)
    with pytest.raises(DatasetError) as caught:
        load(path)
    assert message in str(caught.value)
    assert caught.value.path == str(path)
    assert caught.value.line == 2


def test_an_empty_dataset_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="dataset has no cases"):
        load(path)


def test_a_missing_dataset_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"nope\.jsonl: file not found"):
        load(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(
    ("first", "suite"),
    [
        ({"transcript_file": "a.txt"}, "techtranslator"),
        ({"roadmap": {}}, "roadmap"),
        ({"snapshot": {}}, "dashboard"),
    ],
)
def test_the_suite_is_detected_from_the_first_line(
    tmp_path: Path, first: dict[str, object], suite: str
) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x", **first}) + "\n", encoding="utf-8")
    assert detect_suite(path) == suite


def test_an_unrecognisable_dataset_names_the_keys_it_expects(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "x", "input": {}}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"d.jsonl:1: cannot tell the suite"):
        detect_suite(path)


def test_shipped_techtranslator_datasets_are_valid_and_cover_the_brief() -> None:
    main = load(DATASETS / "techtranslator.jsonl")
    holdout = load(DATASETS / "techtranslator_holdout.jsonl")
    assert len(main) >= 30
    assert len(holdout) >= 10
    assert not {c.case.id for c in main} & {c.case.id for c in holdout}
    assert not {c.transcript for c in main} & {c.transcript for c in holdout}
    suffixes = {c.transcript.suffix for c in main}
    assert {".txt", ".vtt", ".srt", ".json"} <= suffixes
    formats = {c.case.format for c in main}
    assert {"text", "vtt", "srt", "gong", "slack", None} <= formats
    tags = {t for c in main for t in c.case.tags}
    assert {"discovery", "renewal", "escalation", "qbr", "support"} <= tags
    assert {"no-requirements", "rep-promises", "non-native-english", "prompt-injection"} <= tags
    assert any(not c.case.expected.requirements for c in main)
    longest = max(len(c.transcript.read_text(encoding="utf-8").split()) for c in main)
    assert longest >= 10_000
