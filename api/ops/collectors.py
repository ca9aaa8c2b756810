"""Prometheus collectors evaluated at scrape time: runs from PostgreSQL, the Celery queue in Redis.

A collector that cannot reach its source reports ``devbizops_<source>_scrape_ok 0`` instead of
failing the whole scrape, so HTTP and LLM metrics stay visible while the database is down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import redis
from prometheus_client.core import GaugeHistogramMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from devbizops.db import Database
from devbizops.logging import get_logger
from devbizops.settings import Settings
from memory.repositories import run_stats

log = get_logger(__name__)


def _scrape_ok(source: str, ok: bool) -> GaugeMetricFamily:
    # One family per source: the text format allows each metric name only once per scrape.
    return GaugeMetricFamily(
        f"devbizops_{source}_scrape_ok",
        f"1 when {source} answered the scrape-time queries",
        value=1.0 if ok else 0.0,
    )


class RunsCollector(Collector):
    """Runs by graph and status, queue depth and run durations, read from the runs table."""

    def __init__(self, database: Callable[[], Database | None]) -> None:
        # A getter: the app's database exists only once its lifespan has started.
        self._database = database

    def collect(self) -> Iterator[Metric]:
        db = self._database()
        if db is None:
            return
        try:
            with db.transaction() as session:
                counts = run_stats.counts_by_graph_status(session)
                depth, oldest_age = run_stats.queue(session)
                histograms = run_stats.durations(session)
        except Exception as exc:  # a broken scrape source must not hide the other metrics
            log.warning(
                "metrics_runs_unavailable", error=str(exc).splitlines()[0] if str(exc) else ""
            )
            yield _scrape_ok("postgresql", False)
            return
        yield _scrape_ok("postgresql", True)
        runs = GaugeMetricFamily(
            "devbizops_runs", "Runs in the database by graph and status", labels=["graph", "status"]
        )
        for graph, status, count in counts:
            runs.add_metric([graph, status], count)
        yield runs
        yield GaugeMetricFamily(
            "devbizops_run_queue_depth", "Runs queued and not started yet", value=depth
        )
        yield GaugeMetricFamily(
            "devbizops_run_queue_oldest_age_seconds",
            "Age of the oldest queued run not started yet (0 when none)",
            value=oldest_age,
        )
        yield self._durations(histograms)

    @staticmethod
    def _durations(histograms: list[run_stats.DurationHistogram]) -> Metric:
        family = GaugeHistogramMetricFamily(
            "devbizops_run_duration_seconds",
            "Start-to-finish duration of runs finished in the last 24 h (from the runs table)",
            labels=["graph", "status"],
        )
        for h in histograms:
            buckets = [(_le(bound), float(n)) for bound, n in h.buckets]
            buckets.append(("+Inf", float(h.count)))
            family.add_metric([h.graph, h.status], buckets, gsum_value=h.total_seconds)
        return family


class CeleryQueueCollector(Collector):
    """Length of the Celery broker's Redis list: tasks waiting for a worker."""

    def __init__(self, settings: Settings) -> None:
        # Imported here: Celery is loaded only by apps that use it.
        from api.workers.celery_app import RUNS_QUEUE

        self._url = settings.redis_url
        self._queue = RUNS_QUEUE  # kombu keeps a Redis queue as a list of the same name

    def collect(self) -> Iterator[Metric]:
        client = redis.Redis.from_url(self._url, socket_connect_timeout=2, socket_timeout=2)
        try:
            length = int(client.llen(self._queue))
        except redis.RedisError as exc:
            log.warning("metrics_celery_queue_unavailable", error=str(exc))
            yield _scrape_ok("redis", False)
            return
        finally:
            client.close()
        yield _scrape_ok("redis", True)
        family = GaugeMetricFamily(
            "devbizops_celery_queue_length",
            "Tasks waiting in the Celery broker queue",
            labels=["queue"],
        )
        family.add_metric([self._queue], length)
        yield family


def _le(bound: float) -> str:
    return str(float(bound))
