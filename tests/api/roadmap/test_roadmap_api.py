"""``/v1/roadmap``: the latest roadmap with breakdown and forecast; the org's weights."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from devbizops.container import Container
from devbizops.db import Database
from memory.repositories.audit import AuditRepository
from memory.repositories.orgs import OrgRepository
from tests.api.conftest import KeyFactory
from tests.conftest import read_sample

START = date(2026, 1, 5)
BACKLOG = [
    {"key": "OPS-1", "title": "Bulk import of shipments", "category": "feature", "story_points": 8},
    {"key": "OPS-2", "title": "Fix invoice rounding", "category": "bug", "story_points": 2},
]
THROUGHPUT = [
    {"week": (START - timedelta(weeks=w)).isoformat(), "points": 6 + w % 3, "items": 2}
    for w in range(1, 9)
]


def make_roadmap(container: Container, org: str) -> str:
    """A TechTranslator run then a roadmap run for ``org``; the roadmap run's id."""
    runs = container.runs
    call = runs.create(
        org,
        "techtranslator",
        {"transcript": read_sample("acme_logistics_discovery.txt"), "account": "Acme Logistics"},
    )
    assert runs.execute(call.id).status == "succeeded"
    request = {"backlog": BACKLOG, "throughput": THROUGHPUT, "start": START.isoformat()}
    roadmap = runs.create(org, "roadmap", request)
    done = runs.execute(roadmap.id)
    assert done.status == "succeeded", done.error
    return str(roadmap.id)


def test_latest_roadmap_in_rank_order_with_breakdown_and_forecast(
    api: TestClient, auth_headers: KeyFactory, container: Container
) -> None:
    viewer = auth_headers("viewer")
    before = api.get("/v1/roadmap", headers=viewer)
    assert before.status_code == 404 and before.json()["error"]["code"] == "no_roadmap"

    run_id = make_roadmap(container, "acme")
    answer = api.get("/v1/roadmap", headers=viewer)
    assert answer.status_code == 200, answer.text
    roadmap = answer.json()
    assert roadmap["run_id"] == run_id and roadmap["method"] == "rice"
    items = roadmap["items"]
    assert [i["rank"] for i in items] == list(range(1, len(items) + 1))
    assert {"OPS-1", "OPS-2"} <= {i["key"] for i in items}
    assert any(i["source"] == "requirement" for i in items)
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    for item in items:
        rice = item["score_breakdown"]["rice"]
        assert item["score"] == rice["score"]
        assert {"reach", "impact", "confidence", "effort"} <= set(rice)
        forecast = item["forecast"]
        assert forecast["p50_week"] <= forecast["p85_week"]
        assert date.fromisoformat(forecast["p50_date"]) > START
    requested = [i for i in items if i["source"] == "requirement"]
    assert all(i["accounts"] == ["Acme Logistics"] for i in requested)

    other = api.get("/v1/roadmap", headers=auth_headers("owner", org="globex"))
    assert other.status_code == 404


def test_weights_are_validated_stored_per_org_audited_and_reset(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    engineer = auth_headers("engineer")
    defaults = api.get("/v1/roadmap/weights", headers=engineer).json()
    assert defaults["rice"]["points_per_week"] == 5

    changed = api.put(
        "/v1/roadmap/weights", json={"rice": {"points_per_week": 8}}, headers=engineer
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["rice"]["points_per_week"] == 8
    assert changed.json()["wsjf"] == defaults["wsjf"]
    shown = api.get("/v1/roadmap/weights", headers=auth_headers("viewer")).json()
    assert shown["rice"]["points_per_week"] == 8
    globex = api.get("/v1/roadmap/weights", headers=auth_headers("owner", org="globex")).json()
    assert globex == defaults

    bad = api.put("/v1/roadmap/weights", json={"rice": {"points_per_week": -1}}, headers=engineer)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"]["fields"][0]["loc"] == ["rice", "points_per_week"]
    table = api.put(
        "/v1/roadmap/weights", json={"wsjf": {"priority_value": {"must": 3}}}, headers=engineer
    )
    assert table.status_code == 422 and "priority_value" in table.json()["error"]["message"]
    typo = api.put("/v1/roadmap/weights", json={"rice": {"points_per_wek": 8}}, headers=engineer)
    assert typo.status_code == 422 and "points_per_wek" in typo.json()["error"]["message"]
    refused = api.put("/v1/roadmap/weights", json={"rice": {}}, headers=auth_headers("viewer"))
    assert refused.status_code == 403

    reset = api.delete("/v1/roadmap/weights", headers=engineer)
    assert reset.status_code == 200 and reset.json() == defaults
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure("acme")
        actions = [r.action for r in AuditRepository(session).list(org_id)]
    assert actions == ["roadmap.weights.reset", "roadmap.weights.set"]
