"""The finish hook replies once per Slack request, however often it is called."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from api.slack.notify import SlackNotifier
from api.slack.service import SlackService, Trigger
from devbizops.container import Container
from devbizops.db import Database
from devbizops.settings import Settings
from tests.api.slack.support import slack_requests
from tests.conftest import read_sample
from tools.sandbox.servers.slack import DEFAULT_BOT_TOKEN, SlackSandbox
from tools.slack import SlackError, SlackWebApi, web_client


def started_run(settings: Settings, db: Database, channel: str) -> Trigger:
    """A Slack request and its queued run, as a mention in ``channel`` leaves them."""
    api = SlackWebApi(web_client(settings.slack_api_url, DEFAULT_BOT_TOKEN))
    trigger = Trigger(f"msg:T0SANDBOX:{channel}:1764.000100", channel, "1764.000100", "U0ALICE")
    assert SlackService(settings, db, api).translate(
        trigger, read_sample("fintrack_escalation.txt")
    )
    return trigger


def test_concurrent_notifiers_of_one_run_post_one_reply(
    slack_settings: Settings,
    db: Database,
    container: Container,
    workspace: SlackSandbox,
) -> None:
    started_run(slack_settings, db, "C0SALES")
    [request] = slack_requests(db)
    assert request.run_id is not None
    run = container.runs.execute(request.run_id)
    notifiers = [SlackNotifier(slack_settings, db) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda notify: notify(run), notifiers))
    notifiers[0](run)
    [reply] = workspace.replies_in("C0SALES", "1764.000100")
    assert f"/v1/runs/{run.id}" in reply["text"]


def test_a_refused_reply_is_tried_again_by_the_next_call(
    slack_settings: Settings,
    db: Database,
    container: Container,
    workspace: SlackSandbox,
) -> None:
    started_run(slack_settings, db, "C0NEW")  # the bot is not in C0NEW yet
    [request] = slack_requests(db)
    assert request.run_id is not None
    run = container.runs.execute(request.run_id)
    notify = SlackNotifier(slack_settings, db)
    with pytest.raises(SlackError):
        notify(run)
    assert slack_requests(db)[0].replied_at is None
    workspace.channels.add("C0NEW")  # invited
    notify(run)
    assert len(workspace.replies_in("C0NEW", "1764.000100")) == 1
    assert slack_requests(db)[0].replied_at is not None


def test_runs_that_did_not_come_from_slack_are_ignored(
    slack_settings: Settings, db: Database, container: Container, workspace: SlackSandbox
) -> None:
    run = container.runs.create(
        "slack-org", "techtranslator", {"transcript": read_sample("fintrack_escalation.txt")}
    )
    SlackNotifier(slack_settings, db)(container.runs.execute(run.id))
    assert workspace.messages == []
    assert workspace.calls == []
