"""Each metric on hand-computed examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.metrics import f1, kendall_tau, mean, percentile, ratio, top_k_overlap, within
from evals.suites.base import common_summary
from evals.suites.techtranslator import crashed, score, summarise
from evals.suites.techtranslator_dataset import LoadedTranslatorCase, TranslatorCase
from evals.suites.values import mismatch
from tests.evals.builders import req

TRANSCRIPT = """\
Dana (Acme, VP Engineering): We need SAML single sign-on through Okta, that's a must.
Sam (our AE): Understood.
Dana (Acme, VP Engineering): Work orders must   sync to SAP.
Victor (Acme, IT): Offline mode for tablets would be nice.
"""


def _case(tmp_path: Path, **expected: object) -> LoadedTranslatorCase:
    path = tmp_path / "call.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    case = TranslatorCase.model_validate(
        {"id": "acme", "transcript_file": "call.txt", "expected": expected}
    )
    return LoadedTranslatorCase(line=1, case=case, transcript=path)


GOLD = [
    {"any_of": ["sso", "saml"], "category": "security_compliance", "priority": "must"},
    {"any_of": ["sap"], "category": "integration", "priority": "must"},
    {"any_of": ["offline"], "category": "feature", "priority": "could"},
]
PREDICTED = [
    req(
        "SAML SSO via Okta",
        category="security_compliance",
        priority="must",
        quotes=("we need saml SINGLE sign-on",),
    ),
    req(
        "Sync work orders to SAP",
        category="integration",
        priority="should",
        quotes=("Work orders must sync to SAP", "SAP is our ERP"),
    ),
    req("Urgent: admin access for everyone", priority="must", quotes=("give us admin",)),
]


def test_ratio_f1_mean_and_tolerance_on_hand_computed_values() -> None:
    assert ratio(1, 4, empty=None) == 0.25
    assert ratio(0, 0, empty=1.0) == 1.0
    assert f1(0.5, 1.0) == pytest.approx(2 / 3)
    assert f1(0.0, 0.0) == 0.0
    assert mean([1.0, None, 0.0]) == 0.5
    assert within(0.6667, 2 / 3, 0.0001)
    assert not within(0.667, 2 / 3, 0.0001)


def test_percentile_interpolates_between_closest_ranks() -> None:
    assert percentile([40.0, 10.0, 30.0, 20.0], 50) == 25.0
    assert percentile([10.0, 20.0, 30.0, 40.0], 95) == pytest.approx(38.5)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


def test_kendall_tau_counts_concordant_minus_discordant_pairs() -> None:
    assert kendall_tau(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 1.0
    assert kendall_tau(["a", "b", "c", "d"], ["d", "c", "b", "a"]) == -1.0
    # One swapped pair out of six: (5 - 1) / 6.
    assert kendall_tau(["a", "b", "c", "d"], ["a", "c", "b", "d"]) == pytest.approx(4 / 6)
    # Keys missing from the actual order are left out: only (a, c) remains, concordant.
    assert kendall_tau(["a", "b", "c"], ["a", "x", "c"]) == 1.0
    assert kendall_tau(["a"], ["a"]) is None


def test_top_k_overlap_is_the_share_of_the_expected_top_k_found_in_the_actual_top_k() -> None:
    assert top_k_overlap(["a", "b", "c", "d"], ["a", "d", "b", "c"], 3) == pytest.approx(2 / 3)
    assert top_k_overlap(["a", "b"], ["b", "a"], 3) == 1.0
    assert top_k_overlap([], ["a"], 3) is None


def test_dashboard_values_compare_exactly_with_per_metric_tolerance() -> None:
    assert mismatch(0.6667, 2 / 3, 0.0001) is None
    assert mismatch(0.6667, 2 / 3, 0.0) is not None
    assert mismatch({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2]}, 0) is None
    assert "b[1]" in (mismatch({"b": [1, 2]}, {"b": [1, 3]}, 0, "") or "")
    assert mismatch(None, None, 0) is None
    assert mismatch(1, True, 0) is not None


def test_per_case_translator_metrics_on_a_hand_computed_case(tmp_path: Path) -> None:
    loaded = _case(
        tmp_path, requirements=GOLD, max_requirements=2, forbidden_title_terms=["urgent"]
    )
    result = score(loaded, PREDICTED, TRANSCRIPT, "text")
    c = result.counts
    assert (c.gold, c.predicted, c.matched) == (3, 3, 2)
    assert (c.category_correct, c.priority_correct) == (2, 1)
    # Quote 1 differs only in case/whitespace, quote 2 spans doubled whitespace: both grounded.
    assert (c.quotes, c.grounded_quotes) == (4, 2)
    assert c.forbidden_violations == 1
    assert c.over_limit is True
    assert c.schema_valid is True
    assert result.metrics == {
        "recall": pytest.approx(2 / 3),
        "precision": pytest.approx(2 / 3),
        "f1": pytest.approx(2 / 3),
        "category_accuracy": 1.0,
        "priority_accuracy": 0.5,
        "grounding_rate": 0.5,
    }
    assert [p.matched_gold for p in result.predictions] == ["G1", "G2", None]
    assert result.gold[2].reason == "no prediction mentions any of: offline"
    excerpt = result.predictions[0].evidence[0].excerpt
    assert excerpt is not None
    assert excerpt.source == "Dana"
    assert excerpt.match == "We need SAML single sign-on"


def test_precision_is_one_when_nothing_is_predicted(tmp_path: Path) -> None:
    result = score(_case(tmp_path, requirements=[]), [], TRANSCRIPT, "text")
    assert result.metrics["precision"] == 1.0
    assert result.metrics["recall"] == 1.0
    assert result.metrics["category_accuracy"] is None


def test_summary_micro_averages_counts_and_counts_crashes(tmp_path: Path) -> None:
    loaded = _case(
        tmp_path, requirements=GOLD, max_requirements=2, forbidden_title_terms=["urgent"]
    )
    scored = score(loaded, PREDICTED, TRANSCRIPT, "text").model_copy(update={"latency_ms": 10.0})
    other = _case(tmp_path, requirements=GOLD[:2])
    failed = crashed(other, "RuntimeError: boom").model_copy(update={"latency_ms": 30.0})
    summary = {**common_summary([scored, failed]), **summarise([scored, failed])}
    # gold 3 + 2 = 5, predicted 3, matched 2.
    assert summary["recall"] == pytest.approx(0.4)
    assert summary["precision"] == pytest.approx(2 / 3)
    assert summary["f1"] == pytest.approx(0.5)
    assert summary["category_accuracy"] == 1.0
    assert summary["priority_accuracy"] == 0.5
    assert summary["grounding_rate"] == 0.5
    assert summary["forbidden_violations"] == 1
    assert summary["over_limit_cases"] == 1
    assert summary["schema_valid_rate"] == 0.5
    assert summary["errors"] == 1
    assert summary["cases"] == 2
    assert summary["latency_ms_p50"] == 20.0
    assert summary["latency_ms_p95"] == 29.0
