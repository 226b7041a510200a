"""Follow routes: POST/GET/DELETE /api/follows and the Atom feed /feeds/{id}.atom (thin, over search/follows.py)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response

from api.responses import AtomResponse
from search.models import ErrorOut
from search.follow_types import Deleted, Follow, FollowCreated, FollowIn
from search.follows import create_follow, created_view, delete_follow, follow_view, get_follow, is_operator

router = APIRouter(tags=["follows"])


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


def _given(authorization: str | None, x_api_token: str | None, x_follow_secret: str | None) -> str | None:
    """The credential sent: a follow's secret or the operator's token, by header."""
    given = x_follow_secret or x_api_token
    if given:
        return given.strip()
    if authorization and authorization.startswith("Bearer "):
        return authorization.removeprefix("Bearer ").strip()
    return None


def _base(request: Request) -> str:
    return str(request.base_url)


@router.post("/api/follows", status_code=201, response_model=FollowCreated, responses=ERRORS,
             summary="Follow a topic: save a query and its filters under a name")
def api_follow_create(request: Request, body: FollowIn, authorization: str | None = Header(None),
                      x_api_token: str | None = Header(None)) -> FollowCreated:
    library = request.app.state.library
    operator = is_operator(library.settings.api_token, _given(authorization, x_api_token, None))
    with library.write_lock:  # the store's connection is shared with ingest
        follow_id, secret = create_follow(library.store, body, library.settings, operator)
    return created_view(library.store, follow_id, secret, _base(request))


@router.get("/api/follows/{follow_id}", response_model=Follow, responses=ERRORS,
            summary="A follow with its matches, newest first")
def api_follow_get(request: Request, follow_id: str) -> Follow:
    store = request.app.state.library.store
    return follow_view(store, get_follow(store, follow_id), _base(request))


@router.delete("/api/follows/{follow_id}", response_model=Deleted, responses=ERRORS,
               summary="Stop following (needs the follow's secret or the operator's token)")
def api_follow_delete(request: Request, follow_id: str, authorization: str | None = Header(None),
                      x_api_token: str | None = Header(None), x_follow_secret: str | None = Header(None)) -> Deleted:
    library = request.app.state.library
    with library.write_lock:
        delete_follow(library.store, follow_id, library.settings.api_token, _given(authorization, x_api_token, x_follow_secret))
    return Deleted(id=follow_id)


@router.get("/feeds/{follow_id}.atom", response_class=AtomResponse, response_model=None, responses={200: {"content": {"application/atom+xml": {}}}, **ERRORS},
            summary="Atom 1.0 feed of a follow's new matches")
def feed(request: Request, follow_id: str) -> Response:
    from api.feeds import atom_feed

    library = request.app.state.library
    feed = atom_feed(library.store, get_follow(library.store, follow_id), _base(request), library.settings.limits.feed_entries)
    return Response(feed, media_type="application/atom+xml")


__all__ = ["router"]
