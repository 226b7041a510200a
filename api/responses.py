"""Response classes of the routes that send no JSON: each names its media type, so a route declares what it sends
(the JSON routes declare a response_model instead; tests/api/test_models.py checks every route does one or the other).
"""
from __future__ import annotations

from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.export import CSV_MEDIA_TYPE, MARKDOWN_MEDIA_TYPE


class SVGResponse(Response):
    media_type = "image/svg+xml"


class CSVResponse(Response):
    media_type = CSV_MEDIA_TYPE


class MarkdownResponse(Response):
    media_type = MARKDOWN_MEDIA_TYPE


class AtomResponse(Response):
    media_type = "application/atom+xml"


class NoContent(Response):
    """204: nothing in the body (the OPTIONS answer)."""


NON_JSON = (HTMLResponse, RedirectResponse, SVGResponse, CSVResponse, MarkdownResponse, AtomResponse, NoContent)

__all__ = ["AtomResponse", "CSVResponse", "HTMLResponse", "MarkdownResponse", "NON_JSON", "NoContent", "RedirectResponse",
           "SVGResponse"]
