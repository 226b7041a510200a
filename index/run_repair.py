"""Mend a document's numbered run: lines of a table of contents, and an item taken out of order."""
from __future__ import annotations

import re

from index.headings import uppercase_share
from index.numbering import FILE_BONUS, Candidate

CONTENTS_BODY_CHARS = 80  # a contents entry has at most the rest of a wrapped title and a page number under it
PAGE_AT_END = re.compile(r"\S\s+\d{1,3}\s*$")  # "Seal Register  2": a contents entry ends with its page number
REORDER_SCORE = 1.0  # an item taken out of order must look like a heading as much as a sub-item must


def _title_words(title: str) -> set[str]:
    return set(re.findall(r"[a-z]{2,}", title.lower()))


def _same_title(a: str, b: str) -> bool:
    """The same heading printed twice, once cut short by a line break ('Seal' and 'Seal Register')."""
    wa, wb = _title_words(a), _title_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _is_contents_entry(text: str, c: Candidate, starts: list[int]) -> bool:
    """A numbered line with no text under it that ends with a page number."""
    nxt = next((s for s in starts if s > c.start), len(text))
    line_end = text.find("\n", c.start)
    body = text[line_end if 0 <= line_end < nxt else nxt:nxt]
    return len(re.sub(r"\s", "", body)) < CONTENTS_BODY_CHARS and bool(PAGE_AT_END.search(text[c.start:nxt]))


def _printed_again(c: Candidate, cands: list[Candidate]) -> Candidate | None:
    return next((d for d in cands if d.start > c.start and (d.family, d.key, d.value) == (c.family, c.key, c.value)
                 and _same_title(c.title, d.title)), None)


def without_contents(text: str, cands: list[Candidate], run: list[Candidate]) -> list[Candidate]:
    """A run that opens in a table of contents and carries on among the items' own headings ('1. Prayer  1' ...
    '6. Naming  3', then '7. Petition' with its minutes) takes each listed item where it is printed again with
    its text before the run leaves the contents; an entry printed again only further on is dropped (an item
    taken out of order, put back by `with_out_of_order`). A run wholly or mostly of entries printed only further
    on (an agenda pack's front sheet over its reports) is left alone."""
    starts = sorted({c.start for c in cands})
    again = {c.start: _printed_again(c, cands) if _is_contents_entry(text, c, starts) else None for c in run}
    first_own = next((k for k, c in enumerate(run) if again[c.start] is None and k and again[run[k - 1].start]), None)
    if first_own is None:
        return run
    moved = [c for c in run[:first_own] if (d := again[c.start]) is not None and d.start < run[first_own].start]
    if 2 * len(moved) < first_own:
        return run  # most listed items are printed only further on: a list of reports to follow, not contents
    out = []
    for k, c in enumerate(run):
        d = again[c.start] if k < first_own else None
        if d is None:
            out.append(c)
        elif d.start < run[first_own].start:
            out.append(d)
    return sorted(out, key=lambda c: c.start)


def with_out_of_order(text: str, cands: list[Candidate], run: list[Candidate]) -> list[Candidate]:
    """A run that skips a number printed next to the gap ('5, 7, 6, 8': item 7 taken before item 6) gets it back, as
    does one opening with the item after the one printed next ('2, 1, 3')."""
    out = list(run)
    for k in range(len(run) - 1):
        a, b = run[k], run[k + 1]
        if b.value - a.value != 2:
            continue
        lo = run[k - 1].start if k > 0 else 0
        hi = run[k + 2].start if k + 2 < len(run) else len(text)
        missing = [c for c in cands if c.family == a.family and c.key == a.key and c.value == a.value + 1
                   and lo < c.start < hi and c.score >= REORDER_SCORE and c not in run]
        if len(missing) == 1:
            out.append(missing[0])
    if run and run[0].value > 1:  # '2, 1, 3': the second item taken first ("it was agreed to take Item 2 at this point")
        a = run[0]
        hi = run[1].start if len(run) > 1 else len(text)
        first = [c for c in cands if c.family == a.family and c.key == a.key and c.value == a.value - 1
                 and a.start < c.start < hi and c.score >= REORDER_SCORE and c not in run]
        if len(first) == 1:
            out.append(first[0])
    return sorted(out, key=lambda c: c.start)


