"""Items of a document from any publishing system: numbered or styled headings, sections, the meeting header."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.bullet_groups import with_decided_sub_bullets
from index.dates import find_dates
from index.header import ORG, MeetingHeader, read_header
from index.headings import uppercase_share
from index.numbering import Candidate, best_run, candidates
from index.sub_items import nested_sub_items, only_groups, sub_items
from index.plain_headings import (ATTENDANCE, DECISION_WORD, LABEL_SCORE, MIN_BULLETS, SHOUTING_SCORE, bullet_headings,
                                  unnumbered_headings)
from index.run_repair import (
    filed_restart,
    filed_unnumbered,
    restarted_sub_items,
    sectioned_restarts,
    with_out_of_order,
    without_contents,
)

SECTION_GAP = 300  # a section heading sits at most this many characters above the item it opens
DOC_WORDS = re.compile(r"\b(?:minutes|agenda|notice|present|absent|apologies|attendance|in\s+attendance|also\s+present|"
                       r"revised|draft|amended|final|updated|unapproved|approved)\b", re.I)
# "60. NUMBER NOT USED.": a number kept in sequence with no business under it
PLACEHOLDER = re.compile(r"^[(\[]?(?:this\s+)?(?:item\s+)?number\s+not\s+used|^[(\[]?intentionally\s+left\s+blank", re.I)
MIN_SECTIONS = 3  # Markdown headings enough to be a document's own structure
CELLS_PER_HEADING = 3  # bold lines per upper-case heading past which the bold lines are not headings
TITLE_BLOCK_CHARS = 1500  # an unnumbered document's title lines (body, meeting, date) sit within its first characters


@dataclass
class ItemHeading:
    """Where an item (or the preamble) begins, as the general segmenter found it."""

    start: int
    number: str | None
    title: str
    section: str | None = None
    kind: str = "minutes"  # minutes | preamble


def find_items(text: str, styled: set[int]) -> tuple[list[ItemHeading], MeetingHeader]:
    """Item headings in order (the first may be a preamble) and the meeting header read above the first item."""
    cands = candidates(text, styled)
    run = best_run(cands, len(text))
    plain = unnumbered_headings(text, styled)  # headings printed without numbers: sections, labels, or the items
    if run and (inside_one_section(text, styled, run) or lists_under_labels(text, cands, plain)):
        run = []  # numbered lists under the author's own headings: the headings are the items
    if run:
        run = with_out_of_order(text, cands, without_contents(text, cands, run))
        run = filed_restart(cands, [c for c in run if not PLACEHOLDER.match(c.title)] or run)
        run = sectioned_restarts(text, cands, run)
        subs = sub_items(text, cands, run)
        subs += restarted_sub_items(text, cands, run, subs)
        subs += nested_sub_items(text, cands, run, subs)
        filed = filed_unnumbered(text, run)
        heads = sorted(run + subs + filed, key=lambda c: c.start)
        header = read_header(text, heads[0].start)
        items = _with_sections(text, heads, plain)
        items = _parents_as_sections(text, items, run, subs, [c.start for c in filed])
        items = _with_label_items(text, items)
        items = _with_leading_headings(text, plain, items)
        items = _with_closing_headings(text, plain, items)
    else:
        header = read_header(text)
        bullets = bullet_headings(text)
        if len(bullets) >= MIN_BULLETS:
            items = [ItemHeading(h.start, None, h.title, section) for h, section in with_decided_sub_bullets(text, bullets)]
        else:
            items = _stacked_as_sections(text, [ItemHeading(h.start, h.number or None, h.title) for h in _unnumbered_items(text, plain)])
    if not items or items[0].start > 0:
        items.insert(0, ItemHeading(0, None, "Meeting preamble", kind="preamble"))
    return items, header


def inside_one_section(text: str, styled: set[int], run: list[Candidate]) -> bool:
    """Whether the whole numbered run is a list inside one section of a Markdown document's own headings (three or
    more, marked by the reader): under a heading with text of its own before the list ("# PUBLIC COMMENT" / "The
    following spoke:" / "1. Mark St. John"), not the items of a "## Business" heading that only groups them."""
    starts = sorted(s for s in styled if text.startswith("#", s))
    if len(starts) < MIN_SECTIONS:
        return False
    return any(a < run[0].start and run[-1].start < b and not only_groups(text, a, run[0].start) for a, b in zip(starts, starts[1:]))


LISTED_WORDS = 8  # words on a numbered line past which it reads as a point made, not an item's title


def lists_under_labels(text: str, cands: list[Candidate], plain: list[Candidate]) -> bool:
    """Whether the numbered lines are points listed under title-case labels ("Fife Council Correspondence:" / "1. Tay
    Bridgehead Community Council Forum held on 29th November in the ..." / "Questions for Fife Council:" / "1. Loose
    Kerbstone ..."): numbering starts again from one under two or more labels, and most numbered lines run on as
    sentences. The labels are then the items."""
    labels = [p.start for p in plain if p.score == LABEL_SCORE]
    ones = [c for c in cands if c.family == "arabic" and c.value == 1]
    restarts = sum(any(a < lab < b for lab in labels) for a, b in zip([-1] + [c.start for c in ones], [c.start for c in ones]))
    numbered = [c for c in cands if c.family == "arabic"]
    wordy = sum(len(_line_at(text, c.start).split()) > LISTED_WORDS for c in numbered)
    return len(labels) >= MIN_SECTIONS and restarts >= 2 and 2 * wordy > len(numbered)


def _with_sections(text: str, heads: list[Candidate], plain: list[Candidate]) -> list[ItemHeading]:
    """Numbered items, each under the section heading that opens a group of them."""
    starts = {h.start for h in heads} | _title_lines(text, heads)
    out: list[ItemHeading] = []
    section_at: dict[int, tuple[int, str]] = {}  # item index -> (section heading offset, section title)
    k = 0
    for p in plain:
        if p.start in starts or p.start < heads[0].start or not _section_like(p.title) or _runs_in(text, p.start, p.title):
            continue  # ...and a label the line's text runs on from ("REPLY: It is not appropriate ...") heads no section
        while k < len(heads) and heads[k].start <= p.start:
            k += 1
        if k < len(heads) and heads[k].start - p.start <= SECTION_GAP and not text[p.start:heads[k].start].count("\n\n") > 2:
            section_at[k] = (p.start, p.title)
    section = None
    for i, h in enumerate(heads):
        start = h.start
        if i in section_at:
            start, section = section_at[i][0], _tidy_section(section_at[i][1])
        out.append(ItemHeading(start, h.number or None, h.title.strip(" \t*_:"), section))
    return out


NEXT_TEXT_LINE = re.compile(r"(?<=\n)[ \t\f]*\S", re.M)


def _title_lines(text: str, heads: list[Candidate]) -> set[int]:
    """Where the title of a heading printed as a number alone on its line stands ("8.1" then "CEO REPORT"): that
    line is the item's own title, not a section heading over the next item."""
    out = set()
    for h in heads:
        line_end = text.find("\n", h.start)
        if line_end == -1 or text[h.start:line_end].strip(" \t\f*#_>•.)") != h.number.strip(".)"):
            continue
        title = NEXT_TEXT_LINE.search(text, line_end)  # the next line that holds text, from its start
        if title:
            out.add(title.start())
    return out


def _stacked_as_sections(text: str, items: list[ItemHeading]) -> list[ItemHeading]:
    """An unnumbered heading directly above another heading ("Consent Reports" over a report's title) groups what
    follows: it becomes the section of the items under it, and its line joins the first of them."""
    out: list[ItemHeading] = []
    section, pending = None, None
    for i, h in enumerate(items):
        if h.number and not _has_body(text, items, i) and any(later.number == h.number for later in items[i + 1:]):
            continue  # an item only named in a list ('The following items were extracted:'), printed again with its text
        if i + 1 < len(items) and not h.number and not _has_body(text, items, i) and _has_body(text, items, i + 1):
            section, pending = h.title, (pending if pending is not None else h.start)
            continue
        out.append(ItemHeading(pending if pending is not None else h.start, h.number, h.title, section, h.kind))
        pending = None
    return out


def _has_body(text: str, items: list[ItemHeading], i: int) -> bool:
    """Whether item i has text of its own below its heading line, or after a run-in heading on it ("Apologies: Mrs
    S Walker")."""
    nxt = items[i + 1].start if i + 1 < len(items) else len(text)
    if _runs_in(text, items[i].start, items[i].title):
        return True
    line_end = text.find("\n", items[i].start)
    return line_end != -1 and bool(text[line_end:nxt].strip())


def _runs_in(text: str, start: int, title: str) -> bool:
    """Whether the heading at `start` is a run-in label with its text on its own line ("Apologies: Mrs S Walker")."""
    line = _line_at(text, start)
    at = line.find(title)
    return at != -1 and bool(re.match(r"[ \t]*(?:[:;–—]|-[ \t])[ \t]*\w", line[at + len(title):]))


def _parents_as_sections(text: str, items: list[ItemHeading], run: list[Candidate], subs: list[Candidate],
                         filed: list[int]) -> list[ItemHeading]:
    """A numbered item whose only content is its sub-items ("A. PRESENTATIONS" over A.-1, A.-2) groups them:
    it becomes their section, and its heading line joins the first of them. A parent whose sub-items restart under
    headings of their own ('10. Approval of Resolutions' over A.-H., then 'FIRST READING:' A.) stays an item too."""
    sub_starts = {c.start for c in subs}
    grouping: set[int] = set()
    lists_restart: set[int] = set()
    for k, parent in enumerate(run):
        end = run[k + 1].start if k + 1 < len(run) else len(text)
        first_sub = min((s for s in sub_starts if parent.start < s < end), default=None)
        if first_sub is not None:
            grouped = only_groups(text, parent.start, first_sub) or _section_like(parent.title)
            if grouped and not parent.filed:  # a parent filed under a number of its own has business of its own
                grouping.add(parent.start)
            mine = [s.value for s in sorted(subs, key=lambda c: c.start) if parent.start < s.start < end]
            if any(b <= a for a, b in zip(mine, mine[1:])):
                lists_restart.add(parent.start)  # lists restarting under headings of their own: those group, the parent is an item
    # an item's start may have moved up to the section heading above it: look its heading up where it is printed
    printed = sorted({c.start for c in run} | sub_starts | set(filed))
    at = printed if len(printed) == len(items) else [h.start for h in items]
    out: list[ItemHeading] = []
    section, pending = None, None
    for h, origin in zip(items, at):
        if origin in grouping:
            if origin in lists_restart:
                out.append(h)
            section, pending = (f"{h.number}. {h.title}" if h.number else h.title), None if origin in lists_restart else h.start
            continue
        if origin not in sub_starts:
            section = h.section  # a top-level item leaves the group
        out.append(ItemHeading(pending if pending is not None else h.start, h.number, h.title, section, h.kind))
        pending = None
    return out


# "Police Matters:" alone on its line between blank lines: a heading with no number, not a label of a line
LABEL_HEADING = re.compile(r"(?<=\n\n)(?P<t>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,4}):[ \t]*\n\n(?=\S)")
OWN_BODY_CHARS = 200
VOTES_LABEL = re.compile(r"\bvotes?\b", re.I)  # "Additional Votes:", "Recorded Vote:": how an item was decided


def _with_label_items(text: str, items: list[ItemHeading]) -> list[ItemHeading]:
    """A title-case heading ending in a colon, set off by blank lines between numbered items, with text of its own."""
    starts = [h.start for h in items]
    added = []
    for m in LABEL_HEADING.finditer(text, starts[0] + 1 if starts else 0):
        nxt = min([s for s in starts if s > m.start()] + [len(text)])
        label = re.sub(r"^(?:and|it\s+was)\s+", "", m.group("t"), flags=re.I)  # "And Resolved:" joins a motion to its wording
        if ATTENDANCE.match(label) or DECISION_WORD.match(label) or VOTES_LABEL.search(label) \
                or len(re.sub(r"\s", "", text[m.end():nxt])) < OWN_BODY_CHARS:
            continue
        added.append(ItemHeading(m.start(), None, m.group("t")))
    return sorted(items + added, key=lambda h: h.start)


# the opening business of a meeting, printed in capitals without numbers before its numbered items
PROCEDURAL = re.compile(r"^(?:call(?:ed)?\s+to\s+order|roll\s+call|pledge\s+of\s+allegiance|flag\s+salute|invocation|moment\s+of\s+silence|"
                        r"land\s+acknowledge?ment|announcements?|public\s+comments?|public\s+communications?|oral\s+communications?|"
                        r"approval\s+of\s+(?:the\s+)?(?:agenda|minutes)|adoption\s+of\s+(?:the\s+)?agenda|presentations?|proclamations?|"
                        r"closed\s+session|recess\s+to\s+closed\s+session|open\s+session|reports?\s+out\s+of\s+closed\s+session|"
                        r"apologies(?:\s+for\s+absence)?|declarations?\s+of\s+interests?|welcome)\b", re.I)


TIMETABLE = re.compile(r"\d{1,2}[:.]\d{2}\s*[ap]\.?m\b", re.I)  # "PROCLAMATIONS - 4:00 P.M.": a line of the header's timetable


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:end if end != -1 else len(text)]


