"""Reading the CRM through the HubSpot client: lists, one deal, pipelines, associations, notes."""

from __future__ import annotations

import pytest

from tests.tools.crm.conftest import MakeClient
from tests.tools.crm.sample import company_id, deal_id
from tools.crm import CrmNotFound, CrmSource, HubSpotClient
from tools.sandbox.model import SandboxCompany


def test_list_companies_yields_every_company_exactly_once_across_pages(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    source: CrmSource = client  # what the agents depend on

    companies = list(source.list_companies())

    assert sorted(c.id for c in companies) == sorted(c.id for c in company.companies)
    first = next(c for c in companies if c.id == company_id(1))
    assert (first.name, first.domain, first.employees, first.country) == (
        "Customer 1",
        "customer1.example",
        50,
        "Germany",
    )
    assert client.stats.requests == 2  # 5 companies in pages of 3


def test_list_deals_yields_every_deal_once_with_company_amount_and_custom_properties(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    deals = {d.id: d for d in client.list_deals()}

    assert sorted(deals) == sorted(d.id for d in company.deals)
    assert len(deals) == len(company.deals)  # no duplicates collapsed by the dict
    for expected in company.deals:
        got = deals[expected.id]
        assert got.company_ids == [expected.company_id]
        assert got.amount == expected.amount
        assert got.stage_id == expected.stage_id
        assert got.kind == expected.kind
        assert got.requested_issue_keys == expected.requested_issue_keys
        assert got.close_date == expected.close_date
        assert got.stage_history == []  # not asked for
    assert deals[deal_id(3)].requested_issue_keys == ["DBO-3", "DBO-43"]
    assert deals[deal_id(3)].amount == 3000.5


def test_list_deals_with_stage_history_gives_each_deals_stage_changes_oldest_first(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    deals = {d.id: d for d in client.list_deals(stage_history=True)}

    for expected in company.deals:
        history = [(c.stage_id, c.at) for c in deals[expected.id].stage_history]
        assert history == [(c.stage_id, c.at) for c in expected.stage_history]


def test_get_deal_returns_its_stage_history_and_unknown_ids_raise_not_found(
    client: HubSpotClient,
) -> None:
    deal = client.get_deal(deal_id(3))

    assert [c.stage_id for c in deal.stage_history] == [
        "appointmentscheduled",
        "qualifiedtobuy",
        "contractsent",
        "closedwon",
    ]
    assert deal.stage_history[-1].at == deal.close_date
    with pytest.raises(CrmNotFound) as caught:
        client.get_deal("123")
    assert caught.value.category == "OBJECT_NOT_FOUND"
    assert caught.value.http_status == 404


def test_list_pipelines_gives_stages_in_order_with_probability_and_closed_flag(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    (pipeline,) = client.list_pipelines("deals")

    assert pipeline.id == "default"
    expected = company.pipelines[0].stages
    assert [(s.id, s.probability, s.is_closed) for s in pipeline.stages] == [
        (s.id, s.probability, s.is_closed) for s in expected
    ]
    won = next(s for s in pipeline.stages if s.id == "closedwon")
    assert (won.probability, won.is_closed) == (1.0, True)


def test_associations_link_deals_and_companies_both_ways(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    deal = company.deals[0]

    (to_company,) = client.list_associations("deals", deal.id, "companies")
    assert to_company.to_id == deal.company_id
    assert set(to_company.type_ids) == {5, 341}  # primary and unlabeled deal → company
    assert "Primary" in to_company.labels
    back = {a.to_id for a in client.list_associations("companies", deal.company_id, "deals")}
    assert back == {d.id for d in company.deals if d.company_id == deal.company_id}


def test_deal_company_ids_reads_many_deals_at_once_and_maps_unknown_deals_to_empty(
    client: HubSpotClient, company: SandboxCompany
) -> None:
    wanted = [d.id for d in company.deals] + ["404404"]

    found = client.deal_company_ids(wanted)

    assert found == {**{d.id: [d.company_id] for d in company.deals}, "404404": []}
    assert client.stats.requests == 1


def test_list_notes_by_deal_by_company_and_all(client: HubSpotClient) -> None:
    on_deal = list(client.list_notes(deal_id=deal_id(2)))
    on_company = list(client.list_notes(company_id=company_id(1)))
    everything = list(client.list_notes())

    assert [n.body for n in on_deal] == ["<p>Call notes 2</p>"]
    assert on_deal[0].company_ids == [company_id(1)]
    assert sorted(n.id for n in on_company) == ["70000000002", "70000000003"]
    assert len(everything) == 3 and len({n.id for n in everything}) == 3


def test_whoami_proves_the_token_and_reports_rate_limit_room(make_client: MakeClient) -> None:
    connection = make_client().whoami()

    assert connection.daily_limit == 650_000
    assert connection.daily_remaining is not None and connection.daily_remaining < 650_000
    assert connection.interval_limit == 190
