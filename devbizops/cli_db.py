"""``devbizops db …`` and ``devbizops config``."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import SecretStr
from rich.table import Table

from devbizops import embedded_pg, migrate
from devbizops.cli_support import err, errors_to_exit, out
from devbizops.db import Database, masked
from devbizops.render import print_json
from devbizops.settings import get_settings

app = typer.Typer(
    help="Database: migrate, inspect, stop the embedded server.", no_args_is_help=True
)


def _where(db: Database) -> str:
    if db.embedded:
        return f"embedded PostgreSQL in {embedded_pg.pgdata_dir(get_settings().data_path)}"
    return f"PostgreSQL at {masked(db.url)}"


@app.command()
@errors_to_exit
def upgrade() -> None:
    """Apply pending migrations and set up LangGraph's checkpoint tables."""
    db = Database.from_settings(get_settings())
    try:
        db.check()
        before = migrate.current_revision(db)
        head = migrate.upgrade(db)
    finally:
        db.dispose()
    change = "already at" if before == head else f"upgraded {before or 'empty'} →"
    out.print(f"database {change} {head} ({_where(db)})")


@app.command()
@errors_to_exit
def status(
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Show the server, its version, pgvector and whether the schema is at head."""
    db = Database.from_settings(get_settings())
    try:
        st = migrate.status(db)
    finally:
        db.dispose()
    data = {
        "server": _where(db),
        "embedded": db.embedded,
        "version": st.server_version,
        "pgvector": st.pgvector,
        "current": st.current,
        "head": st.head,
        "up_to_date": st.up_to_date,
    }
    if as_json:
        print_json(out, data)
        return
    table = Table(title="Database", show_header=False)
    for key, value in data.items():
        table.add_row(key, str(value))
    out.print(table)
    if not st.up_to_date:
        err.print("schema is behind the code: run `devbizops db upgrade`")
        raise typer.Exit(1)


@app.command()
def stop() -> None:
    """Stop the embedded PostgreSQL (it keeps running between commands otherwise)."""
    data = get_settings().data_path
    stopped = embedded_pg.stop(data)
    out.print("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")


def config(
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Print the effective settings (secrets masked) and the variables that set them."""
    settings = get_settings()
    env = settings.env_names()
    rows: dict[str, str | None] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            rows[name] = "********" if value.get_secret_value() else None
        elif name == "database_url" and value:
            rows[name] = masked(value)
        else:
            rows[name] = None if value is None else str(value)
    rows["effective_provider"] = settings.effective_provider
    if as_json:
        print_json(out, rows)
        return
    table = Table(title="Effective settings")
    for col in ("Setting", "Environment variable", "Value"):
        table.add_column(col)
    for name, value in rows.items():
        table.add_row(name, env.get(name, "(derived)"), "-" if value is None else value)
    out.print(table)
