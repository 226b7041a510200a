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
    # Offsets of lines whose layout marks them as headings (bold or larger type in a PDF, <h1>-<h6> in HTML).
    heading_offsets: set[int] = field(default_factory=set)
    # What the reader could read only in part, said with the file's ingest result ("26 of 27 pages have no text layer")
    notes: list[str] = field(default_factory=list)

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
    # the date the file's name states ("2024-02-12-Transcript.md"): the meeting's date only where neither the manifest
    # nor the text gives one
    named_date: str | None = None


@dataclass
class Decision:
    """One decision recorded in an item: a resolution, a motion and its vote, or a consensus.

    `outcome` is one of carried | failed | deferred | noted | approved | amended; `votes` holds counts
    under ayes / noes / abstain / absent and `names` the members listed under each, only where printed.
    `start`/`end` are offsets into the document text.
    """

    text: str
    outcome: str
    start: int
    end: int
    mover: str | None = None
    seconder: str | None = None
    votes: dict[str, int] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"text": self.text, "outcome": self.outcome, "mover": self.mover, "seconder": self.seconder,
                "votes": self.votes, "names": self.names, "start": self.start, "end": self.end}


@dataclass
class Item:
    """One agenda item as discussed at one meeting; spans are offsets into the document text."""

    number: str | None
    title: str
    committee: str | None
    meeting_date: str | None
    kind: str  # minutes | agenda | officer_report | executive_extract | minutes_extract | section | transcript
    start: int
    end: int
    page_start: int = 1
    page_end: int = 1
    printed_pages: str | None = None
    resolutions: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    section: str | None = None  # a heading that groups items ("CONSENT CALENDAR"): context, not an item
    meeting_type: str | None = None  # regular | special | closed | annual | adjourned | extraordinary | workshop
    place: str | None = None  # where the meeting was held, as printed


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
