"""``devbizops serve`` runs the API under uvicorn: probes answer and access lines are JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from devbizops.settings import Settings
from tests.support.waiting import free_port

DEVBIZOPS = str(Path(sys.executable).with_name("devbizops"))


@pytest.fixture
def served(settings: Settings) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    env = {**os.environ, "DEVBIZOPS_LOG_JSON": "true", "DEVBIZOPS_LOG_LEVEL": "INFO"}
    process = subprocess.Popen(
        [DEVBIZOPS, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)
        assert process.stderr is not None
        process.stderr.close()


def _wait_until_up(base: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "devbizops serve exited"
        try:
            httpx.get(f"{base}/healthz", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("devbizops serve did not start listening")


def test_serve_answers_probes_and_logs_json_access_lines(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    base, process = served

    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{base}/readyz", timeout=10)
    assert ready.status_code == 200, ready.text
    missing = httpx.get(f"{base}/no/such/page", headers={"X-Request-ID": "serve-1"})
    assert missing.status_code == 404
    assert missing.headers["x-request-id"] == "serve-1"

    process.terminate()
    process.wait(timeout=20)
    assert process.stderr is not None
    lines = [json.loads(ln) for ln in process.stderr.read().splitlines() if ln.startswith("{")]
    access = [ln for ln in lines if ln.get("event") == "http_request"]
    assert {"request_id": "serve-1", "status": 404, "path": "/no/such/page"}.items() <= next(
        ln for ln in access if ln["request_id"] == "serve-1"
    ).items()
