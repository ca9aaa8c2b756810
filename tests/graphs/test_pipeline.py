"""The pipeline composes the three agents; the roadmap ranks everything the org has heard."""

from __future__ import annotations

import json

from devbizops.container import Container
from tests.conftest import ROOT, read_sample


def test_pipeline_produces_requirements_roadmap_and_dashboard(container: Container) -> None:
    backlog = json.loads((ROOT / "samples" / "backlog.json").read_text())
    text = read_sample("acme_logistics_discovery.txt")
    run = container.runs.create(
        "test-org", "pipeline", {"transcript": text, "account": "Acme", "backlog": backlog}
    )
    done = container.runs.execute(run.id)
    assert done.status == "succeeded", done.error
    out = done.output or {}
    reqs, items, metrics = out["requirements"], out["roadmap"]["items"], out["metrics"]

    assert reqs
    assert [i["rank"] for i in items] == list(range(1, len(items) + 1))
    scores = [i["rice"]["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    assert {b["key"] for b in backlog} <= {i["key"] for i in items}
    for item in items:
        rice = item["rice"]
        product = rice["reach"] * rice["impact"] * rice["confidence"] / rice["effort"]
        # Components and score are each rounded to 4 places.
        assert abs(product - rice["score"]) < 1e-3
    assert metrics["requirements_total"] == len(reqs)
    assert metrics["roadmap_items_total"] == len(items)
    assert out["narrative"]

    nodes = [e.payload["node"] for e in container.runs.events(run.id) if e.type == "node.finished"]
    assert nodes[:4] == [
        "techtranslator/parse",
        "techtranslator/extract",
        "techtranslator/ground",
        "techtranslator/store",
    ]
    assert nodes[-1] == "dashboard"


def test_second_call_from_another_account_raises_reach(container: Container) -> None:
    text = read_sample("acme_logistics_discovery.txt")
    for account in ("Acme", "Globex"):
        run = container.runs.create(
            "test-org", "techtranslator", {"transcript": text, "account": account}
        )
        assert container.runs.execute(run.id).status == "succeeded"
    roadmap = container.runs.create("test-org", "roadmap", {})
    done = container.runs.execute(roadmap.id)
    assert done.status == "succeeded"
    items = done.output["roadmap"]["items"]  # type: ignore[index]
    assert items and all(i["accounts"] == ["Acme", "Globex"] for i in items)
