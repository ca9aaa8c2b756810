"""/metrics: request latency by route template, run metrics read from PostgreSQL, queue depth."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import redis
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from api.workers.celery_app import RUNS_QUEUE
from devbizops.db import Database
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository
from tests.api.conftest import KeyFactory
from tests.api.ops.conftest import PROBE_ROUTE, REDIS_DB, ClientFactory

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(client: TestClient) -> Samples:
    """Every sample of ``/metrics`` keyed by (name, labels)."""
    answer = client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(answer.text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def test_request_latency_is_labelled_by_route_template_not_path(
    probe_client: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers("viewer")
    probe_client.get("/_probe/runs/run-0001", headers=headers)
    probe_client.get("/_probe/runs/run-0002", headers=headers)
    probe_client.get("/_probe/runs/run-0003")  # no credentials: 401
    probe_client.get("/no/such/page-42")
    probe_client.get("/healthz")

    samples = scrape(probe_client)

    routes = {dict(labels).get("route") for (name, labels) in samples if "http_request" in name}
    assert routes == {PROBE_ROUTE, "<unmatched>"}  # no raw paths; probes and scrapes stay out
    count = "devbizops_http_request_duration_seconds_count"
    assert value(samples, count, method="GET", route=PROBE_ROUTE, status="200") == 2.0
    assert value(samples, count, method="GET", route=PROBE_ROUTE, status="401") == 1.0
    assert value(samples, count, method="GET", route="<unmatched>", status="404") == 1.0


def test_runs_by_graph_and_status_queue_depth_and_durations_come_from_the_database(
    api: TestClient, db: Database
) -> None:
    now = datetime.now(UTC)
    with db.transaction() as session:
        org = OrgRepository(session).ensure("metrics-org")
        runs = RunRepository(session)
        for _ in range(3):
            runs.create(org, "techtranslator", {})
        running, _ = runs.create(org, "roadmap", {})
        runs.mark(running.id, "running")
        for seconds in (0.5, 40.0):
            done, _ = runs.create(org, "roadmap", {})
            runs.mark(
                done.id,
                "succeeded",
                started_at=now - timedelta(seconds=seconds),
                finished_at=now,
            )
        old, _ = runs.create(org, "roadmap", {})  # finished two days ago: outside the window
        runs.mark(
            old.id,
            "failed",
            started_at=now - timedelta(days=2),
            finished_at=now - timedelta(days=2),
        )

    samples = scrape(api)

    assert value(samples, "devbizops_runs", graph="techtranslator", status="queued") == 3
    assert value(samples, "devbizops_runs", graph="roadmap", status="running") == 1
    assert value(samples, "devbizops_runs", graph="roadmap", status="succeeded") == 2
    assert value(samples, "devbizops_runs", graph="roadmap", status="failed") == 1
    assert value(samples, "devbizops_run_queue_depth") == 3
    assert value(samples, "devbizops_postgresql_scrape_ok") == 1
    bucket = "devbizops_run_duration_seconds_bucket"
    ok = {"graph": "roadmap", "status": "succeeded"}
    assert value(samples, bucket, le="1.0", **ok) == 1
    assert value(samples, bucket, le="30.0", **ok) == 1
    assert value(samples, bucket, le="60.0", **ok) == 2
    assert value(samples, bucket, le="+Inf", **ok) == 2
    assert value(samples, bucket, le="+Inf", graph="roadmap", status="failed") is None


def test_metrics_still_serve_when_postgresql_is_down(client_with: ClientFactory) -> None:
    client = client_with(database_url="postgresql://postgres@127.0.0.1:1/nowhere")
    client.get("/no/such/page")

    samples = scrape(client)

    assert value(samples, "devbizops_postgresql_scrape_ok") == 0
    assert value(samples, "devbizops_run_queue_depth") is None
    count = "devbizops_http_request_duration_seconds_count"
    assert value(samples, count, method="GET", route="<unmatched>", status="404") == 1.0


def test_celery_executor_reports_the_broker_queue_length(client_with: ClientFactory) -> None:
    broker = redis.Redis.from_url(REDIS_DB)
    try:
        broker.delete(RUNS_QUEUE)
        broker.rpush(RUNS_QUEUE, "task-1", "task-2")
        samples = scrape(client_with(executor="celery", redis_url=REDIS_DB))
    finally:
        broker.delete(RUNS_QUEUE)
        broker.close()

    assert value(samples, "devbizops_celery_queue_length", queue=RUNS_QUEUE) == 2
    assert value(samples, "devbizops_redis_scrape_ok") == 1


def test_each_app_has_its_own_latency_histogram(client_with: ClientFactory) -> None:
    first, second = client_with(), client_with()
    first.get("/no/such/page")

    count = "devbizops_http_request_duration_seconds_count"
    labels = {"method": "GET", "route": "<unmatched>", "status": "404"}
    assert value(scrape(first), count, **labels) == 1.0
    assert value(scrape(second), count, **labels) is None
