"""CachedModel answers repeated requests from disk and never stores failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from devbizops.errors import LLMOutputError
from tests.fakes.openai_server import FakeOpenAIServer
from tests.tools.llm.conftest import MakeModel
from tools.llm.base import ExtractTask, ProseTask, SchemaT
from tools.llm.cache import CachedModel


class Requirement(BaseModel):
    title: str
    priority: int


class Tagged(BaseModel):
    title: str
    tags: list[str]


def requirement_task(content: str = "Buyer: we need SSO.") -> ExtractTask[Requirement]:
    return ExtractTask(
        name="test.requirement", instructions="Extract.", content=content, schema=Requirement
    )


SUMMARY = ProseTask(name="test.summary", instructions="Summarise.", facts={"arr": 1_200_000})


class CountingModel:
    """An in-memory LanguageModel that counts calls and builds answers from the task."""

    def __init__(self, method: str = "json_schema") -> None:
        self.method = method
        self.calls = 0

    @property
    def provider(self) -> str:
        return "counting"

    @property
    def model(self) -> str:
        return "count-1"

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT:
        self.calls += 1
        fields = {"title": task.content, "priority": self.calls, "tags": [task.name]}
        return task.schema.model_validate(
            {k: v for k, v in fields.items() if k in task.schema.model_fields}
        )

    def write(self, task: ProseTask) -> str:
        self.calls += 1
        return f"{task.name} #{self.calls}"


def test_cache_hit_makes_no_second_http_request(
    fake_openai: FakeOpenAIServer, make_model: MakeModel, tmp_path: Path
) -> None:
    fake_openai.respond({"title": "SSO", "priority": 1})
    cached = CachedModel(make_model(), tmp_path)

    first = cached.extract(requirement_task())
    second = cached.extract(requirement_task())

    assert first == second == Requirement(title="SSO", priority=1)
    assert len(fake_openai.requests) == 1
    assert (cached.hits, cached.misses) == (1, 1)


def test_disabled_cache_asks_the_provider_every_time(
    fake_openai: FakeOpenAIServer, make_model: MakeModel, tmp_path: Path
) -> None:
    fake_openai.respond({"title": "SSO", "priority": 1}, times=2)
    cached = CachedModel(make_model(), tmp_path, enabled=False)

    cached.extract(requirement_task())
    cached.extract(requirement_task())

    assert len(fake_openai.requests) == 2
    assert list(tmp_path.iterdir()) == []


def test_invalid_answers_are_not_cached(
    fake_openai: FakeOpenAIServer, make_model: MakeModel, tmp_path: Path
) -> None:
    fake_openai.respond({"title": "SSO", "priority": "high"})
    fake_openai.respond({"title": "SSO", "priority": 1})
    cached = CachedModel(make_model(), tmp_path)

    with pytest.raises(LLMOutputError):
        cached.extract(requirement_task())
    assert list(tmp_path.iterdir()) == []

    assert cached.extract(requirement_task()).priority == 1
    assert cached.extract(requirement_task()).priority == 1
    assert len(fake_openai.requests) == 2


def test_what_the_model_sees_is_the_key(tmp_path: Path) -> None:
    inner = CountingModel()
    cached = CachedModel(inner, tmp_path)
    base = requirement_task()

    cached.extract(base)
    cached.extract(requirement_task("Buyer: we need audit logs."))
    cached.extract(ExtractTask(base.name, "Extract carefully.", base.content, Requirement))
    cached.extract(ExtractTask(base.name, base.instructions, base.content, Tagged))
    cached.extract(ExtractTask("test.other", base.instructions, base.content, Requirement))

    assert inner.calls == 5
    assert cached.misses == 5


def test_the_structured_output_method_splits_the_cache(tmp_path: Path) -> None:
    CachedModel(CountingModel("json_schema"), tmp_path).extract(requirement_task())
    other = CachedModel(CountingModel("function_calling"), tmp_path)

    other.extract(requirement_task())

    assert other.misses == 1


def test_entries_survive_a_new_process_and_leave_no_temp_files(tmp_path: Path) -> None:
    CachedModel(CountingModel(), tmp_path).extract(requirement_task())
    fresh = CachedModel(CountingModel(), tmp_path)

    assert fresh.extract(requirement_task()) == Requirement(title="Buyer: we need SSO.", priority=1)
    assert fresh.hits == 1
    [entry] = tmp_path.iterdir()
    assert entry.suffix == ".json"
    assert json.loads(entry.read_text())["task"] == "test.requirement"


def test_an_unreadable_entry_is_a_miss_and_gets_replaced(tmp_path: Path) -> None:
    CachedModel(CountingModel(), tmp_path).extract(requirement_task())
    [entry] = tmp_path.iterdir()
    entry.write_text("{not json")
    cached = CachedModel(CountingModel(), tmp_path)

    cached.extract(requirement_task())

    assert (cached.hits, cached.misses) == (0, 1)
    assert json.loads(entry.read_text())["value"]["priority"] == 1


def test_prose_is_cached_by_facts(tmp_path: Path) -> None:
    inner = CountingModel()
    cached = CachedModel(inner, tmp_path)

    assert cached.write(SUMMARY) == cached.write(SUMMARY) == "test.summary #1"
    cached.write(ProseTask(SUMMARY.name, SUMMARY.instructions, {"arr": 1_300_000}))

    assert inner.calls == 2
    assert (cached.hits, cached.misses) == (1, 2)


def test_cached_model_reports_the_inner_provider_and_model(tmp_path: Path) -> None:
    cached = CachedModel(CountingModel(), tmp_path)

    assert (cached.provider, cached.model) == ("counting", "count-1")
