"""A transcript uploaded where the bot is: fetched with the bot token, translated, answered."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from devbizops.db import Database
from tests.api.slack.conftest import Post
from tests.api.slack.support import slack_runs
from tests.conftest import read_sample
from tests.support.waiting import wait_for
from tools.sandbox.servers.slack import SlackSandbox, StoredFile

CHANNEL = "C0SALES"


def shared(file: StoredFile) -> dict[str, object]:
    return {
        "type": "file_shared",
        "channel_id": file.channel,
        "file_id": file.id,
        "user_id": file.user,
        "file": {"id": file.id},
        "event_ts": file.share_ts,
    }


def test_an_uploaded_transcript_is_downloaded_translated_and_answered_in_its_thread(
    bot: TestClient,
    post_event: Post,
    drain: Callable[[], None],
    workspace: SlackSandbox,
    db: Database,
) -> None:
    transcript = read_sample("orbit_media_qbr.vtt")
    file = workspace.add_file(CHANNEL, "orbit-qbr.vtt", transcript)
    assert post_event(shared(file), "Ev0FILE").status_code == 200

    [reply] = wait_for(lambda: workspace.replies_in(CHANNEL, file.share_ts), "the reply")
    [run] = slack_runs(db)
    assert run.input["transcript"] == transcript
    assert run.output is not None and run.output["detected_format"] == "vtt"
    assert f"/v1/runs/{run.id}" in reply["text"]
    assert workspace.calls.count("files.info") == 1

    post_event(shared(file), "Ev0FILE", retry=1)
    drain()
    assert workspace.calls.count("files.info") == 1  # a redelivery is not fetched again
    assert len(slack_runs(db)) == 1


def test_an_uploaded_text_without_a_transcript_gets_help_and_images_are_ignored(
    bot: TestClient,
    post_event: Post,
    drain: Callable[[], None],
    workspace: SlackSandbox,
    db: Database,
) -> None:
    image = workspace.add_file(CHANNEL, "whiteboard.png", "\x89PNG...")
    image.mimetype, image.filetype = "image/png", "png"
    post_event(shared(image), "Ev0IMAGE")
    notes = workspace.add_file(CHANNEL, "notes.txt", "remember to send the deck")
    post_event(shared(notes), "Ev0NOTES")
    drain()
    [reply] = workspace.replies_in(CHANNEL, notes.share_ts)
    assert "I could not find a transcript" in reply["text"]
    assert workspace.replies_in(CHANNEL, image.share_ts) == []
    assert slack_runs(db) == []
