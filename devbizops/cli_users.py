"""``devbizops users|orgs|apikeys``: people, organizations and API keys from the shell.

The commands act as the operator of the installation ("cli" in the audit log), so they may do
what an owner may do. ``apikeys create`` prints only the key on stdout, for ``KEY=$(...)``.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table

from api.auth.keys import ApiKeyService
from api.auth.members import MemberService
from api.auth.schemas import MemberIn
from devbizops.cli_support import errors_to_exit, out
from devbizops.container import ensure_schema
from devbizops.db import Database
from devbizops.errors import InvalidInput, NotFound
from devbizops.settings import get_settings
from memory.repositories.orgs import OrgRepository

ACTOR = "cli"
ROLES_HELP = "owner | admin | engineer | sales | viewer"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")

users_app = typer.Typer(help="People who log in to the API.", no_args_is_help=True)
orgs_app = typer.Typer(help="Organizations (tenants).", no_args_is_help=True)
apikeys_app = typer.Typer(help="API keys for scripts, CI and the Slack bot.", no_args_is_help=True)

OrgOpt = Annotated[str | None, typer.Option("--org", help="org slug (default: DEVBIZOPS_ORG)")]


@contextmanager
def _database() -> Iterator[Database]:
    db = Database.from_settings(get_settings())
    try:
        ensure_schema(db)
        yield db
    finally:
        db.dispose()


def _org_id(db: Database, slug: str | None) -> tuple[str, uuid.UUID]:
    slug = slug or get_settings().org
    with db.transaction() as session:
        org_id = OrgRepository(session).get_id(slug)
    if org_id is None:
        raise NotFound(f"no organization {slug!r}: create it with `devbizops orgs create {slug}`")
    return slug, org_id


def _role(role: str) -> str:
    if role not in ROLES_HELP.split(" | "):
        raise InvalidInput(f"unknown role {role!r}; choose {ROLES_HELP}")
    return role


@orgs_app.command("create")
@errors_to_exit
def create_org(
    name: Annotated[str, typer.Argument(help="slug: lower-case letters, digits, dashes")],
    display_name: Annotated[str | None, typer.Option("--display-name")] = None,
) -> None:
    """Create an organization (nothing happens when it exists)."""
    if not SLUG.fullmatch(name):
        raise InvalidInput(f"{name!r} is not a valid org slug (a-z, 0-9, dashes; max 63)")
    with _database() as db, db.transaction() as session:
        repo = OrgRepository(session)
        existed = repo.get_id(name) is not None
        repo.ensure(name, display_name)
    out.print(f"organization {name} {'already exists' if existed else 'created'}")


@users_app.command("create")
@errors_to_exit
def create_user(
    email: Annotated[str, typer.Argument(help="the login email")],
    role: Annotated[str, typer.Option("--role", help=ROLES_HELP)] = "viewer",
    org: OrgOpt = None,
    name: Annotated[str, typer.Option("--name", help="display name")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="read the password from stdin")
    ] = False,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="invite only: no password login yet")
    ] = False,
) -> None:
    """Create a user (or add an existing one) as a member of the org with a role."""
    _role(role)  # before asking for a password that would be thrown away
    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not no_password:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    with _database() as db:
        slug, org_id = _org_id(db, org)
        try:
            body = MemberIn.model_validate(
                {"email": email, "role": role, "name": name, "password": password}
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InvalidInput(f"{first['loc'][0]}: {first['msg']}") from exc
        member = MemberService(db).add(org_id, ACTOR, "owner", body)
    out.print(f"{member.email} is {member.role} of {slug} (user id {member.user_id})")


@users_app.command("list")
@errors_to_exit
def list_users(org: OrgOpt = None) -> None:
    """Members of the org with their roles."""
    with _database() as db:
        slug, org_id = _org_id(db, org)
        members = MemberService(db).list(org_id)
    table = Table("email", "name", "role", "password", "user id", title=f"members of {slug}")
    for m in members:
        table.add_row(m.email, m.name, m.role, "yes" if m.has_password else "no", str(m.user_id))
    out.print(table)


@apikeys_app.command("create")
@errors_to_exit
def create_key(
    role: Annotated[str, typer.Option("--role", help=ROLES_HELP)],
    org: OrgOpt = None,
    name: Annotated[str | None, typer.Option("--name", help="what uses the key")] = None,
) -> None:
    """Create a key and print it (only the key, on stdout): it is shown this once."""
    with _database() as db:
        _, org_id = _org_id(db, org)
        created = ApiKeyService(db).create(
            org_id, ACTOR, "owner", name or f"{role}-key", _role(role)
        )
    sys.stdout.write(created.key + "\n")


@apikeys_app.command("list")
@errors_to_exit
def list_keys(org: OrgOpt = None) -> None:
    """The org's keys by prefix (the secret part is never stored)."""
    with _database() as db:
        slug, org_id = _org_id(db, org)
        keys = ApiKeyService(db).list(org_id)
    table = Table("prefix", "name", "role", "created", "last used", "revoked", title=slug)
    for k in keys:
        table.add_row(
            k.prefix,
            k.name,
            k.role,
            f"{k.created_at:%Y-%m-%d %H:%M}",
            f"{k.last_used_at:%Y-%m-%d %H:%M}" if k.last_used_at else "",
            f"{k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "",
        )
    out.print(table)


@apikeys_app.command("revoke")
@errors_to_exit
def revoke_key(
    prefix: Annotated[str, typer.Argument(help="the key's prefix, e.g. dbo_1a2b3c4d")],
    org: OrgOpt = None,
) -> None:
    """Revoke a key: requests with it fail from now on."""
    with _database() as db:
        _, org_id = _org_id(db, org)
        changed = ApiKeyService(db).revoke(org_id, ACTOR, prefix)
    out.print(f"key {prefix} {'revoked' if changed else 'was already revoked'}")
