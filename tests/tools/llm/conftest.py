"""Fixtures for the LLM layer: one loopback OpenAI server per session, models that get closed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tools.llm.openai_provider import OpenAIModel, StructuredMethod

API_KEY = "sk-test-loopback"
MakeModel = Callable[..., OpenAIModel]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tracing or a proxy from the developer's shell would send loopback traffic elsewhere.
    for name in ("LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(scope="session")
def _openai_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def fake_openai(_openai_server: FakeOpenAIServer) -> Iterator[FakeOpenAIServer]:
    """The loopback server with an empty script and no recorded requests."""
    _openai_server.reset()
    yield _openai_server
    _openai_server.reset()


@pytest.fixture
def make_model(fake_openai: FakeOpenAIServer) -> Iterator[MakeModel]:
    """Build OpenAIModels pointed at the loopback server; all are closed after the test."""
    built: list[OpenAIModel] = []

    def make(
        *, method: StructuredMethod = "json_schema", max_retries: int = 0, timeout: float = 5.0
    ) -> OpenAIModel:
        model = OpenAIModel(
            model="gpt-4o-mini",
            api_key=API_KEY,
            base_url=fake_openai.base_url,
            method=method,
            max_retries=max_retries,
            timeout=timeout,
        )
        built.append(model)
        return model

    yield make
    for model in built:
        model.close()
