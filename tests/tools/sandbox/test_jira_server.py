"""The loopback Jira site answers like Jira Cloud: contract-checked against Atlassian's OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.tools.jira.company import company as small_company
from tests.tools.jira.openapi_contract import assert_request_conforms, assert_response_conforms
from tools.jira import adf
from tools.sandbox.servers.jira import DEFAULT_API_TOKEN, DEFAULT_EMAIL, JiraSandbox, sandbox_of
from tools.sandbox.servers.jira import serve as serve_jira
from tools.sandbox.servers.loopback import LoopbackServer

API = "/rest/api/3"
AUTH = (DEFAULT_EMAIL, DEFAULT_API_TOKEN)
AUTH_FAILED = "Client must be authenticated to access this resource."
ALL_FIELDS = ["summary", "status", "labels", "updated", "customfield_10016", "customfield_10020"]


@pytest.fixture(scope="module")
def _server() -> Iterator[LoopbackServer]:
    with serve_jira(small_company(issue_count=12), embedded_changelog=2) as running:
        yield running


@pytest.fixture
def server(_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> LoopbackServer:
    """The module's server, back to the company's records with no faults queued."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    sandbox_of(_server.app).reset()
    return _server


@pytest.fixture
def sandbox(server: LoopbackServer) -> JiraSandbox:
    return sandbox_of(server.app)


@pytest.fixture
def http(server: LoopbackServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, auth=AUTH, timeout=5) as client:
        yield client


def conforming(response: httpx.Response) -> httpx.Response:
    """Check the exchange against the vendor's OpenAPI description and pass it on."""
    assert_request_conforms(response.request)
    assert_response_conforms(response)
    return response


# ---------------------------------------------------------------- contract: every operation


def test_search_get_pages_conform_and_only_the_last_page_lacks_a_token(http: httpx.Client) -> None:
    params: dict[str, Any] = {
        "jql": "project = DBO ORDER BY key ASC",
        "maxResults": 5,
        "fields": ",".join(ALL_FIELDS),
        "expand": "changelog",
    }
    keys: list[str] = []
    pages = 0
    while True:
        page = conforming(http.get(f"{API}/search/jql", params=params)).json()
        pages += 1
        keys += [issue["key"] for issue in page["issues"]]
        if page["isLast"]:
            assert "nextPageToken" not in page
            break
        params["nextPageToken"] = page["nextPageToken"]
    assert pages == 3
    assert keys == [f"DBO-{n}" for n in range(1, 13)]


def test_search_post_conforms_and_returns_only_requested_fields(http: httpx.Client) -> None:
    body = {"jql": 'project = DBO AND labels = "customer-ask"', "fields": ["summary"]}
    page = conforming(http.post(f"{API}/search/jql", json=body)).json()
    assert {i["key"] for i in page["issues"]} == {"DBO-4", "DBO-8", "DBO-12"}
    assert all(set(i["fields"]) == {"summary"} for i in page["issues"])
    assert page["isLast"] is True


def test_search_without_fields_returns_ids_only_as_jira_does(http: httpx.Client) -> None:
    page = conforming(http.get(f"{API}/search/jql", params={"jql": "key = DBO-3"})).json()
    assert [(i["id"], i["key"], i["fields"]) for i in page["issues"]] == [("10003", "DBO-3", {})]


def test_get_issue_conforms_with_all_fields_and_the_latest_histories(http: httpx.Client) -> None:
    issue = conforming(http.get(f"{API}/issue/DBO-6", params={"expand": "changelog"})).json()
    fields = issue["fields"]
    assert fields["status"]["statusCategory"]["key"] == "done"
    assert fields["customfield_10016"] == 6.0
    assert [s["name"] for s in fields["customfield_10020"]] == ["DBO Sprint 1", "DBO Sprint 2"]
    assert fields["parent"]["key"] == "DBO-1"
    assert fields["description"]["type"] == "doc"
    changelog = issue["changelog"]
    assert (changelog["total"], len(changelog["histories"])) == (3, 2)
    # Embedded histories are the most recent first.
    assert changelog["histories"][0]["items"][0]["toString"] == "Done"


