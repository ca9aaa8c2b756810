"""Everything the client sends, and everything the sandbox answers it, matches Atlassian's spec."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.tools.jira.conftest import MakeClient
from tests.tools.jira.openapi_contract import assert_request_conforms, assert_response_conforms
from tools.jira import JiraAuthError, JiraError, JiraNotFound
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer

# Every operation of the subset except the deprecated /rest/api/3/search pair.
OPERATIONS = {
    ("GET", r"/rest/api/3/search/jql"): "searchAndReconsileIssuesUsingJql",
    ("POST", r"/rest/api/3/search/jql"): "searchAndReconsileIssuesUsingJqlPost",
    ("GET", r"/rest/api/3/issue/[^/]+"): "getIssue",
    ("GET", r"/rest/api/3/issue/[^/]+/changelog"): "getChangeLogs",
    ("POST", r"/rest/api/3/issue"): "createIssue",
    ("GET", r"/rest/api/3/issue/[^/]+/comment"): "getComments",
    ("POST", r"/rest/api/3/issue/[^/]+/comment"): "addComment",
    ("GET", r"/rest/api/3/issue/[^/]+/transitions"): "getTransitions",
    ("POST", r"/rest/api/3/issue/[^/]+/transitions"): "doTransition",
    ("GET", r"/rest/api/3/myself"): "getCurrentUser",
}


def _operation(request: httpx.Request) -> str:
    for (method, pattern), operation in OPERATIONS.items():
        if request.method == method and re.fullmatch(pattern, request.url.path):
            return operation
    raise AssertionError(f"not an operation of the subset: {request.method} {request.url.path}")


def test_client_traffic_conforms_to_the_vendor_openapi_description(
    make_client: MakeClient, sandbox: JiraSandbox, jira_server: LoopbackServer
) -> None:
    exchanges: list[httpx.Response] = []

    def record(response: httpx.Response) -> None:
        response.read()
        exchanges.append(response)

    with httpx.Client(event_hooks={"response": [record]}) as http:
        client = make_client(http_client=http)
        client.myself()
        list(client.search("project = DBO ORDER BY updated ASC", page_size=5))
        client.get_issue("DBO-6")
        created = client.create_issue(
            "DBO", summary="Contract", description="x", idempotency_key="c"
        )
        client.add_comment(created.key, "Noted.", idempotency_key="c")
        client.transitions(created.key)
        client.transition(created.key, "In Progress")
        with pytest.raises(JiraNotFound):
            client.get_issue("DBO-404")
        with pytest.raises(JiraError):
            client.create_issue("DBO", summary="", description="x", idempotency_key="bad")
        with pytest.raises(JiraAuthError):
            make_client(http_client=http, api_token="wrong").myself()
        # The client searches with POST; the GET form is part of the same contract.
        search_url = f"{jira_server.base_url}/rest/api/3/search/jql"
        auth = (sandbox.email, sandbox.api_token)
        http.get(search_url, params={"jql": "key = DBO-2", "fields": "summary"}, auth=auth)

    for response in exchanges:
        assert_request_conforms(response.request)
        assert_response_conforms(response)
    covered = {_operation(r.request) for r in exchanges}
    assert covered == set(OPERATIONS.values())
    statuses = {r.status_code for r in exchanges}
    assert {200, 201, 204, 400, 401, 404} <= statuses
