"""Graph fixtures: registries over the test database with a chosen language model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from langgraph.checkpoint.postgres import PostgresSaver

from api.runs.service import RunService
from devbizops.db import Database
from devbizops.llm import language_model
from devbizops.settings import Settings
from graphs.registry import GraphRegistry
from memory.store import SqlGraphStore
from tools.llm import LanguageModel

ServiceFactory = Callable[[LanguageModel], AbstractContextManager[RunService]]


@pytest.fixture
def offline_llm(settings: Settings) -> LanguageModel:
    return language_model(settings)


@pytest.fixture
def run_service(db: Database) -> ServiceFactory:
    """Build a RunService whose graphs use the given language model."""

    @contextmanager
    def build(llm: LanguageModel) -> Iterator[RunService]:
        with db.connect() as conn:
            graphs = GraphRegistry(llm, SqlGraphStore(db.transaction), PostgresSaver(conn))
            yield RunService(db, graphs)

    return build
