"""The OpenAI embedder drives the real OpenAIEmbeddings client against the loopback server."""

from __future__ import annotations

import math
import socket
from collections.abc import Iterator

import pytest

from devbizops.errors import ConfigurationError, UpstreamError
from tests.fakes.openai_server import FakeOpenAIServer, fake_embedding
from tests.tools.llm.conftest import API_KEY
from tools.llm.embeddings import OpenAIEmbedder, build_embedder


@pytest.fixture
def embedder(fake_openai: FakeOpenAIServer) -> Iterator[OpenAIEmbedder]:
    built = OpenAIEmbedder(
        model="text-embedding-3-small",
        api_key=API_KEY,
        base_url=fake_openai.base_url,
        dims=256,
        max_retries=0,
        timeout=5.0,
    )
    yield built
    built.close()


def _cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_batch_is_one_request_with_one_unit_vector_per_text_in_order(
    embedder: OpenAIEmbedder, fake_openai: FakeOpenAIServer
) -> None:
    texts = ["Export shipments to CSV", "Okta single sign-on", "Billing page breaks on Safari"]

    vectors = embedder.embed(texts)

    assert len(vectors) == len(texts)
    assert all(len(v) == embedder.dims == 256 for v in vectors)
    assert all(math.isclose(math.sqrt(sum(x * x for x in v)), 1.0, rel_tol=1e-5) for v in vectors)
    for text, vector in zip(texts, vectors, strict=True):
        assert vector == pytest.approx(fake_embedding(text, 256), abs=1e-6)
    [request] = fake_openai.requests
    assert (request.method, request.path) == ("POST", "/v1/embeddings")
    assert request.body["input"] == texts
    assert request.body["model"] == "text-embedding-3-small"
    assert request.body["dimensions"] == 256
    assert request.headers["authorization"] == f"Bearer {API_KEY}"


def test_texts_spelling_the_same_words_differently_are_nearer_than_unrelated_ones(
    embedder: OpenAIEmbedder,
) -> None:
    req, same, other = embedder.embed(
        ["Single sign-on with Okta", "Okta single signon", "CSV export of shipments"]
    )

    assert _cosine(req, same) > 0.85
    assert _cosine(req, other) < 0.3


def test_nothing_to_embed_sends_no_request(
    embedder: OpenAIEmbedder, fake_openai: FakeOpenAIServer
) -> None:
    assert embedder.embed([]) == []
    assert fake_openai.requests == []


def test_unreachable_endpoint_is_an_upstream_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    embedder = OpenAIEmbedder(
        model="m", api_key=API_KEY, base_url=f"http://127.0.0.1:{port}/v1", max_retries=0
    )
    try:
        with pytest.raises(UpstreamError, match="embedding provider failed"):
            embedder.embed(["anything"])
    finally:
        embedder.close()


def test_offline_has_no_embedder_and_openai_needs_a_key(fake_openai: FakeOpenAIServer) -> None:
    assert build_embedder("offline") is None
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        build_embedder("openai", api_key=None)
    built = build_embedder("openai", api_key=API_KEY, base_url=fake_openai.base_url, dims=8)
    assert isinstance(built, OpenAIEmbedder)
    assert (built.model, built.dims) == ("text-embedding-3-small", 8)
    built.close()
