"""The client against a generated sandbox company: everything read back exactly once."""

from __future__ import annotations

import pytest

from tests.tools.crm.conftest import MakeClient, StartServer
from tools.sandbox.generator import generate
from tools.sandbox.model import SandboxCompany


@pytest.fixture(scope="module")
def generated() -> SandboxCompany:
    return generate(seed=7, size=1)


def test_generated_company_reads_back_whole_through_lists_and_capped_search(
    generated: SandboxCompany, start_server: StartServer, make_client: MakeClient
) -> None:
    server = start_server(generated, search_cap=60)
    client = make_client(server, search_page_size=25, search_result_cap=60)

    deals = {d.id: d for d in client.list_deals(stage_history=True)}
    companies = [c.id for c in client.list_companies()]
    searched = [d.id for d in client.search_deals(generated.start)]
    (pipeline,) = client.list_pipelines()

    assert sorted(deals) == sorted(d.id for d in generated.deals)
    assert sorted(companies) == sorted(c.id for c in generated.companies)
    assert sorted(searched) == sorted(deals) and len(searched) == len(deals)
    for expected in generated.deals:
        got = deals[expected.id]
        assert got.company_ids == [expected.company_id]
        assert [c.stage_id for c in got.stage_history] == [
            c.stage_id for c in expected.stage_history
        ]
        assert got.requested_issue_keys == expected.requested_issue_keys
    assert [s.id for s in pipeline.stages] == [s.id for s in generated.pipelines[0].stages]