def _business_headings(text: str, plain: list[Candidate], names: re.Pattern, after: int, before: int) -> list[ItemHeading]:
    """Unnumbered headings in capitals between two offsets that `names` knows as a meeting's business, not a line of
    the header's timetable."""
    out = []
    for h in plain:
        title = h.title.strip(" \t*_:")
        if after < h.start < before and h.number == "" and uppercase_share(h.title) > 0.8 and names.match(title) \
                and not TIMETABLE.search(_line_at(text, h.start)):
            out.append(ItemHeading(h.start, None, title))
    return out


def _with_leading_headings(text: str, plain: list[Candidate], items: list[ItemHeading]) -> list[ItemHeading]:
    """The opening business printed in capitals before the first numbered item ("CALL TO ORDER", "ROLL CALL",
    "PLEDGE OF ALLEGIANCE"): items with no number."""
    first = next((h.start for h in items if h.kind != "preamble"), len(text))
    return sorted(items + _business_headings(text, plain, PROCEDURAL, -1, first), key=lambda h: h.start)


# the closing business, printed in capitals without numbers after the last numbered item
CLOSING = re.compile(r"^(?:adjourn(?:ment|ed)?|future\s+agenda\s+items?|tabled\s+items|(?:city\s+)?council(?:\s*members?)?\s+(?:oral\s+)?(?:reports?|comments)|"
                     r"additional\s+comments|closed\s+session|recess\s+to\s+closed\s+session|close\s+of\s+meeting|meeting\s+closed)\b", re.I)


