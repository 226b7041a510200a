"""What is stored, as read back (index/catalog.py builds it): items, meetings, documents.

An item's `start`/`end` are its offsets into the document's text; its passages' and its text's offsets count from
the item's start.
"""
from __future__ import annotations

from pydantic import BaseModel, Field

from search.models.hits import OPEN, Decision


class ItemSummary(BaseModel):
    """One agenda item as discussed at one meeting, without its text (as a meeting lists it)."""

    model_config = OPEN

    id: str = Field(description="The item's id (/api/items/{id}, /items/{id}).")
    document_id: int = Field(description="The stored document's id.")
    document: str = Field(description="File name of the document holding the item.")
    meeting_id: str | None = Field(description="The meeting's id (/api/meetings/{id}).")
    seq: int = Field(description="The item's position in its document, from 0.")
    number: str | None = Field(description="The item's number as printed ('5', '7.2'); null when unnumbered.")
    title: str = Field(description="The item's title.")
    kind: str = Field(description="minutes, agenda, officer_report, executive_extract, minutes_extract, section or transcript.")
    committee: str | None = Field(description="The body that met.")
    meeting_date: str | None = Field(description="The meeting's date, YYYY-MM-DD; null when unknown.")
    start: int = Field(description="The item's start, a character offset into the document's text.")
    end: int = Field(description="The item's end (exclusive), a character offset into the document's text.")
    page_start: int | None = Field(description="First physical page.")
    page_end: int | None = Field(description="Last physical page.")
    printed_pages: str | None = Field(description="The page numbers printed on those pages, where known.")
    pages: str = Field(description="Pages for a citation: physical, with the printed numbers beside them.")
    doc_pages: int = Field(description="Physical pages in the whole document.")
    resolutions: list[str] = Field(description="The resolutions the item states, as printed.")
    decisions: list[Decision] = Field(description="The decisions the item records (offsets into the document's text).")
    section: str | None = Field(description="The part of the agenda the item sits in (e.g. 'Part 2 (private)').")
    duplicate_of: str | None = Field(description="The id of the same item stored from another file, when this is a copy.")


class ListedItem(ItemSummary):
    """An item as `minutes items --json` lists it: with how many passages it was cut into."""

    passages: int = Field(description="How many passages the item was cut into.")


class ItemPassage(BaseModel):
    """One passage of an item."""

    model_config = OPEN

    id: int = Field(description="The passage's id (a hit's passage_id).")
    seq: int = Field(description="Its position in the document.")
    start: int = Field(description="Passage start, a character offset into the item's text.")
    end: int = Field(description="Passage end (exclusive), a character offset into the item's text.")
    page_start: int | None = Field(description="First physical page.")
    page_end: int | None = Field(description="Last physical page.")
    is_resolution: int = Field(description="1 when the passage states a resolution or decision, else 0.")


class ItemRef(BaseModel):
    """Another item of the same meeting and document."""

    model_config = OPEN

    id: str = Field(description="The item's id.")
    number: str | None = Field(description="Its number as printed.")
    title: str = Field(description="Its title.")
    seq: int = Field(description="Its position in the document.")


class Copy(BaseModel):
    """A stored copy of an item (the same minutes in another file), this item included."""

    model_config = OPEN

    id: str = Field(description="The copy's item id.")
    document: str = Field(description="File name of the document holding it.")


class Item(ItemSummary):
    """One agenda item with its text, passages and neighbours (GET /api/items/{id}, `minutes show --json`)."""

    text: str | None = Field(None, description="The item's text; passage and highlight offsets count from its start.")
    source: str | None = Field(None, description="Where the document came from (a URL), when known.")
    passages: list[ItemPassage] = Field(default_factory=list, description="The item's passages, in order.")
    meeting_items: list[ItemRef] = Field(default_factory=list,
                                         description="Every item of the same meeting in the same document, in order.")
    previous: ItemRef | None = Field(None, description="The item before it in the meeting; null for the first.")
    next: ItemRef | None = Field(None, description="The item after it in the meeting; null for the last.")
    duplicates: list[Copy] = Field(default_factory=list, description="Copies of the item stored from other files.")


class Meeting(BaseModel):
    """One meeting with its items from every document that records it (GET /api/meetings/{id})."""

    model_config = OPEN

    id: str = Field(description="The meeting's id.")
    committee: str | None = Field(description="The body that met.")
    meeting_date: str | None = Field(description="The meeting's date, YYYY-MM-DD; null when unknown.")
    meeting_type: str | None = Field(description="closed, special, extraordinary, annual, adjourned, workshop ..., where the minutes say.")
    place: str | None = Field(description="Where it met, where stated.")
    items: list[ItemSummary] = Field(description="Its items, by document and then in order.")


class MeetingSummary(BaseModel):
    """One meeting as listed (GET /api/meetings)."""

    model_config = OPEN

    id: str = Field(description="The meeting's id (/api/meetings/{id}).")
    committee: str | None = Field(description="The body that met.")
    meeting_date: str | None = Field(description="The meeting's date, YYYY-MM-DD; null when unknown.")
    meeting_type: str | None = Field(description="closed, special, extraordinary, annual, adjourned, workshop ..., where the minutes say.")
    place: str | None = Field(description="Where it met, where stated.")
    items: int = Field(description="How many items it has.")
    documents: list[str] = Field(description="File names of the documents that record it.")


class Meetings(BaseModel):
    """Every meeting, in date order (GET /api/meetings)."""

    model_config = OPEN

    meetings: list[MeetingSummary] = Field(description="The meetings, by date and then body.")


class Document(BaseModel):
    """One stored document (file)."""

    model_config = OPEN

    id: int = Field(description="The stored document's id.")
    name: str = Field(description="Its file name.")
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    size: int = Field(description="The file's size in bytes.")
    committee: str | None = Field(description="The body, as the file or its manifest states it.")
    meeting_date: str | None = Field(description="The meeting date, as the file or its manifest states it.")
    title: str | None = Field(description="The title, as the file or its manifest states it.")
    source: str | None = Field(description="Where the file came from (a URL), when known.")
    pages: int = Field(description="Physical pages.")
    duplicate_of: str | None = Field(description="File name of the document this one is a copy of (then it is not searched).")
    ingested_at: str = Field(description="When it was stored (UTC, 'YYYY-MM-DD HH:MM:SS').")
    items: int = Field(description="How many items it holds.")
    passages: int = Field(description="How many passages it holds.")


class Documents(BaseModel):
    """Every stored document, by name (GET /api/documents)."""

    model_config = OPEN

    documents: list[Document] = Field(description="The documents.")
