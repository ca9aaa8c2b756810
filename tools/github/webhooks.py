"""Verify GitHub webhook deliveries: ``X-Hub-Signature-256`` over the raw body, replay-guarded.

GitHub signs ``sha256=<hex HMAC-SHA256(secret, raw body)>`` and sends no timestamp, so a stale
delivery is recognised by its ``X-GitHub-Delivery`` GUID having been seen inside the replay
window. The legacy SHA-1 ``X-Hub-Signature`` is never accepted on its own.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from devbizops.errors import InvalidInput
from tools.github.errors import WebhookReplayError, WebhookSignatureError

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


@dataclass(frozen=True)
class WebhookDelivery:
    """A verified delivery: the event name, its GUID and the parsed payload."""

    event: str
    delivery_id: str
    payload: dict[str, Any]

    @property
    def action(self) -> str | None:
        """The payload's ``action`` (``opened``, ``closed``, ``published``...), if any."""
        value = self.payload.get("action")
        return value if isinstance(value, str) else None


class DeliveryLog(Protocol):
    """Remembers delivery GUIDs; ``seen`` records one and says whether it was already there."""

    def seen(self, delivery_id: str) -> bool:
        """Record ``delivery_id``; True when it had been recorded before."""
        ...


class RecentDeliveries:
    """An in-memory DeliveryLog that forgets GUIDs after ``window`` seconds."""

    def __init__(self, window: float = 3600.0, clock: Callable[[], float] = time.monotonic):
        self._window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[str, float] = {}

    def seen(self, delivery_id: str) -> bool:
        """Record ``delivery_id``; True when it was already recorded inside the window."""
        now = self._clock()
        with self._lock:
            self._seen = {k: t for k, t in self._seen.items() if now - t < self._window}
            if delivery_id in self._seen:
                return True
            self._seen[delivery_id] = now
            return False


def signature(body: bytes, secret: str) -> str:
    """The ``X-Hub-Signature-256`` value GitHub would send for ``body``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def verify(body: bytes, header: str | None, secrets: str | Sequence[str]) -> None:
    """Raise WebhookSignatureError unless ``header`` signs ``body`` with one of ``secrets``."""
    if not header:
        raise WebhookSignatureError(f"missing {SIGNATURE_HEADER} header")
    if not header.startswith(_PREFIX):
        raise WebhookSignatureError(f"{SIGNATURE_HEADER} is not a sha256= signature")
    candidates = [secrets] if isinstance(secrets, str) else list(secrets)
    # Several secrets let a webhook secret be rotated without dropping deliveries.
    matched = False
    for secret in candidates:
        matched |= hmac.compare_digest(signature(body, secret), header.strip())
    if not matched:
        raise WebhookSignatureError("webhook signature does not match the body")


def parse_delivery(
    headers: Mapping[str, str],
    body: bytes,
    secrets: str | Sequence[str],
    *,
    replays: DeliveryLog | None = None,
) -> WebhookDelivery:
    """Verify the signature, reject a replayed GUID, and parse the JSON payload."""
    lowered = {key.lower(): value for key, value in headers.items()}
    verify(body, lowered.get(SIGNATURE_HEADER.lower()), secrets)
    event = lowered.get("x-github-event", "")
    delivery_id = lowered.get("x-github-delivery", "")
    if not event or not delivery_id:
        raise WebhookSignatureError("missing X-GitHub-Event or X-GitHub-Delivery header")
    if replays is not None and replays.seen(delivery_id):
        raise WebhookReplayError(f"delivery {delivery_id} was already received (replay)")
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise InvalidInput(f"webhook body is not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise InvalidInput("webhook body is not a JSON object")
    return WebhookDelivery(event=event, delivery_id=delivery_id, payload=payload)
