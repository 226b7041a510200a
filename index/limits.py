"""The bounds a request may ask for (question length, how many hits, page sizes) and the search modes, named once.

Nested in the settings as `limits` (MINUTES_LIMITS__<NAME> sets one); the API, the pages, follows and the CLI all read
them from there.
"""
from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field

SearchMode = Literal["hybrid", "keyword", "dense"]
SEARCH_MODES: tuple[str, ...] = get_args(SearchMode)
DEFAULT_MODE: SearchMode = "hybrid"


class LimitSettings(BaseModel):
    # what a request may send
    max_question: int = Field(500, ge=1, description="Longest question, search words or followed topic, in characters "
                                                     "(/api/search, /api/ask, the Ask and Research pages, follows).")
    max_committee: int = Field(200, ge=1, description="Longest committee filter, in characters.")
    max_document: int = Field(300, ge=1, description="Longest document filter (a file name), in characters.")
    max_outcome: int = Field(20, ge=1, description="Longest decision-outcome filter, in characters.")
    max_follow_name: int = Field(120, ge=1, description="Longest name of a follow, in characters (it becomes a mail subject).")
    # how much comes back
    max_k: int = Field(50, ge=1, description="Most ranked hits one /api/search request may ask for (k).")
    max_page: int = Field(100, ge=1, description="Highest page number of /api/search.")
    page_size: int = Field(10, ge=1, description="Hits per page of /api/search when page_size is not given.")
    max_page_size: int = Field(50, ge=1, description="Most hits per page of /api/search.")
    max_ranked: int = Field(200, ge=1, description="Longest ranked list a paged /api/search without k ranks (pages slice it).")
    ask_passages: int = Field(10, ge=1, description="Passages retrieved for an answer on the Ask page, and listed under it.")
    research_rows: int = Field(20, ge=1, description="Rows of the Research page, its timeline and its CSV and Markdown exports.")
    feed_entries: int = Field(100, ge=1, description="Newest matches in a follow's Atom feed.")
