"""The loopback Slack workspace's state: channels, posted messages and uploaded files."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tools.sandbox.servers.faults import FaultPlan


@dataclass
class StoredFile:
    """An uploaded file: metadata ``files.info`` shows and the bytes behind ``url_private``."""

    id: str
    name: str
    content: bytes
    user: str
    channel: str
    share_ts: str
    mimetype: str = "text/plain"
    filetype: str = "text"

    def wire(self, base_url: str, team_id: str) -> dict[str, Any]:
        """The file object as ``files.info`` returns it."""
        url = f"{base_url}files-pri/{team_id}-{self.id}/{self.name}"
        kind = "public" if self.channel.startswith("C") else "private"
        return {
            "id": self.id,
            "created": int(float(self.share_ts)),
            "timestamp": int(float(self.share_ts)),
            "name": self.name,
            "title": self.name,
            "mimetype": self.mimetype,
            "filetype": self.filetype,
            "pretty_type": "Plain Text",
            "user": self.user,
            "user_team": team_id,
            "mode": "hosted",
            "editable": True,
            "is_external": False,
            "external_type": "",
            "is_public": kind == "public",
            "size": len(self.content),
            "url_private": url,
            "url_private_download": f"{url}?download=1",
            "permalink": f"https://sandbox.slack.com/files/{self.user}/{self.id}/{self.name}",
            "channels": [self.channel] if kind == "public" else [],
            "groups": [self.channel] if kind == "private" else [],
            "ims": [],
            "shares": {kind: {self.channel: [{"ts": self.share_ts, "reply_count": 0}]}},
        }


@dataclass
class SlackSandbox:
    """What tests script and inspect; thread-safe because the server runs in its own thread."""

    bot_token: str
    team_id: str = "T0SANDBOX"
    team: str = "Sandbox Inc"
    bot_user_id: str = "U0DEVBOT"
    bot_id: str = "B0DEVBOT"
    channels: set[str] = field(default_factory=lambda: {"C0SALES", "C0PRODUCT"})
    faults: FaultPlan = field(default_factory=FaultPlan)
    messages: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, StoredFile] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)  # every Web API method called, in order
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_ts(self) -> str:
        """A message ts: epoch seconds and a per-workspace sequence, as Slack writes them."""
        return f"{int(time.time())}.{next(self._seq):06d}"

    def post(self, channel: str, text: str, thread_ts: str | None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "subtype": "bot_message",
            "text": text,
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "team": self.team_id,
            "ts": self.next_ts(),
        }
        if thread_ts is not None:
            message["thread_ts"] = thread_ts
        with self._lock:
            self.messages.append({"channel": channel, **message})
        return message

    def add_message(
        self, channel: str, text: str, *, user: str = "U0ALICE", thread_ts: str | None = None
    ) -> dict[str, Any]:
        """A message a person wrote (what ``conversations.replies`` will show)."""
        message: dict[str, Any] = {
            "type": "message",
            "user": user,
            "text": text,
            "team": self.team_id,
            "ts": self.next_ts(),
        }
        if thread_ts is not None:
            message["thread_ts"] = thread_ts
        with self._lock:
            self.messages.append({"channel": channel, **message})
        return message

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """The message ``ts`` and its replies, oldest first, as ``conversations.replies`` shows."""
        with self._lock:
            found = [
                {k: v for k, v in m.items() if k != "channel"}
                for m in self.messages
                if m["channel"] == channel and (m["ts"] == ts or m.get("thread_ts") == ts)
            ]
        return sorted(found, key=lambda m: float(m["ts"]))

    def add_file(
        self, channel: str, name: str, content: str, *, user: str = "U0ALICE"
    ) -> StoredFile:
        """A file ``user`` shared in ``channel`` (what a ``file_shared`` event points at)."""
        with self._lock:
            file = StoredFile(
                id=f"F0{len(self.files) + 1:07d}",
                name=name,
                content=content.encode(),
                user=user,
                channel=channel,
                share_ts=self.next_ts(),
            )
            self.files[file.id] = file
        return file

    def replies_in(self, channel: str, thread_ts: str | None) -> list[dict[str, Any]]:
        """Messages posted to ``channel`` (in the thread of ``thread_ts`` when given)."""
        with self._lock:
            return [
                m
                for m in self.messages
                if m["channel"] == channel and m.get("thread_ts") == thread_ts
            ]

    def record(self, method: str) -> None:
        with self._lock:
            self.calls.append(method)
