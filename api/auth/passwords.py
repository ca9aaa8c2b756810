"""Password hashing with Argon2id (argon2-cffi): verify, and rehash when parameters change."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from devbizops.errors import InvalidInput

MIN_LENGTH = 12


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    """The library's recommended parameters (RFC 9106 low-memory profile)."""
    return PasswordHasher()


@lru_cache(maxsize=1)
def _decoy() -> str:
    return hasher().hash("decoy password that matches nothing")


def hash_password(password: str) -> str:
    """The Argon2id hash of a new password; too short ones are refused."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"the password needs at least {MIN_LENGTH} characters")
    return hasher().hash(password)


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches. Without a stored hash the same work is done on a decoy,
    so unknown users and wrong passwords take the same time."""
    try:
        return hasher().verify(stored or _decoy(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    return hasher().check_needs_rehash(stored)
