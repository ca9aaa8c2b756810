"""Request and response bodies of login, tokens, the current caller, members and API keys."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["owner", "admin", "engineer", "sales", "viewer"]


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)
    org: str | None = Field(default=None, description="org slug; optional with one membership")


class RefreshIn(BaseModel):
    refresh_token: str = Field(min_length=1)


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds until the access token expires")
    org: str
    role: Role


class MeOut(BaseModel):
    org: str
    role: Role
    kind: Literal["user", "apikey"]
    name: str
    permissions: list[str]


class MemberIn(BaseModel):
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    role: Role
    name: str = Field(default="", max_length=200)
    password: str | None = Field(
        default=None, max_length=1024, description="initial password; omit to invite without one"
    )


class MemberPatch(BaseModel):
    role: Role


class MemberOut(BaseModel):
    user_id: uuid.UUID
    email: str
    name: str
    role: Role
    has_password: bool
    joined_at: datetime


class ApiKeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    role: Role


class ApiKeyOut(BaseModel):
    prefix: str
    name: str
    role: Role
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="the full key: shown once, store it now")
