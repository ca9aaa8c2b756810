"""A worker killed mid-run: another worker resumes the run from its checkpoint, not from scratch."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from api.workers.dispatch import CeleryDispatcher
from devbizops.connectors import ConnectorService
from devbizops.container import Container
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from memory.models import Requirement
from tests.api.workers.conftest import (
    WorkerFactory,
    node_starts,
    run_row,
    transcripts_frozen,
    wait_status,
)
from tests.api.workers.processes import wait_for
from tests.conftest import read_sample
from tools.sandbox.generator import generate
from tools.sandbox.servers import jira
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer

ACME = read_sample("acme_logistics_discovery.txt")
BEFORE_STORE = ("parse", "extract", "ground")
ORG = "test-org"


@pytest.fixture(scope="module")
def jira_server() -> Iterator[LoopbackServer]:
    with jira.serve(generate(seed=7, size=1)) as server:
        yield server


@pytest.fixture
def jira_site(
    settings: Settings, container: Container, jira_server: LoopbackServer
) -> Iterator[JiraSandbox]:
    """The loopback Jira, reset, with a connector to it stored as `connectors add` does."""
    site = jira.sandbox_of(jira_server.app)
    site.reset()
    ConnectorService(container.db, SecretBox.from_settings(settings)).add(
        ORG,
        "jira-sandbox",
        "jira",
        jira_server.base_url,
        {"api_token": jira.DEFAULT_API_TOKEN},
        {"email": jira.DEFAULT_EMAIL, "project": site.store.project_key},
    )
    yield site
    site.reset()


def created_summaries(site: JiraSandbox) -> list[str]:
    """Summaries of the issues clients created on the site, in creation order."""
    keys = [e.issue_key for e in site.store.events if e.kind == "jira:issue_created"]
    return [site.store.get(k).summary for k in keys]  # type: ignore[union-attr]


@pytest.mark.parametrize("victim", ["whole worker", "pool child"])
def test_run_resumes_after_its_worker_is_killed_without_redoing_finished_nodes(
    victim: str,
    container: Container,
    dispatcher: CeleryDispatcher,
    workers: WorkerFactory,
    database_url: str,
) -> None:
    runs, db = container.runs, container.db
    run = runs.create("test-org", "techtranslator", {"transcript": ACME})

    def events() -> list[tuple[str, dict[str, object]]]:
        return [(e.type, e.payload) for e in runs.events(run.id)]

    with transcripts_frozen(database_url):
        first = workers()
        dispatcher.dispatch(run.id)
        # Mid-flight: the first nodes are done (and checkpointed), `store` waits on the lock.
        wait_for("the store node to start", lambda: node_starts(events())["store"] == 1)
        finished = {str(p["node"]) for t, p in events() if t == "node.finished"}
        assert finished == set(BEFORE_STORE)
        assert run_row(db, run.id).status == "running"
        if victim == "whole worker":
            first.kill()  # parent and pool at once: nothing acks, nothing re-queues
            survivor = workers()
        else:
            first.kill_children()  # the parent sees it and re-queues the message
            survivor = first
    done = wait_status(db, run.id, "succeeded", "failed", workers=[first, survivor])

    assert done.status == "succeeded", done.error
    assert done.attempts == 2  # the killed claim, then the one that finished
    starts = node_starts(events())
    assert {node: starts[node] for node in BEFORE_STORE} == dict.fromkeys(BEFORE_STORE, 1)
    assert starts["store"] == 2  # interrupted mid-node, so it ran again (idempotently)
    assert [t for t, _ in events()].count("run.resumed") == 1
    assert done.output is not None
    with db.transaction() as session:
        stored = session.execute(
            select(func.count()).select_from(Requirement).where(Requirement.run_id == run.id)
        ).scalar_one()
    assert stored == len(done.output["requirements"])


def test_worker_killed_while_creating_approved_issues_creates_each_issue_once(
    container: Container,
    dispatcher: CeleryDispatcher,
    workers: WorkerFactory,
    jira_site: JiraSandbox,
) -> None:
    runs, db = container.runs, container.db
    write_back = {"jira_connector": "jira-sandbox", "project": jira_site.store.project_key}
    data = {"transcript": ACME, "account": "Acme Logistics", "write_back": write_back}
    run = runs.create(ORG, "techtranslator", data)

    def events() -> list[tuple[str, dict[str, object]]]:
        return [(e.type, e.payload) for e in runs.events(run.id)]

    first = workers()
    dispatcher.dispatch(run.id)
    assert wait_status(db, run.id, "interrupted", "failed", workers=[first]).status == (
        "interrupted"
    )
    titles = [p["title"] for p in runs.pending(run.id)[0]["proposed"]]
    # Every create answers slowly, so the worker is observably in the middle of the write step.
    jira_site.faults.slow(seconds=2, times=3 * len(titles), path_prefix="/rest/api/3/issue")
    runs.decide(run.id, {"action": "approve"})  # queued again, with the decision recorded
    dispatcher.dispatch(run.id)
    wait_for("the first issue to be created", lambda: len(created_summaries(jira_site)) >= 1)
    before = node_starts(events())
    finished = {str(p["node"]) for t, p in events() if t == "node.finished"}
    first.kill()
    second = workers()
    done = wait_status(db, run.id, "succeeded", "failed", workers=[first, second])

    assert done.status == "succeeded", done.error
    assert Counter(created_summaries(jira_site)) == Counter(titles)  # each exactly once
    assert done.output is not None
    assert [c["title"] for c in done.output["created"]] == titles
    after = node_starts(events())
    assert "write" not in finished and after["write"] == before["write"] + 1
    assert {node: after[node] for node in finished} == {node: before[node] for node in finished}
