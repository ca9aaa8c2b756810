"""Language models for TechTranslator tests: the offline rules, or a canned answer."""

from __future__ import annotations

from typing import Any

from agents.techtranslator.offline import extract_requirements
from agents.techtranslator.schemas import RequirementSet
from tools.llm.base import ExtractTask, ProseTask, SchemaT


class RulesModel:
    """A LanguageModel whose extraction is the offline engine (no network, deterministic)."""

    provider = "offline"
    model = "rules-test"

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT:
        result = extract_requirements(task)  # type: ignore[arg-type]
        assert isinstance(result, task.schema)
        return result

    def write(self, task: ProseTask) -> str:
        raise AssertionError("TechTranslator never asks for prose")


class CannedModel(RulesModel):
    """A LanguageModel that answers every extraction with a fixed RequirementSet."""

    def __init__(self, answer: RequirementSet) -> None:
        self.answer = answer
        self.tasks: list[ExtractTask[Any]] = []

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT:
        self.tasks.append(task)
        assert task.schema is RequirementSet
        return self.answer  # type: ignore[return-value]
