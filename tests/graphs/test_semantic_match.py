"""Semantic Jira matching and memory search: pgvector + embeddings when present, else full-text.

The fake OpenAI server embeds hashed character trigrams, so the pair used here shares word stems
spelled differently ("sign-on" / "signon"); PostgreSQL's full-text lexemes do not equate those.
(A pure paraphrase like "sign in with Okta SSO" / "SAML single sign-on" needs a real model.)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from agents.techtranslator.enrich import JiraMatch, matches_for
from devbizops.db import Database
from memory.repositories.memory_store import DecisionMemory, setup_memory_store
from memory.repositories.orgs import OrgRepository
from memory.source_models import JiraIssue
from memory.store import SqlGraphStore
from tests.fakes.openai_server import FakeOpenAIServer
from tools.llm.embeddings import OpenAIEmbedder

REQUIREMENT = "Single sign-on with Okta"
ISSUES = {
    "SSO-1": "Okta single signon",
    "BIL-2": "Billing page breaks on Safari",
    "EXP-3": "CSV export of shipments",
}


@pytest.fixture(scope="module")
def openai_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def embedder(openai_server: FakeOpenAIServer) -> Iterator[OpenAIEmbedder]:
    openai_server.reset()
    built = OpenAIEmbedder(
        model="text-embedding-3-small",
        api_key="sk-test-loopback",
        base_url=openai_server.base_url,
        dims=256,
        max_retries=0,
        timeout=5.0,
    )
    yield built
    built.close()


@pytest.fixture
def has_pgvector(db: Database) -> bool:
    with db.transaction() as session:
        count = session.execute(
            text("SELECT count(*) FROM pg_extension WHERE extname = 'vector'")
        ).scalar_one()
    return bool(count)


@pytest.fixture
def org_id(db: Database) -> uuid.UUID:
    now = datetime(2026, 1, 5, tzinfo=UTC)
    with db.transaction() as session:
        org = OrgRepository(session).ensure("test-org")
        for key, summary in ISSUES.items():
            session.add(
                JiraIssue(
                    org_id=org,
                    key=key,
                    id=key,
                    issue_type="Story",
                    summary=summary,
                    status="To Do",
                    created=now,
                    updated=now,
                )
            )
    return org


def _matches(store: SqlGraphStore, org_id: uuid.UUID) -> list[JiraMatch]:
    [(lexemes, candidates)] = store.jira_candidates(org_id, [REQUIREMENT])
    return matches_for(lexemes, candidates)


def _embedding_requests(server: FakeOpenAIServer) -> list[list[str]]:
    return [r.body["input"] for r in server.requests if r.path == "/v1/embeddings"]


def test_differently_spelled_requirement_is_a_semantic_duplicate_only_with_pgvector(
    db: Database,
    org_id: uuid.UUID,
    embedder: OpenAIEmbedder,
    openai_server: FakeOpenAIServer,
    has_pgvector: bool,
) -> None:
    full_text = _matches(SqlGraphStore(db.transaction), org_id)
    # Full-text shares "okta" and "singl" only: related, not a duplicate.
    assert [(m.key, m.relation, m.method) for m in full_text] == [
        ("SSO-1", "related_to", "full_text")
    ]

    found = _matches(SqlGraphStore(db.transaction, embedder), org_id)

    if has_pgvector:
        assert [(m.key, m.relation, m.method) for m in found] == [
            ("SSO-1", "duplicate_of", "semantic")
        ]
        assert found[0].score >= 0.85
        # Issue summaries are embedded once, in one batch, then the requirement.
        assert _embedding_requests(openai_server) == [sorted(ISSUES.values()), [REQUIREMENT]]
    else:
        assert found == full_text
        assert _embedding_requests(openai_server) == []
        with db.transaction() as session:
            table = session.execute(text("SELECT to_regclass('jira_issue_embeddings')"))
            assert table.scalar_one() is None


def test_issue_embeddings_are_cached_until_the_summary_changes(
    db: Database,
    org_id: uuid.UUID,
    embedder: OpenAIEmbedder,
    openai_server: FakeOpenAIServer,
    has_pgvector: bool,
) -> None:
    store = SqlGraphStore(db.transaction, embedder)
    _matches(store, org_id)
    openai_server.reset()
    again = _matches(store, org_id)
    cached = _embedding_requests(openai_server)
    with db.transaction() as session:
        session.execute(
            text(
                "UPDATE jira_issues SET summary = 'Safari billing page layout' WHERE key = 'SSO-1'"
            )
        )
    openai_server.reset()
    after_edit = _matches(store, org_id)

    if has_pgvector:
        assert again[0].relation == "duplicate_of"
        assert cached == [[REQUIREMENT]]  # the issues' embeddings came from the table
        assert after_edit == []
        # Only the edited summary is embedded again, then the requirement.
        assert _embedding_requests(openai_server) == [["Safari billing page layout"], [REQUIREMENT]]
    else:
        assert [(m.key, m.method) for m in again] == [("SSO-1", "full_text")]
        assert after_edit == []
        assert cached == _embedding_requests(openai_server) == []


def test_rejected_requirement_is_recognised_semantically_only_with_pgvector(
    db: Database, embedder: OpenAIEmbedder, openai_server: FakeOpenAIServer, has_pgvector: bool
) -> None:
    org, account = uuid.uuid4(), "Acme Logistics"
    with db.connect() as conn:
        setup_memory_store(conn, embedder)
        memory = DecisionMemory(conn, embedder)
        memory.remember_decisions(
            org, account, [{"title": "Okta single signon", "decision": "rejected"}]
        )
        asked = [REQUIREMENT, "CSV export of shipments", "Okta single signon"]
        rejected = memory.rejected(org, account, asked)
        plain = DecisionMemory(conn).rejected(org, account, asked)

    assert memory.semantic is has_pgvector
    # Without embeddings only the same key or the same words count.
    assert plain == {"Okta single signon"}
    if has_pgvector:
        assert rejected == {REQUIREMENT, "Okta single signon"}
        assert _embedding_requests(openai_server)  # the title was embedded, then the queries
    else:
        assert rejected == plain
        assert _embedding_requests(openai_server) == []
