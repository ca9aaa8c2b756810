"""Incremental reads through HubSpot's search API, including paging past its result cap."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.tools.crm.conftest import MakeClient, StartServer
from tests.tools.crm.sample import SHARED_UPDATE, START, deal_id, deal_updated
from tools.crm import CrmError, HubSpotClient
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.hubspot import SANDBOX_TOKEN


def test_search_deals_returns_only_deals_modified_since_oldest_first(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    since = deal_updated(5)

    found = list(client.search_deals(since))

    expected = sorted(
        (d for d in company.deals if d.updated_at >= since), key=lambda d: (d.updated_at, int(d.id))
    )
    assert [d.id for d in found] == [d.id for d in expected]
    assert [d.company_ids for d in found] == [[d.company_id] for d in expected]
    assert deal_updated(4) < since  # so the boundary excluded something


def test_search_deals_between_two_times_and_of_one_kind(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    since, until = deal_updated(2), deal_updated(9)

    window = {d.id for d in client.search_deals(since, until=until)}
    renewals = {d.id for d in client.search_deals(START, deal_kind="renewal")}

    assert window == {d.id for d in company.deals if since <= d.updated_at <= until}
    assert renewals == {d.id for d in company.deals if d.kind == "renewal"}
    assert renewals  # the sample has some


def test_search_companies_returns_only_companies_modified_since(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    since = company.companies[2].updated_at

    found = [c.id for c in client.search_companies(since)]

    assert found == [c.id for c in company.companies if c.updated_at >= since]


def test_search_pages_past_the_result_cap_by_advancing_the_filter_without_loss_or_repeat(
    start_server: StartServer, make_client: MakeClient, company: SandboxCompany
) -> None:
    capped = start_server(search_cap=5)
    client = make_client(capped, search_page_size=2, search_result_cap=5)

    found = [d.id for d in client.search_deals(START)]

    by_update = sorted(company.deals, key=lambda d: (d.updated_at, int(d.id)))
    assert found == [d.id for d in by_update]
    assert {deal_id(7), deal_id(8)} <= set(found)  # the pair sharing one timestamp


def test_server_refuses_to_page_a_search_past_its_cap(start_server: StartServer) -> None:
    capped = start_server(search_cap=5)
    body = {"limit": 2, "after": "4"}
    headers = {"Authorization": f"Bearer {SANDBOX_TOKEN}"}
    url = f"{capped.base_url}/crm/v3/objects/deals/search"

    with httpx.Client(headers=headers) as http:
        last = http.post(url, json=body)
        beyond = http.post(url, json={**body, "after": last.json()["paging"]["next"]["after"]})

    assert last.status_code == 200 and len(last.json()["results"]) == 1  # cut at the cap
    assert last.json()["total"] == 12
    assert beyond.status_code == 400
    assert beyond.json()["category"] == "VALIDATION_ERROR"


def test_search_stops_with_an_error_when_more_than_the_cap_share_one_timestamp(
    start_server: StartServer, make_client: MakeClient
) -> None:
    capped = start_server(search_cap=1)
    client = make_client(capped, search_page_size=1, search_result_cap=1)

    with pytest.raises(CrmError, match="share hs_lastmodifieddate"):
        list(client.search_deals(SHARED_UPDATE - timedelta(milliseconds=1)))
