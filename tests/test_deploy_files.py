"""Dockerfile, docker-compose.yml and .dockerignore agree with the code they deploy.

No Docker engine (nor, here, the compose plugin) runs in the test environment, so these checks
are pure Python: the files are parsed and every command, environment variable and copied path is
checked against the real CLI, the real Settings and the repository. ``docker compose config -q``
is the manual check where Docker is installed (see README, Production).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from devbizops.cli import app as cli
from devbizops.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("migrate", "api", "worker")
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Z0-9_]+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def services() -> dict[str, Any]:
    found: dict[str, Any] = compose()["services"]
    return found


def setting_env_names() -> set[str]:
    return set(Settings(_env_file=None).env_names().values())  # type: ignore[call-arg]


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with comments dropped and continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text()
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, args = line.strip().partition(" ")
            found.append((keyword.upper(), args.strip()))
    return found


def stages() -> dict[str, list[tuple[str, str]]]:
    """Instructions per build stage, keyed by the stage name."""
    found: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for keyword, args in dockerfile():
        if keyword == "FROM":
            name = args.split()[-1] if " AS " in args.upper() else str(len(found))
            current = found.setdefault(name, [])
        current.append((keyword, args))
    return found


def run_cli(argv: list[str]) -> None:
    assert argv[0] == "devbizops", argv
    result = CliRunner().invoke(cli, [*argv[1:], "--help"])
    assert result.exit_code == 0, f"`{' '.join(argv)} --help` failed:\n{result.output}"


# --- docker-compose.yml ---------------------------------------------------------------------------


def test_compose_runs_the_production_shape() -> None:
    svc = services()
    assert set(svc) == {"postgres", "redis", "migrate", "api", "worker"}
    assert svc["postgres"]["image"] == "pgvector/pgvector:pg17"
    assert svc["redis"]["image"] == "redis:7"
    assert {svc[name]["image"] for name in APP_SERVICES} == {"devbizops:local"}
    assert svc["api"]["ports"] == ["8000:8000"]
    volumes = set(compose()["volumes"])
    assert {v.split(":")[0] for v in svc["postgres"]["volumes"]} <= volumes
    assert svc["migrate"]["restart"] == "no"  # one-shot


def test_compose_services_wait_for_healthy_dependencies_and_the_migration() -> None:
    svc = services()
    assert svc["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("api", "worker"):
        depends = {dep: cond["condition"] for dep, cond in svc[name]["depends_on"].items()}
        assert depends == {
            "migrate": "service_completed_successfully",
            "postgres": "service_healthy",
            "redis": "service_healthy",
        }


def test_compose_healthchecks_probe_the_right_thing() -> None:
    svc = services()
    assert "pg_isready" in " ".join(svc["postgres"]["healthcheck"]["test"])
    assert svc["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    assert "/healthz" in " ".join(svc["api"]["healthcheck"]["test"])
    # No HTTP server in these: the image's /healthz check must be switched off.
    assert svc["worker"]["healthcheck"] == {"disable": True}
    assert svc["migrate"]["healthcheck"] == {"disable": True}


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_commands_are_real_cli_commands(name: str) -> None:
    run_cli(services()[name]["command"])


def test_compose_environment_uses_only_setting_names() -> None:
    names = setting_env_names()
    for name in APP_SERVICES:
        unknown = set(services()[name]["environment"]) - names
        assert not unknown, f"{name} sets variables no setting reads: {unknown}"
    assert all(key.startswith("POSTGRES_") for key in services()["postgres"]["environment"])
    assert services()["api"]["environment"]["DEVBIZOPS_EXECUTOR"] == "celery"


def test_compose_interpolates_only_known_variables_and_requires_the_secret_key() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    used = {m["name"]: m["op"] for m in INTERPOLATION.finditer(text)}
    unknown = {n for n in used if n not in setting_env_names() and not n.startswith("POSTGRES_")}
    assert not unknown, unknown
    assert used["DEVBIZOPS_SECRET_KEY"] == ":?"  # no default secret: compose refuses to start


def test_compose_environment_is_valid_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """With only the required variables exported, each app service's env parses as Settings."""
    for name in APP_SERVICES:
        for key, raw in services()[name]["environment"].items():
            value = INTERPOLATION.sub(_resolve({"DEVBIZOPS_SECRET_KEY": "s3cret"}), str(raw))
            monkeypatch.setenv(key, value)
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        assert settings.executor == "celery"
        assert settings.database_url is not None and "@postgres:5432/" in settings.database_url
        assert settings.redis_url == "redis://redis:6379/0"
        assert settings.otlp_endpoint is None and settings.openai_api_key is None


def _resolve(exported: dict[str, str]) -> Any:
    def value(match: re.Match[str]) -> str:
        if match["name"] in exported:
            return exported[match["name"]]
        assert match["op"] != ":?", f"{match['name']} is required"
        return match["arg"] or ""

    return value


# --- Dockerfile -----------------------------------------------------------------------------------


def test_dockerfile_builds_with_uv_then_runs_slim_as_non_root() -> None:
    by_stage = stages()
    assert list(by_stage) == ["builder", "runtime"]
    builder, runtime = by_stage["builder"], by_stage["runtime"]
    uv_copy = [args for kw, args in builder if kw == "COPY" and "astral-sh/uv" in args]
    assert len(uv_copy) == 1
    assert re.search(r"ghcr\.io/astral-sh/uv:\d+\.\d+\.\d+ /uv /bin/", uv_copy[0]), uv_copy
    runs = " ".join(args for kw, args in builder if kw == "RUN")
    assert "uv sync --frozen --no-dev" in runs
    assert any(kw == "ENV" and "UV_PROJECT_ENVIRONMENT=/app/.venv" in a for kw, a in builder)
    assert runtime[0] == ("FROM", "python:3.11-slim AS runtime")
    assert ("COPY", "--from=builder /app /app") in runtime
    assert any(kw == "ENV" and "UV_PYTHON_DOWNLOADS=never" in a for kw, a in runtime)
    users = [args for kw, args in runtime if kw == "USER"]
    assert users and users[-1] not in ("root", "0")


def test_dockerfile_healthcheck_and_command_serve_the_api() -> None:
    runtime = stages()["runtime"]
    [health] = [args for kw, args in runtime if kw == "HEALTHCHECK"]
    assert "http://127.0.0.1:8000/healthz" in health
    [cmd] = [args for kw, args in runtime if kw == "CMD"]
    argv = yaml.safe_load(cmd)  # the exec form is a JSON array
    assert argv[:4] == ["devbizops", "serve", "--host", "0.0.0.0"]
    run_cli(argv)


def test_dockerfile_copies_paths_that_exist_and_are_not_ignored() -> None:
    ignored = {ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()}
    copied = [
        args.split()[:-1]
        for stage in stages().values()
        for kw, args in stage
        if kw == "COPY" and not args.startswith("--from")
    ]
    sources = [src for sources in copied for src in sources]
    assert "uv.lock" in sources and "devbizops" in sources
    for src in sources:
        assert (ROOT / src).exists(), f"COPY {src}: not in the repository"
        assert src not in ignored, f"COPY {src}: excluded by .dockerignore"


def test_dockerignore_keeps_local_state_out_of_the_image() -> None:
    ignored = {ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".venv", ".devbizops", ".git", ".env"} <= ignored
