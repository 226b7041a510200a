"""Split a document into meetings and agenda items, each dated to the meeting where it was discussed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.agenda_toc import match_toc, parse_toc
from index.clean import clean_text
from index.dates import find_date
from index.decisions import find_decisions
from index.generic import find_items
from index.header import MeetingHeader, read_header
from index.transcript import is_transcript, transcript_sections
from index.headings import (
    BODY_WORDS,
    end_markers,
    item_headings,
    meeting_headings,
    report_headings,
    tidy_title,
)
from index.records import DocumentMeta, Item, SourceText
from index.resolutions import find_resolutions, resolution_texts
from index.sections import fallback_sections

MIN_ITEM_CHARS = 60  # a boundary with less content than this merges into the next one
FRONT_MIN_WORDS = 25


@dataclass
class _Cut:
    start: int
    kind: str
    number: str | None
    title: str
    committee: str | None
    date: str | None
    printed: str | None = None
    section: str | None = None


_FILLER = {"and", "the", "of", "for", "&"}


def _body_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z&]+", name.lower().replace("’", "'").replace("'s", "")) if w not in _FILLER]


def _same_body(a: str | None, b: str | None) -> bool:
    """The same committee written two ways: word for word, one name inside the other, or an abbreviation
    ('CYPF PPB') spelling the initials of the full name."""
    if not (a and b):
        return False
    wa, wb = _body_words(a), _body_words(b)
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    initials = lambda words: "".join(w[0] for w in words)
    letters = lambda words: "".join(words)
    return letters(wa) == initials(wb) or letters(wb) == initials(wa)


def _pack_meeting(front: str) -> tuple[str | None, str | None]:
    """An agenda pack's own meeting from its cover: the first dated line and the body named above it."""
    lines = [ln.strip(" *\t") for ln in front.split("\n") if ln.strip()][:40]
    for i, line in enumerate(lines):
        date = find_date(line)
        if date and len(line) < 120:
            for prev in reversed(lines[max(0, i - 4):i]):
                if re.search(BODY_WORDS, prev, re.I) and len(prev) < 160:
                    return tidy_title(prev), date
            return None, date
    return None, None


def _first_line_title(text: str, start: int, end: int) -> str:
    """A title for an untitled item: the heading after 'Agenda item', else the opening words."""
    lines = [ln.strip() for ln in text[start:end].split("\n") if ln.strip() and ln.strip().lower() not in {"minutes:", "minutes"}]
    if len(lines) > 1 and lines[0].lower().rstrip(":") == "agenda item":
        return tidy_title(lines[1])
    first = clean_text(lines[0]) if lines else "Untitled"
    return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"


def _cuts(text: str, meta: DocumentMeta) -> tuple[list[_Cut], str | None]:
    meetings, items, reports = meeting_headings(text), item_headings(text), report_headings(text)
    events = sorted(meetings + items + reports + end_markers(text), key=lambda h: (h.start, h.kind != "meeting"))
    structural = [e.start for e in meetings + reports]
    front_end = min(structural) if structural else len(text)
    pack_committee, pack_date = _pack_meeting(text[:front_end]) if structural else (None, None)
    toc = parse_toc(text[:front_end])
    main_committee = pack_committee or meta.committee or next((m.committee for m in meetings), None)
    home_date = pack_date or meta.meeting_date or meta.named_date

    cuts = [_Cut(0, "agenda", None, "Agenda", main_committee, home_date)]
    state, ctx_committee, ctx_date = "front", main_committee, home_date
    toc_minutes = next((e for e in toc if e.title.strip().lower().startswith("minutes")), None)
    section_pages = toc_minutes.pages if toc_minutes else None
    for ev in events:
        if ev.kind == "meeting":
            state, ctx_committee, ctx_date = "minutes", ev.committee or main_committee, ev.date
            title = "Meeting preamble"  # who attended and apologies: not a titled agenda item
            cuts.append(_Cut(ev.start, "minutes", None, title, ctx_committee, ctx_date, section_pages))
        elif ev.kind == "report":
            state = "report"
            entry = match_toc(ev.title, toc)
            section_pages = entry.pages if entry else None
            cuts.append(_Cut(ev.start, "officer_report", entry.number if entry else None, ev.title,
                             main_committee or ev.committee, home_date or ev.date, section_pages))
        elif ev.kind == "item" and state == "minutes":
            cuts.append(_Cut(ev.start, "minutes", ev.number, ev.title, ctx_committee, ctx_date, section_pages))
        elif ev.kind == "end" and state == "minutes":
            state = "after"
    for cut in cuts:
        if cut.kind == "minutes" and main_committee and not _same_body(cut.committee, main_committee):
            cut.kind = "executive_extract" if re.search(r"executive|cabinet", cut.committee or "", re.I) else "minutes_extract"
    return cuts, main_committee


