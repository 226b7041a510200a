"""Typed records shared by every stage: source text, items, passages."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class SourceText:
    """A document's text as read, with where each physical page starts.

    `page_starts[i]` is the character offset where physical page i+1 begins;
    `printed_pages[i]`, when known, is the page number printed on that page.
    Plain text has one page.
    """

    text: str
    page_starts: list[int] = field(default_factory=lambda: [0])
    printed_pages: list[str | None] | None = None
    title: str | None = None  # a title stated by the file itself (HTML <title>, PDF metadata)

    def page_at(self, offset: int) -> int:
        """The 1-based physical page holding character `offset`."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def page_span(self, start: int, end: int) -> tuple[int, int]:
        return self.page_at(start), self.page_at(max(start, end - 1))


@dataclass
class DocumentMeta:
    """What the manifest (or the caller) says about a file it may not state itself."""

    committee: str | None = None
    meeting_date: str | None = None  # ISO yyyy-mm-dd
    title: str | None = None
    source: str | None = None


@dataclass
class Item:
    """One agenda item as discussed at one meeting; spans are offsets into the document text."""

    number: str | None
    title: str
    committee: str | None
    meeting_date: str | None
    kind: str  # minutes | officer_report | executive_extract | section
    start: int
    end: int
    page_start: int = 1
    page_end: int = 1
    printed_pages: str | None = None
    resolutions: list[str] = field(default_factory=list)


@dataclass
class Passage:
    """A retrievable span inside one item; `context` is embedded and shown beside it."""

    start: int
    end: int
    text: str  # the source text exactly as it stands, doc[start:end]
    clean: str  # markup removed, whitespace collapsed: what is indexed
    context: str  # item / table header context, embedded with the passage
    page_start: int = 1
    page_end: int = 1
    is_resolution: bool = False
    printed_pages: str | None = None  # page numbers printed on the passage's pages, when known
