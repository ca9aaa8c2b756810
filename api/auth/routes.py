"""Login, token refresh, the current caller, API keys and members."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from api.auth.keys import ApiKeyService
from api.auth.members import MemberService
from api.auth.permissions import ROLE_PERMISSIONS, Permission
from api.auth.principal import Principal
from api.auth.schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    LoginIn,
    MemberIn,
    MemberOut,
    MemberPatch,
    MeOut,
    RefreshIn,
    TokenPair,
)
from api.auth.service import SessionService
from api.deps import DatabaseDep, TokenServiceDep, require

router = APIRouter(prefix="/v1", tags=["auth"])

Anyone = Annotated[Principal, require(None)]
MemberAdmin = Annotated[Principal, require(Permission.MEMBERS_MANAGE)]
KeyAdmin = Annotated[Principal, require(Permission.APIKEYS_MANAGE)]


def get_sessions(db: DatabaseDep, tokens: TokenServiceDep) -> SessionService:
    return SessionService(db, tokens)


def get_members(db: DatabaseDep) -> MemberService:
    return MemberService(db)


def get_keys(db: DatabaseDep) -> ApiKeyService:
    return ApiKeyService(db)


Sessions = Annotated[SessionService, Depends(get_sessions)]
Members = Annotated[MemberService, Depends(get_members)]
Keys = Annotated[ApiKeyService, Depends(get_keys)]


@router.post("/auth/login")
def login(body: LoginIn, sessions: Sessions) -> TokenPair:
    """Email and password → access and refresh tokens (``org`` when in several orgs)."""
    return sessions.login(body)


@router.post("/auth/refresh")
def refresh(body: RefreshIn, sessions: Sessions) -> TokenPair:
    """A new token pair; the refresh token is spent, and spending it twice ends the session."""
    return sessions.refresh(body.refresh_token)


@router.post("/auth/logout", status_code=204)
def logout(principal: Anyone, body: RefreshIn, sessions: Sessions) -> Response:
    """End the session the refresh token belongs to."""
    sessions.logout(principal, body.refresh_token)
    return Response(status_code=204)


@router.get("/me")
def me(principal: Anyone) -> MeOut:
    """Who the credentials belong to, in which org, and what they may do."""
    return MeOut(
        org=principal.org_slug,
        role=principal.role,
        kind=principal.kind,
        name=principal.name,
        permissions=sorted(p.value for p in ROLE_PERMISSIONS.get(principal.role, frozenset())),
    )


@router.get("/members")
def list_members(principal: MemberAdmin, members: Members) -> list[MemberOut]:
    return members.list(principal.org_id)


@router.post("/members", status_code=201)
def add_member(principal: MemberAdmin, body: MemberIn, members: Members) -> MemberOut:
    """Add a person (created when new; without a password they cannot log in yet)."""
    return members.add(principal.org_id, principal.actor, principal.role, body)


@router.patch("/members/{user_id}")
def change_member(
    principal: MemberAdmin, user_id: uuid.UUID, body: MemberPatch, members: Members
) -> MemberOut:
    return members.change_role(
        principal.org_id, principal.actor, principal.role, user_id, body.role
    )


@router.delete("/members/{user_id}", status_code=204)
def remove_member(principal: MemberAdmin, user_id: uuid.UUID, members: Members) -> Response:
    members.remove(principal.org_id, principal.actor, principal.role, user_id)
    return Response(status_code=204)


@router.get("/apikeys")
def list_keys(principal: KeyAdmin, keys: Keys) -> list[ApiKeyOut]:
    return keys.list(principal.org_id)


@router.post("/apikeys", status_code=201)
def create_key(principal: KeyAdmin, body: ApiKeyIn, keys: Keys) -> ApiKeyCreated:
    """A new key; ``key`` is shown in this answer only."""
    return keys.create(principal.org_id, principal.actor, principal.role, body.name, body.role)


@router.delete("/apikeys/{prefix}", status_code=204)
def revoke_key(principal: KeyAdmin, prefix: str, keys: Keys) -> Response:
    keys.revoke(principal.org_id, principal.actor, prefix)
    return Response(status_code=204)
