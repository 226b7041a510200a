"""A hit: one ranked passage with its item, meeting, pages and a readable citation (built in search/hits.py).

Offsets: `start`/`end` are character offsets into the document's text; `start_in_item`/`end_in_item` (also sent
under their older names `item_start`/`item_end`) are the same passage's offsets into its item's text, as the item
page (/items/{id}?hl=START-END) and the API's item `text` count them.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Results may carry keys a newer search step adds before its model names them: they pass through, never dropped.
OPEN = ConfigDict(extra="allow")


class Decision(BaseModel):
    """One decision recorded in an agenda item: a resolution, a motion and its vote, or a consensus."""

    model_config = OPEN

    text: str = Field(description="The decision's wording as printed.")
    outcome: str = Field(description="carried | failed | deferred | noted | approved | amended.")
    mover: str | None = Field(None, description="Who moved the motion, where printed.")
    seconder: str | None = Field(None, description="Who seconded it, where printed.")
    votes: dict[str, int] = Field(default_factory=dict,
                                  description="Counts under ayes / noes / abstain / absent, only those printed.")
    names: dict[str, list[str]] = Field(default_factory=dict,
                                        description="Members listed under ayes / noes / abstain / absent, only where printed.")
    start: int = Field(0, description="Start of the decision's wording, a character offset into the document's text.")
    end: int = Field(0, description="End of the decision's wording (exclusive), a character offset into the document's text.")


class AlsoIn(BaseModel):
    """Another stored copy of the same passage (the same minutes in a second file), collapsed into this hit."""

    model_config = OPEN

    document: str = Field(description="File name of the other copy.")
    item_id: str = Field(description="The item holding the copy.")
    passage_id: int = Field(description="The copy's passage id.")
    citation: str = Field(description="Readable citation label of the copy.")


def _fill_item_offsets(data, pairs):
    """Accept a passage's in-item offsets under either name and send both (older clients read the older names)."""
    if isinstance(data, dict):
        missing = [(new, old) for new, old in pairs if (new in data) != (old in data)]
        if missing:
            data = dict(data)
            for new, old in missing:
                if new in data:
                    data[old] = data[new]
                else:
                    data[new] = data[old]
    return data


class Hit(BaseModel):
    """One ranked passage, as the search API, the CLI's `search --json`, an answer's `passages` and the eval show it."""

    model_config = OPEN

    passage_id: int = Field(description="The passage's id (stable until its document is re-ingested).")
    text: str = Field(description="The passage's text as stored (document text, markup kept).")
    score: float = Field(description="Ranking score (fused keyword and meaning scores; larger is better).")
    document: str = Field(description="File name of the document holding the passage.")
    committee: str | None = Field(description="The body that met (committee, board, council).")
    meeting_date: str | None = Field(description="The meeting's date, YYYY-MM-DD; null when unknown.")
    meeting_id: str | None = Field(description="The meeting's id (/api/meetings/{id}).")
    item_id: str = Field(description="The agenda item's id (/api/items/{id}, /items/{id}).")
    item_number: str | None = Field(description="The item's number as printed ('5', '7.2'); null when unnumbered.")
    item_title: str = Field(description="The item's title.")
    kind: str = Field(description="What the item is: minutes, agenda, officer_report, executive_extract, minutes_extract, "
                                  "section or transcript.")
    pages: str = Field(description="Pages of the passage: physical ('3', '3-4') with the printed numbers beside them.")
    is_resolution: bool = Field(description="Whether the passage states a resolution or decision.")
    start: int = Field(description="Passage start, a character offset into the document's text.")
    end: int = Field(description="Passage end (exclusive), a character offset into the document's text.")
    start_in_item: int = Field(description="Passage start, a character offset into its item's text (the item page's hl).")
    end_in_item: int = Field(description="Passage end (exclusive), a character offset into its item's text.")
    item_start: int = Field(description="Older name of start_in_item, kept for existing clients: the passage's start in its "
                                        "item, not the item's start in the document.")
    item_end: int = Field(description="Older name of end_in_item, kept for existing clients.")
    citation: str = Field(description="Readable citation label: body, date, item, page.")
    context: str = Field(description="The heading context indexed with the passage (document, meeting, item).")
    decisions: list[Decision] = Field(default_factory=list, description="The decisions recorded in the passage's item.")
    also_in: list[AlsoIn] = Field(default_factory=list, description="Other stored copies of the same passage.")

    @model_validator(mode="before")
    @classmethod
    def _offsets(cls, data):
        return _fill_item_offsets(data, (("start_in_item", "item_start"), ("end_in_item", "item_end")))


class SearchResponse(BaseModel):
    """One page of ranked hits (GET /api/search)."""

    model_config = OPEN

    query: str = Field(description="The query as sent.")
    page: int = Field(description="The page returned, from 1.")
    page_size: int = Field(description="Hits per page.")
    total: int = Field(description="How many ranked hits there are in all (at most k).")
    hits: list[Hit] = Field(description="This page's hits, best first.")
