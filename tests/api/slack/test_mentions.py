"""A transcript pasted in a mention becomes one run, answered once in the message's thread."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from devbizops.db import Database
from tests.api.slack.conftest import PUBLIC_URL, Post, slack_escape
from tests.api.slack.support import slack_requests, slack_runs
from tests.conftest import read_sample
from tests.support.waiting import wait_for
from tools.sandbox.servers.slack import SlackSandbox

CHANNEL = "C0SALES"


def mention(text: str, ts: str, **extra: str) -> dict[str, str]:
    return {
        "type": "app_mention",
        "user": "U0ALICE",
        "text": f"<@U0DEVBOT> {slack_escape(text)}",
        "ts": ts,
        "channel": CHANNEL,
        "event_ts": ts,
        "team": "T0SANDBOX",
        **extra,
    }


def test_a_mentioned_transcript_runs_once_and_the_summary_lands_in_the_thread(
    bot: TestClient,
    post_event: Post,
    drain: Callable[[], None],
    workspace: SlackSandbox,
    db: Database,
) -> None:
    ts = "1764000000.000100"
    event = mention(read_sample("acme_logistics_discovery.txt"), ts)
    workspace.faults.rate_limit(retry_after=0, path_prefix="/api/chat.postMessage")
    assert post_event(event, "Ev0MENTION1").status_code == 200

    replies = wait_for(lambda: workspace.replies_in(CHANNEL, ts), "the reply in the thread")
    [run] = slack_runs(db)
    assert run.status == "succeeded"
    assert run.created_by == "slack:U0ALICE"
    requirements = run.output["requirements"]  # type: ignore[index]
    assert len(replies) == 1
    assert workspace.faults.injected == 1  # the first post got 429 + Retry-After, then went out
    text = replies[0]["text"]
    assert f"*{len(requirements)} requirements*" in text
    for item in requirements:
        assert f"*{item['title']}* — {item['priority']}, {item['category']}" in text
    assert f"{PUBLIC_URL}/v1/runs/{run.id}" in text
    [request] = slack_requests(db)
    assert (request.run_id, request.thread_ts) == (run.id, ts)
    assert request.replied_at is not None

    # Slack thinks we missed it and delivers the same event again: nothing new happens.
    assert post_event(event, "Ev0MENTION1", retry=1).status_code == 200
    # The same message also arrives as a plain channel message event: still one run.
    as_message = {**event, "type": "message", "channel_type": "channel"}
    assert post_event(as_message, "Ev0MSG1").status_code == 200
    drain()
    assert len(slack_runs(db)) == 1
    assert len(workspace.replies_in(CHANNEL, ts)) == 1


def test_a_retry_that_races_the_first_delivery_starts_no_second_run(
    bot: TestClient,
    post_event: Post,
    drain: Callable[[], None],
    workspace: SlackSandbox,
    db: Database,
) -> None:
    ts = "1764000000.000300"
    event = mention(read_sample("fintrack_escalation.txt"), ts)
    # The retry arrives before the first delivery's run finished (and maybe before it was stored).
    post_event(event, "Ev0RACE")
    post_event(event, "Ev0RACE", retry=1)
    post_event(event, "Ev0RACE", retry=2)
    drain()
    assert len(slack_runs(db)) == 1
    wait_for(lambda: workspace.replies_in(CHANNEL, ts), "the reply")
    assert len(workspace.replies_in(CHANNEL, ts)) == 1


def test_a_mention_without_a_transcript_gets_help_and_no_run(
    bot: TestClient,
    post_event: Post,
    drain: Callable[[], None],
    workspace: SlackSandbox,
    db: Database,
) -> None:
    ts = "1764000000.000400"
    event = mention("can you look at the call from yesterday?", ts)
    post_event(event, "Ev0HELP")
    [reply] = wait_for(lambda: workspace.replies_in(CHANNEL, ts), "the help reply")
    assert "I turn sales-call transcripts into technical requirements" in reply["text"]
    assert "/devbizops translate" in reply["text"]
    post_event(event, "Ev0HELP", retry=1)
    post_event(mention("Marcus: hi", "1764000000.000500"), "Ev0HELP2")  # one turn: no call
    drain()
    assert len(workspace.replies_in(CHANNEL, "1764000000.000500")) == 1
    assert slack_runs(db) == []
    assert len(workspace.replies_in(CHANNEL, ts)) == 1


def test_a_direct_message_with_a_transcript_is_translated(
    bot: TestClient,
    post_event: Post,
    drain: Callable[[], None],
    workspace: SlackSandbox,
    db: Database,
) -> None:
    workspace.channels.add("D0ALICE")
    ts = "1764000000.000600"
    event = {
        "type": "message",
        "channel_type": "im",
        "user": "U0ALICE",
        "text": "```\n" + slack_escape(read_sample("brightpath_health_renewal.txt")) + "\n```",
        "ts": ts,
        "channel": "D0ALICE",
        "event_ts": ts,
    }
    post_event(event, "Ev0DM")
    [reply] = wait_for(lambda: workspace.replies_in("D0ALICE", ts), "the reply to the DM")
    [run] = slack_runs(db)
    assert run.input["transcript"] == read_sample("brightpath_health_renewal.txt").strip()
    assert f"/v1/runs/{run.id}" in reply["text"]


def test_a_mention_in_the_thread_of_a_pasted_transcript_translates_that_transcript(
    bot: TestClient, post_event: Post, workspace: SlackSandbox, db: Database
) -> None:
    transcript = read_sample("acme_logistics_discovery.txt")
    parent = workspace.add_message(CHANNEL, slack_escape(transcript))
    ts = workspace.next_ts()
    post_event(mention("can you translate this one?", ts, thread_ts=parent["ts"]), "Ev0THREAD")
    [reply] = wait_for(lambda: workspace.replies_in(CHANNEL, parent["ts"]), "the thread reply")
    [run] = slack_runs(db)
    assert run.input["transcript"] == transcript.strip()
    assert f"/v1/runs/{run.id}" in reply["text"]
    assert "conversations.replies" in workspace.calls
