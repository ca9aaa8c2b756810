"""build_language_model picks the provider from plain values and refuses bad configurations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from devbizops.errors import ConfigurationError, UpstreamError
from tests.fakes.openai_server import FakeOpenAIServer
from tools.llm import CachedModel, LanguageModel, OfflineModel, OpenAIModel, build_language_model
from tools.llm.base import ExtractTask


class Requirement(BaseModel):
    title: str
    priority: int


TASK = ExtractTask(
    name="test.requirement", instructions="Extract.", content="SSO", schema=Requirement
)


def extract_requirement(task: ExtractTask[Any]) -> BaseModel:
    return Requirement(title="offline", priority=0)


@pytest.fixture
def build() -> Iterator[Any]:
    """build_language_model with test defaults; every model built is closed afterwards."""
    built: list[LanguageModel] = []

    def make(**overrides: Any) -> LanguageModel:
        options: dict[str, Any] = {
            "provider": "openai",
            "model": "gpt-4o-mini",
            "api_key": "sk-test",
            "base_url": None,
            "extractors": {"test.requirement": extract_requirement},
            "writers": {},
        }
        llm = build_language_model(**{**options, **overrides})
        built.append(llm)
        return llm

    yield make
    for llm in built:
        if isinstance(llm, OpenAIModel | CachedModel):
            llm.close()


def test_offline_provider_uses_the_registered_rules(build: Any) -> None:
    llm = build(provider="offline", api_key=None)

    assert isinstance(llm, OfflineModel)
    assert llm.extract(TASK) == Requirement(title="offline", priority=0)


@pytest.mark.parametrize("api_key", [None, ""])
def test_openai_without_an_api_key_says_how_to_fix_it(build: Any, api_key: str | None) -> None:
    with pytest.raises(ConfigurationError, match=r"set OPENAI_API_KEY or use \S+=offline"):
        build(api_key=api_key)


def test_unknown_provider_is_a_configuration_error(build: Any) -> None:
    with pytest.raises(ConfigurationError, match="unknown LLM provider 'anthropic'"):
        build(provider="anthropic")


def test_openai_is_cached_only_with_a_cache_dir_and_use_cache(build: Any, tmp_path: Path) -> None:
    cached = build(cache_dir=tmp_path)
    assert isinstance(cached, CachedModel)
    assert isinstance(cached.inner, OpenAIModel)

    assert isinstance(build(cache_dir=None), OpenAIModel)
    assert isinstance(build(cache_dir=tmp_path, use_cache=False), OpenAIModel)


def test_openai_model_gets_the_endpoint_retries_and_method(
    build: Any, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.server_error(times=2)
    llm = build(
        base_url=fake_openai.base_url, max_retries=1, timeout=5.0, method="function_calling"
    )

    with pytest.raises(UpstreamError, match="HTTP 500"):
        llm.extract(TASK)

    assert len(fake_openai.requests) == 2
    assert fake_openai.requests[0].tool_names == ["Requirement"]
