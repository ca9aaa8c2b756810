"""The one settings class: every environment variable the project reads is declared here."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Provider = Literal["offline", "openai"]
Executor = Literal["inline", "celery"]
JwtAlgorithm = Literal["HS256", "RS256"]


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Effective configuration: defaults < ``.env`` file < process environment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    database_url: str | None = Field(
        default=None,
        validation_alias=_env("DATABASE_URL"),
        description="PostgreSQL URL; unset = embedded PostgreSQL in the data dir",
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        validation_alias=_env("REDIS_URL"),
        description="Redis URL for the Celery broker and result backend",
    )
    llm_provider: Provider | None = Field(
        default=None,
        validation_alias=_env("DEVBIZOPS_LLM_PROVIDER"),
        description="offline | openai; default: openai when OPENAI_API_KEY is set, else offline",
    )
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=_env("OPENAI_API_KEY"), description="key for provider openai"
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=_env("OPENAI_BASE_URL"),
        description="any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, ...)",
    )
    model: str = Field(
        default="gpt-4o-mini",
        validation_alias=_env("DEVBIZOPS_MODEL"),
        description="chat model name for provider openai",
    )
    embedding_model: str = Field(
        default="text-embedding-3-small",
        validation_alias=_env("DEVBIZOPS_EMBEDDING_MODEL"),
        description="embedding model for semantic Jira and memory search (provider openai)",
    )
    data_dir: Path = Field(
        default=Path(".devbizops"),
        validation_alias=_env("DEVBIZOPS_DATA_DIR"),
        description="embedded PostgreSQL, LLM cache and reports live here",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        validation_alias=_env("DEVBIZOPS_SECRET_KEY"),
        description="encrypts connector secrets and signs tokens",
    )
    org: str = Field(
        default="default",
        validation_alias=_env("DEVBIZOPS_ORG"),
        description="organization the CLI acts for",
    )
    log_level: str = Field(
        default="WARNING", validation_alias=_env("DEVBIZOPS_LOG_LEVEL"), description="log level"
    )
    log_json: bool = Field(
        default=False,
        validation_alias=_env("DEVBIZOPS_LOG_JSON"),
        description="structured JSON logs instead of console lines",
    )

    # --- the service (API, workers, auth, Slack, observability) ---
    executor: Executor = Field(
        default="inline",
        validation_alias=_env("DEVBIZOPS_EXECUTOR"),
        description="inline (asyncio in the API process) | celery (workers on REDIS_URL)",
    )
    run_timeout_seconds: float = Field(
        default=900.0,
        gt=0,
        validation_alias=_env("DEVBIZOPS_RUN_TIMEOUT"),
        description="a run still going after this many seconds is stopped as timed out",
    )
    org_max_concurrent_runs: int = Field(
        default=4,
        ge=1,
        validation_alias=_env("DEVBIZOPS_ORG_MAX_CONCURRENT_RUNS"),
        description="runs of one organization executing at once; more wait queued",
    )
    dispatch_stale_seconds: float = Field(
        default=30.0,
        gt=0,
        validation_alias=_env("DEVBIZOPS_DISPATCH_STALE_SECONDS"),
        description="a queued run not picked up (or a running one without heartbeat) this long "
        "is enqueued again",
    )
    jwt_algorithm: JwtAlgorithm = Field(
        default="HS256",
        validation_alias=_env("DEVBIZOPS_JWT_ALGORITHM"),
        description="HS256 (signed with DEVBIZOPS_SECRET_KEY) or RS256 (verified with JWKS)",
    )
    jwt_issuer: str = Field(
        default="devbizops",
        validation_alias=_env("DEVBIZOPS_JWT_ISSUER"),
        description="iss claim issued and required",
    )
    jwt_audience: str = Field(
        default="devbizops-api",
        validation_alias=_env("DEVBIZOPS_JWT_AUDIENCE"),
        description="aud claim issued and required",
    )
    jwt_jwks_url: str | None = Field(
        default=None,
        validation_alias=_env("DEVBIZOPS_JWT_JWKS_URL"),
        description="JWKS of an external identity provider (with RS256)",
    )
    access_token_ttl_seconds: int = Field(
        default=900,
        gt=0,
        validation_alias=_env("DEVBIZOPS_ACCESS_TOKEN_TTL"),
        description="lifetime of an access token",
    )
    refresh_token_ttl_seconds: int = Field(
        default=14 * 24 * 3600,
        gt=0,
        validation_alias=_env("DEVBIZOPS_REFRESH_TOKEN_TTL"),
        description="lifetime of a refresh token (rotated on every use)",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        validation_alias=_env("DEVBIZOPS_PUBLIC_URL"),
        description="where users reach the API (links in Slack replies)",
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=_env("SLACK_SIGNING_SECRET"),
        description="verifies requests to /slack/events; unset = the Slack bot is off",
    )
    slack_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=_env("SLACK_BOT_TOKEN"),
        description="xoxb- token the bot replies with",
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/",
        validation_alias=_env("SLACK_API_URL"),
        description="Slack Web API base URL",
    )
    slack_org: str | None = Field(
        default=None,
        validation_alias=_env("DEVBIZOPS_SLACK_ORG"),
        description="organization the Slack bot's runs belong to (default: DEVBIZOPS_ORG)",
    )
    otlp_endpoint: str | None = Field(
        default=None,
        validation_alias=_env("OTEL_EXPORTER_OTLP_ENDPOINT"),
        description="OTLP/HTTP endpoint; set = OpenTelemetry tracing on",
    )

    @field_validator(
        "database_url",
        "openai_base_url",
        "openai_api_key",
        "jwt_jwks_url",
        "slack_signing_secret",
        "slack_bot_token",
        "slack_org",
        "otlp_endpoint",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def effective_provider(self) -> Provider:
        """The provider in force: explicit choice, else ``openai`` only when a key is set."""
        if self.llm_provider is not None:
            return self.llm_provider
        return "openai" if self.openai_api_key is not None else "offline"

    @property
    def data_path(self) -> Path:
        """The data dir as an absolute path (created on demand by the code that writes there)."""
        return self.data_dir.expanduser().resolve()

    def env_names(self) -> dict[str, str]:
        """Field name → the environment variable that sets it."""
        names: dict[str, str] = {}
        for name, info in type(self).model_fields.items():
            alias = info.validation_alias
            if isinstance(alias, AliasChoices):
                names[name] = str(alias.choices[0])
        return names


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return Settings()
