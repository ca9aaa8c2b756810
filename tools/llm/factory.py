"""Build the LanguageModel from plain values; the composition root is what reads settings."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from devbizops.errors import ConfigurationError
from tools.llm.base import LanguageModel
from tools.llm.cache import CachedModel
from tools.llm.offline_provider import Extractor, OfflineModel, Writer
from tools.llm.openai_provider import OpenAIModel, StructuredMethod


def build_language_model(
    *,
    provider: str,
    model: str,
    api_key: str | None,
    base_url: str | None,
    extractors: Mapping[str, Extractor],
    writers: Mapping[str, Writer],
    cache_dir: Path | None = None,
    use_cache: bool = True,
    max_retries: int = 2,
    timeout: float = 60.0,
    method: StructuredMethod = "json_schema",
) -> LanguageModel:
    """Return the ``offline`` rule engine or an ``openai`` model (disk-cached when asked)."""
    if provider == "offline":
        return OfflineModel(extractors, writers)
    if provider != "openai":
        raise ConfigurationError(
            f"unknown LLM provider {provider!r}; set DEVBIZOPS_LLM_PROVIDER to openai or offline",
            details={"provider": provider},
        )
    if not api_key:
        raise ConfigurationError(
            "LLM provider 'openai' needs an API key: set OPENAI_API_KEY "
            "or use DEVBIZOPS_LLM_PROVIDER=offline",
            details={"provider": provider},
        )
    if not model:
        raise ConfigurationError(
            "LLM provider 'openai' needs a model name: set DEVBIZOPS_MODEL",
            details={"provider": provider},
        )
    llm = OpenAIModel(
        model=model,
        api_key=api_key,
        base_url=base_url,
        method=method,
        max_retries=max_retries,
        timeout=timeout,
    )
    if cache_dir is None or not use_cache:
        return llm
    return CachedModel(llm, cache_dir)
