"""A loopback OpenAI-compatible server: scripted Chat Completions, deterministic embeddings.

Embeddings need no script: each text becomes a normalised bag of hashed character trigrams of its
words, so texts spelling the same word stems differently (``sign-on``/``signon``) land close.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tools.sandbox.servers.loopback import LoopbackServer

Payload = Mapping[str, Any] | Callable[[dict[str, Any]], Mapping[str, Any]]
Behaviour = Callable[[dict[str, Any]], JSONResponse]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it; header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    received_at: float  # time.monotonic(), comparable across requests

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The chat messages the client sent."""
        return list(self.body.get("messages", []))

    @property
    def response_schema(self) -> dict[str, Any] | None:
        """The JSON schema of a ``response_format: json_schema`` request, if any."""
        fmt = self.body.get("response_format") or {}
        if fmt.get("type") != "json_schema":
            return None
        schema: dict[str, Any] = fmt["json_schema"]["schema"]
        return schema

    @property
    def tool_names(self) -> list[str]:
        """Names of the function tools offered to the model."""
        return [t["function"]["name"] for t in self.body.get("tools", [])]


class FakeOpenAIServer:
    """Serves ``POST /v1/chat/completions`` on 127.0.0.1 from a queue of scripted behaviours."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: deque[Behaviour] = deque()
        self._requests: list[RecordedRequest] = []
        self.base_url = ""
        routes = [Route("/{path:path}", self._handle, methods=["GET", "POST", "PUT", "DELETE"])]
        self._loopback = LoopbackServer(Starlette(routes=routes), name="fake-openai", path="/v1")

    # --- lifecycle -------------------------------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        """Bind a free port, serve in a background thread and wait until it accepts requests."""
        self._loopback.start()
        self.base_url = self._loopback.base_url
        return self

    def stop(self) -> None:
        """Stop serving and join the thread (uvicorn closes the listening socket)."""
        self._loopback.stop()

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(
        self, exc: type[BaseException] | None, val: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- inspection ------------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def pending(self) -> int:
        """Scripted behaviours not consumed yet."""
        with self._lock:
            return len(self._script)

    def reset(self) -> None:
        """Forget the script and the recorded requests."""
        with self._lock:
            self._script.clear()
            self._requests.clear()

    # --- scripting -------------------------------------------------------------------------------

    def respond(self, payload: Payload, *, times: int = 1) -> None:
        """Answer with ``payload`` as JSON: as content, or as tool-call arguments if tools sent."""

        def behaviour(body: dict[str, Any]) -> JSONResponse:
            data = payload(body) if callable(payload) else payload
            return _structured(body, json.dumps(dict(data)))

        self._push(behaviour, times)

    def malformed(self, raw: str, *, times: int = 1) -> None:
        """Answer with ``raw`` where JSON is expected (content or tool-call arguments)."""
        self._push(lambda body: _structured(body, raw), times)

    def text(self, content: str, *, times: int = 1) -> None:
        """Answer with plain assistant text (prose, or a model that ignored the tool)."""
        message = {"role": "assistant", "content": content, "refusal": None}
        self._push(lambda body: _completion(body, message, "stop"), times)

    def refuse(self, reason: str, *, times: int = 1) -> None:
        """Answer with a structured-outputs refusal."""
        message = {"role": "assistant", "content": None, "refusal": reason}
        self._push(lambda body: _completion(body, message, "stop"), times)

    def rate_limit(self, *, retry_after: float = 1, times: int = 1) -> None:
        """Answer HTTP 429 with ``Retry-After`` and OpenAI's rate-limit error body."""
        headers = {"retry-after": f"{retry_after:g}"}
        body = _error("Rate limit reached.", "rate_limit_error", "rate_limit_exceeded")
        self._push(lambda _: JSONResponse(body, status_code=429, headers=headers), times)

    def server_error(
        self, *, status: int = 500, message: str = "The server had an error.", times: int = 1
    ) -> None:
        """Answer with a 5xx (or any) status and an OpenAI error body."""
        body = _error(message, "server_error", None)
        self._push(lambda _: JSONResponse(body, status_code=status), times)

    def _push(self, behaviour: Behaviour, times: int) -> None:
        with self._lock:
            self._script.extend([behaviour] * times)

    # --- HTTP ------------------------------------------------------------------------------------

    async def _handle(self, request: Request) -> JSONResponse:
        raw = await request.body()
        body = json.loads(raw) if raw else {}
        recorded = RecordedRequest(
            method=request.method,
            path=request.url.path,
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
            received_at=time.monotonic(),
        )
        with self._lock:
            self._requests.append(recorded)
            number = len(self._requests)
            if request.method == "POST" and request.url.path == "/v1/embeddings":
                return _embeddings(body)
            served = request.method == "POST" and request.url.path == "/v1/chat/completions"
            behaviour = self._script.popleft() if served and self._script else None
        if not served:
            message = f"fake OpenAI server has no {request.method} {request.url.path}"
            return JSONResponse(_error(message, "invalid_request_error", None), status_code=404)
        if behaviour is None:
            # x-should-retry stops the SDK from retrying, so an unscripted call fails at once.
            message = f"fake OpenAI server: nothing scripted for request #{number}"
            error = _error(message, "server_error", None)
            return JSONResponse(error, status_code=500, headers={"x-should-retry": "false"})
        return behaviour(body)


