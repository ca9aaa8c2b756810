"""Settings: env var names, .env file, derived provider, secrets never printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from devbizops.settings import Settings

ENV_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "DEVBIZOPS_LLM_PROVIDER",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "DEVBIZOPS_MODEL",
    "DEVBIZOPS_DATA_DIR",
    "DEVBIZOPS_SECRET_KEY",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_without_environment(clean_env: Path) -> None:
    s = Settings()
    assert s.database_url is None
    assert s.redis_url == "redis://127.0.0.1:6379/0"
    assert s.effective_provider == "offline"
    assert s.data_dir == Path(".devbizops")
    assert s.data_path == clean_env / ".devbizops"


def test_every_documented_variable_is_read(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = {
        "DATABASE_URL": "postgresql://u:pw@db:5432/app",
        "REDIS_URL": "redis://r:6379/1",
        "DEVBIZOPS_LLM_PROVIDER": "openai",
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1",
        "DEVBIZOPS_MODEL": "llama3",
        "DEVBIZOPS_DATA_DIR": "/srv/dbo",
        "DEVBIZOPS_SECRET_KEY": "s3cret",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    s = Settings()
    assert s.database_url == values["DATABASE_URL"]
    assert s.redis_url == values["REDIS_URL"]
    assert s.effective_provider == "openai"
    assert s.openai_api_key is not None and s.openai_api_key.get_secret_value() == "sk-test"
    assert s.openai_base_url == values["OPENAI_BASE_URL"]
    assert s.model == "llama3"
    assert s.data_dir == Path("/srv/dbo")
    assert s.secret_key is not None and "s3cret" not in repr(s)
    assert set(s.env_names().values()) >= set(ENV_VARS)


def test_dotenv_file_is_read_and_environment_wins(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (clean_env / ".env").write_text("DEVBIZOPS_MODEL=from-dotenv\nREDIS_URL=redis://dotenv:1/0\n")
    monkeypatch.setenv("REDIS_URL", "redis://env:2/0")
    s = Settings()
    assert s.model == "from-dotenv"
    assert s.redis_url == "redis://env:2/0"


def test_a_key_alone_selects_openai_and_blank_values_count_as_unset(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    monkeypatch.setenv("DATABASE_URL", "  ")
    s = Settings()
    assert s.effective_provider == "openai"
    assert s.database_url is None


def test_unknown_provider_is_rejected(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVBIZOPS_LLM_PROVIDER", "gemini")
    with pytest.raises(ValueError, match="offline"):
        Settings()
