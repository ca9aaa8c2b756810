"""Real worker and Redis processes for the Celery executor tests, each in its own process group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.support import waiting

ROOT = Path(__file__).resolve().parents[3]
DEVBIZOPS = ROOT / ".venv" / "bin" / "devbizops"
DEADLINE = 180.0  # generous: two cores shared with other suites; not a speed assertion


def wait_for(what: str, check: Callable[[], bool], deadline: float = DEADLINE) -> None:
    """The shared poll, with this suite's generous deadline and a gentler interval."""
    waiting.wait_for(check, what, deadline, interval=0.2)


class Group:
    """A subprocess started in a new session, so signals reach all of its children."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("ab") as out:
            self.proc = subprocess.Popen(
                argv,
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL the whole group: no shutdown hook, no ack, no requeue runs."""
        self._signal(signal.SIGKILL)
        self.proc.wait(30)

    def kill_children(self) -> None:
        """SIGKILL the group leader's child processes (a prefork worker's pool), not the leader."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True, check=True
        )
        for pid in found.stdout.split():
            os.kill(int(pid), signal.SIGKILL)

    def stop(self) -> None:
        """SIGTERM (warm shutdown), then SIGKILL whatever is left."""
        if self.proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.proc.wait(30)
        self._signal(signal.SIGKILL)  # stray pool children of a group leader that already exited

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def _signal(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)


def start_worker(env: dict[str, str], log: Path, *args: str) -> Group:
    """``devbizops worker`` as an operator starts it."""
    return Group([str(DEVBIZOPS), "worker", "--loglevel", "INFO", *args], env, log)


def start_redis(port: int, log: Path) -> Group:
    """A private redis-server without persistence on ``port``; returns once it answers."""
    server = Group(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        dict(os.environ),
        log,
    )

    def answers() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    wait_for(f"redis-server on port {port}", answers, 30)
    return server
