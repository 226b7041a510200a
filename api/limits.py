"""Bounded requests: uploads refused from their headers or while streaming; heavy requests shed with 503 when full."""
from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.requests import Request

from index.errors import Forbidden
from search.models import ErrorOut

UPLOAD_PATH = "/api/documents"
HEAVY_PATHS = frozenset({"/api/search", "/api/ask", "/research"})  # embed a query and rank: the CPU-bound routes
RETRY_AFTER_S = 2


def _heavy(scope) -> bool:
    """The search and answer routes, and the home page when it carries a question (it answers it)."""
    path = scope["path"]
    return path in HEAVY_PATHS or path == "/" and b"q=" in scope.get("query_string", b"")


def errors(*codes: int) -> dict:
    """OpenAPI `responses` for the error statuses a route can return, all with the {"error": ...} body."""
    return {c: {"model": ErrorOut} for c in codes}


async def _refuse(scope, receive, send, status: int, message: str, headers: dict | None = None):
    """Refused before the app runs, in the shape its path answers errors with (api/errors.py)."""
    from api.errors import error_response

    response = error_response(Request(scope), status, message, {k: str(v) for k, v in (headers or {}).items()})
    await response(scope, receive, send)


class UploadGuard:
    """ASGI middleware for POST /api/documents: the token and Content-Length are checked before a byte of the body is
    read, and a body without a length (chunked) is counted as it streams and cut off at the limit."""

    def __init__(self, app, settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] != UPLOAD_PATH or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        from api.uploads import check_token

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            check_token(self.settings.api_token, headers.get("authorization"), headers.get("x-api-token"))
        except Forbidden as exc:
            return await _refuse(scope, receive, send, 403, str(exc), {"connection": "close"})
        limit = self.settings.max_upload_request_bytes
        length = headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > limit:
            return await _refuse(scope, receive, send, 413, f"request body too large ({int(length):,} bytes; limit {limit:,})",
                                 {"connection": "close"})
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:  # raised inside the body parser: mapped to a JSON 413 like any HTTP error
                    raise HTTPException(413, f"request body too large (over {limit:,} bytes)")
            return message

        return await self.app(scope, counted, send)


class HeavyLimiter:
    """ASGI middleware: at most `running` searches/answers at once and `queued` waiting; more get 503 + Retry-After.

    A bounded queue keeps p95 of admitted requests bounded and memory flat instead of piling work up without end."""

    def __init__(self, app, running: int, queued: int):
        self.app, self.running, self.queued = app, max(1, running), max(0, queued)
        self.admitted = 0
        self._slots: asyncio.Semaphore | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not _heavy(scope):
            return await self.app(scope, receive, send)
        if self.admitted >= self.running + self.queued:
            return await _refuse(scope, receive, send, 503, "the server is busy answering other requests; try again shortly",
                                 {"retry-after": RETRY_AFTER_S})
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.running)  # made inside the server's event loop
        self.admitted += 1
        try:
            async with self._slots:
                await self.app(scope, receive, send)
        finally:
            self.admitted -= 1
