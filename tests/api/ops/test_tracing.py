"""With OTEL_EXPORTER_OTLP_ENDPOINT set, each request becomes a SERVER span sent over OTLP/HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span
from opentelemetry.sdk.trace import TracerProvider
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.app import create_app
from devbizops.settings import Settings
from tests.api.conftest import KeyFactory
from tests.api.ops.conftest import PROBE_ROUTE, add_probe_route
from tools.sandbox.servers.loopback import LoopbackServer

CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"


class OtlpReceiver:
    """A loopback OTLP/HTTP collector: records every ``POST /v1/traces`` body (protobuf)."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.content_types: list[str] = []
        self._lock = threading.Lock()
        self.server = LoopbackServer(
            Starlette(routes=[Route("/v1/traces", self._traces, methods=["POST"])]),
            name="otlp-receiver",
        )

    async def _traces(self, request: Request) -> Response:
        body = await request.body()
        with self._lock:
            self.bodies.append(body)
            self.content_types.append(request.headers.get("content-type", ""))
        # An empty ExportTraceServiceResponse: full success.
        return Response(b"", media_type="application/x-protobuf")

    def spans(self) -> list[Span]:
        with self._lock:
            bodies = list(self.bodies)
        found: list[Span] = []
        for body in bodies:
            request = ExportTraceServiceRequest.FromString(body)
            for resource_spans in request.resource_spans:
                for scope_spans in resource_spans.scope_spans:
                    found.extend(scope_spans.spans)
        return found


@pytest.fixture
def receiver() -> Iterator[OtlpReceiver]:
    receiver = OtlpReceiver()
    with receiver.server:
        yield receiver


def attributes(span: Span) -> dict[str, object]:
    values: dict[str, object] = {}
    for kv in span.attributes:
        which = kv.value.WhichOneof("value")
        values[kv.key] = getattr(kv.value, which) if which else None
    return values


def test_requests_are_exported_as_server_spans(
    settings: Settings, receiver: OtlpReceiver, auth_headers: KeyFactory
) -> None:
    app = create_app(settings.model_copy(update={"otlp_endpoint": receiver.server.base_url}))
    add_probe_route(app)
    provider: TracerProvider = app.state.tracer_provider
    try:
        with TestClient(app) as client:
            headers = {**auth_headers(), "traceparent": f"00-{CALLER_TRACE}-{CALLER_SPAN}-01"}
            assert client.get("/_probe/runs/run-9", headers=headers).status_code == 200
            assert client.get("/no/such/page").status_code == 404
        assert provider.force_flush(timeout_millis=10_000)
    finally:
        provider.shutdown()

    assert receiver.bodies, "no OTLP export arrived"
    assert all(ct == "application/x-protobuf" for ct in receiver.content_types)
    assert any(PROBE_ROUTE.encode() in body for body in receiver.bodies)
    spans = {span.name: span for span in receiver.spans()}
    probe = spans[f"GET {PROBE_ROUTE}"]
    assert probe.kind == Span.SPAN_KIND_SERVER
    assert attributes(probe) == {
        "http.request.method": "GET",
        "url.path": "/_probe/runs/run-9",
        "http.route": PROBE_ROUTE,
        "http.response.status_code": 200,
    }
    assert probe.trace_id.hex() == CALLER_TRACE  # continues the caller's W3C trace
    assert probe.parent_span_id.hex() == CALLER_SPAN
    assert attributes(spans["GET <unmatched>"])["http.response.status_code"] == 404


def test_tracing_is_off_without_an_endpoint(api_app: object) -> None:
    assert api_app.state.tracer_provider is None  # type: ignore[attr-defined]
