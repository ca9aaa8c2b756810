"""Optional text embeddings for semantic search; only the ``openai`` provider has them.

No embedding model runs offline, so :func:`build_embedder` returns None there and callers keep
their full-text paths. Retries live in the openai SDK (429/5xx with backoff, ``Retry-After``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import openai
from langchain_openai import OpenAIEmbeddings
from pydantic import SecretStr

from devbizops.errors import ConfigurationError, UpstreamError

DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small"
DEFAULT_DIMS = 1536


class Embedder(Protocol):
    """Turns texts into vectors of ``dims`` floats, one per text, in order."""

    @property
    def model(self) -> str: ...

    @property
    def dims(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class OpenAIEmbedder:
    """An Embedder on any OpenAI-compatible ``/v1/embeddings`` endpoint."""

    def __init__(
        self,
        *,
        model: str,
        api_key: str,
        base_url: str | None = None,
        dims: int = DEFAULT_DIMS,
        max_retries: int = 2,
        timeout: float = 60.0,
    ) -> None:
        self._model = model
        self._dims = dims
        self._http = openai.DefaultHttpxClient(timeout=timeout)
        # Field names, not the api_key/base_url/timeout aliases, so mypy sees them.
        self._client = OpenAIEmbeddings(
            model=model,
            openai_api_key=SecretStr(api_key),
            openai_api_base=base_url,
            dimensions=dims,
            max_retries=max_retries,
            request_timeout=timeout,
            http_client=self._http,
            # Compatible servers take plain strings; tiktoken token lists are OpenAI-only.
            check_embedding_ctx_length=False,
        )

    @property
    def model(self) -> str:
        return self._model

    @property
    def dims(self) -> int:
        return self._dims

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text; UpstreamError when the endpoint fails or answers wrong sizes."""
        if not texts:
            return []
        try:
            vectors = self._client.embed_documents(list(texts))
        except openai.APIError as exc:
            raise UpstreamError(
                f"embedding provider failed: {exc.message}", details={"model": self._model}
            ) from exc
        if len(vectors) != len(texts) or any(len(v) != self._dims for v in vectors):
            raise UpstreamError(
                f"embedding provider returned vectors of the wrong count or size "
                f"(expected {len(texts)} x {self._dims})",
                details={"model": self._model},
            )
        return vectors

    def close(self) -> None:
        """Release the HTTP connections."""
        self._http.close()


def build_embedder(
    provider: str,
    *,
    model: str = DEFAULT_EMBEDDING_MODEL,
    api_key: str | None = None,
    base_url: str | None = None,
    dims: int = DEFAULT_DIMS,
    max_retries: int = 2,
    timeout: float = 60.0,
) -> Embedder | None:
    """The provider's embedder, or None for ``offline`` (no embedding model runs locally)."""
    if provider == "offline":
        return None
    if provider != "openai":
        raise ConfigurationError(
            f"unknown LLM provider {provider!r}; set DEVBIZOPS_LLM_PROVIDER to openai or offline",
            details={"provider": provider},
        )
    if not api_key:
        raise ConfigurationError(
            "embeddings for provider 'openai' need an API key: set OPENAI_API_KEY",
            details={"provider": provider},
        )
    return OpenAIEmbedder(
        model=model,
        api_key=api_key,
        base_url=base_url,
        dims=dims,
        max_retries=max_retries,
        timeout=timeout,
    )
