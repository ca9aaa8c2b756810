"""The offline provider routes tasks to rule handlers by name and checks what they return."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from devbizops.errors import ConfigurationError, LLMOutputError
from tools.llm.base import ExtractTask, LanguageModel, ProseTask
from tools.llm.offline_provider import OfflineModel


class Requirement(BaseModel):
    title: str
    priority: int


class Other(BaseModel):
    note: str


def extract_requirement(task: ExtractTask[Any]) -> BaseModel:
    # Rule handlers work on the structured context, not only on the raw text.
    return Requirement(title=task.context["title"], priority=len(task.content))


def write_summary(task: ProseTask) -> str:
    return f"ARR is {task.facts['arr']}."


def requirement_task(name: str = "test.requirement") -> ExtractTask[Requirement]:
    return ExtractTask(
        name=name,
        instructions="Extract the requirement.",
        content="SSO",
        schema=Requirement,
        context={"title": "Single sign-on"},
    )


@pytest.fixture
def offline() -> LanguageModel:
    return OfflineModel(
        extractors={
            "test.requirement": extract_requirement,
            "test.wrong": lambda _: Other(note="x"),
        },
        writers={"test.summary": write_summary},
    )


def test_offline_model_names_itself(offline: LanguageModel) -> None:
    assert (offline.provider, offline.model) == ("offline", "rules-v1")


def test_extract_routes_to_the_handler_registered_for_the_task_name(
    offline: LanguageModel,
) -> None:
    assert offline.extract(requirement_task()) == Requirement(title="Single sign-on", priority=3)


def test_write_routes_to_the_writer_registered_for_the_task_name(offline: LanguageModel) -> None:
    task = ProseTask(name="test.summary", instructions="Summarise.", facts={"arr": "$1.2M"})

    assert offline.write(task) == "ARR is $1.2M."


def test_unknown_extract_task_names_the_registered_ones(offline: LanguageModel) -> None:
    with pytest.raises(ConfigurationError, match=r"'test\.missing'; registered: test\.requirement"):
        offline.extract(requirement_task("test.missing"))


def test_unknown_write_task_names_the_registered_ones(offline: LanguageModel) -> None:
    task = ProseTask(name="test.nope", instructions="", facts={})

    with pytest.raises(ConfigurationError, match=r"no offline writer .*registered: test\.summary"):
        offline.write(task)


def test_handler_returning_another_schema_raises_llm_output_error(offline: LanguageModel) -> None:
    with pytest.raises(LLMOutputError, match="returned Other, expected Requirement"):
        offline.extract(requirement_task("test.wrong"))


def test_writer_returning_a_non_string_raises_llm_output_error() -> None:
    def broken_writer(task: ProseTask) -> Any:
        return None

    offline = OfflineModel(extractors={}, writers={"test.summary": broken_writer})
    task = ProseTask(name="test.summary", instructions="", facts={})

    with pytest.raises(LLMOutputError, match="expected str"):
        offline.write(task)
