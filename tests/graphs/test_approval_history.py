"""Time travel: a run's checkpoints are listed, and replaying one re-runs from there."""

from __future__ import annotations

import pytest

from devbizops.container import Container
from devbizops.errors import NotFound
from tests.conftest import read_sample


def test_history_lists_checkpoints_and_replay_reruns_only_the_later_nodes(
    container: Container,
) -> None:
    runs = container.runs
    run = runs.execute(
        runs.create(
            "test-org", "techtranslator", {"transcript": read_sample("fintrack_escalation.txt")}
        ).id
    )
    assert run.status == "succeeded"
    history = runs.history(run.id)
    assert history[0]["next"] == [] and history[-1]["source"] == "input"
    steps = [c["step"] for c in history]
    assert steps == sorted(steps, reverse=True)
    before_store = next(c for c in history if c["next"] == ["store"])

    replayed = runs.replay(run.id, before_store["checkpoint_id"])
    assert replayed.status == "succeeded" and replayed.output == run.output
    events = runs.events(run.id)
    started = [e.payload["node"] for e in events if e.type == "node.started"]
    assert started.count("store") == 2 and started.count("parse") == 1
    assert [e.payload for e in events if e.type == "run.replayed"] == [
        {"checkpoint_id": before_store["checkpoint_id"]}
    ]
    assert len(runs.history(run.id)) > len(history)


def test_replay_of_an_unknown_checkpoint_is_not_found(container: Container) -> None:
    runs = container.runs
    run = runs.execute(
        runs.create(
            "test-org", "techtranslator", {"transcript": read_sample("fintrack_escalation.txt")}
        ).id
    )
    with pytest.raises(NotFound, match="no checkpoint"):
        runs.replay(run.id, "1f0-not-a-checkpoint")
