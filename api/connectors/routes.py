"""Connectors CRUD; secrets are write-only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.connectors.schemas import (
    NO_NUL,
    ConnectorCreate,
    ConnectorList,
    ConnectorOut,
    ConnectorUpdate,
)
from api.connectors.service import ConnectorApiService
from api.deps import DatabaseDep, SecretBoxDep, require

router = APIRouter(prefix="/v1/connectors", tags=["connectors"])

Reader = Annotated[Principal, require(Permission.CONNECTORS_READ)]
Writer = Annotated[Principal, require(Permission.CONNECTORS_WRITE)]
ConnectorName = Annotated[str, Path(max_length=63, pattern=NO_NUL)]


def get_service(db: DatabaseDep, box: SecretBoxDep) -> ConnectorApiService:
    return ConnectorApiService(db, box)


ServiceDep = Annotated[ConnectorApiService, Depends(get_service)]


@router.get("")
def list_connectors(principal: Reader, service: ServiceDep) -> ConnectorList:
    """The org's connectors (``has_secret`` instead of the secret)."""
    return ConnectorList(items=service.list(principal.org_id))


@router.get("/{name}")
def get_connector(name: ConnectorName, principal: Reader, service: ServiceDep) -> ConnectorOut:
    return service.get(principal.org_id, name)


@router.post("", status_code=201)
def create_connector(body: ConnectorCreate, principal: Writer, service: ServiceDep) -> ConnectorOut:
    """Store a GitHub, Jira or CRM connector; the secret is sealed and never shown again."""
    return service.create(principal.org_id, body, principal.actor)


@router.patch("/{name}")
def update_connector(
    name: ConnectorName, body: ConnectorUpdate, principal: Writer, service: ServiceDep
) -> ConnectorOut:
    """Change the base URL or settings, or rotate the secret."""
    return service.update(principal.org_id, name, body, principal.actor)


@router.delete("/{name}", status_code=204)
def delete_connector(name: ConnectorName, principal: Writer, service: ServiceDep) -> Response:
    service.delete(principal.org_id, name, principal.actor)
    return Response(status_code=204)
