"""Privacy: export finds a person's words, evidence, notes and account; erase pseudonymises
them for good, only in the asking org, and says so when there is nothing left."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import String, cast, select, text

from devbizops.db import Database
from memory.models import AuditLog, Requirement, Run, Transcript, User
from memory.repositories.orgs import OrgRepository
from memory.source_models import CrmNote
from tests.api.auth.people import add_person
from tests.api.conftest import KeyFactory
from tests.api.privacy.conftest import Translate

ORG = "test-org"  # the settings' org, where the container's runs land
DANIEL = "daniel.okoro@lumenbank.co.uk"  # a Gong party: email and name in the transcript
ALIAS = "erased-" + hashlib.sha256(DANIEL.encode()).hexdigest()[:8]


def export(api: TestClient, headers: dict[str, str], email: str) -> dict[str, Any]:
    answer = api.get("/v1/privacy/export", params={"email": email}, headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def stored_text(db: Database, org: str) -> str:
    """Everything the org keeps in transcripts, evidence and runs, as one text."""
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
        parts = [
            *session.scalars(select(Transcript.content).where(Transcript.org_id == org_id)),
            *session.scalars(
                select(cast(Requirement.evidence, String)).where(Requirement.org_id == org_id)
            ),
            *session.scalars(select(cast(Run.input, String)).where(Run.org_id == org_id)),
            *session.scalars(select(cast(Run.output, String)).where(Run.org_id == org_id)),
        ]
    return "\n".join(p for p in parts if p)


def checkpoints(db: Database, org: str) -> int:
    """LangGraph checkpoints of the org's runs (thread id = run id)."""
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
        run_ids = [str(r) for r in session.scalars(select(Run.id).where(Run.org_id == org_id))]
        found = session.execute(
            text("SELECT count(*) FROM checkpoints WHERE thread_id = ANY(:ids)"), {"ids": run_ids}
        ).scalar_one()
    return int(found)


def test_export_finds_what_a_gong_speaker_said_by_email(
    api: TestClient, auth_headers: KeyFactory, translate: Translate
) -> None:
    translate("lumen_bank_discovery.gong.json", ORG)
    body = export(api, auth_headers("admin", org=ORG), DANIEL.upper())
    assert body["found"] is True and body["names"] == ["Daniel Okoro"] and body["user"] is None
    lines = body["transcript_lines"]
    assert isinstance(lines, list) and lines
    assert {line["speaker"] for line in lines} == {"Daniel Okoro"}
    quotes = [q for item in body["evidence"] for q in item["quotes"]]
    assert quotes and {q["speaker"] for q in quotes} == {"Daniel Okoro"}
    assert all(any(q["quote"] in line["text"] for line in lines) for q in quotes)


def test_erase_pseudonymises_everywhere_in_the_org_only_and_is_idempotent(
    api: TestClient, db: Database, auth_headers: KeyFactory, translate: Translate
) -> None:
    translate("lumen_bank_discovery.gong.json", ORG)
    translate("lumen_bank_discovery.gong.json", "other-org")
    headers = auth_headers("admin", org=ORG)
    assert "Daniel Okoro" in stored_text(db, ORG)

    first = api.post("/v1/privacy/erase", json={"email": DANIEL}, headers=headers)
    assert first.status_code == 200, first.text
    report = first.json()
    assert report["changed"] is True and report["pseudonym"] == ALIAS
    assert report["counts"]["transcripts"] == 1 and report["counts"]["transcript_lines"] > 0
    assert report["counts"]["evidence"] > 0 and report["counts"]["runs"] == 1

    text = stored_text(db, ORG)
    assert "Daniel Okoro" not in text and DANIEL not in text and ALIAS in text
    assert "Daniel Okoro" in stored_text(db, "other-org")  # another tenant's data is theirs
    # Checkpoints are serialised state that cannot be scrubbed: the finished run's are dropped.
    assert report["counts"]["checkpoint_threads"] == 1
    assert checkpoints(db, ORG) == 0 and checkpoints(db, "other-org") > 0
    assert export(api, headers, DANIEL)["found"] is False

    second = api.post("/v1/privacy/erase", json={"email": DANIEL}, headers=headers).json()
    assert second["changed"] is False and "nothing to erase" in second["message"]
    assert not any(second["counts"].values())

    with db.transaction() as session:
        rows = session.scalars(
            select(AuditLog).where(AuditLog.action == "privacy.erase").order_by(AuditLog.id)
        ).all()
        assert [r.details["changed"] for r in rows] == [True, False]
        digest = hashlib.sha256(DANIEL.encode()).hexdigest()
        assert all(r.details["email_sha256"] == digest for r in rows)
        assert all(DANIEL not in str(r.details) + str(r.target) for r in rows)


def test_a_member_is_exported_with_their_account_and_erased_with_it(
    api: TestClient, db: Database, auth_headers: KeyFactory, translate: Translate
) -> None:
    translate("acme_logistics_discovery.txt", ORG)
    add_person(db, "marcus@acme.test", orgs={ORG: "viewer"}, name="Marcus Chen")
    add_person(
        db, "priya@acme.test", orgs={ORG: "sales", "elsewhere": "viewer"}, name="Priya Natarajan"
    )
    headers = auth_headers("owner", org=ORG)

    body = export(api, headers, "marcus@acme.test")
    user = body["user"]
    assert isinstance(user, dict) and user["memberships"][0]["role"] == "viewer"
    assert {line["speaker"] for line in body["transcript_lines"]} == {"Marcus Chen"}

    assert (
        api.post("/v1/privacy/erase", json={"email": "marcus@acme.test"}, headers=headers).json()[
            "counts"
        ]["users_deleted"]
        == 1
    )
    kept = api.post("/v1/privacy/erase", json={"email": "priya@acme.test"}, headers=headers).json()
    assert kept["counts"]["memberships"] == 1 and kept["counts"]["users_deleted"] == 0
    with db.transaction() as session:
        emails = set(session.scalars(select(User.email)))
    assert "marcus@acme.test" not in emails and "priya@acme.test" in emails
    text = stored_text(db, ORG)
    assert "Marcus Chen" not in text and "Priya Natarajan" not in text
    assert "Dana Whitfield" in text  # nobody else is touched


def test_crm_notes_with_the_email_are_exported_and_scrubbed(
    api: TestClient, db: Database, auth_headers: KeyFactory
) -> None:
    now = datetime.now(UTC)
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
        session.add(
            CrmNote(
                org_id=org_id,
                id="n-1",
                body=f"Call with {DANIEL.title()} about SSO",
                timestamp=now,
                updated_at=now,
            )
        )
    headers = auth_headers("admin", org=ORG)
    notes = export(api, headers, DANIEL)["crm_notes"]
    assert [n["id"] for n in notes] == ["n-1"]
    erased = api.post("/v1/privacy/erase", json={"email": DANIEL}, headers=headers).json()
    assert erased["counts"]["crm_notes"] == 1
    with db.transaction() as session:
        assert session.scalars(select(CrmNote.body)).one() == f"Call with {ALIAS} about SSO"


def test_privacy_needs_the_privacy_permission(api: TestClient, auth_headers: KeyFactory) -> None:
    engineer = auth_headers("engineer", org=ORG)
    assert (
        api.get("/v1/privacy/export", params={"email": DANIEL}, headers=engineer).status_code == 403
    )
    assert (
        api.post("/v1/privacy/erase", json={"email": DANIEL}, headers=engineer).status_code == 403
    )
