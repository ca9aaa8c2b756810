"""``devbizops roadmap weights show|set|reset``: the organization's scoring weights."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

import typer

from api.roadmap.weights import MODELS, WeightsService
from devbizops.cli_support import errors_to_exit, out
from devbizops.container import ensure_schema
from devbizops.db import Database
from devbizops.errors import InvalidInput
from devbizops.render import print_json
from devbizops.settings import get_settings
from memory.repositories.orgs import OrgRepository

app = typer.Typer(help="Roadmap settings of the organization.", no_args_is_help=True)
weights_app = typer.Typer(
    help="RICE and WSJF weights used when a request gives none.", no_args_is_help=True
)
app.add_typer(weights_app, name="weights")

ACTOR = "cli"


def _open() -> tuple[WeightsService, Database, uuid.UUID]:
    db = Database.from_settings(get_settings())
    ensure_schema(db)
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(get_settings().org)
    return WeightsService(db), db, org_id


@weights_app.command("show")
@errors_to_exit
def show() -> None:
    """The weights in force (stored ones over the defaults) as JSON."""
    service, db, org_id = _open()
    try:
        print_json(out, service.show(org_id))
    finally:
        db.dispose()


@weights_app.command("set")
@errors_to_exit
def set_weights(
    method: Annotated[str, typer.Argument(help="rice | wsjf")],
    values: Annotated[list[str], typer.Argument(help="FIELD=JSON, e.g. points_per_week=8")],
) -> None:
    """Change some weights of one method; the result is validated before it is stored."""
    if method not in MODELS:
        raise InvalidInput(f"unknown method {method!r}; choose rice or wsjf")
    fields: dict[str, Any] = {}
    for item in values:
        field, sep, raw = item.partition("=")
        if not sep:
            raise InvalidInput(f"expected FIELD=VALUE, got {item!r}")
        try:
            fields[field.strip()] = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{field}: value is not JSON ({exc.msg})") from exc
    service, db, org_id = _open()
    try:
        service.update(org_id, {method: fields}, ACTOR)
    finally:
        db.dispose()
    out.print(f"{method} weights saved for organization {get_settings().org}")


@weights_app.command("reset")
@errors_to_exit
def reset() -> None:
    """Back to the built-in defaults."""
    service, db, org_id = _open()
    try:
        service.reset(org_id, ACTOR)
    finally:
        db.dispose()
    out.print(f"weights reset to the defaults for organization {get_settings().org}")
