"""Follows (saved searches): create, read, delete and check who may change one; used by the API, CLI and web page."""
from __future__ import annotations

import hashlib
import secrets
from urllib.parse import quote, urlencode

from index.errors import Forbidden, MinutesError, NotFound
from search.follow_types import Follow, FollowCreated, FollowIn, Match, parse_filters

SHOWN_MATCHES = 50


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def item_link(base: str, item_id: str, start: int, end: int, query: str) -> str:
    """The item page with the matching passage highlighted and the topic's words marked."""
    return f"{base.rstrip('/')}/items/{quote(item_id)}?{urlencode({'hl': f'{start}-{end}', 'q': query})}#hl"


def create_follow(store, body: FollowIn, settings, operator: bool) -> tuple[str, str]:
    """Store a follow; returns (id, secret). Ids are random, so a feed's address cannot be guessed from another's."""
    body.checked(settings.limits)
    if not operator and not settings.follows_open:
        raise Forbidden("creating follows needs the operator's token (MINUTES_API_TOKEN)")
    if body.email and not operator:
        # digests go to whatever address is given: only the operator may point them at someone
        raise Forbidden("a follow with an email digest needs the operator's token (MINUTES_API_TOKEN)")
    if len(store.follows()) >= settings.max_follows:
        raise MinutesError(f"there are already {settings.max_follows} follows; remove some first")
    follow_id, secret = new_follow_id(), secrets.token_urlsafe(18)
    # one statement, no explicit transaction: callers hold the library's write lock (ingest shares the connection)
    store.insert_follow(follow_id=follow_id, name=body.name or body.query, query=body.query,
                        filters=body.filters.stored(), email=body.email, secret_hash=_hash(secret))
    return follow_id, secret


def new_follow_id() -> str:
    """A random id (12 URL-safe characters) that does not begin with '-': `minutes follow show -x…` would read it as
    an option (one id in 64 did)."""
    while (follow_id := secrets.token_urlsafe(9)).startswith("-"):
        pass
    return follow_id


def get_follow(store, follow_id: str):
    row = store.follow(follow_id)
    if row is None:
        raise NotFound(f"no follow with id '{follow_id}'")
    return row


def is_operator(operator_token: str | None, given: str | None) -> bool:
    return bool(operator_token and given and secrets.compare_digest(given.encode(), operator_token.encode()))


def may_change(row, operator_token: str | None, given: str | None) -> bool:
    """The operator's token or this follow's own secret."""
    if not given:
        return False
    return is_operator(operator_token, given) or secrets.compare_digest(_hash(given), row["secret_hash"])


def delete_follow(store, follow_id: str, operator_token: str | None, given: str | None):
    row = get_follow(store, follow_id)
    if not may_change(row, operator_token, given):
        raise Forbidden("deleting a follow needs its secret (header 'X-Follow-Secret') or the operator's token")
    store.delete_follow(follow_id)


def match_view(row, base: str, query: str, seen: int) -> Match:
    item_id = row["current_item"] or row["item_id"]
    return Match(id=row["id"], item_id=item_id, passage_id=row["passage_id"], meeting_id=row["meeting_id"],
                 committee=row["committee"], meeting_date=row["meeting_date"], item_number=row["item_number"],
                 item_title=row["item_title"], document=row["document"], citation=row["citation"], quote=row["quote"],
                 start=row["start"], end=row["end"], score=round(row["score"], 4), found_at=row["found_at"],
                 run_id=row["run_id"], new=row["id"] > seen, href=item_link(base, item_id, row["start"], row["end"], query))


def follow_view(store, row, base: str, limit: int = SHOWN_MATCHES) -> Follow:
    total, new = store.follow_match_counts(row["id"])
    matches = [match_view(m, base, row["query"], row["seen_match"]) for m in store.follow_matches(row["id"], limit)]
    return Follow(id=row["id"], name=row["name"], query=row["query"], filters=parse_filters(row["filters"]),
                  digest=bool(row["email"]), created_at=row["created_at"], feed_url=f"{base.rstrip('/')}/feeds/{row['id']}.atom",
                  matches_total=total, matches_new=new, matches=matches)


def created_view(store, follow_id: str, secret: str, base: str) -> FollowCreated:
    view = follow_view(store, get_follow(store, follow_id), base)
    return FollowCreated(**view.model_dump(by_alias=True), secret=secret,
                         manage_url=f"{base.rstrip('/')}/following/add?{urlencode({'id': follow_id, 'key': secret})}")
