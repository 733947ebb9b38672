"""Uploads: the request body capped, each file saved under the job's folder and its kind told
from its content (as :mod:`refcheck.readers.sniff` does), never from its name alone."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import HTTPException
from starlette.datastructures import UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from refcheck.errors import WrongKindError
from refcheck.patterns import compiled
from refcheck.readers import sniff_kind
from refcheck.serve.store import UploadedFile

CHUNK_BYTES = 64 * 1024
# Multipart boundaries and headers around the files: allowed over the upload limit.
ENVELOPE_BYTES = 64 * 1024
READABLE = "PDF, BibTeX (.bib), JATS XML (.xml), Word (.docx) and LaTeX (.tex, .bbl, .aux)"
_UNSAFE = compiled(r"[^A-Za-z0-9._-]+")


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Answers 413 to a request whose body is larger than ``max_bytes``, before it is read
    (Content-Length) or while it is (a chunked body)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": _over(self.max_bytes - ENVELOPE_BYTES)}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def safe_name(name: str) -> str:
    """A file name for the disk: the last part of what the caller sent, plain characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE.sub("_", base).strip("._")[:100] or "upload"


async def save_uploads(
    files: list[UploadFile], folder: Path, max_files: int, max_bytes: int
) -> list[UploadedFile]:
    """Saves the files in ``folder``; raises 413 (too many, too large) or 415 (a kind refcheck
    does not read, or content that contradicts the name)."""
    if not files:
        raise HTTPException(422, "no file: send one or more as multipart form fields 'files'")
    if len(files) > max_files:
        raise HTTPException(413, f"{len(files)} files: at most {max_files} per job")
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[UploadedFile] = []
    total = 0
    for number, upload in enumerate(files, 1):
        name = upload.filename or f"upload-{number}"
        target = folder / f"{number:03d}-{safe_name(name)}"
        with target.open("wb") as out:
            while chunk := await upload.read(CHUNK_BYTES):
                total += len(chunk)
                if total > max_bytes:
                    raise HTTPException(413, _over(max_bytes))
                out.write(chunk)
        check_kind(target, name)
        saved.append(UploadedFile(name=name, stored=str(target)))
    return saved


def _over(max_bytes: int) -> str:
    return f"the upload is larger than the limit of {max_bytes / 1024 / 1024:.3g} MB per job"


def check_kind(path: Path, name: str) -> str:
    """The kind of input the file is, from its content; 415 when refcheck cannot read it."""
    try:
        kind = sniff_kind(path)
    except WrongKindError as exc:
        raise HTTPException(415, str(exc).replace(str(path), name)) from exc
    if kind == "pdf":
        with path.open("rb") as file:
            head = file.read(1024)
        if b"%PDF-" not in head:
            raise HTTPException(
                415,
                f"{name}: is not a PDF (its content does not begin with %PDF-, whatever its "
                f"name); refcheck reads {READABLE}",
            )
    return kind