RESTART_SCORE = 1.0  # a restarted list's members must look like headings as much as sub-items must


def _heading_above(text: str, start: int) -> bool:
    """The line above `start` is a short upper-case heading ('FIRST READING:')."""
    above = [ln.strip(" \t*_:") for ln in text[max(0, start - 300):start].split("\n") if ln.strip()]
    line = above[-1] if above else ""
    return sum(ch.isalpha() for ch in line) >= 4 and uppercase_share(line) > 0.8 and len(line.split()) <= 8


def restarted_sub_items(text: str, cands: list[Candidate], run: list[Candidate], subs: list[Candidate]) -> list[Candidate]:
    """Sub-items lettered again from A under an upper-case heading inside the same item ('REGULAR ACTIONS:'
    A.-H., then 'FIRST READING:' A.) are more sub-items, not a list in an item's text."""
    out: list[Candidate] = []
    bounds = [c.start for c in run] + [len(text)]
    for k in range(len(run)):
        mine = [s for s in subs if bounds[k] < s.start < bounds[k + 1]]
        if not mine or mine[0].family in ("decimal", "sub", "lettersub"):
            continue  # numbers that spell their parent ('5.1') never restart
        last = None
        for c in (c for c in cands if c.family == mine[0].family and mine[-1].start < c.start < bounds[k + 1]):
            if c.value == 1 and c.score >= RESTART_SCORE and _heading_above(text, c.start):
                last = c
            elif last is not None and c.value == last.value + 1 and c.score >= RESTART_SCORE:
                last = c
            else:
                last = None
                continue
            out.append(c)
    return out


RESTARTING = ("arabic", "letter", "roman")  # families a section may number again from one ("5.1" spells its parent)


def sectioned_restarts(text: str, cands: list[Candidate], run: list[Candidate]) -> list[Candidate]:
    """Items numbered again from one under each section's upper-case heading ('UNFINISHED BUSINESS' 1-3, 'CONSENT
    AGENDA' 1-2, 'COMMITTEE REPORTS' 1-3): one run by value would take 1 and 2 from one section and 3 from the next.
    Where two or more sections start at one, each section's numbers are items (a list inside an item, numbered from one
    with no heading above it, is passed over)."""
    if not run or run[0].family not in RESTARTING:
        return run
    sections: list[list[Candidate]] = []
    for c in cands:
        if c.family != run[0].family or c.score < RESTART_SCORE:
            continue
        if c.value == 1 and _heading_above(text, c.start):
            sections.append([c])
        elif sections and c.value == sections[-1][-1].value + 1:
            sections[-1].append(c)
    numbered = [c for section in sections for c in section]
    if len(sections) < 2 or len(numbered) <= len(run):
        return run
    at = {c.start for c in numbered}
    return sorted(numbered + [c for c in run if c.start not in at], key=lambda c: c.start)


def filed_restart(cands: list[Candidate], run: list[Candidate]) -> list[Candidate]:
    """A run whose items carry file numbers ('99-535 62.') that starts again from one after its last item
    ('EXTRA ITEMS ... 99-536 1.'), still with file numbers, goes on: items added to the agenda late."""
    if not run or 2 * sum(c.filed for c in run) < len(run):
        return run
    out, last = list(run), run[-1]
    for c in cands:
        if c.start <= last.start or c.family != last.family or not c.filed:
            continue
        if c.value == (last.value + 1 if last is not run[-1] else 1):
            out.append(c)
            last = c
    return out


FILED_UNNUMBERED = re.compile(r"^[A-Z]{0,4}[ \t]?\d{2,4}[-–]\d{1,5}[ \t]+(?P<t>[A-Z][A-Z ,&'/-]{5,80}?)\.?[ \t]*$", re.M)


def filed_unnumbered(text: str, run: list[Candidate]) -> list[Candidate]:
    """In a run of filed items, a file number before an upper-case title and no item number ('99-538 MOTION TO
    ADJOURN.') files an item too."""
    if not run or 2 * sum(c.filed for c in run) < len(run):
        return []
    return [Candidate(m.start(), run[0].family, 0, "", m.group("t").strip(), 1.0 + FILE_BONUS, filed=True)
            for m in FILED_UNNUMBERED.finditer(text, run[0].start) if uppercase_share(m.group("t")) > 0.9]
