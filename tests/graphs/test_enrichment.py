"""Enrichment: the account's ARR and open deals come from the synced CRM, computed by code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devbizops.connectors import ConnectorService, ConnectorView
from devbizops.db import Database
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from devbizops.sync import Target, run_sync
from tests.conftest import read_sample
from tests.graphs.conftest import ServiceFactory
from tools.llm import LanguageModel
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers import hubspot, jira
from tools.sandbox.servers.loopback import LoopbackServer

ORG = "test-org"
SIGN = {"new": 1, "expansion": 1, "renewal": 1, "contraction": -1, "churn": -1}


@pytest.fixture(scope="module")
def servers(company: SandboxCompany) -> Iterator[tuple[LoopbackServer, LoopbackServer]]:
    with jira.serve(company) as j, hubspot.serve(company) as crm:
        yield j, crm


def _customer_with_open_deals(company: SandboxCompany) -> tuple[str, float, float, int]:
    """A CRM company with won and open deals, with its ARR and open amount from the records."""
    for c in company.companies:
        deals = [d for d in company.deals if d.company_id == c.id]
        won = sum(SIGN[d.kind] * d.amount for d in deals if d.stage_id == "closedwon")
        open_ = [d for d in deals if d.stage_id not in ("closedwon", "closedlost")]
        same_name = [x for x in company.companies if x.name.lower() == c.name.lower()]
        if won > 0 and open_ and len(same_name) == 1:
            return c.name, won, sum(d.amount for d in open_), len(open_)
    raise AssertionError("the sandbox has no customer with open deals")


def test_proposal_carries_the_accounts_arr_and_open_deal_amount(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    settings: Settings,
    db: Database,
    company: SandboxCompany,
    servers: tuple[LoopbackServer, LoopbackServer],
) -> None:
    jira_server, crm_server = servers
    jira.sandbox_of(jira_server.app).reset()
    connectors = ConnectorService(db, SecretBox.from_settings(settings))
    connectors.add(
        ORG,
        "jira-sandbox",
        "jira",
        jira_server.base_url,
        {"api_token": jira.DEFAULT_API_TOKEN},
        {"email": jira.DEFAULT_EMAIL, "project": company.jira_project_key},
    )
    crm = ConnectorView("crm-sandbox", "crm", crm_server.base_url, {})
    run_sync(
        db,
        ORG,
        [Target(crm, {"token": hubspot.SANDBOX_TOKEN})],
        full=True,
        progress=lambda *_: None,
    )
    name, arr, open_amount, open_count = _customer_with_open_deals(company)
    data = {
        "transcript": read_sample("acme_logistics_discovery.txt"),
        "account": name.upper(),  # the CRM name matches case-insensitively
        "write_back": {"jira_connector": "jira-sandbox", "project": company.jira_project_key},
    }
    with run_service(offline_llm) as runs:
        run = runs.execute(runs.create(ORG, "techtranslator", data).id)
        assert run.status == "interrupted", run.error
        facts = runs.pending(run.id)[0]["account"]
    assert facts["company_name"] == name
    assert facts["arr"] == pytest.approx(arr)
    assert facts["open_deal_amount"] == pytest.approx(open_amount)
    assert facts["open_deals"] == open_count


def test_account_unknown_to_the_crm_has_no_revenue(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    settings: Settings,
    db: Database,
    company: SandboxCompany,
    servers: tuple[LoopbackServer, LoopbackServer],
) -> None:
    jira_server, _ = servers
    ConnectorService(db, SecretBox.from_settings(settings)).add(
        ORG,
        "jira-sandbox",
        "jira",
        jira_server.base_url,
        {"api_token": jira.DEFAULT_API_TOKEN},
        {"email": jira.DEFAULT_EMAIL, "project": company.jira_project_key},
    )
    data = {
        "transcript": read_sample("acme_logistics_discovery.txt"),
        "account": "Nobody Inc",
        "write_back": {"jira_connector": "jira-sandbox", "project": company.jira_project_key},
    }
    with run_service(offline_llm) as runs:
        run = runs.execute(runs.create(ORG, "techtranslator", data).id)
        facts = runs.pending(run.id)[0]["account"]
    assert facts == {
        "account": "Nobody Inc",
        "company_id": None,
        "company_name": None,
        "arr": 0.0,
        "open_deal_amount": 0.0,
        "open_deals": 0,
    }


@pytest.mark.parametrize(
    ("requirement", "issue", "relation"),
    [
        ({"csv", "export", "shipment"}, {"csv", "export", "shipment"}, "duplicate_of"),
        ({"csv", "export", "shipment"}, {"csv", "export", "shipment", "retri"}, "duplicate_of"),
        ({"csv", "export", "shipment", "daili"}, {"csv", "export", "invoic", "pdf"}, "related_to"),
        ({"csv", "export", "shipment"}, {"csv", "billing", "page", "safari", "break"}, None),
        ({"sso"}, set(), None),
    ],
)
def test_jira_match_relation_follows_the_shared_words(
    requirement: set[str], issue: set[str], relation: str | None
) -> None:
    from agents.techtranslator.enrich import classify

    assert classify(frozenset(requirement), frozenset(issue))[0] == relation
