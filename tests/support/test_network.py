"""The network guard lets loopback through and stops everything else."""

from __future__ import annotations

import socket

import pytest

from tests.support.network import NetworkBlocked


def test_connecting_to_a_public_address_fails_loudly() -> None:
    with socket.socket() as sock, pytest.raises(NetworkBlocked, match=r"1\.1\.1\.1"):
        sock.connect(("1.1.1.1", 443))


def test_resolving_a_public_name_fails_loudly() -> None:
    with pytest.raises(NetworkBlocked, match=r"api\.openai\.com"):
        socket.getaddrinfo("api.openai.com", 443)


def test_loopback_connections_are_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            conn, _ = server.accept()
            conn.close()
