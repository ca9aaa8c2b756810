"""The Web API client against the loopback Slack: token, ``ok: false`` errors, 429, downloads."""

from __future__ import annotations

import pytest

from tests.conftest import read_sample
from tools.sandbox.servers.loopback import LoopbackServer
from tools.sandbox.servers.slack import DEFAULT_BOT_TOKEN, SlackSandbox
from tools.slack import SlackError, SlackWebApi, web_client


def api_on(server: LoopbackServer, token: str = DEFAULT_BOT_TOKEN) -> SlackWebApi:
    return SlackWebApi(web_client(f"{server.base_url}/api", token))


def test_a_message_is_posted_in_a_thread_once_after_a_rate_limit(
    slack_server: LoopbackServer, workspace: SlackSandbox
) -> None:
    workspace.faults.rate_limit(retry_after=0, path_prefix="/api/chat.postMessage")
    posted = api_on(slack_server).post_message("C0SALES", "hello", thread_ts="1764.000100")
    assert workspace.faults.injected == 1
    [message] = workspace.replies_in("C0SALES", "1764.000100")
    assert (posted.channel, posted.ts) == ("C0SALES", message["ts"])
    assert message["text"] == "hello"


def test_slack_refusals_keep_their_error_code(
    slack_server: LoopbackServer, workspace: SlackSandbox
) -> None:
    with pytest.raises(SlackError) as wrong_token:
        api_on(slack_server, "xoxb-wrong").post_message("C0SALES", "hello")
    assert wrong_token.value.slack_error == "invalid_auth"
    with pytest.raises(SlackError) as outside:
        api_on(slack_server).post_message("C0ELSEWHERE", "hello")
    assert outside.value.slack_error == "not_in_channel"
    with pytest.raises(SlackError) as missing:
        api_on(slack_server).file_info("F0NOPE")
    assert missing.value.slack_error == "file_not_found"
    assert workspace.messages == []


def test_a_rate_limit_that_does_not_end_is_reported(
    slack_server: LoopbackServer, workspace: SlackSandbox
) -> None:
    workspace.faults.rate_limit(retry_after=0, times=10, path_prefix="/api/chat.postMessage")
    with pytest.raises(SlackError) as limited:
        api_on(slack_server).post_message("C0SALES", "hello")
    assert limited.value.slack_error == "ratelimited"
    assert workspace.messages == []


def test_a_file_is_downloaded_with_the_bot_token_only(
    slack_server: LoopbackServer, workspace: SlackSandbox
) -> None:
    content = read_sample("kestrel_support.srt")
    stored = workspace.add_file("C0SALES", "kestrel.srt", content)
    file = api_on(slack_server).file_info(stored.id)
    assert file.share_ts("C0SALES") == stored.share_ts
    assert api_on(slack_server).download(file, max_bytes=1 << 20).decode() == content
    # Without the right token Slack redirects to its login page: refused, not read as the file.
    with pytest.raises(SlackError) as refused:
        api_on(slack_server, "xoxb-wrong").download(file, max_bytes=1 << 20)
    assert refused.value.slack_error == "download_refused"
    with pytest.raises(SlackError) as too_big:
        api_on(slack_server).download(file, max_bytes=100)
    assert too_big.value.slack_error == "file_too_large"
