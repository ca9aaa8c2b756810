"""Data about people, made the way production makes it: techtranslator runs over samples."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from devbizops.container import Container
from tests.conftest import read_sample

Translate = Callable[[str, str], None]


@pytest.fixture
def translate(container: Container) -> Translate:
    """``translate(sample_file, org)``: run techtranslator on a sample transcript in ``org``."""

    def run(sample: str, org: str) -> None:
        created = container.runs.create(
            org, "techtranslator", {"transcript": read_sample(sample), "account": sample}
        )
        finished = container.runs.execute(created.id)
        assert finished.status == "succeeded", finished.error

    return run
