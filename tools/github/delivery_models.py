"""Wire models for what ships: releases, deployments and their statuses."""

from __future__ import annotations

from datetime import datetime

from tools.github.models import User, WireModel


class Release(WireModel):
    id: int
    tag_name: str
    name: str | None = None
    body: str | None = None
    target_commitish: str
    draft: bool
    prerelease: bool
    author: User | None = None
    html_url: str
    created_at: datetime
    published_at: datetime | None = None  # None while a draft


class Deployment(WireModel):
    id: int
    sha: str
    ref: str
    task: str
    environment: str
    original_environment: str | None = None
    description: str | None = None
    creator: User | None = None
    production_environment: bool | None = None
    created_at: datetime
    updated_at: datetime


class DeploymentStatus(WireModel):
    id: int
    state: str  # error, failure, inactive, pending, success, queued, in_progress
    description: str = ""
    environment: str | None = None
    creator: User | None = None
    target_url: str | None = None
    log_url: str | None = None
    created_at: datetime
    updated_at: datetime
