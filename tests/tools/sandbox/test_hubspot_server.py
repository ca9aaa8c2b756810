"""The loopback HubSpot answers like HubSpot: every response checked against HubSpot's OpenAPI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.routing import Match

from tests.support.vendor_specs import vendor_spec
from tests.tools.crm.openapi_contract import assert_response_conforms
from tests.tools.crm.sample import company_id, deal_id, sample_company
from tools.sandbox.servers.hubspot import SANDBOX_TOKEN, fault_plan, serve
from tools.sandbox.servers.loopback import LoopbackServer

DEAL = deal_id(3)
COMPANY = company_id(1)
NOTE = "70000000002"
DEAL_READ = {
    "properties": "dealname,amount,dealstage,deal_kind,requested_issue_keys,closedate",
    "propertiesWithHistory": "dealstage",
    "associations": "companies,notes",
}
SEARCH = {
    "filterGroups": [
        {"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": "0"}]}
    ],
    "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}],
    "properties": ["dealname", "hs_lastmodifieddate"],
    "limit": 3,
}


def link(to_id: str, type_id: int) -> dict[str, Any]:
    """One association of a create body."""
    spec = {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}
    return {"to": {"id": to_id}, "types": [spec]}


NOTE_CREATE = {
    "properties": {"hs_note_body": "hi", "hs_timestamp": "1735689600000"},
    "associations": [link(DEAL, 214)],
}
DEAL_CREATE = {
    "properties": {"dealname": "New", "amount": "1200", "dealstage": "qualifiedtobuy"},
    "associations": [link(COMPANY, 5)],
}
BATCH = "/crm/v4/associations/deals/companies/batch/read"

# (method, path, query, json body, expected status) — every operation of the subsets we serve.
OPERATIONS: list[tuple[str, str, dict[str, Any], Any, int]] = [
    ("GET", "/crm/v3/objects/companies", {"limit": 2, "associations": "deals"}, None, 200),
    ("GET", f"/crm/v3/objects/companies/{COMPANY}", {"associations": "deals,notes"}, None, 200),
    ("POST", "/crm/v3/objects/companies/search", {}, {"limit": 2}, 200),
    ("GET", "/crm/v3/objects/0-3", {"limit": 2, **DEAL_READ}, None, 200),
    ("GET", "/crm/v3/objects/deals", {"limit": 2, **DEAL_READ}, None, 200),
    ("GET", f"/crm/v3/objects/0-3/{DEAL}", DEAL_READ, None, 200),
    ("GET", f"/crm/v3/objects/deals/{DEAL}", DEAL_READ, None, 200),
    ("POST", "/crm/v3/objects/0-3/search", {}, SEARCH, 200),
    ("POST", "/crm/v3/objects/deals/search", {}, SEARCH, 200),
    ("POST", "/crm/v3/objects/0-3", {}, DEAL_CREATE, 201),
    ("POST", "/crm/v3/objects/deals", {}, DEAL_CREATE, 201),
    ("POST", "/crm/v3/objects/notes", {}, NOTE_CREATE, 201),
    ("GET", f"/crm/v3/objects/notes/{NOTE}", {"associations": "deals,companies"}, None, 200),
    ("GET", "/crm/v3/pipelines/deals", {}, None, 200),
    ("GET", "/crm/v3/pipelines/deals/default", {}, None, 200),
    ("GET", "/crm/v3/pipelines/deals/default/stages", {}, None, 200),
    ("GET", f"/crm/v4/objects/companies/{COMPANY}/associations/deals", {"limit": 1}, None, 200),
    ("PUT", f"/crm/v4/objects/notes/{NOTE}/associations/default/deals/{DEAL}", {}, None, 200),
    ("POST", BATCH, {}, {"inputs": [{"id": DEAL}]}, 200),
    ("POST", BATCH, {}, {"inputs": [{"id": DEAL}, {"id": "404404"}]}, 207),
    # HubSpot's error bodies, checked against each operation's ``default`` Error response.
    ("GET", "/crm/v3/objects/deals/1", {}, None, 404),
    ("GET", "/crm/v3/pipelines/deals/nope", {}, None, 404),
    ("POST", "/crm/v3/objects/notes", {}, {"properties": {"nope": "1"}, "associations": []}, 400),
    ("POST", "/crm/v3/objects/deals/search", {}, {"limit": 500}, 400),
]


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        with serve(sample_company()) as running:
            yield running


@pytest.fixture
def http(server: LoopbackServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {SANDBOX_TOKEN}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=5) as client:
        yield client


@pytest.mark.parametrize(
    ("method", "path", "params", "body", "status"),
    OPERATIONS,
    ids=[f"{m} {p} {s}" for m, p, _, _, s in OPERATIONS],
)
def test_every_served_operation_answers_in_hubspots_documented_shape(
    http: httpx.Client, method: str, path: str, params: dict[str, Any], body: Any, status: int
) -> None:
    response = http.request(method, path, params=params, json=body)

    assert response.status_code == status, response.text
    assert_response_conforms(response)


def test_every_operation_in_the_crm_subsets_has_a_route(server: LoopbackServer) -> None:
    files = [
        "crm-companies-v3.subset.json",
        "crm-deals-v3.subset.json",
        "crm-notes-v3.subset.json",
        "crm-pipelines-v3.subset.json",
        "crm-associations-v4.subset.json",
    ]
    missing = []
    for file_name in files:
        paths = json.loads(vendor_spec("hubspot", file_name).read_text())["paths"]
        for template, operations in paths.items():
            path = template.replace("{", "").replace("}", "")  # any value fits a path segment
            for method in operations:
                if method in ("get", "post", "put") and not _routed(server, method, path):
                    missing.append(f"{method.upper()} {template}")
    assert missing == []
    assert vendor_spec("hubspot", "webhooks-v3.subset.json")  # management API: not served


def _routed(server: LoopbackServer, method: str, path: str) -> bool:
    scope = {"type": "http", "method": method.upper(), "path": path}
    return any(route.matches(scope)[0] is Match.FULL for route in server.app.routes)


def test_list_pages_link_to_the_next_page_and_the_last_page_has_none(http: httpx.Client) -> None:
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 5}
    while True:
        page = http.get("/crm/v3/objects/deals", params=params)
        assert_response_conforms(page)
        seen += [r["id"] for r in page.json()["results"]]
        following = page.json().get("paging", {}).get("next")
        if following is None:
            break
        assert (
            http.get(following["link"]).json()
            == http.get(
                "/crm/v3/objects/deals", params={**params, "after": following["after"]}
            ).json()
        )
        params["after"] = following["after"]
    assert len(seen) == len(set(seen)) and set(seen) >= {deal_id(n) for n in range(1, 13)}


def test_notes_search_and_list_match_the_generic_crm_schemas(http: httpx.Client) -> None:
    # Not in the subset (HubSpot serves them for every object type): checked against the
    # companies operations, whose response schemas are the same components.
    search = http.post("/crm/v3/objects/notes/search", json={"limit": 2})
    listed = http.get("/crm/v3/objects/notes", params={"limit": 2, "associations": "deals"})

    assert (search.status_code, listed.status_code) == (200, 200)
    assert_response_conforms(search, as_path="/crm/v3/objects/companies/search")
    assert_response_conforms(listed, as_path="/crm/v3/objects/companies")


def test_missing_or_wrong_token_gets_hubspots_401_body(server: LoopbackServer) -> None:
    with httpx.Client(base_url=server.base_url, timeout=5) as anonymous:
        missing = anonymous.get("/crm/v3/objects/deals")
        wrong = anonymous.get("/crm/v3/objects/deals", headers={"Authorization": "Bearer x"})

    for response in (missing, wrong):
        assert response.status_code == 401
        assert response.json()["category"] == "INVALID_AUTHENTICATION"
        assert response.json()["message"].startswith("Authentication credentials not found.")
        assert_response_conforms(response)


def test_successful_answers_carry_hubspots_rate_limit_headers(http: httpx.Client) -> None:
    response = http.get("/crm/v3/objects/companies", params={"limit": 1})

    headers = response.headers
    assert headers["X-HubSpot-RateLimit-Daily"] == "650000"
    assert int(headers["X-HubSpot-RateLimit-Daily-Remaining"]) < 650_000
    assert headers["X-HubSpot-RateLimit-Max"] == "190"
    assert int(headers["X-HubSpot-RateLimit-Secondly-Remaining"]) >= 0


def test_an_injected_429_has_retry_after_and_hubspots_rate_limit_body(
    server: LoopbackServer, http: httpx.Client
) -> None:
    fault_plan(server.app).rate_limit(retry_after=2, times=1)

    response = http.get("/crm/v3/objects/companies")

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "2"
    body = response.json()
    assert (body["status"], body["errorType"], body["policyName"]) == (
        "error",
        "RATE_LIMIT",
        "TEN_SECONDLY_ROLLING",
    )
    assert {"message", "correlationId", "requestId"} <= body.keys()
