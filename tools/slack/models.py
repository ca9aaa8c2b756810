"""The parts of Slack's wire objects the bot reads."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class PostedMessage(BaseModel):
    """What ``chat.postMessage`` answers: where the message landed."""

    channel: str
    ts: str


class SlackFile(BaseModel):
    """A file object from ``files.info``."""

    model_config = ConfigDict(extra="ignore")

    id: str
    name: str = ""
    title: str = ""
    mimetype: str = ""
    filetype: str = ""
    size: int = 0
    url_private: str | None = None
    url_private_download: str | None = None
    # {"public"|"private": {channel id: [{"ts": ..., "thread_ts"?: ...}]}}
    shares: dict[str, dict[str, list[dict[str, Any]]]] = Field(default_factory=dict)

    def share_ts(self, channel: str) -> str | None:
        """The ts of the message that shared the file in ``channel`` (where to reply)."""
        for kind in ("public", "private"):
            for share in self.shares.get(kind, {}).get(channel, []):
                ts = share.get("thread_ts") or share.get("ts")
                if isinstance(ts, str):
                    return ts
        return None
