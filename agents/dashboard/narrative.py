"""The investor narrative: metrics as facts, a templated offline writer, and a number check.

Whatever wrote the narrative, :func:`check_numbers` rejects it when it shows a number that is not
one of the metrics. A number in the text matches a metric when it is the metric rounded to the
decimals shown (half a unit of the last shown digit), provided the rounding keeps at least the
leading digit (0.75 may be "0.8" but not "1"). Accepted renderings:

- plain numbers, with or without thousands separators: 1234567, 1,234,567, 12.5, 0.75;
- a leading minus for negative metrics (net new ARR, bug net): -5, -$5,000;
- percentages, only for rates (metrics ending in ``_rate``): 0.75 → 75%, 75.0%;
- dollar amounts, only for money metrics (names holding ``arr`` or ``mrr`` or ending in
  ``_usd``), optionally scaled: $1,234,567, $1.2M, $1,235k;
- identifiers and dates quoted verbatim from the facts (PROJ-12, 2024-03-31) are not numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from agents.dashboard.schemas import DashboardMetrics
from agents.dashboard.sources_story import source_sentences
from agents.dashboard.wording import count as _count
from agents.dashboard.wording import money as _money
from agents.dashboard.wording import num as _num
from devbizops.errors import LLMOutputError
from tools.llm.base import ProseTask
from tools.llm.numbers import NUMBER, Kind, flatten, invented_numbers

TASK_NAME = "dashboard.narrative"
INSTRUCTIONS = (
    "You write the narrative of an investor dashboard for a B2B software company. Write one "
    "plain paragraph. Every number you mention must be copied from the facts (you may round it "
    "or show a rate as a percentage); never compute, estimate or invent a number, and cite "
    "roadmap keys exactly as given."
)


def flatten_metrics(metrics: DashboardMetrics) -> dict[str, Any]:
    """Metrics as flat ``dotted.key -> value`` facts; list positions count from 1."""
    return flatten(metrics.model_dump(mode="json"))


def narrative_task(metrics: DashboardMetrics) -> ProseTask:
    """The narrative as a prose task whose facts are the flattened metrics."""
    return ProseTask(name=TASK_NAME, instructions=INSTRUCTIONS, facts=flatten_metrics(metrics))


def _group(facts: Mapping[str, Any], prefix: str) -> list[tuple[str, Any]]:
    return [(k.removeprefix(prefix), v) for k, v in facts.items() if k.startswith(prefix)]


def _listing(pairs: list[tuple[str, Any]]) -> str:
    return ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in pairs)


def write_narrative(task: ProseTask) -> str:
    """Offline writer: a templated paragraph built only from the task's facts."""
    f = task.facts
    start, end = f.get("period_start"), f.get("period_end")
    period = f"From {str(start)[:10]} to {str(end)[:10]}, " if start and end else ""
    parts = [
        f"{period}{_count(f['transcripts_count'], 'transcript')} yielded "
        f"{_count(f['requirements_total'], 'requirement')} from "
        f"{_count(f['accounts_with_requirements'], 'account')} (by priority: "
        f"{_listing(_group(f, 'requirements_by_priority.'))}; by category: "
        f"{_listing(_group(f, 'requirements_by_category.'))})."
    ]
    top = [
        f"{key} (score {_num(f[name.removesuffix('.key') + '.score'])})"
        for name, key in f.items()
        if name.startswith("top_roadmap_items.") and name.endswith(".key")
    ]
    roadmap = (
        f"The roadmap ranks {_count(f['roadmap_items_total'], 'item')} with "
        f"{_money(f['roadmap_arr_at_stake'])} of ARR at stake"
    )
    parts.append(roadmap + (f", led by {', '.join(top)}." if top else "."))
    if f["runs_total"]:
        runs = f"Agents recorded {_count(f['runs_total'], 'run')} "
        runs += f"({_listing(_group(f, 'runs_by_status.'))})"
        rate, median = f["run_success_rate"], f["median_run_seconds"]
        if rate is not None:
            runs += f", a success rate of {_num(rate * 100)}% among finished runs"
        if median is not None:
            runs += f", with a median duration of {_num(median)} seconds"
        parts.append(runs + ".")
    else:
        parts.append("No agent runs were recorded.")
    if f.get("source_events_total"):
        parts.append(
            f"The synced timeline holds {_count(f['source_events_total'], 'event')} "
            f"({_listing(_group(f, 'source_events_by_source.'))})."
        )
    return " ".join([*parts, *source_sentences(f)])


def _quoted_strings(facts: Mapping[str, Any]) -> Iterator[str]:
    # Identifiers and dates may be quoted verbatim even when they contain digits.
    for key, value in facts.items():
        if key.startswith("runs_by_status."):
            yield key.removeprefix("runs_by_status.")
        if isinstance(value, str) and not NUMBER.fullmatch(value):
            yield value
            if key.startswith("period_"):
                yield value[:10]


def _kind(key: str) -> Kind:
    name = key.rsplit(".", 1)[-1]
    if key.endswith("_rate"):
        return "rate"
    return "money" if "arr" in name or "mrr" in name or name.endswith("_usd") else "plain"


def check_numbers(text: str, metrics: DashboardMetrics) -> None:
    """Raise LLMOutputError when ``text`` shows a number that is not one of the metrics."""
    facts = flatten_metrics(metrics)
    invented = invented_numbers(text, facts, _kind, _quoted_strings(facts))
    if invented:
        raise LLMOutputError(
            f"narrative shows numbers that are not in the metrics: {', '.join(invented)}",
            details={"invented_numbers": invented},
        )
