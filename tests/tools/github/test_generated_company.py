"""The client and server on a generated company: every record once, and still GitHub's schema."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from tests.tools.github.conftest import FAST
from tests.tools.github.openapi_contract import validate_exchange
from tools.github import GitHubClient
from tools.sandbox.generator import generate
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.github import DEFAULT_TOKEN, serve
from tools.sandbox.servers.loopback import LoopbackServer


@pytest.fixture(scope="module")
def generated() -> SandboxCompany:
    return generate(seed=7, size=1)


@pytest.fixture(scope="module")
def generated_server(generated: SandboxCompany) -> Iterator[LoopbackServer]:
    with serve(generated) as server:
        yield server


def _short(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def test_every_generated_pull_request_and_deployment_is_listed_once(
    generated: SandboxCompany, generated_server: LoopbackServer
) -> None:
    org = generated.github_org
    pulls: Counter[tuple[str, int]] = Counter()
    deployments: Counter[int] = Counter()
    with GitHubClient(DEFAULT_TOKEN, base_url=generated_server.base_url, retry=FAST) as client:
        repos = [repo.name for repo in client.list_org_repos(org)]
        for repo in repos:
            pulls.update((repo, pr.number) for pr in client.list_pull_requests(org, repo))
            deployments.update(d.id for d in client.list_deployments(org, repo))
    assert sorted(repos) == sorted(r.name for r in generated.repos)
    assert pulls == Counter((_short(p.repo), p.number) for p in generated.pull_requests)
    assert deployments == Counter(d.id for d in generated.deployments)


def test_generated_pages_obey_githubs_openapi(
    generated: SandboxCompany, generated_server: LoopbackServer
) -> None:
    org = generated.github_org
    pr = generated.pull_requests[0]
    deployment = generated.deployments[0]
    base = f"/repos/{org}/{_short(pr.repo)}"
    paths = [
        f"/orgs/{org}/repos",
        base,
        f"{base}/pulls?state=all&per_page=100",
        f"{base}/pulls/{pr.number}",
        f"{base}/commits?per_page=100",
        f"{base}/releases?per_page=100",
        f"{base}/issues?state=all&per_page=100",
        f"/repos/{org}/{_short(deployment.repo)}/deployments?per_page=100",
        f"/repos/{org}/{_short(deployment.repo)}/deployments/{deployment.id}/statuses",
    ]
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    with httpx.Client(base_url=generated_server.base_url, headers=headers) as http:
        for path in paths:
            response = http.get(path)
            assert response.status_code == 200, (path, response.text)
            validate_exchange(response)
