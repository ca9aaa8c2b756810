"""What the Slack bot depends on: a few Web API methods, not an HTTP client."""

from __future__ import annotations

from typing import Protocol

from tools.slack.models import PostedMessage, SlackFile


class SlackApi(Protocol):
    def post_message(
        self, channel: str, text: str, *, thread_ts: str | None = None
    ) -> PostedMessage:
        """``chat.postMessage`` (in the thread of ``thread_ts`` when given)."""
        ...

    def thread_start(self, channel: str, thread_ts: str) -> str:
        """The text of the message that started a thread (``conversations.replies``)."""
        ...

    def file_info(self, file_id: str) -> SlackFile:
        """``files.info``: the file's metadata and private URL."""
        ...

    def download(self, file: SlackFile, *, max_bytes: int) -> bytes:
        """The file's bytes from its private URL (SlackError when larger than ``max_bytes``)."""
        ...
