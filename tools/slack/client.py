"""The Slack Web API through slack_sdk's ``WebClient``; file downloads through httpx.

Retries stay at this edge. ``WebClient`` retries only 429s (honouring ``Retry-After``): a 429 means
Slack did not act, so even ``chat.postMessage`` is safe to send again, while a dropped connection
may hide a posted message and is not retried. Downloads are plain GETs and retry 429/5xx.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from tools.retry_after import retry_after_seconds
from tools.slack.errors import SlackError
from tools.slack.models import PostedMessage, SlackFile

RATE_LIMIT_RETRIES = 3
DOWNLOAD_ATTEMPTS = 3


def web_client(base_url: str, token: str, *, timeout: int = 15) -> WebClient:
    """A ``WebClient`` on ``base_url`` (``https://slack.com/api/`` or a loopback server)."""
    base = base_url if base_url.endswith("/") else f"{base_url}/"
    return WebClient(
        token=token,
        base_url=base,
        timeout=timeout,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)],
    )


class _Retryable(SlackError):
    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message, slack_error="download_failed")
        self.retry_after = retry_after


class SlackWebApi:
    """``SlackApi`` over a ``WebClient`` (its token also authorizes file downloads)."""

    def __init__(self, client: WebClient, *, sleep: Any = time.sleep) -> None:
        self.client = client
        self._sleep = sleep

    def post_message(
        self, channel: str, text: str, *, thread_ts: str | None = None
    ) -> PostedMessage:
        args: dict[str, Any] = {"channel": channel, "text": text, "unfurl_links": False}
        if thread_ts is not None:
            args["thread_ts"] = thread_ts
        data = self._call("chat.postMessage", lambda: self.client.chat_postMessage(**args))
        return PostedMessage(channel=str(data["channel"]), ts=str(data["ts"]))

    def thread_start(self, channel: str, thread_ts: str) -> str:
        data = self._call(
            "conversations.replies",
            lambda: self.client.conversations_replies(channel=channel, ts=thread_ts, limit=1),
        )
        messages = data.get("messages") or [{}]
        return str(messages[0].get("text", ""))

    def file_info(self, file_id: str) -> SlackFile:
        data = self._call("files.info", lambda: self.client.files_info(file=file_id))
        return SlackFile.model_validate(data["file"])

    def download(self, file: SlackFile, *, max_bytes: int) -> bytes:
        url = file.url_private_download or file.url_private
        if not url:
            raise SlackError(f"file {file.id} has no private URL", slack_error="no_url")
        if file.size > max_bytes:
            raise SlackError(
                f"file {file.id} has {file.size} bytes; the limit is {max_bytes}",
                slack_error="file_too_large",
            )
        retrying = Retrying(
            stop=stop_after_attempt(DOWNLOAD_ATTEMPTS),
            wait=_wait,
            retry=retry_if_exception(lambda exc: isinstance(exc, _Retryable)),
            sleep=self._sleep,
            reraise=True,
        )
        body: bytes = retrying(self._get, url, max_bytes)
        return body

    def _get(self, url: str, max_bytes: int) -> bytes:
        headers = {"Authorization": f"Bearer {self.client.token}"}
        try:
            # Slack answers a missing or wrong token with a redirect to its login page: never
            # follow it, or the login HTML would be read as the file.
            with httpx.stream("GET", url, headers=headers, timeout=self.client.timeout) as resp:
                if resp.status_code == 429 or resp.status_code >= 500:
                    wait = retry_after_seconds(resp.headers.get("Retry-After"), time.time())
                    raise _Retryable(f"download of {url} got HTTP {resp.status_code}", wait)
                if resp.status_code != 200:
                    raise SlackError(
                        f"download of {url} got HTTP {resp.status_code}",
                        slack_error="download_refused",
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise SlackError(
                            f"file at {url} is larger than {max_bytes} bytes",
                            slack_error="file_too_large",
                        )
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.TransportError as exc:
            raise _Retryable(f"download of {url} failed: {exc}", None) from exc

    def _call(self, method: str, call: Any) -> dict[str, Any]:
        try:
            response = call()
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            raise SlackError(f"Slack {method} failed: {error}", slack_error=error) from exc
        except SlackClientError as exc:
            raise SlackError(f"Slack {method} failed: {exc}") from exc
        except OSError as exc:  # urllib: refused, reset, timed out
            raise SlackError(f"cannot reach Slack for {method}: {exc}") from exc
        data: dict[str, Any] = dict(response.data) if isinstance(response.data, dict) else {}
        return data


def _wait(state: Any) -> float:
    exc = state.outcome.exception() if state.outcome else None
    if isinstance(exc, _Retryable) and exc.retry_after is not None:
        return exc.retry_after
    return float(wait_exponential_jitter(initial=0.5, max=8)(state))
