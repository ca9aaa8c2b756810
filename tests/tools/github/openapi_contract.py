"""Validate real httpx exchanges with the loopback GitHub against GitHub's own OpenAPI subset."""

from __future__ import annotations

from functools import cache

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.support.vendor_specs import vendor_spec

# The spec's only server. The loopback stands in for it: only the base URL differs.
GITHUB_API = "https://api.github.com"


@cache
def github_openapi() -> OpenAPI:
    """GitHub's OpenAPI subset from ``../shared/vendor/github`` (loaded once per session)."""
    return OpenAPI.from_file_path(str(vendor_spec("github", "openapi-subset.json")))


class OpenAPIRequest:
    """openapi-core's Request protocol for an httpx request sent to the loopback server."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = GITHUB_API
        self.path = request.url.path
        self.method = request.method.lower()
        self.body: bytes | None = request.content or None
        self.content_type = request.headers.get("content-type", "application/json")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(request.url.params.multi_items()),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )


class OpenAPIResponse:
    """openapi-core's Response protocol for an httpx response."""

    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.headers = Headers(list(response.headers.items()))
        self.content_type = response.headers.get("content-type", "")
        self.data: bytes | None = response.content or None


def validate_exchange(response: httpx.Response) -> None:
    """Raise openapi-core's validation error unless the response obeys GitHub's spec."""
    github_openapi().validate_response(OpenAPIRequest(response.request), OpenAPIResponse(response))
