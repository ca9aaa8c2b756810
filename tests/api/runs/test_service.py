"""Run creation: validation before any write, idempotency keys, org scoping."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from devbizops.container import Container
from devbizops.errors import Conflict, InvalidInput, NotFound
from memory.models import Run

CALL = "Dana (Acme, CTO): We need SAML single sign-on before we can roll this out.\n"


def _runs(container: Container) -> int:
    with container.db.transaction() as session:
        return int(session.execute(select(func.count()).select_from(Run)).scalar_one())


def test_same_idempotency_key_and_input_return_the_same_run(container: Container) -> None:
    first = container.runs.create("test-org", "techtranslator", {"transcript": CALL}, "k-1")
    again = container.runs.create("test-org", "techtranslator", {"transcript": CALL}, "k-1")
    assert again.id == first.id
    assert _runs(container) == 1


def test_same_key_with_another_input_is_a_conflict(container: Container) -> None:
    container.runs.create("test-org", "techtranslator", {"transcript": CALL}, "k-2")
    with pytest.raises(Conflict, match="k-2"):
        container.runs.create("test-org", "techtranslator", {"transcript": CALL + "x: y\n"}, "k-2")
    assert _runs(container) == 1


def test_keys_are_scoped_per_organization(container: Container) -> None:
    a = container.runs.create("org-a", "techtranslator", {"transcript": CALL}, "shared")
    b = container.runs.create("org-b", "techtranslator", {"transcript": CALL}, "shared")
    assert a.id != b.id
    with pytest.raises(NotFound):
        container.runs.find("org-b", str(a.id))


@pytest.mark.parametrize(
    ("graph", "data", "message"),
    [
        ("techtranslator", {}, "transcript: Field required"),
        ("techtranslator", {"transcript": "no speakers at all here"}, "text transcript"),
        ("techtranslator", {"transcript": CALL, "format": "docx"}, "docx"),
        ("roadmap", {"backlog": [{"title": "x"}]}, "backlog.0.key"),
        ("nope", {}, "unknown graph 'nope'"),
    ],
)
def test_invalid_input_is_refused_before_any_write(
    container: Container, graph: str, data: dict[str, object], message: str
) -> None:
    with pytest.raises((InvalidInput, NotFound), match=message):
        container.runs.create("test-org", graph, data)
    assert _runs(container) == 0


def test_finished_runs_do_not_execute_again(container: Container) -> None:
    run = container.runs.create("test-org", "techtranslator", {"transcript": CALL})
    assert container.runs.execute(run.id).status == "succeeded"
    with pytest.raises(Conflict, match="succeeded"):
        container.runs.execute(run.id)
