"""Export everything the org stores about a person, or pseudonymise and delete it."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy.orm import Session

from api.privacy.person import Person, email_sha256, pseudonym, turns_of
from api.privacy.schemas import (
    AuditActionOut,
    CrmNoteOut,
    EvidenceOut,
    MembershipOut,
    PrivacyErasure,
    PrivacyExport,
    TranscriptLine,
    UserRecord,
)
from devbizops.db import Database
from memory.models import TERMINAL_STATUSES, Membership, User
from memory.repositories.audit import AuditRepository
from memory.repositories.privacy import PrivacyRepository
from memory.repositories.users import UserRepository, normal_email


class PrivacyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def export(self, org_id: uuid.UUID, slug: str, email: str) -> PrivacyExport:
        with self.db.transaction() as session:
            person, user, membership = _identify(session, org_id, email)
            repo = PrivacyRepository(session)
            needles = [person.email, *person.names]
            lines = [
                TranscriptLine(
                    transcript_id=t.id,
                    account=t.account,
                    format=t.format,
                    line=turn.line,
                    speaker=turn.speaker,
                    role=turn.role,
                    text=turn.text,
                    timestamp=turn.timestamp,
                )
                for t in repo.transcripts(org_id, needles)
                for turn in turns_of(person, t.content, t.format)
            ]
            evidence = [
                EvidenceOut(requirement_id=r.id, key=r.key, title=r.title, quotes=quotes)
                for r in repo.requirements(org_id, needles)
                if (quotes := [e for e in r.evidence if _spoken_by(person, e)])
            ]
            notes = [
                CrmNoteOut(id=n.id, body=n.body, timestamp=n.timestamp)
                for n in repo.crm_notes(org_id, person.email)
            ]
            audit = [
                AuditActionOut.model_validate(row, from_attributes=True)
                for row in repo.audit_by(org_id, f"user:{person.email}")
            ]
            record = _user_record(user, membership, slug)
            return PrivacyExport(
                email=person.email,
                names=sorted(person.names),
                found=bool(record or lines or evidence or notes or audit),
                user=record,
                transcript_lines=lines,
                evidence=evidence,
                crm_notes=notes,
                audit=audit,
            )

    def erase(self, org_id: uuid.UUID, actor: str, email: str) -> PrivacyErasure:
        """Pseudonymise the person everywhere in the org; delete the user when no org keeps
        them. Safe to repeat: a second call finds nothing and says so."""
        with self.db.transaction() as session:
            person, user, membership = _identify(session, org_id, email)
            counts = _scrub(session, org_id, person)
            users = UserRepository(session)
            counts["memberships"] = int(membership is not None)
            counts["users_deleted"] = 0
            if user is not None and membership is not None:
                users.remove_member(org_id, user.id)
                session.flush()
                if users.membership_count(user.id) == 0:
                    users.delete(user.id)
                    counts["users_deleted"] = 1
            alias = pseudonym(person.email)
            counts["actor_rows"] = PrivacyRepository(session).rename_actor(
                org_id, f"user:{person.email}", f"user:{alias}"
            )
            changed = any(counts.values())
            AuditRepository(session).record(
                org_id,
                actor,
                "privacy.erase",
                target=alias,
                details={
                    "email_sha256": email_sha256(person.email),
                    "counts": counts,
                    "changed": changed,
                },
            )
        message = "personal data erased" if changed else "nothing to erase: already erased"
        return PrivacyErasure(pseudonym=alias, changed=changed, counts=counts, message=message)


def _identify(
    session: Session, org_id: uuid.UUID, email: str
) -> tuple[Person, User | None, Membership | None]:
    """The person behind ``email``: their user (if any) and every name the org's data pairs
    with the address."""
    person = Person(normal_email(email))
    users = UserRepository(session)
    user = users.by_email(person.email)
    membership = users.membership(org_id, user.id) if user else None
    if user is not None and user.name.strip():
        person.names.add(user.name.strip())
    for transcript in PrivacyRepository(session).transcripts(org_id, [person.email]):
        person.learn_from(transcript.content)
    return person, user, membership


def _scrub(session: Session, org_id: uuid.UUID, person: Person) -> dict[str, int]:
    """Replace the person by their pseudonym in transcripts, evidence, runs and CRM notes."""
    repo = PrivacyRepository(session)
    needles = [person.email, *person.names]
    alias = pseudonym(person.email)
    counts = dict.fromkeys(
        ("transcripts", "transcript_lines", "evidence", "runs", "runs_in_progress", "crm_notes"), 0
    )
    for t in repo.transcripts(org_id, needles):
        spoken = len(turns_of(person, t.content, t.format))
        scrubbed = person.scrub(t.content)
        if scrubbed != t.content:
            t.content = scrubbed
            t.sha256 = hashlib.sha256(scrubbed.encode()).hexdigest()
            counts["transcripts"] += 1
            counts["transcript_lines"] += spoken
    for r in repo.requirements(org_id, needles):
        counts["evidence"] += sum(1 for e in r.evidence if _spoken_by(person, e))
        evidence = [{**e, "speaker": alias} if _spoken_by(person, e) else e for e in r.evidence]
        r.evidence = person.scrub_json(evidence)
    finished: list[uuid.UUID] = []
    for run in repo.runs(org_id, needles):
        run.input = person.scrub_json(run.input)
        run.output = person.scrub_json(run.output)
        run.error = person.scrub_json(run.error)
        counts["runs"] += 1
        if run.status in TERMINAL_STATUSES:
            finished.append(run.id)
        else:
            counts["runs_in_progress"] += 1  # keeps its checkpoints, or it could not go on
    counts["checkpoint_threads"] = repo.delete_checkpoints(finished)
    for event in repo.run_events(org_id, needles):
        event.payload = person.scrub_json(event.payload)
    for note in repo.crm_notes(org_id, person.email):
        note.body = person.scrub(note.body)
        counts["crm_notes"] += 1
    return counts


def _spoken_by(person: Person, evidence: Any) -> bool:
    return isinstance(evidence, dict) and person.spoke(str(evidence.get("speaker", "")))


def _user_record(user: User | None, membership: Membership | None, slug: str) -> UserRecord | None:
    """The user as this org knows them; a user of other orgs only is none of its business."""
    if user is None or membership is None:
        return None
    return UserRecord(
        id=user.id,
        email=user.email,
        name=user.name,
        has_password=user.password_hash is not None,
        created_at=user.created_at,
        memberships=[
            MembershipOut(org=slug, role=membership.role, joined_at=membership.created_at)
        ],
    )
