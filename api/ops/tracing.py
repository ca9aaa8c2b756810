"""OpenTelemetry tracing: one server span per HTTP request, exported over OTLP/HTTP.

On only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set. The provider belongs to the app (not the
process-global one, which can be set only once) so tests can build several apps; spans are
batched in a background thread and flushed at exit (``shutdown_on_exit``) or ``force_flush()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from opentelemetry import propagate
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer

from devbizops.settings import Settings

SERVICE_NAME = "devbizops-api"
TRACES_PATH = "/v1/traces"


def traces_url(endpoint: str) -> str:
    """The OTLP/HTTP traces URL: the spec appends ``/v1/traces`` to the base endpoint."""
    base = endpoint.rstrip("/")
    return base if base.endswith(TRACES_PATH) else base + TRACES_PATH


def build_provider(settings: Settings) -> TracerProvider | None:
    """A provider exporting to ``settings.otlp_endpoint``; None when tracing is off."""
    if not settings.otlp_endpoint:
        return None
    provider = TracerProvider(resource=Resource.create({"service.name": SERVICE_NAME}))
    exporter = OTLPSpanExporter(endpoint=traces_url(settings.otlp_endpoint), timeout=10)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


def start_server_span(
    tracer: Tracer, method: str, path: str, headers: Iterable[tuple[bytes, bytes]]
) -> Span:
    """A SERVER span for one request, continuing the caller's trace when it sent one."""
    carrier = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
    parent = propagate.extract(carrier)
    return tracer.start_span(
        method,  # renamed "METHOD /route/{template}" once the router has matched
        context=parent,
        kind=SpanKind.SERVER,
        attributes={"http.request.method": method, "url.path": path},
    )


def end_server_span(span: Span, method: str, route: str, status: int) -> None:
    """Name the span after its route, record the status (5xx = error) and end it."""
    span.update_name(f"{method} {route}")
    span.set_attribute("http.route", route)
    span.set_attribute("http.response.status_code", status)
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR))
    span.end()
