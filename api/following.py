"""Web pages for follows: "Follow this" from the research view, the Following page, the secret link, unfollow.

A browser remembers its follows (id and secret) in one HttpOnly cookie: the Following page lists those, with the
matches found since its last visit; the secret is what lets this browser unfollow. SameSite=Lax keeps other sites
from posting an unfollow, while a secret link opened from an email still sees the cookie.
"""
from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.web import Form, _base_context, limits, render
from index.errors import Forbidden, MinutesError
from search.follow_types import FollowFilters, FollowIn
from search.follows import create_follow, delete_follow, follow_view, get_follow, may_change

router = APIRouter(include_in_schema=False)
COOKIE = "minutes_follows"
MAX_REMEMBERED = 30  # a cookie holds about 4 KB
COOKIE_AGE = 5 * 365 * 24 * 3600


def remembered(request: Request) -> list[tuple[str, str]]:
    """(id, secret) pairs from the cookie, in the order followed."""
    out = []
    for pair in (request.cookies.get(COOKIE) or "").split("|"):
        follow_id, _, secret = pair.partition(":")
        if follow_id and secret and (follow_id, secret) not in out:
            out.append((follow_id, secret))
    return out[-MAX_REMEMBERED:]


def _remember(response, pairs: list[tuple[str, str]]):
    value = "|".join(f"{i}:{s}" for i, s in pairs[-MAX_REMEMBERED:])
    response.set_cookie(COOKIE, value, max_age=COOKIE_AGE, httponly=True, samesite="lax", path="/")
    return response


def _library(request: Request):
    return request.app.state.library


def _check_origin(request: Request):
    """Refuse a form posted from another site (browsers send Origin with every POST)."""
    origin = request.headers.get("origin")
    # the host the browser addressed (behind a proxy, too) or the configured public address
    allowed = {request.headers.get("host"), urlparse(_library(request).settings.public_url).netloc}
    if origin and urlparse(origin).netloc not in allowed:
        raise Forbidden("this form must be sent from this site's own pages")


@router.post("/following", response_class=RedirectResponse, response_model=None)  # or the HTML error page
async def follow_this(request: Request):
    """The research view's "Follow this" button: save its query and filters, then show the Following page."""
    data = await request.form()
    form = Form(q=str(data.get("q") or "").strip(), committee=str(data.get("committee") or "").strip(),
                date_from=str(data.get("from") or "").strip(), date_to=str(data.get("to") or "").strip(),
                resolutions=bool(data.get("resolutions")), decisions=bool(data.get("decisions")),
                outcome=str(data.get("outcome") or "").strip())
    library = _library(request)
    _check_origin(request)
    if not form.q:
        raise MinutesError("type a topic to follow")
    body = FollowIn(query=form.q, name=str(data.get("name") or "").strip()[:limits(request).max_follow_name] or None,
                    filters=FollowFilters(committee=form.committee or None, date_from=form.date_from or None,
                                          date_to=form.date_to or None, resolutions=form.resolutions,
                                          decisions=form.decisions, outcome=form.outcome or None))
    with library.write_lock:
        follow_id, secret = create_follow(library.store, body, library.settings, operator=False)
    return _remember(RedirectResponse("/following", status_code=303), [*remembered(request), (follow_id, secret)])


@router.get("/following", response_class=HTMLResponse, response_model=None)
def following_page(request: Request):
    """This browser's follows, each with its matches; those found since the last visit are marked new."""
    library = _library(request)
    store, pairs = library.store, remembered(request)
    rows = {r["id"]: r for r in store.follows([i for i, _ in pairs])} if pairs else {}
    valid = [(i, s) for i, s in pairs if i in rows and may_change(rows[i], None, s)]
    views = [follow_view(store, rows[i], str(request.base_url)) for i, _ in reversed(valid)]
    ctx = _base_context(request, Form(), "following")
    ctx.update(follows=views)
    response = render("following.html", **ctx)
    # this visit has now been seen; skipped (and shown as new again) while an ingest holds the write lock
    if views and library.write_lock.acquire(blocking=False):
        try:
            for v in views:
                if v.matches:
                    store.mark_follow_seen(v.id, max(m.id for m in v.matches))
        finally:
            library.write_lock.release()
    if len(valid) != len(pairs):
        _remember(response, valid)  # forget follows deleted elsewhere
    return response


@router.get("/following/add", response_class=RedirectResponse, response_model=None)
def follow_secret_link(request: Request, id: str = "", key: str = ""):
    """The secret link given when a follow is created: it adds that follow to this browser's Following page."""
    row = get_follow(_library(request).store, id)
    if not may_change(row, None, key):
        raise MinutesError("this link's key does not match the follow")
    return _remember(RedirectResponse("/following", status_code=303), [*remembered(request), (id, key)])


@router.post("/following/{follow_id}/delete", response_class=RedirectResponse, response_model=None)
def unfollow(request: Request, follow_id: str):
    library = _library(request)
    pairs = remembered(request)
    secret = dict(pairs).get(follow_id)
    _check_origin(request)
    with library.write_lock:
        delete_follow(library.store, follow_id, None, secret)
    return _remember(RedirectResponse("/following", status_code=303), [p for p in pairs if p[0] != follow_id])
