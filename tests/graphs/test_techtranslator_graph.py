"""TechTranslator as a LangGraph run: events, stored requirements, grounded quotes."""

from __future__ import annotations

from sqlalchemy import func, select

from devbizops.container import Container
from memory.models import Requirement, Transcript
from tests.conftest import read_sample


def test_run_records_node_events_and_stores_grounded_requirements(container: Container) -> None:
    text = read_sample("acme_logistics_discovery.txt")
    run = container.runs.create(
        "test-org", "techtranslator", {"transcript": text, "account": "Acme"}
    )
    assert run.status == "queued"
    done = container.runs.execute(run.id)
    assert done.status == "succeeded", done.error
    assert done.started_at and done.finished_at and done.finished_at >= done.started_at

    reqs = done.output["requirements"] if done.output else []
    assert len(reqs) >= 3
    normalised = " ".join(text.split()).lower()
    for req in reqs:
        assert req["category"] in {
            "feature",
            "integration",
            "security_compliance",
            "performance",
            "bug",
        }
        assert req["priority"] in {"must", "should", "could"}
        assert req["user_story"].lower().startswith("as a")
        for ev in req["evidence"]:
            assert " ".join(ev["quote"].split()).lower() in normalised

    events = container.runs.events(run.id)
    types = [e.type for e in events]
    assert types[0] == "run.created" and types[1] == "run.started" and types[-1] == "run.succeeded"
    finished = [e.payload["node"] for e in events if e.type == "node.finished"]
    assert finished == ["parse", "extract", "ground", "store"]
    assert [e.seq for e in events] == list(range(1, len(events) + 1))

    with container.db.transaction() as session:
        stored = session.execute(select(func.count()).select_from(Requirement)).scalar_one()
        transcripts = session.execute(select(Transcript.account)).scalars().all()
    assert stored == len(reqs)
    assert transcripts == ["Acme"]


def test_small_talk_call_yields_no_requirements_and_skips_grounding(container: Container) -> None:
    text = read_sample("northwind_smalltalk_checkin.txt")
    run = container.runs.create("test-org", "techtranslator", {"transcript": text})
    done = container.runs.execute(run.id)
    assert done.status == "succeeded"
    assert done.output == {"requirements": [], "dropped": [], "detected_format": "text"}
    nodes = [e.payload["node"] for e in container.runs.events(run.id) if e.type == "node.finished"]
    assert nodes == ["parse", "extract", "store"]


def test_speaker_lists_in_the_request_decide_who_is_the_customer(container: Container) -> None:
    text = (
        "Alex: We need an audit log export before our SOC 2 audit in March.\n"
        "Sam: We can definitely add a mobile app for you next quarter.\n"
    )
    as_given = container.runs.create(
        "test-org",
        "techtranslator",
        {"transcript": text, "customer_speakers": ["Alex"], "internal_speakers": ["Sam"]},
    )
    done = container.runs.execute(as_given.id)
    assert done.status == "succeeded", done.error
    speakers = {ev["speaker"] for r in done.output["requirements"] for ev in r["evidence"]}  # type: ignore[index]
    assert speakers == {"Alex"}

    swapped = container.runs.create(
        "test-org",
        "techtranslator",
        {"transcript": text, "customer_speakers": ["Sam"], "internal_speakers": ["Alex"]},
    )
    done = container.runs.execute(swapped.id)
    titles = " ".join(r["title"] for r in done.output["requirements"]).lower()  # type: ignore[index]
    assert "audit" not in titles
