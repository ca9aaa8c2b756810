"""Connector bodies and views: the secret goes in, never out."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,62}$", examples=["github-main"])]
# PostgreSQL text and JSONB cannot hold NUL characters: refuse them at the edge (422, not 500).
NO_NUL = r"^[^\x00]*$"
SettingKey = Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]
Setting = Annotated[str, Field(max_length=500, pattern=NO_NUL)]
Secret = Annotated[
    str,
    Field(
        min_length=1,
        max_length=4000,
        description="the source's token (GitHub token, Jira API token, HubSpot private app "
        "token); sealed at rest, never returned",
    ),
]


class ConnectorCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    source: Literal["github", "jira", "crm"]
    base_url: HttpUrl | None = Field(
        default=None, description="API root; GitHub and HubSpot have defaults, Jira needs one"
    )
    settings: dict[SettingKey, Setting] = Field(
        default_factory=dict,
        max_length=20,
        description="github: org; jira: email, project",
        examples=[{"org": "my-org"}],
    )
    secret: Secret


class ConnectorUpdate(BaseModel):
    """Fields to change: ``settings`` are merged over the stored ones, ``secret`` rotates."""

    model_config = ConfigDict(extra="forbid")

    base_url: HttpUrl | None = None
    settings: dict[SettingKey, Setting] | None = Field(default=None, max_length=20)
    secret: Secret | None = None


class ConnectorOut(BaseModel):
    name: str
    source: str
    base_url: str
    settings: dict[str, str]
    has_secret: bool
    created_at: datetime
    updated_at: datetime


class ConnectorList(BaseModel):
    items: list[ConnectorOut]