def test_changelog_conforms_and_pages_oldest_first(http: httpx.Client) -> None:
    first = conforming(http.get(f"{API}/issue/DBO-6/changelog", params={"maxResults": 2})).json()
    second = conforming(
        http.get(f"{API}/issue/DBO-6/changelog", params={"startAt": 2, "maxResults": 2})
    ).json()
    assert (first["total"], first["isLast"], second["isLast"]) == (3, False, True)
    assert "nextPage" in first and "nextPage" not in second
    moves = [v["items"][0]["toString"] for v in first["values"] + second["values"]]
    assert moves == ["In Progress", "In Review", "Done"]


def test_create_issue_conforms_and_returns_201_created_issue(http: httpx.Client) -> None:
    fields = {
        "project": {"key": "DBO"},
        "summary": "SAML SSO",
        "issuetype": {"name": "Story"},
        "description": adf.from_text("Customers asked for SSO."),
        "labels": ["dbo-idem-run1"],
    }
    created = conforming(http.post(f"{API}/issue", json={"fields": fields}))
    assert created.status_code == 201
    assert created.json()["key"] == "DBO-13"
    fetched = http.get(f"{API}/issue/DBO-13").json()["fields"]
    assert fetched["description"] == fields["description"]
    assert fetched["status"]["name"] == "To Do"


def test_create_issue_refuses_a_plain_string_description_like_jira_v3(
    http: httpx.Client, sandbox: JiraSandbox
) -> None:
    fields = {"project": {"key": "DBO"}, "issuetype": {"name": "Story"}, "description": "text"}
    refused = conforming(http.post(f"{API}/issue", json={"fields": fields}))
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "summary": "You must specify a summary of the issue.",
        "description": "Operation value must be an Atlassian Document (see the Atlassian "
        "Document Format)",
    }
    assert len(sandbox.store.issues()) == 12


def test_comments_conform_on_add_and_list(http: httpx.Client) -> None:
    body = {"body": adf.from_text("Shipped to staging.")}
    added = conforming(http.post(f"{API}/issue/DBO-2/comment", json=body))
    assert added.status_code == 201
    listed = conforming(http.get(f"{API}/issue/DBO-2/comment")).json()
    assert [c["id"] for c in listed["comments"]] == [added.json()["id"]]
    assert listed["total"] == 1


def test_transitions_conform_and_a_transition_answers_204_without_body(
    http: httpx.Client,
) -> None:
    options = conforming(http.get(f"{API}/issue/DBO-2/transitions")).json()["transitions"]
    done = next(t for t in options if t["to"]["name"] == "Done")
    moved = conforming(
        http.post(f"{API}/issue/DBO-2/transitions", json={"transition": {"id": done["id"]}})
    )
    assert (moved.status_code, moved.content) == (204, b"")
    status = http.get(f"{API}/issue/DBO-2", params={"fields": "status"}).json()["fields"]["status"]
    assert status["name"] == "Done"


def test_myself_conforms_and_names_the_authenticated_account(http: httpx.Client) -> None:
    me = conforming(http.get(f"{API}/myself")).json()
    assert me["emailAddress"] == DEFAULT_EMAIL
    assert me["accountType"] == "atlassian"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", f"{API}/issue/DBO-404", None),
        ("GET", f"{API}/issue/DBO-404/changelog", None),
        ("GET", f"{API}/issue/DBO-404/comment", None),
        ("POST", f"{API}/issue/DBO-404/comment", {"body": adf.from_text("x")}),
        ("GET", f"{API}/issue/DBO-404/transitions", None),
        ("POST", f"{API}/issue/DBO-404/transitions", {"transition": {"id": "21"}}),
    ],
)
def test_unknown_issue_is_a_conforming_404_with_jiras_message(
    http: httpx.Client, method: str, path: str, body: Any
) -> None:
    missing = conforming(http.request(method, path, json=body))
    assert missing.status_code == 404
    assert missing.json() == {
        "errorMessages": ["Issue does not exist or you do not have permission to see it."],
        "errors": {},
    }


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", f"{API}/search/jql?jql=project%20%3D%20DBO", None),
        ("POST", f"{API}/search/jql", {"jql": "project = DBO"}),
        ("GET", f"{API}/issue/DBO-2", None),
        ("GET", f"{API}/issue/DBO-2/comment", None),
        ("POST", f"{API}/issue/DBO-2/comment", {"body": adf.from_text("x")}),
        ("GET", f"{API}/issue/DBO-2/transitions", None),
        ("POST", f"{API}/issue/DBO-2/transitions", {"transition": {"id": "21"}}),
        ("GET", f"{API}/myself", None),
    ],
)
def test_wrong_token_is_a_conforming_401_with_jiras_sentence(
    server: LoopbackServer, method: str, path: str, body: Any
) -> None:
    with httpx.Client(base_url=server.base_url, auth=(DEFAULT_EMAIL, "wrong")) as wrong:
        refused = conforming(wrong.request(method, path, json=body))
    assert refused.status_code == 401
    assert refused.text == AUTH_FAILED
    assert refused.headers["X-Seraph-LoginReason"] == "AUTHENTICATED_FAILED"