def _has_structure(text: str) -> bool:
    return any(h.structural for h in meeting_headings(text)) or bool(report_headings(text))


def _generic_cuts(source: SourceText, meta: DocumentMeta) -> tuple[list[_Cut], MeetingHeader]:
    """Items of a document no publishing-system rule recognises, dated and attributed from its own header;
    a document with no headings at all falls back to sections of readable size."""
    text = source.text
    if is_transcript(text):
        header = read_header(text)
        committee, when = _body_and_date(meta, header)
        return [_Cut(s, "preamble" if s == 0 and t == "Meeting preamble" else "transcript", None, t, committee, when)
                for s, t in transcript_sections(text)], header
    headings, header = find_items(text, source.heading_offsets)
    committee, when = _body_and_date(meta, header)
    if len(headings) <= 1:
        cuts = [_Cut(s, "section", n, t or "", committee, when) for s, e, n, t in fallback_sections(text, 0, len(text))]
        if len(cuts) == 1:
            cuts[0].kind, cuts[0].title = "minutes", meta.title or _first_line_title(text, 0, len(text))
        return cuts, header
    return [_Cut(h.start, h.kind, h.number, h.title, committee, when, section=h.section) for h in headings], header


def _body_and_date(meta: DocumentMeta, header: MeetingHeader) -> tuple[str | None, str | None]:
    """Whose meeting and when: the manifest's word first, then the document's header, then the date in its file name."""
    return meta.committee or header.body, meta.meeting_date or header.date or meta.named_date


def _merge_small(text: str, cuts: list[_Cut], keep_numbered: bool = False) -> list[_Cut]:
    """Drop a boundary whose span is nearly empty (a meeting heading directly followed by its first item).
    A numbered agenda item stays an item however short ("3. Pledge of Allegiance") when `keep_numbered`."""
    kept: list[_Cut] = []
    for i, cut in enumerate(cuts):
        end = cuts[i + 1].start if i + 1 < len(cuts) else len(text)
        body = len(re.sub(r"\s", "", text[cut.start:end]))
        if keep_numbered and (cut.number or cut.kind == "minutes") and body >= 3:
            kept.append(cut)
            continue
        if i + 1 < len(cuts) and body < MIN_ITEM_CHARS:
            cuts[i + 1].start = cut.start
            continue
        kept.append(cut)
    return kept


def segment(source: SourceText, meta: DocumentMeta) -> list[Item]:
    """Items in document order covering the whole text."""
    text = source.text
    cuts, main_committee = _cuts(text, meta)
    # The publishing-system rules below know one family of layouts (ModernGov pages and agenda packs, which open
    # meetings with "At a meeting of ..." or a page title, and reports with "REPORT TO:"); everything else is read
    # by the general segmenter.
    recognised = any(c.kind != "agenda" for c in cuts) and _has_structure(text)
    header = MeetingHeader()
    if not recognised:
        cuts, header = _generic_cuts(source, meta)
        main_committee = cuts[0].committee if cuts else None
    else:
        front_words = len(text[: cuts[1].start].split()) if len(cuts) > 1 else 0
        if front_words < FRONT_MIN_WORDS and len(cuts) > 1:
            cuts.pop(0)
            cuts[0].start = 0
    cuts = _merge_small(text, cuts, keep_numbered=not recognised)
    items = []
    for i, cut in enumerate(cuts):
        end = cuts[i + 1].start if i + 1 < len(cuts) else len(text)
        start, end = _trim(text, cut.start, end)
        if start >= end:
            continue
        spans = find_resolutions(text, start, end)
        title = cut.title or _first_line_title(text, start, end)
        p0, p1 = source.page_span(start, end)
        items.append(Item(
            number=cut.number, title=title, committee=cut.committee or main_committee, meeting_date=cut.date,
            kind=cut.kind, start=start, end=end, page_start=p0, page_end=p1,
            printed_pages=cut.printed or printed_range(source, p0, p1), resolutions=resolution_texts(text, spans),
            decisions=find_decisions(text, start, end), section=cut.section,
            meeting_type=header.meeting_type, place=header.place,
        ))
    return items


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def printed_range(source: SourceText, p0: int, p1: int) -> str | None:
    """The printed page numbers of physical pages p0..p1, when the pages carry them."""
    if not source.printed_pages:
        return None
    numbers = [n for n in source.printed_pages[p0 - 1:p1] if n]
    if not numbers:
        return None
    return numbers[0] if numbers[0] == numbers[-1] else f"{numbers[0]}-{numbers[-1]}"

