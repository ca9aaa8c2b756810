"""The per-case drill-down of the HTML report (TechTranslator in detail, others generically)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _status(case: Mapping[str, Any], ok: bool) -> str:
    if case.get("crashed"):
        return '<span class="badge bad">crashed</span>'
    if case.get("error"):
        return '<span class="badge warn">error</span>'
    return '<span class="badge ok">ok</span>' if ok else '<span class="badge bad">misses</span>'


def _evidence(ev: Mapping[str, Any]) -> str:
    quote = f"“{_e(ev.get('quote'))}” — {_e(ev.get('speaker'))}"
    excerpt = ev.get("excerpt")
    if not excerpt:
        return f'<li><span class="badge bad">not in transcript</span> {quote}</li>'
    context = (
        f"{_e(excerpt.get('before'))}<mark>{_e(excerpt.get('match'))}</mark>"
        f"{_e(excerpt.get('after'))}"
    )
    return (
        f'<li><span class="badge ok">grounded</span> {quote}'
        f"<blockquote><b>{_e(excerpt.get('source'))}:</b> {context}</blockquote></li>"
    )


def _prediction(p: Mapping[str, Any]) -> str:
    if p.get("matched_gold"):
        verdict = (
            f'<span class="badge ok">matches {_e(p["matched_gold"])} via '
            f"“{_e(p.get('matched_term'))}”</span>"
        )
        flags = [
            f"category {'✓' if p.get('category_ok') else '✗'}",
            f"priority {'✓' if p.get('priority_ok') else '✗'}",
        ]
        verdict += f" <span class='muted'>{_e(', '.join(flags))}</span>"
    else:
        verdict = f'<span class="badge bad">unmatched</span> {_e(p.get("reason"))}'
    if p.get("forbidden_terms"):
        verdict += (
            f' <span class="badge bad">forbidden: {_e(", ".join(p["forbidden_terms"]))}</span>'
        )
    criteria = "".join(f"<li>{_e(c)}</li>" for c in p.get("acceptance_criteria", []))
    evidence = "".join(_evidence(ev) for ev in p.get("evidence", []))
    return (
        f"<h4>{_e(p.get('label'))}: {_e(p.get('title'))} "
        f"<span class='muted'>[{_e(p.get('category'))}, {_e(p.get('priority'))}]</span></h4>"
        f"<p>{verdict}</p><p>{_e(p.get('user_story'))}</p><ul>{criteria}</ul>"
        f"<p class='muted'>Evidence</p><ul>{evidence}</ul>"
    )


def _gold_table(gold: list[Mapping[str, Any]]) -> str:
    rows = "".join(
        f"<tr><td>{_e(g.get('label'))}</td><td>{_e(', '.join(g.get('any_of', [])))}</td>"
        f"<td>{_e(g.get('category'))}</td><td>{_e(g.get('priority'))}</td>"
        f"<td>{_e(g.get('matched_prediction') or '—')}</td>"
        f"<td>{_e(g.get('reason') or '')}</td></tr>"
        for g in gold
    )
    head = "<tr><th>gold</th><th>any of</th><th>category</th><th>priority</th>"
    return f"<table>{head}<th>matched</th><th>why not</th></tr>{rows}</table>"


def _translator(case: Mapping[str, Any]) -> str:
    metrics = case.get("metrics", {})
    counts = case.get("counts", {})
    ok = counts.get("matched") == counts.get("gold") == counts.get("predicted")
    shown = ", ".join(f"{k} {v:.2f}" for k, v in metrics.items() if isinstance(v, int | float))
    head = f"{_e(case.get('id'))} {_status(case, ok)} <span class='muted'>{_e(shown)}</span>"
    error = f"<p class='fail'>{_e(case['error'])}</p>" if case.get("error") else ""
    preds = "".join(_prediction(p) for p in case.get("predictions", []))
    dropped = "".join(
        f"<li>{_e(d.get('title'))} — <span class='muted'>{_e(d.get('reason'))}</span></li>"
        for d in case.get("dropped", [])
    )
    dropped_block = (
        f"<h4>Dropped by the agent's grounding</h4><ul>{dropped}</ul>" if dropped else ""
    )
    return (
        f"<details><summary>{head}</summary>{error}"
        f"<p class='muted'>{_e(case.get('transcript_file'))} · format {_e(case.get('format'))}"
        f" · latency {_e(case.get('latency_ms'))} ms</p>"
        f"<h4>Gold</h4>{_gold_table(case.get('gold', []))}"
        f"<h4>Predictions</h4>{preds or '<p class=muted>none</p>'}{dropped_block}</details>"
    )


def _checks_table(checks: list[Mapping[str, Any]]) -> str:
    rows = "".join(
        f"<tr><td class='{'pass' if c.get('ok') else 'fail'}'>{'✓' if c.get('ok') else '✗'}</td>"
        f"<td>{_e(c.get('name') or c.get('metric'))}</td><td>{_e(c.get('detail') or '')}</td></tr>"
        for c in checks
    )
    return f"<table>{rows}</table>" if rows else ""


def _generic(case: Mapping[str, Any]) -> str:
    checks = [c for c in case.get("checks", []) if isinstance(c, Mapping)]
    ok = not case.get("error") and all(c.get("ok") for c in checks)
    body = escape(json.dumps(case, indent=2, ensure_ascii=False))
    error = f"<p class='fail'>{_e(case['error'])}</p>" if case.get("error") else ""
    head = f"{_e(case.get('id'))} {_status(case, ok)}"
    return (
        f"<details><summary>{head}</summary>{error}{_checks_table(checks)}"
        f"<details><summary>raw record</summary><pre>{body}</pre></details></details>"
    )


def render_case(suite: str, case: Mapping[str, Any]) -> str:
    """One case as a collapsible block."""
    return _translator(case) if suite == "techtranslator" else _generic(case)
