"""Validate real httpx traffic against Atlassian's OpenAPI description with openapi-core.

Two deliberate adjustments, both about the spec contradicting Jira's own wire:
- ``format: date-time`` also accepts Jira's ``2024-03-05T10:12:33.000+0000`` (no colon in the
  offset), the form of every timestamp in the vendor's own examples; anything else still fails.
- a 204 is checked for its status and headers only: the spec gives doTransition's 204 an
  ``application/json`` body, but a 204 has no body (RFC 9110) and Jira sends none.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.response.validators import V30ResponseHeadersValidator
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.support.vendor_specs import vendor_spec

# The spec's only server; requests are re-based onto it so operations match by path.
SPEC_HOST = "https://your-domain.atlassian.net"


def jira_datetime(value: Any) -> bool:
    """RFC 3339, or Jira's ``yyyy-MM-dd'T'HH:mm:ss.SSSZ`` with a ``+hhmm`` offset."""
    if not isinstance(value, str):
        return True  # formats only constrain strings
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            datetime.strptime(value, fmt)
        except ValueError:
            continue
        return True
    return False


@functools.cache
def jira_openapi() -> OpenAPI:
    """Atlassian's Jira Cloud platform REST API subset, loaded once."""
    config = Config(extra_format_validators={"date-time": jira_datetime})
    return OpenAPI.from_file_path(str(vendor_spec("jira", "openapi-subset.json")), config=config)


class OpenAPIRequest:
    """An ``httpx.Request`` as openapi-core's ``Request`` protocol."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = SPEC_HOST
        self.path = request.url.path
        self.method = request.method.lower()
        self.body: bytes | None = request.content or None
        self.content_type = request.headers.get("Content-Type", "application/json")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )


class OpenAPIResponse:
    """An ``httpx.Response`` as openapi-core's ``Response`` protocol."""

    def __init__(self, response: httpx.Response) -> None:
        self.data = response.read()
        self.status_code = response.status_code
        self.headers = Headers(list(response.headers.items()))
        self.content_type = response.headers.get("Content-Type", "")


def assert_request_conforms(request: httpx.Request) -> None:
    """Raise openapi-core's error when the request breaks the spec (params, body)."""
    jira_openapi().validate_request(OpenAPIRequest(request))


def assert_response_conforms(response: httpx.Response) -> None:
    """Raise openapi-core's error when the response breaks the spec for its operation."""
    api = jira_openapi()
    request, answer = OpenAPIRequest(response.request), OpenAPIResponse(response)
    if response.status_code == 204:
        validator = V30ResponseHeadersValidator(
            api.spec, extra_format_validators={"date-time": jira_datetime}
        )
        validator.validate(request, answer)
        assert not answer.data, "a 204 must have no body"
        return
    api.validate_response(request, answer)
