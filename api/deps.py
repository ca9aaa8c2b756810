"""FastAPI dependencies as ``Annotated`` aliases: routes declare what they need by type."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.webhooks.service import WebhookService
from devbizops.db import Database
from devbizops.secrets import SecretBox
from devbizops.settings import Settings


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    """The database opened by the app's lifespan."""
    db: Database = request.app.state.db
    return db


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]


def get_secret_box(settings: SettingsDep) -> SecretBox:
    return SecretBox.from_settings(settings)


SecretBoxDep = Annotated[SecretBox, Depends(get_secret_box)]


def get_webhook_service(
    db: DatabaseDep, box: SecretBoxDep, settings: SettingsDep
) -> WebhookService:
    return WebhookService(db, box, default_org=settings.org)


WebhookServiceDep = Annotated[WebhookService, Depends(get_webhook_service)]
