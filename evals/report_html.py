"""One self-contained HTML report: summary, per-metric bars and a per-case drill-down."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from evals.compare import fmt_metric
from evals.gates import Direction, GateResult, number
from evals.report_html_cases import render_case
from evals.report_json import Report, write_atomic

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d2330}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{margin-top:2rem;font-size:1.15rem}
.meta{color:#5b6478}table{border-collapse:collapse;margin:.5rem 0}
td,th{padding:.25rem .6rem;border-bottom:1px solid #e4e7ee;text-align:left;vertical-align:top}
.bar{width:240px;height:12px;background:#eef0f5;border-radius:6px;overflow:hidden}
.bar>span{display:block;height:100%;background:#3b82f6}.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}
details{border:1px solid #e4e7ee;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
summary{cursor:pointer;font-weight:600}.badge{font-size:.8rem;padding:0 .4rem;border-radius:4px}
.ok{background:#dcfce7}.bad{background:#fee2e2}.warn{background:#fef9c3}
blockquote{margin:.3rem 0;padding:.3rem .6rem;border-left:3px solid #cbd5e1;background:#f8fafc}
mark{background:#fde68a}.muted{color:#6b7280}pre{white-space:pre-wrap;font-size:.85rem}
"""


def _bar(value: float, direction: Direction | None) -> str:
    if direction != "higher" or not -1.0 <= value <= 1.0:
        return ""
    width = max(0.0, min(1.0, value)) * 100
    return f'<div class="bar"><span style="width:{width:.1f}%"></span></div>'


def _summary(summary: Mapping[str, Any], directions: Mapping[str, Direction]) -> str:
    rows = []
    for name, value in summary.items():
        if isinstance(value, Mapping):
            for sub, subvalue in value.items():
                v = number(subvalue)
                if v is not None:
                    label = escape(f"{name}.{sub}")
                    rows.append(
                        f'<tr><td>{label}</td><td class="num">{v:.4f}</td>'
                        f"<td>{_bar(v, 'higher')}</td></tr>"
                    )
            continue
        v = number(value)
        shown = fmt_metric(v, isinstance(value, int))
        bar = _bar(v, directions.get(name)) if v is not None else ""
        rows.append(
            f'<tr><td>{escape(name)}</td><td class="num">{escape(shown)}</td><td>{bar}</td></tr>'
        )
    return "<table><tr><th>metric</th><th>value</th><th></th></tr>" + "".join(rows) + "</table>"


def _gates(gates: Sequence[GateResult]) -> str:
    if not gates:
        return ""
    rows = "".join(
        f'<tr><td class="{"pass" if g.passed else "fail"}">{"PASS" if g.passed else "FAIL"}</td>'
        f"<td>{escape(g.kind)}</td><td>{escape(g.detail)}</td></tr>"
        for g in gates
    )
    return f"<h2>Gates</h2><table>{rows}</table>"


def render(
    report: Report,
    directions: Mapping[str, Direction],
    gates: Sequence[GateResult] = (),
) -> str:
    """The whole page as one string; every value from the report is HTML-escaped."""
    title = f"{report.suite} eval — {report.dataset}"
    meta = (
        f"provider {report.provider} · model {report.model} · "
        f"{report.created_at} · {len(report.cases)} cases"
    )
    cases = "".join(render_case(report.suite, case) for case in report.cases)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f'<h1>{escape(title)}</h1><p class="meta">{escape(meta)}</p>'
        f"<h2>Summary</h2>{_summary(report.summary, directions)}{_gates(gates)}"
        f"<h2>Cases</h2>{cases}</body></html>\n"
    )


def write_html(
    path: Path,
    report: Report,
    directions: Mapping[str, Direction],
    gates: Sequence[GateResult] = (),
) -> None:
    """Render and write the page atomically."""
    write_atomic(path, render(report, directions, gates))
