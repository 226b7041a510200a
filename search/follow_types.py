"""Typed records for follows (saved searches): what a follower sends, what is stored, what a match is."""
from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from index.errors import Invalid, MinutesError
from index.limits import LimitSettings
from search.filters import Filters


class FollowFilters(BaseModel):
    """The search filters a follow keeps; an unknown filter is refused (extra='forbid')."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    committee: str | None = Field(None, description="Committee name (substring; at most MINUTES_LIMITS__MAX_COMMITTEE characters).")
    date_from: str | None = Field(None, alias="from", description="Meetings on or after YYYY-MM-DD.")
    date_to: str | None = Field(None, alias="to", description="Meetings on or before YYYY-MM-DD.")
    resolutions: bool = Field(False, description="Only passages that state a resolution or decision.")
    decisions: bool = Field(False, description="Only items that record a decision.")
    outcome: str | None = Field(None, description="Only items with a decision of this outcome.")

    def search_filters(self) -> Filters:
        """The search Filters; raises MinutesError (400) for a bad date, range or outcome."""
        return Filters(committee=self.committee or None, date_from=self.date_from or None, date_to=self.date_to or None,
                       resolutions_only=self.resolutions, decisions=self.decisions, outcome=self.outcome or None)

    def stored(self) -> str:
        return json.dumps(self.model_dump(by_alias=True, exclude_defaults=True), sort_keys=True)


class FollowIn(BaseModel):
    """A new follow: a query and its filters saved under a name (the body of POST /api/follows)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    query: str = Field(..., description="The topic, as typed into the search box (at most MINUTES_LIMITS__MAX_QUESTION characters).")
    name: str | None = Field(None, description="A name for the follow; default: the query (at most MINUTES_LIMITS__MAX_FOLLOW_NAME characters).")
    filters: FollowFilters = Field(default_factory=FollowFilters)
    email: str | None = Field(None, max_length=254, description="Where digests go (needs the operator's token).")

    @field_validator("query")
    @classmethod
    def _query_words(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise PydanticCustomError("empty_query", "the query is empty: type the topic to follow")
        return value

    @field_validator("name")
    @classmethod
    def _name_one_line(cls, value: str | None) -> str | None:
        return " ".join(value.split()) or None if value else None  # it becomes a mail subject: one line

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        value = (value or "").strip() or None
        if value and ("@" not in value or any(c.isspace() or c in "<>,;\r\n" for c in value)):
            raise PydanticCustomError("bad_email", "email must be one plain address, e.g. name@example.org")
        return value

    def checked(self, limits: LimitSettings) -> "FollowIn":
        """Refuses (before anything is stored) a value past its limit, a bad date or an unknown outcome."""
        for where, value, most in (("query", self.query, limits.max_question), ("name", self.name, limits.max_follow_name),
                                   ("filters.committee", self.filters.committee, limits.max_committee),
                                   ("filters.outcome", self.filters.outcome, limits.max_outcome)):
            if value and len(value) > most:
                raise Invalid(f"invalid request: {where}: at most {most} characters, not {len(value)}")
        self.filters.search_filters()
        return self


class Match(BaseModel):
    """A new item that mentions a followed topic: its best passage, cited."""

    id: int
    item_id: str = Field(description="The item's current id (links to /items/{id}).")
    passage_id: int
    meeting_id: str | None
    committee: str | None
    meeting_date: str | None
    item_number: str | None
    item_title: str | None
    document: str | None
    citation: str = Field(description="Readable citation label: body, date, item, page.")
    quote: str = Field(description="The matching passage, markup removed.")
    start: int = Field(description="Passage start, a character offset into the item.")
    end: int
    score: float = Field(description="Relevance (see search/follow_match.py); at least the floor.")
    found_at: str
    run_id: int
    new: bool = Field(False, description="Found after the follower's last visit to the Following page.")
    href: str = Field(description="The item page with the passage highlighted.")


class Follow(BaseModel):
    """A stored follow as shown to anyone who has its id (the address never shows the secret or the email)."""

    id: str
    name: str
    query: str
    filters: FollowFilters
    digest: bool = Field(description="Whether digests are emailed for it.")
    created_at: str
    feed_url: str
    matches_total: int
    matches_new: int
    matches: list[Match] = Field(default_factory=list, description="Newest ingest run first, the most relevant first within a run.")


class FollowCreated(Follow):
    secret: str = Field(description="Shown once: send it as 'X-Follow-Secret' (or a Bearer token) to delete this follow.")
    manage_url: str = Field(description="The secret link: open it to add this follow to a browser's Following page.")


class Deleted(BaseModel):
    id: str
    deleted: bool = True


def parse_filters(raw: str) -> FollowFilters:
    try:
        return FollowFilters.model_validate(json.loads(raw or "{}"))
    except ValueError as exc:  # only a hand-edited database gets here
        raise MinutesError(f"stored filters are unreadable: {exc}") from None