def test_401_on_the_two_operations_the_spec_documents_differently_is_still_jiras(
    server: LoopbackServer,
) -> None:
    # getChangeLogs declares no 401 and createIssue declares a JSON one; Jira's auth layer
    # answers before either resource runs, so the sandbox sends the same sentence for both.
    with httpx.Client(base_url=server.base_url) as anonymous:
        for method, path in (("GET", f"{API}/issue/DBO-2/changelog"), ("POST", f"{API}/issue")):
            refused = anonymous.request(method, path, json={} if method == "POST" else None)
            assert (refused.status_code, refused.text) == (401, AUTH_FAILED)
            assert "X-Seraph-LoginReason" not in refused.headers


# ---------------------------------------------------------------- JQL, paging and rate limits


@pytest.mark.parametrize(
    ("jql", "message"),
    [
        ("ORDER BY updated DESC", "Unbounded JQL queries are not allowed here"),
        ("project = NOPE", "The value 'NOPE' does not exist for the field 'project'."),
        ('updated >= "yesterday"', "Date value 'yesterday' for field 'updated' is invalid."),
        ("project = DBO OR labels = x", "supports only AND"),
        ("assignee = currentUser()", "is not supported"),
    ],
)
def test_jql_outside_the_subset_is_a_conforming_400_error_collection(
    http: httpx.Client, jql: str, message: str
) -> None:
    refused = conforming(http.get(f"{API}/search/jql", params={"jql": jql}))
    assert refused.status_code == 400
    assert message in refused.json()["errorMessages"][0]


def test_updated_since_filter_and_order_follow_the_records(http: httpx.Client) -> None:
    jql = 'project = DBO AND updated >= "2025-01-08 15:00" ORDER BY updated DESC'
    page = http.post(f"{API}/search/jql", json={"jql": jql, "fields": ["updated"]}).json()
    cutoff = datetime(2025, 1, 8, 15, 0, tzinfo=UTC)
    records = small_company(issue_count=12).jira_issues
    expected = sorted((i for i in records if i.updated >= cutoff), key=lambda i: i.updated)
    assert [i["key"] for i in page["issues"]] == [i.key for i in reversed(expected)]
    assert page["issues"][0]["fields"]["updated"] == "2025-01-09T21:12:00.000+0000"


def test_a_token_minted_for_another_query_is_refused(http: httpx.Client) -> None:
    first = http.post(f"{API}/search/jql", json={"jql": "project = DBO", "maxResults": 2}).json()
    other = {"jql": "labels = customer-ask", "nextPageToken": first["nextPageToken"]}
    refused = http.post(f"{API}/search/jql", json=other)
    assert refused.status_code == 400


def test_unknown_search_body_field_is_refused_like_jira(http: httpx.Client) -> None:
    refused = http.post(f"{API}/search/jql", json={"jql": "project = DBO", "startAt": 5})
    assert refused.status_code == 400
    assert refused.json()["errorMessages"] == ['Unrecognized field "startAt".']


def test_injected_rate_limit_carries_jiras_headers(
    http: httpx.Client, sandbox: JiraSandbox
) -> None:
    sandbox.faults.rate_limit(retry_after=3)
    throttled = http.get(f"{API}/myself")
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "3"
    assert throttled.headers["X-RateLimit-Remaining"] == "0"
    assert throttled.headers["RateLimit-Reason"] == "jira-burst-based"
    reset = datetime.strptime(throttled.headers["X-RateLimit-Reset"], "%Y-%m-%dT%H:%M%z")
    assert reset >= datetime.now(UTC).replace(second=0, microsecond=0)
    assert throttled.json()["errorMessages"]
    assert http.get(f"{API}/myself").status_code == 200