def _structured(body: dict[str, Any], arguments: str) -> JSONResponse:
    """Put ``arguments`` where the request expects structured output."""
    tools = body.get("tools") or []
    message: dict[str, Any] = {"role": "assistant", "content": arguments, "refusal": None}
    if not tools:
        return _completion(body, message, "stop")
    choice = body.get("tool_choice")
    name = choice["function"]["name"] if isinstance(choice, dict) else tools[0]["function"]["name"]
    call = {
        "id": "call_fake_1",
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }
    message.update(content=None, tool_calls=[call])
    return _completion(body, message, "tool_calls")


def _completion(body: dict[str, Any], message: dict[str, Any], finish: str) -> JSONResponse:
    prompt_tokens = len(json.dumps(body.get("messages", []))) // 4
    completion_tokens = len(json.dumps(message)) // 4
    return JSONResponse(
        {
            "id": f"chatcmpl-fake-{time.monotonic_ns()}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "unknown"),
            "choices": [
                {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
        headers={"x-request-id": "req_fake"},
    )


def _embeddings(body: dict[str, Any]) -> JSONResponse:
    """``POST /v1/embeddings`` in OpenAI's wire format (float lists or base64 float32)."""
    raw = body.get("input", [])
    texts = [raw] if isinstance(raw, str) else list(raw)
    if not texts or not all(isinstance(t, str) for t in texts):
        message = "fake OpenAI server embeds strings only ('input' as a string or list of them)"
        return JSONResponse(_error(message, "invalid_request_error", None), status_code=400)
    dims = int(body.get("dimensions") or DEFAULT_EMBEDDING_DIMS)
    as_base64 = body.get("encoding_format") == "base64"
    data = []
    for index, text in enumerate(texts):
        vector = fake_embedding(text, dims)
        encoded: Any = vector
        if as_base64:
            encoded = base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode("ascii")
        data.append({"object": "embedding", "index": index, "embedding": encoded})
    tokens = sum(len(t.split()) for t in texts)
    return JSONResponse(
        {
            "object": "list",
            "data": data,
            "model": body.get("model", "unknown"),
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
    )


DEFAULT_EMBEDDING_DIMS = 1536
_WORD = re.compile(r"[a-z0-9]+")


def fake_embedding(text: str, dims: int = DEFAULT_EMBEDDING_DIMS) -> list[float]:
    """Unit vector of hashed character trigrams of the text's words (hyphens and case ignored).

    Words are joined across hyphens (``sign-on`` → ``signon``) and padded, so a word's stem and
    its endings share most trigrams; cosine similarity then tracks shared spelling.
    """
    counts = [0.0] * dims
    for word in _WORD.findall(text.lower().replace("-", "")):
        padded = f" {word} "
        for i in range(len(padded) - 2):
            digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=8).digest()
            counts[int.from_bytes(digest, "big") % dims] += 1.0
    norm = math.sqrt(sum(c * c for c in counts)) or 1.0
    return [c / norm for c in counts]


def _error(message: str, kind: str, code: str | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}
