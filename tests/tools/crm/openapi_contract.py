"""Validate loopback HubSpot responses against HubSpot's own OpenAPI files with openapi-core.

Each path belongs to one of the vendor files in ``../shared/vendor/hubspot/``; requests are
re-based onto the specs' only server (``https://api.hubapi.com``) so operations match by path.
"""

from __future__ import annotations

import functools
import json

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.support.vendor_specs import vendor_spec

SPEC_HOST = "https://api.hubapi.com"
# Longest prefix first: the file whose operations a path belongs to.
_FILES = [
    ("/crm/v3/objects/companies", "crm-companies-v3.subset.json"),
    ("/crm/v3/objects/deals", "crm-deals-v3.subset.json"),
    ("/crm/v3/objects/0-3", "crm-deals-v3.subset.json"),
    ("/crm/v3/objects/notes", "crm-notes-v3.subset.json"),
    ("/crm/v3/pipelines", "crm-pipelines-v3.subset.json"),
    ("/crm/v4", "crm-associations-v4.subset.json"),
]


@functools.cache
def hubspot_openapi(file_name: str) -> OpenAPI:
    """One of HubSpot's spec files, loaded once.

    The specs give error responses the media type ``*/*``; HubSpot sends JSON there, so the
    body is parsed as JSON and checked against the ``Error`` schema instead of skipped.
    """
    config = Config(extra_media_type_deserializers={"*/*": json.loads})
    return OpenAPI.from_file_path(str(vendor_spec("hubspot", file_name)), config=config)


def spec_for(path: str) -> OpenAPI:
    """The vendor file that describes ``path``."""
    for prefix, file_name in _FILES:
        if path.startswith(prefix):
            return hubspot_openapi(file_name)
    raise LookupError(f"no HubSpot spec in the subset describes {path}")


class OpenAPIRequest:
    """An ``httpx.Request`` as openapi-core's ``Request`` protocol (optionally re-pathed)."""

    def __init__(self, request: httpx.Request, path: str | None = None) -> None:
        self.host_url = SPEC_HOST
        self.path = path or request.url.path
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


def assert_response_conforms(response: httpx.Response, *, as_path: str | None = None) -> None:
    """Raise openapi-core's error when the response breaks its operation's schema.

    ``as_path`` validates against another path's operation with the same response schema
    (for real HubSpot endpoints the subset leaves out, such as notes search).
    """
    path = as_path or response.request.url.path
    request = OpenAPIRequest(response.request, path)
    spec_for(path).validate_response(request, OpenAPIResponse(response))
