"""``devbizops orgs|users|apikeys``: set up tenants, people and keys from the shell."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from devbizops.cli import app
from devbizops.settings import Settings
from memory.repositories.api_keys import looks_like_key

runner = CliRunner()


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    """The API on the same database, to prove what the commands made works."""
    with TestClient(create_app(settings)) as client:
        yield client


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("settings")
def test_orgs_create_is_repeatable_and_checks_the_slug() -> None:
    assert invoke("orgs", "create", "acme") == (0, "organization acme created\n", "")
    assert invoke("orgs", "create", "acme")[1] == "organization acme already exists\n"
    code, _, err = invoke("orgs", "create", "Not A Slug")
    assert code == 2 and err.startswith("error: 'Not A Slug' is not a valid org slug")


def test_users_create_gives_a_login(api: TestClient) -> None:
    invoke("orgs", "create", "acme")
    code, out, err = invoke(
        "users", "create", "Ana@Acme.test", "--org", "acme", "--role", "admin",
        "--name", "Ana", "--password-stdin", stdin="a long enough password\n",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("ana@acme.test is admin of acme")
    login = api.post(
        "/v1/auth/login", json={"email": "ana@acme.test", "password": "a long enough password"}
    )
    assert login.status_code == 200 and login.json()["role"] == "admin"

    code, out, _ = invoke("users", "list", "--org", "acme")
    assert code == 0 and "ana@acme.test" in out and "admin" in out
    code, _, err = invoke("users", "create", "ana@acme.test", "--org", "acme", "--no-password")
    assert code == 1 and err == "error: ana@acme.test is already a member\n"
    code, _, err = invoke("users", "create", "bo@acme.test", "--org", "acme", "--role", "god")
    assert code == 2 and "unknown role 'god'" in err


def test_apikeys_create_prints_only_the_key_which_then_works_until_revoked(
    api: TestClient,
) -> None:
    invoke("orgs", "create", "acme")
    code, out, err = invoke(
        "apikeys", "create", "--org", "acme", "--role", "sales", "--name", "bot"
    )
    assert code == 0, err
    key = out.strip()
    assert out == key + "\n" and looks_like_key(key)
    me = api.get("/v1/me", headers={"X-Api-Key": key}).json()
    assert (me["org"], me["role"], me["name"]) == ("acme", "sales", "bot")

    prefix = "_".join(key.split("_")[:2])
    code, out, _ = invoke("apikeys", "list", "--org", "acme")
    assert code == 0 and prefix in out and "bot" in out
    assert invoke("apikeys", "revoke", prefix, "--org", "acme")[1] == f"key {prefix} revoked\n"
    assert api.get("/v1/me", headers={"X-Api-Key": key}).status_code == 401
    again = invoke("apikeys", "revoke", prefix, "--org", "acme")
    assert again[:2] == (0, f"key {prefix} was already revoked\n")
    code, _, err = invoke("apikeys", "revoke", "dbo_ffffffff", "--org", "acme")
    assert code == 1 and err == "error: no API key 'dbo_ffffffff'\n"


@pytest.mark.usefixtures("settings")
def test_an_unknown_org_is_one_clear_line() -> None:
    code, out, err = invoke("apikeys", "create", "--org", "nope", "--role", "viewer")
    assert (code, out) == (1, "")
    assert err == "error: no organization 'nope': create it with `devbizops orgs create nope`\n"
