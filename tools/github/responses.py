"""GitHub error responses mapped to our typed errors, keeping GitHub's message and docs link."""

from __future__ import annotations

import httpx

from tools.github.errors import GitHubAuthError, GitHubError, GitHubNotFound


def _body(response: httpx.Response) -> dict[str, object]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def vendor_message(response: httpx.Response) -> str:
    """GitHub's ``message`` (or the start of a non-JSON body, or the reason phrase)."""
    message = _body(response).get("message")
    if isinstance(message, str) and message:
        return message
    text = response.text.strip()
    return text[:200] if text else response.reason_phrase


def error_for(response: httpx.Response) -> GitHubError:
    """The typed error for a non-2xx response: 401 auth, 404 not found, else GitHubError."""
    body = _body(response)
    docs = body.get("documentation_url")
    status = response.status_code
    url = str(response.request.url)
    said = vendor_message(response)
    message = f"GitHub answered HTTP {status} for {url}: {said}"
    errors = body.get("errors")
    details = {"errors": errors} if isinstance(errors, list) else None
    cls = {401: GitHubAuthError, 404: GitHubNotFound}.get(status, GitHubError)
    return cls(
        message,
        http_status=status,
        github_message=said,
        documentation_url=docs if isinstance(docs, str) else None,
        url=url,
        details=details,
    )
