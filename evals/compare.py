"""Metric-by-metric comparison of two summaries, with direction-aware verdicts."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from rich.table import Table

from evals.gates import Direction, is_worse, number

Verdict = Literal["better", "worse", "worse_ungated", "regressed", "same", "n/a"]
_STYLE: dict[Verdict, str] = {
    "better": "[green]▲ better[/]",
    "worse": "[yellow]▼ worse (within tolerance)[/]",
    "worse_ungated": "[yellow]▼ worse (not gated)[/]",
    "regressed": "[bold red]▼ regressed[/]",
    "same": "= same",
    "n/a": "·",
}


@dataclass(frozen=True)
class Row:
    """One metric in A and B, the change and what it means."""

    metric: str
    a: float | None
    b: float | None
    delta: float | None
    verdict: Verdict
    integer: bool = False  # a count: shown without decimals


def _verdict(
    metric: str,
    a: float,
    b: float,
    directions: Mapping[str, Direction],
    gated: Collection[str],
    tolerance: float,
) -> Verdict:
    direction = directions.get(metric)
    if direction is None:
        return "n/a"
    if is_worse(direction, a, b):
        return "better"
    if is_worse(direction, b, a):
        if metric not in gated:
            return "worse_ungated"
        return "regressed" if is_worse(direction, b, a, tolerance) else "worse"
    return "same"


def compare_summaries(
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    directions: Mapping[str, Direction],
    gated: Collection[str],
    tolerance: float,
) -> list[Row]:
    """Rows for every numeric metric of either summary, in A's order then B's new ones."""
    names = [k for k in a if number(a[k]) is not None]
    names += [k for k in b if k not in a and number(b[k]) is not None]
    rows = []
    for name in names:
        va, vb = number(a.get(name)), number(b.get(name))
        integer = isinstance(a.get(name), int) and isinstance(b.get(name), int)
        if va is None or vb is None:
            rows.append(Row(name, va, vb, None, "n/a", integer))
            continue
        verdict = _verdict(name, va, vb, directions, gated, tolerance)
        rows.append(Row(name, va, vb, vb - va, verdict, integer))
    return rows


def fmt_metric(value: float | None, integer: bool = False) -> str:
    """A metric as shown in tables: counts without decimals, rates with four."""
    if value is None:
        return "—"
    return f"{value:.0f}" if integer else f"{value:.4f}"


def comparison_table(
    rows: list[Row], a_label: str, b_label: str, title: str, caption: str | None = None
) -> Table:
    """A rich table: metric, A, B, delta and the verdict arrow."""
    table = Table(title=title, caption=caption)
    table.add_column("metric")
    table.add_column(a_label, justify="right")
    table.add_column(b_label, justify="right")
    table.add_column("Δ", justify="right")
    table.add_column("")
    for row in rows:
        if row.delta is None:
            delta = "—"
        else:
            delta = f"{row.delta:+.0f}" if row.integer else f"{row.delta:+.4f}"
        a, b = fmt_metric(row.a, row.integer), fmt_metric(row.b, row.integer)
        table.add_row(row.metric, a, b, delta, _STYLE[row.verdict])
    return table


def summary_table(summary: Mapping[str, Any], title: str, caption: str | None = None) -> Table:
    """A rich table of one summary's numeric metrics."""
    table = Table(title=title, caption=caption)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in summary.items():
        if number(value) is not None or value is None:
            table.add_row(name, fmt_metric(number(value), isinstance(value, int)))
    return table
