"""The sandbox's request journal: what clients sent, replayable for the vendor contract check."""

from __future__ import annotations

import httpx
import pytest
from openapi_core.exceptions import OpenAPIError

from tests.tools.jira.openapi_contract import assert_request_conforms
from tools.jira import JiraClient
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer


def test_journal_holds_each_request_as_sent_and_replays_conform(
    client: JiraClient, sandbox: JiraSandbox, jira_server: LoopbackServer
) -> None:
    client.get_issue("DBO-6", expand_changelog=False)
    client.add_comment("DBO-6", "Rank 2 of 9.", idempotency_key="run-1:roadmap.write:DBO-6")
    entries = sandbox.journal.entries()
    assert [(e.method, e.url.split("?")[0]) for e in entries] == [
        ("GET", "/rest/api/3/issue/DBO-6"),
        ("GET", "/rest/api/3/issue/DBO-6/comment"),
        ("POST", "/rest/api/3/issue/DBO-6/comment"),
    ]
    assert "orderBy=-created" in entries[1].url
    assert b"Rank 2 of 9." in entries[2].body
    for entry in entries:
        assert_request_conforms(entry.as_httpx(jira_server.base_url))
    sandbox.reset()
    assert sandbox.journal.entries() == []


def test_a_request_breaking_the_spec_is_caught_from_the_journal(
    sandbox: JiraSandbox, jira_server: LoopbackServer
) -> None:
    with httpx.Client(auth=(sandbox.email, sandbox.api_token)) as http:
        # maxResults is an integer in the spec; the sandbox is lenient, the contract is not.
        url = f"{jira_server.base_url}/rest/api/3/issue/DBO-6/comment"
        http.get(url, params={"maxResults": "many"})
    [entry] = sandbox.journal.entries()
    with pytest.raises(OpenAPIError):
        assert_request_conforms(entry.as_httpx(jira_server.base_url))
