"""``devbizops eval``: run a dataset through an agent, gate the scores, compare two reports."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from devbizops.errors import ConfigurationError, InvalidInput
from devbizops.llm import language_model
from devbizops.settings import get_settings
from evals.compare import compare_summaries, comparison_table, summary_table
from evals.gates import (
    DEFAULT_TOLERANCE,
    GateResult,
    check_regressions,
    check_thresholds,
    parse_thresholds,
)
from evals.report_html import write_html
from evals.report_json import Report, read_report, write_report
from evals.suites.base import Suite, evaluate
from evals.suites.registry import detect_suite, get_suite

eval_app = typer.Typer(
    help="Score the agents on datasets, gate on thresholds and baselines, compare reports.",
    no_args_is_help=True,
)


class ProviderChoice(StrEnum):
    """LLM providers selectable on the command line."""

    offline = "offline"
    openai = "openai"


class SuiteChoice(StrEnum):
    """Suites selectable on the command line."""

    techtranslator = "techtranslator"
    roadmap = "roadmap"
    dashboard = "dashboard"


def _usage_error(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _baseline(path: Path | None, suite: Suite[Any, Any], dataset: Path) -> Report | None:
    if path is None:
        return None
    base = read_report(path)
    if base.suite != suite.name:
        raise InvalidInput(f"{path}: baseline is a {base.suite} report, not {suite.name}")
    if base.dataset != dataset.as_posix():
        typer.echo(f"warning: baseline {path} was measured on {base.dataset}", err=True)
    return base


def _print_gates(console: Console, gates: list[GateResult]) -> None:
    held = [g for g in gates if g.kind == "regression" and g.passed]
    for g in gates:
        if g not in held:
            mark = "[green]PASS[/]" if g.passed else "[bold red]FAIL[/]"
            console.print(f"{mark} {g.kind}: {g.detail}")
    if held:
        console.print(f"[green]PASS[/] {len(held)} metrics hold against the baseline")


@eval_app.command("run")
def run(
    dataset: Annotated[Path, typer.Argument(help="JSONL dataset, one case per line")],
    provider: Annotated[
        ProviderChoice | None, typer.Option(help="LLM provider (default: from settings)")
    ] = None,
    model: Annotated[str | None, typer.Option(help="model name for --provider openai")] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="cases run in parallel")] = 4,
    report: Annotated[Path | None, typer.Option(help="write the JSON report here")] = None,
    html: Annotated[Path | None, typer.Option(help="write the HTML report here")] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="JSON report to gate regressions against")
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option("--fail-under", help="gate as metric=value; repeat or comma-separate"),
    ] = None,
    tolerance: Annotated[
        float, typer.Option(min=0.0, help="allowed absolute drop against the baseline")
    ] = DEFAULT_TOLERANCE,
    suite: Annotated[
        SuiteChoice | None, typer.Option(help="override the suite detected from the dataset")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="bypass the LLM cache")] = False,
) -> None:
    """Run a dataset; exit 0 when every gate passes, 1 when one fails, 2 on bad input."""
    try:
        chosen = get_suite(suite.value if suite else detect_suite(dataset))
        cases = chosen.load(dataset)
        thresholds = parse_thresholds(fail_under or [], chosen.directions)
        base = _baseline(baseline, chosen, dataset)
        llm = language_model(
            get_settings(),
            provider=provider.value if provider else None,
            model=model,
            use_cache=not no_cache,
        )
    except (InvalidInput, ConfigurationError) as exc:
        raise _usage_error(exc.message) from None

    try:
        summary, results = evaluate(chosen, cases, llm, concurrency=concurrency)
    finally:
        close = getattr(llm, "close", None)  # the openai provider holds an HTTP connection pool
        if callable(close):
            close()
    result = Report(
        suite=chosen.name,
        dataset=dataset.as_posix(),
        provider=llm.provider,
        model=llm.model,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        summary=summary,
        cases=[r.model_dump(mode="json") for r in results],
    )
    gates = check_thresholds(summary, thresholds, chosen.directions)
    if base is not None:
        gates += check_regressions(
            summary, base.summary, chosen.directions, chosen.gated, tolerance
        )
    try:
        if report is not None:
            write_report(report, result)
        if html is not None:
            write_html(html, result, chosen.directions, gates)
    except OSError as exc:
        raise _usage_error(f"cannot write the report: {exc}") from None

    console = Console()
    title, caption = dataset.name, f"{chosen.name} · {llm.provider}/{llm.model}"
    if base is not None:
        rows = compare_summaries(base.summary, summary, chosen.directions, chosen.gated, tolerance)
        console.print(comparison_table(rows, "baseline", "this run", title, caption))
    else:
        console.print(summary_table(summary, title, caption))
    _print_gates(console, gates)
    failed = [g for g in gates if not g.passed]
    if failed:
        typer.echo(
            f"{len(failed)} gate(s) failed: " + "; ".join(g.detail for g in failed), err=True
        )
        raise typer.Exit(1)


@eval_app.command("compare")
def compare(
    a: Annotated[Path, typer.Argument(help="the reference report (e.g. the baseline)")],
    b: Annotated[Path, typer.Argument(help="the new report")],
    tolerance: Annotated[
        float, typer.Option(min=0.0, help="allowed absolute drop before B counts as a regression")
    ] = DEFAULT_TOLERANCE,
) -> None:
    """Show metric deltas from A to B; exit 1 when B regresses beyond the tolerance."""
    try:
        first, second = read_report(a), read_report(b)
        if first.suite != second.suite:
            raise InvalidInput(f"cannot compare a {first.suite} report with a {second.suite} one")
        chosen = get_suite(first.suite) if first.suite in SuiteChoice.__members__ else None
        if chosen is None:
            raise InvalidInput(f"{a}: unknown suite {first.suite!r}")
    except InvalidInput as exc:
        raise _usage_error(exc.message) from None
    rows = compare_summaries(
        first.summary, second.summary, chosen.directions, chosen.gated, tolerance
    )
    Console().print(comparison_table(rows, a.name, b.name, f"{chosen.name}: {a.name} → {b.name}"))
    regressed = [r.metric for r in rows if r.verdict == "regressed"]
    if regressed:
        typer.echo(f"regressed beyond {tolerance:g}: {', '.join(regressed)}", err=True)
        raise typer.Exit(1)
