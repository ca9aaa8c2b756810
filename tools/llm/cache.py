"""An on-disk cache of successful LLM answers, so re-runs over the same input cost nothing."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.llm.base import ExtractTask, LanguageModel, ProseTask, SchemaT

log = logging.getLogger(__name__)


class CachedModel:
    """Wraps a LanguageModel whose answer depends only on what it sends (not on ``task.context``).

    Entries are JSON files named by the sha256 of everything the model sees; only answers that
    passed the inner model's schema validation are stored. ``hits`` and ``misses`` count lookups.
    """

    def __init__(self, inner: LanguageModel, directory: Path, enabled: bool = True) -> None:
        self.inner = inner
        self.directory = directory
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    @property
    def provider(self) -> str:
        return self.inner.provider

    @property
    def model(self) -> str:
        return self.inner.model

    def extract(self, task: ExtractTask[SchemaT]) -> SchemaT:
        """Return the cached answer to this exact request, else ask the inner model and store it."""
        if not self.enabled:
            return self.inner.extract(task)
        schema = json.dumps(task.schema.model_json_schema(), sort_keys=True)
        key = self._key("extract", task.name, task.instructions, task.content, schema)
        cached = self._load(key)
        if cached is not None:
            try:
                value = task.schema.model_validate(cached)
            except ValidationError:
                log.warning("ignoring LLM cache entry %s: no longer matches its schema", key)
            else:
                self.hits += 1
                return value
        self.misses += 1
        result = self.inner.extract(task)
        self._store(key, task.name, result.model_dump(mode="json"))
        return result

    def write(self, task: ProseTask) -> str:
        """Return the cached paragraph for these facts, else ask the inner model and store it."""
        if not self.enabled:
            return self.inner.write(task)
        facts = json.dumps(task.facts, sort_keys=True, ensure_ascii=False, default=str)
        key = self._key("write", task.name, task.instructions, facts, str(task.max_words))
        cached = self._load(key)
        if isinstance(cached, str):
            self.hits += 1
            return cached
        self.misses += 1
        text = self.inner.write(task)
        self._store(key, task.name, text)
        return text

    def close(self) -> None:
        """Close the inner model if it holds connections."""
        close = getattr(self.inner, "close", None)
        if callable(close):
            close()

    def _key(self, kind: str, *parts: str) -> str:
        # The structured-output method changes what goes over the wire, so it splits the cache.
        method = str(getattr(self.inner, "method", ""))
        identity = [kind, self.inner.provider, self.inner.model, method, *parts]
        return hashlib.sha256(json.dumps(identity).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def _load(self, key: str) -> Any:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable LLM cache entry %s: %s", key, exc)
            return None
        return entry.get("value") if isinstance(entry, dict) else None

    def _store(self, key: str, task_name: str, value: Any) -> None:
        entry = {"task": task_name, "model": self.inner.model, "value": value}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Write-then-rename: a crash or a concurrent reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=f".{key[:16]}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(entry, handle, ensure_ascii=False)
                os.replace(tmp, self._path(key))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            # The answer is good; failing to remember it must not fail the caller.
            log.warning("could not write LLM cache entry %s: %s", key, exc)
