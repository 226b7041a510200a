"""One error path for the whole app, chosen by path (as datasette does): JSON ({"error": ...}, search.models.ErrorOut)
for /api and /feeds, the HTML error page for the web pages.

Routes raise (MinutesError carries its status) and never catch to render an error themselves; the handlers here are
registered once, in create_app. An unexpected exception is logged with its traceback and answered with a plain 500:
the traceback never reaches the client.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.errors import MinutesError
from search.models import ErrorOut

log = logging.getLogger(__name__)

JSON_PREFIXES = ("/api/", "/feeds/")
JSON_PATHS = frozenset({"/api", "/healthz", "/readyz"})
# FastAPI's and Starlette's own pages (docs, schema, static files) keep the framework's answers
FRAMEWORK_PREFIXES = ("/static/", "/docs", "/redoc", "/openapi")
LOCATIONS = (("query",), ("body",), ("path",), ("header",), ("cookie",))
SERVER_ERROR = "something went wrong on the server; the error has been logged"


def wants_json(path: str) -> bool:
    return path.startswith(JSON_PREFIXES) or path in JSON_PATHS


def error_response(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    """The error as its path's clients read it: {"error": message} for /api and /feeds, else the HTML error page."""
    if not wants_json(request.url.path):
        try:
            from api.web import html_error
        except ImportError:  # an API-only deployment has no pages
            pass
        else:
            return html_error(request, status, message, headers)
    return JSONResponse(ErrorOut(error=message).model_dump(), status_code=status, headers=headers)


def problems(errors) -> str:
    """pydantic's errors as one line: 'field: message; ...' (the location's kind, e.g. 'query', left out)."""
    out = []
    for e in errors:
        loc = tuple(e.get("loc") or ())
        # a field may itself be called 'query': only the first element says where
        where = ".".join(str(p) for p in loc[1 if loc[:1] in LOCATIONS else 0:])
        out.append(f"{where}: {e['msg']}" if where else e["msg"])
    return "; ".join(out)


async def minutes_error(request: Request, exc: Exception) -> Response:
    return error_response(request, getattr(exc, "status", 400), str(exc))


async def request_invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, 422, "invalid request: " + problems(exc.errors()))


async def http_error(request: Request, exc: Exception) -> Response:
    """Framework errors (unknown route, wrong method, unparsable or oversized body) in the same shapes."""
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith(FRAMEWORK_PREFIXES):
        return await http_exception_handler(request, exc)
    message = "There is no page at this address." if exc.status_code == 404 and not wants_json(request.url.path) \
        else str(exc.detail)
    return error_response(request, exc.status_code, message, getattr(exc, "headers", None))


async def unexpected(request: Request, exc: Exception) -> Response:
    """Anything else (a pydantic ValidationError inside a route too: a model the server built is the server's fault):
    logged with its traceback here, a 500 without it for the client."""
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, SERVER_ERROR)


def install(app: FastAPI) -> None:
    app.add_exception_handler(MinutesError, minutes_error)
    app.add_exception_handler(RequestValidationError, request_invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)


__all__ = ["SERVER_ERROR", "error_response", "install", "problems", "wants_json"]
