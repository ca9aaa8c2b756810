"""The Monte Carlo forecast is seeded, ordered, fast, and honest about missing throughput."""

from __future__ import annotations

import time
from datetime import date

import pytest
from pydantic import ValidationError

from agents.roadmap import build_roadmap
from agents.roadmap.delivery import WeekThroughput, apply_forecast
from agents.roadmap.forecast import quarter_end, simulate, week_end, weeks_until
from agents.roadmap.ranking import rank
from agents.roadmap.rationale import write_rationale
from agents.roadmap.schemas import BacklogItem, RiceWeights, RoadmapInput
from graphs.roadmap.state import RoadmapRequest
from tools.llm.offline_provider import OfflineModel

NOISY = [12.0, 0.0, 20.0, 15.0, 8.0, 31.0, 5.0, 0.0, 14.0, 9.0, 11.0, 25.0]
START = date(2026, 12, 1)  # a Tuesday; the quarter ends 2026-12-31, four whole weeks later


def _history(points: list[float], items: int = 3) -> list[WeekThroughput]:
    return [WeekThroughput(week=date(2026, 9, 7), points=p, items=items) for p in points]


def _backlog(points: list[float]) -> RoadmapInput:
    return RoadmapInput(
        backlog=[
            BacklogItem(key=f"PROJ-{n}", title=f"Item {n}", story_points=p, priority="must")
            for n, p in enumerate(points, start=1)
        ]
    )


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (date(2026, 11, 25), date(2026, 12, 31)),
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 3, 31)),
        (date(2026, 5, 15), date(2026, 6, 30)),
        (date(2026, 9, 30), date(2026, 9, 30)),
    ],
)
def test_quarter_end_is_the_last_day_of_the_calendar_quarter(day: date, end: date) -> None:
    assert quarter_end(day) == end


def test_constant_throughput_completes_items_in_exact_weeks() -> None:
    weeks = simulate(
        [10, 5, 5, 20, 20], [10.0], within_weeks=weeks_until(START, date(2026, 12, 31))
    )
    # cumulative need 10, 15, 20, 40, 60 at 10 a week → weeks 1, 2, 2, 4, 6
    assert [(w.p50_week, w.p85_week) for w in weeks] == [(1, 1), (2, 2), (2, 2), (4, 4), (6, 6)]
    assert [w.weeks_within for w in weeks] == [10_000, 10_000, 10_000, 10_000, 0]
    assert week_end(START, 4) == date(2026, 12, 28)


def test_same_seed_gives_the_same_forecast_and_another_seed_does_not() -> None:
    sizes = [5.0] * 30
    first = simulate(sizes, NOISY, within_weeks=8, seed=7)
    assert simulate(sizes, NOISY, within_weeks=8, seed=7) == first
    assert simulate(sizes, NOISY, within_weeks=8, seed=8) != first


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_p50_never_exceeds_p85_and_completion_is_monotone_in_rank_order(seed: int) -> None:
    weeks = simulate([3.0, 13.0, 1.0, 8.0, 5.0, 21.0, 2.0] * 3, NOISY, within_weeks=6, seed=seed)
    p50s = [w.p50_week or 0 for w in weeks]
    p85s = [w.p85_week or 0 for w in weeks]
    assert all(a <= b for a, b in zip(p50s, p85s, strict=True))
    assert p50s == sorted(p50s) and p85s == sorted(p85s)
    assert [w.weeks_within for w in weeks] == sorted((w.weeks_within for w in weeks), reverse=True)
    assert p85s[-1] > p50s[0]  # noisy throughput spreads the dates


def test_thirty_items_ten_thousand_trials_run_well_under_a_second() -> None:
    started = time.perf_counter()
    simulate([8.0] * 30, NOISY, within_weeks=4, trials=10_000)
    assert time.perf_counter() - started < 1.0


def test_zero_throughput_is_a_clear_error_for_the_simulation() -> None:
    with pytest.raises(ValueError, match="no throughput history"):
        simulate([5.0], [0.0, 0.0], within_weeks=4)
    with pytest.raises(ValueError, match="no throughput history"):
        simulate([5.0], [], within_weeks=4)


def test_zero_throughput_leaves_every_item_undated_and_unfit() -> None:
    items, summary = apply_forecast(
        rank(_backlog([3, 5])), _history([0, 0], items=0), START, RiceWeights()
    )
    assert summary.status == "no_throughput" and summary.items_fitting_quarter == 0
    assert all(i.forecast and not i.forecast.fits_quarter for i in items)
    assert all(i.forecast and i.forecast.p50_date is None for i in items)


def test_items_that_cannot_fit_the_quarter_are_flagged() -> None:
    items, summary = apply_forecast(
        rank(_backlog([10, 10, 20, 20])), _history([10.0] * 12), START, RiceWeights()
    )
    forecasts = [(i.key, i.forecast.p85_date, i.forecast.fits_quarter) for i in items if i.forecast]
    # needs 10, 20, 40, 60 at 10 a week → weeks 1, 2, 4, 6; week 4 ends 2026-12-28
    assert forecasts == [
        ("PROJ-1", "2026-12-07", True),
        ("PROJ-2", "2026-12-14", True),
        ("PROJ-3", "2026-12-28", True),
        ("PROJ-4", "2027-01-11", False),
    ]
    assert (summary.quarter_end, summary.unit, summary.items_fitting_quarter) == (
        "2026-12-31",
        "points",
        3,
    )


def test_without_completed_points_the_forecast_counts_items() -> None:
    items, summary = apply_forecast(
        rank(_backlog([3, 5, 8])), _history([0.0] * 4, items=2), START, RiceWeights()
    )
    assert summary.unit == "items"
    assert [i.forecast.p50_week for i in items if i.forecast] == [1, 1, 2]


def test_unpointed_items_are_sized_from_their_effort_in_points() -> None:
    data = RoadmapInput(
        backlog=[BacklogItem(key="PROJ-1", title="Integrate SAP", category="integration")]
    )
    items, _ = apply_forecast(rank(data), _history([10.0]), START, RiceWeights())
    # integration: 3 person-weeks × 5 points per week
    assert items[0].forecast is not None and items[0].forecast.size == 15


def test_offline_rationale_cites_forecast_dates_and_passes_the_numbers_check() -> None:
    llm = OfflineModel(extractors={}, writers={"roadmap.rationale": write_rationale})
    roadmap = build_roadmap(
        _backlog([10, 10, 20, 20]).model_copy(update={"method": "wsjf"}),
        llm,
        history=_history([10.0] * 12),
        start=START,
    )
    assert roadmap.method == "wsjf" and roadmap.forecast is not None
    assert "by WSJF" in roadmap.rationale
    assert "PROJ-1 is forecast for 2026-12-07 (P50) to 2026-12-07 (P85)" in roadmap.rationale
    assert "3 of 4 items fit the quarter ending 2026-12-31 at P85" in roadmap.rationale
    assert "10,000 simulated trials" in roadmap.rationale


def test_request_demands_at_least_ten_thousand_trials() -> None:
    with pytest.raises(ValidationError, match="trials"):
        RoadmapRequest(trials=1_000)
    with pytest.raises(ValidationError, match="method"):
        RoadmapRequest.model_validate({"method": "moscow"})
