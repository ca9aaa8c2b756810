"""Encryption of connector secrets at rest (Fernet: AES-128-CBC + HMAC-SHA256).

The key comes from ``DEVBIZOPS_SECRET_KEY`` (any string; a Fernet key is derived from it with
SHA-256). Without it, a random key is generated once into ``<data dir>/secret.key`` (mode 0600) so
a local setup works out of the box; production sets the variable, shared by API and workers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from devbizops.errors import ConfigurationError
from devbizops.settings import Settings


def _derive(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


def _key_file(data_dir: Path) -> str:
    path = data_dir / "secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(Fernet.generate_key().decode())
    return path.read_text().strip()


def master_secret(settings: Settings) -> str:
    """DEVBIZOPS_SECRET_KEY, or the key generated once in the data dir."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    return _key_file(settings.data_path)


def derived_key(settings: Settings, purpose: str) -> bytes:
    """A 256-bit key for one purpose (token signing, ...), derived from the master secret."""
    return hmac.new(master_secret(settings).encode(), purpose.encode(), hashlib.sha256).digest()


class SecretBox:
    """Encrypts and decrypts JSON-serialisable secrets."""

    def __init__(self, secret: str) -> None:
        self._fernet = Fernet(_derive(secret))

    @classmethod
    def from_settings(cls, settings: Settings) -> SecretBox:
        """The box for the configured key (or the generated local key file)."""
        return cls(master_secret(settings))

    def seal(self, value: dict[str, Any]) -> bytes:
        return self._fernet.encrypt(json.dumps(value, sort_keys=True).encode())

    def open(self, token: bytes) -> dict[str, Any]:
        """Decrypt; a different key gives a clear configuration error, not garbage."""
        try:
            data: dict[str, Any] = json.loads(self._fernet.decrypt(token))
        except InvalidToken as exc:
            raise ConfigurationError(
                "cannot decrypt connector secrets: DEVBIZOPS_SECRET_KEY differs from the key "
                "they were stored with"
            ) from exc
        return data
