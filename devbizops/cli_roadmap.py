"""``devbizops roadmap weights show|set|reset``: the organization's scoring weights."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from pydantic import BaseModel, ValidationError

from agents.roadmap.schemas import RiceWeights, WsjfWeights
from devbizops.cli_support import errors_to_exit, out
from devbizops.container import ensure_schema
from devbizops.db import Database
from devbizops.errors import InvalidInput
from devbizops.render import print_json
from devbizops.settings import get_settings
from memory.repositories.orgs import OrgRepository
from memory.store import SqlGraphStore

app = typer.Typer(help="Roadmap settings of the organization.", no_args_is_help=True)
weights_app = typer.Typer(
    help="RICE and WSJF weights used when a request gives none.", no_args_is_help=True
)
app.add_typer(weights_app, name="weights")

MODELS: dict[str, type[BaseModel]] = {"rice": RiceWeights, "wsjf": WsjfWeights}


def _current(store: SqlGraphStore, db: Database) -> tuple[Any, dict[str, dict[str, Any]]]:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(get_settings().org)
    stored = store.scoring_weights(org_id) or {}
    merged = {
        m: cls.model_validate(stored.get(m) or {}).model_dump(mode="json")
        for m, cls in MODELS.items()
    }
    return org_id, merged


def _open() -> tuple[SqlGraphStore, Database]:
    db = Database.from_settings(get_settings())
    ensure_schema(db)
    return SqlGraphStore(db.transaction), db


@weights_app.command("show")
@errors_to_exit
def show() -> None:
    """The weights in force (stored ones over the defaults) as JSON."""
    store, db = _open()
    try:
        print_json(out, _current(store, db)[1])
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
    store, db = _open()
    try:
        org_id, merged = _current(store, db)
        for item in values:
            field, sep, raw = item.partition("=")
            if not sep:
                raise InvalidInput(f"expected FIELD=VALUE, got {item!r}")
            try:
                merged[method][field.strip()] = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{field}: value is not JSON ({exc.msg})") from exc
        try:
            checked = MODELS[method].model_validate(merged[method])
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or method
            raise InvalidInput(f"{method} weights: {where}: {first['msg']}") from exc
        merged[method] = checked.model_dump(mode="json")
        store.save_scoring_weights(org_id, merged["rice"], merged["wsjf"])
    finally:
        db.dispose()
    out.print(f"{method} weights saved for organization {get_settings().org}")


@weights_app.command("reset")
@errors_to_exit
def reset() -> None:
    """Back to the built-in defaults."""
    store, db = _open()
    try:
        org_id, _ = _current(store, db)
        store.save_scoring_weights(
            org_id, RiceWeights().model_dump(mode="json"), WsjfWeights().model_dump(mode="json")
        )
    finally:
        db.dispose()
    out.print(f"weights reset to the defaults for organization {get_settings().org}")
