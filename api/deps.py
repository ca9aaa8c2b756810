"""FastAPI dependencies as ``Annotated`` aliases: routes declare what they need by type."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Request

from api.auth.authenticate import authenticate, credential
from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.auth.tokens import TokenService
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


def get_token_service(request: Request) -> TokenService:
    """One token service per app (it caches the JWKS of an external identity provider)."""
    tokens: TokenService | None = getattr(request.app.state, "tokens", None)
    if tokens is None:
        tokens = TokenService(request.app.state.settings)
        request.app.state.tokens = tokens
    return tokens


TokenServiceDep = Annotated[TokenService, Depends(get_token_service)]


def current_principal(
    request: Request,
    db: DatabaseDep,
    tokens: TokenServiceDep,
    x_api_key: Annotated[str | None, Header(include_in_schema=False)] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Principal:
    """The authenticated caller (401 without valid credentials)."""
    value = credential(x_api_key, authorization)
    with db.transaction() as session:
        principal = authenticate(session, tokens, value)
    request.state.principal = principal  # for logs and metrics
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


# The attribute ``require`` leaves on its dependency: the RBAC matrix test walks the app's routes
# and reads it to know which permission each route demands (None: any authenticated caller).
PERMISSION_MARK = "required_permission"


def require(permission: Permission | None) -> Any:
    """A dependency that yields the caller when its role holds ``permission`` (else 403).

    ``require(None)`` admits every authenticated caller (``/v1/me``, logout)."""

    def check(principal: CurrentPrincipal) -> Principal:
        if permission is not None:
            principal.check(permission)
        return principal

    setattr(check, PERMISSION_MARK, permission)
    return Depends(check)


def required_permission(call: Any) -> tuple[bool, Permission | None]:
    """Whether ``call`` is a ``require`` dependency, and the permission it demands."""
    return hasattr(call, PERMISSION_MARK), getattr(call, PERMISSION_MARK, None)


# Use as ``principal: Annotated[Principal, require(Permission.RUNS_READ)]``.
