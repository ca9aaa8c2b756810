"""``/devbizops translate <transcript>``: answered at once, the requirements posted when ready."""

from __future__ import annotations

from fastapi.testclient import TestClient

from devbizops.db import Database
from memory.repositories.audit import AuditRepository
from memory.repositories.orgs import OrgRepository
from tests.api.slack.conftest import PUBLIC_URL, Post
from tests.api.slack.support import SLACK_ORG, slack_runs
from tests.conftest import read_sample
from tests.support.waiting import wait_for
from tools.sandbox.servers.slack import SlackSandbox


def test_the_slash_command_starts_a_run_and_posts_the_requirements_in_the_channel(
    bot: TestClient, post_command: Post, workspace: SlackSandbox, db: Database
) -> None:
    transcript = read_sample("acme_logistics_discovery.txt")
    response = post_command(f"translate {transcript}", "13345224609.738474920.8088930838d88f00")
    assert response.status_code == 200
    [run] = slack_runs(db)
    assert f"run `{run.id}`" in response.json()["text"]
    assert run.input["transcript"] == transcript.strip()
    assert run.created_by == "slack:U0BOB"

    [reply] = wait_for(lambda: workspace.replies_in("C0PRODUCT", None), "the channel reply")
    assert "requirements*" in reply["text"]
    assert f"{PUBLIC_URL}/v1/runs/{run.id}" in reply["text"]
    with db.transaction() as session:
        org_id = OrgRepository(session).get_id(SLACK_ORG)
        assert org_id is not None
        entries = AuditRepository(session).list(org_id, action="run.create")
        assert [(e.actor, e.run_id) for e in entries] == [("slack:U0BOB", run.id)]


def test_the_transcript_may_start_on_the_next_line_and_commands_have_their_own_url(
    bot: TestClient, post_command: Post, workspace: SlackSandbox, db: Database
) -> None:
    transcript = read_sample("kestrel_support.srt")
    response = post_command(f"translate\n{transcript}", "2.2.2", path="/slack/commands")
    assert "Translating the transcript" in response.json()["text"]
    [run] = slack_runs(db)
    assert run.input["transcript"] == transcript.strip()


def test_the_command_without_a_transcript_explains_its_usage(
    bot: TestClient, post_command: Post, workspace: SlackSandbox, db: Database
) -> None:
    for text in ("", "help", "translate", "translate please look at yesterday's call"):
        response = post_command(text, f"3.3.{len(text)}")
        assert response.status_code == 200
        assert "Usage: `/devbizops translate <transcript>`" in response.json()["text"]
    assert slack_runs(db) == []
