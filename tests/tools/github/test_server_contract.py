"""Every implemented route of the GitHub sandbox, validated against GitHub's own OpenAPI subset.

Each test sends a real request to the loopback server and checks the exchange with openapi-core,
for the 200s and for the 304, 404 and 422 answers the spec declares for the operation.
"""

from __future__ import annotations

import httpx
import pytest
from openapi_core.validation.response.exceptions import InvalidData

from tests.tools.github.company import ORG, REPO
from tests.tools.github.openapi_contract import validate_exchange

R = f"/repos/{ORG}/{REPO}"


OK_CASES = [
    (R, {}),
    (f"/orgs/{ORG}/repos", {}),
    (f"{R}/pulls", {"state": "all", "per_page": "3"}),
    (f"{R}/pulls", {"state": "closed", "sort": "updated", "direction": "asc"}),
    (f"{R}/pulls/2", {}),  # merged
    (f"{R}/pulls/3", {}),  # open
    (f"{R}/commits", {"per_page": "5"}),
    (f"{R}/commits", {"since": "2025-01-09T00:00:00Z", "sha": "main"}),
    (f"{R}/releases", {}),
    (f"{R}/deployments", {"environment": "production"}),
    (f"{R}/deployments/601/statuses", {}),
    (f"{R}/issues", {"state": "all", "per_page": "4", "page": "2"}),
    (f"{R}/issues", {"labels": "bug,customer", "state": "closed"}),
    ("/rate_limit", {}),
]


@pytest.mark.parametrize(("path", "params"), OK_CASES)
def test_every_route_answers_200_bodies_that_match_githubs_openapi(
    github_http: httpx.Client, path: str, params: dict[str, str]
) -> None:
    response = github_http.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.json() not in ([], {})
    validate_exchange(response)


@pytest.mark.parametrize("path", [f"{R}/pulls", f"{R}/pulls/2", "/rate_limit"])
def test_a_matching_if_none_match_answers_a_304_the_spec_declares(
    github_http: httpx.Client, path: str
) -> None:
    etag = github_http.get(path).headers["ETag"]
    response = github_http.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    validate_exchange(response)


@pytest.mark.parametrize(
    "path",
    [
        f"/repos/{ORG}/nope",
        f"{R}/pulls/999",
        f"{R}/commits?sha=deadbeefdeadbeef",
        f"/repos/{ORG}/nope/releases",
        f"{R}/deployments/1/statuses",
        f"/repos/other-org/{REPO}/issues",
    ],
)
def test_missing_resources_answer_githubs_404_body(github_http: httpx.Client, path: str) -> None:
    response = github_http.get(path)
    assert response.status_code == 404
    body = response.json()
    assert body["documentation_url"].startswith("https://docs.github.com/rest")
    assert body["status"] == "404"
    validate_exchange(response)


@pytest.mark.parametrize(
    ("path", "field"),
    [(f"{R}/pulls?state=merged", "state"), (f"{R}/issues?since=yesterday", "since")],
)
def test_invalid_filters_answer_422_validation_failed(
    github_http: httpx.Client, path: str, field: str
) -> None:
    response = github_http.get(path)
    assert response.status_code == 422
    assert response.json()["message"] == "Validation Failed"
    assert response.json()["errors"][0]["field"] == field
    validate_exchange(response)


def test_the_contract_check_rejects_a_body_that_breaks_the_spec(github_http: httpx.Client) -> None:
    real = github_http.get(f"{R}/pulls/2")
    broken = {**real.json(), "number": "two"}
    forged = httpx.Response(200, json=broken, request=real.request)
    with pytest.raises(InvalidData):
        validate_exchange(forged)