def _closing_key(title: str) -> str:
    return title.strip(" \t*_:").lower()[:5]


def _with_closing_headings(text: str, plain: list[Candidate], items: list[ItemHeading]) -> list[ItemHeading]:
    """The closing business printed in capitals after the last numbered item ("FUTURE AGENDA ITEMS", "ADJOURNMENT")."""
    numbered = [h.start for h in items if h.number]
    if not numbered:
        return items
    taken = {h.start for h in items}
    # a closing the numbered items already hold ("12. Adjournment") ends the agenda: a later "ADJOURN" is a paper's
    held = {_closing_key(h.title) for h in items if h.number}
    added = [h for h in _business_headings(text, plain, CLOSING, numbered[-1], len(text) + 1)
             if h.start not in taken and _closing_key(h.title) not in held]
    return sorted(items + added, key=lambda h: h.start)


def _tidy_section(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip(" :-–")


def _section_like(title: str) -> bool:
    """Section headings are short upper-case names ("CONSENT CALENDAR"), not names, addresses or titles of papers."""
    shouting = uppercase_share(title) > 0.8
    return shouting and len(title.split()) <= 6 and not re.search(r"[\d,]", title) and not _is_title_line(title)


def _is_title_line(title: str) -> bool:
    """A line of the document's title block (body, date, 'AGENDA'), not a section of items."""
    return bool(ORG.search(title) or find_dates(title) or DOC_WORDS.match(title.strip()) and len(title.split()) <= 5)


def _unnumbered_items(text: str, heads: list[Candidate]) -> list[Candidate]:
    """Of an unnumbered document's headings (`heads`), its items: the title lines of its header (body, date, 'MINUTES') skipped."""
    dated = [pos for pos, _ in find_dates(text[:TITLE_BLOCK_CHARS])]
    title_block_end = text.find("\n", dated[0]) if dated else -1
    out: list[Candidate] = []
    shouting = [h for h in heads if h.score >= SHOUTING_SCORE]
    if len(shouting) >= MIN_SECTIONS and len(heads) - len(shouting) > CELLS_PER_HEADING * len(shouting):
        # far more bold lines than upper-case headings: the bold lines are a table's cells or emphasis in the text
        # (a motion's appointments printed as a table), and the upper-case lines are the document's headings
        heads = shouting
    for h in heads:
        # (a run-in label is business however it is worded: "Apologies: Mrs S Walker")
        if h.start <= title_block_end or (not out and h.start < TITLE_BLOCK_CHARS and _is_title_line(h.title)
                                          and not _runs_in(text, h.start, h.title)):
            continue
        out.append(h)
    return out
