"""Reading ``POST /v1/transcripts`` bodies: JSON or multipart, never more than the size limit."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.types import Message

from api.transcripts.schemas import TranscriptUpload
from devbizops.errors import DevBizOpsError, InvalidInput, TranscriptFormatError

MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024
# Multipart boundaries, headers and the other fields come on top of the transcript itself.
MAX_BODY_BYTES = MAX_TRANSCRIPT_BYTES + 64 * 1024
LIST_FIELDS = ("customer_speakers", "internal_speakers")


class TranscriptTooLarge(DevBizOpsError):
    code = "transcript_too_large"
    status = 413


class UnsupportedMediaType(DevBizOpsError):
    code = "unsupported_media_type"
    status = 415


def too_large() -> TranscriptTooLarge:
    return TranscriptTooLarge(
        f"transcripts are limited to {MAX_TRANSCRIPT_BYTES} bytes",
        details={"limit_bytes": MAX_TRANSCRIPT_BYTES},
    )


async def read_upload(request: Request) -> TranscriptUpload:
    """The upload in either form; 413 past the limit, 415 for other media types, else 422."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large()  # refused before reading a byte of it
    body = await _capped_body(request)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        upload = _validated(_json_object(body))
    elif media == "multipart/form-data":
        upload = _validated(await _form_fields(request, body))
    else:
        raise UnsupportedMediaType(
            "send application/json or multipart/form-data", details={"content_type": media}
        )
    if len(upload.content.encode()) > MAX_TRANSCRIPT_BYTES:
        raise too_large()
    return upload


async def _capped_body(request: Request) -> bytes:
    # Chunked uploads carry no length: count while reading and stop at the limit.
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InvalidInput(f"the body is not valid JSON: {why}") from exc
    if not isinstance(data, dict):
        raise InvalidInput("the body must be a JSON object")
    return data


async def _form_fields(request: Request, body: bytes) -> dict[str, Any]:
    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(
            max_files=1, max_fields=300, max_part_size=MAX_BODY_BYTES
        )
    except Exception as exc:  # multipart's own parse errors carry no common base class
        raise InvalidInput(f"the multipart body cannot be read: {exc}") from exc
    try:
        return await _fields(form)
    finally:
        await form.close()


async def _fields(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {}
    upload = form.get("file")
    if isinstance(upload, UploadFile):
        raw = await upload.read()
        try:
            data["content"] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            fmt = str(form.get("format") or "unknown")
            raise TranscriptFormatError(fmt, "the file is not UTF-8 text", field="file") from exc
    elif isinstance(upload, str):
        data["content"] = upload  # a client that sent the file as a plain form field
    for key, value in form.multi_items():
        if key == "file" or not isinstance(value, str):
            continue
        if key in LIST_FIELDS:
            data.setdefault(key, []).extend(v.strip() for v in value.split(",") if v.strip())
        elif key == "write_back":
            data[key] = _json_field(key, value)
        else:
            data.setdefault(key, value)
    return data


def _json_field(key: str, value: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{key}: not JSON ({exc.msg})", details={"field": key}) from exc


def _validated(data: dict[str, Any]) -> TranscriptUpload:
    try:
        return TranscriptUpload.model_validate(data)
    except ValidationError as exc:
        fields = [{"loc": [str(p) for p in e["loc"]], "message": e["msg"]} for e in exc.errors()]
        raise InvalidInput(
            "the transcript upload is not valid", details={"fields": fields}
        ) from exc
