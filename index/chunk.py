"""Cut an item into passages the embedder never truncates; table rows stay whole with their header."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.clean import clean_text
from index.records import Item, Passage, SourceText
from index.segment import printed_range
from index.text import sentence_bounds
from index.transcript import speakers_in

CHUNKER_VERSION = "7"
LIST_START = re.compile(r"^\s*(?:[-–•·*]\s|\(?\d{1,2}[).]\s|\(?[a-z][).]\s|[A-Z]{1,3}\d+(?:\.\d+)?\s*[–-]\s)")
MIN_PASSAGE_TOKENS = 24
SPEAKER_ALLOWANCE = " — speakers: " + "x " * 60  # room kept in a transcript passage's context for its speakers' names
HEADER_CELL = re.compile(r"^[^\d£%]{1,60}$")
# Numbers that belong to a column label ("22/23 Actual", "Spend 2024/25", "Net Budget £'000"), not to a value.
LABEL_NUMBER = re.compile(r"\b\d{2}(?:\d{2})?/\d{2}(?:\d{2})?\b|£\s?'?000s?\b")


@dataclass
class _Unit:
    start: int
    end: int
    tokens: int
    kind: str  # prose | row | header
    hard_break: bool  # a new paragraph/table begins here: a good place to cut
    header: str = ""  # table header (and caption) that gives a row its meaning


def _is_row(line: str) -> bool:
    return line.count("\t") >= 1 and sum(1 for c in line.split("\t") if c.strip()) >= 2


def _is_header_row(line: str) -> bool:
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    return len(cells) >= 3 and all(len(c) <= 60 and HEADER_CELL.match(LABEL_NUMBER.sub("", c).strip())
                                   and any(ch.isalpha() for ch in c) for c in cells)  # not a '---' rule line


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        yield pos, stop
        pos = stop + 1


def _raw_units(text: str, start: int, end: int):
    """(start, end, kind, hard_break, header) for paragraphs, list items and table rows."""
    para_start: int | None = None
    para_end = start  # read only once para_start is set
    header, caption, blank = "", "", True
    under_row = False  # prose directly under a table row (no blank line) is that row's commentary
    for s, e in _lines(text, start, end):
        line = text[s:e]
        if not line.strip():
            if para_start is not None:
                yield para_start, para_end, "note" if under_row else "prose", True, header if under_row else ""
                para_start = None
            blank, under_row = True, False
            continue
        if _is_row(line):
            if para_start is not None:
                yield para_start, para_end, "note" if under_row else "prose", True, header if under_row else ""
                para_start = None
            if _is_header_row(line):
                header = clean_text(caption + " " + line.replace("\t", " | "))
                yield s, e, "header", True, header
            else:
                yield s, e, "row", False, header
            blank, under_row = False, True
            continue
        starts_new = para_start is None or blank or LIST_START.match(line) or text[para_end - 1] in ".:;!?"
        if starts_new:
            if para_start is not None:
                yield para_start, para_end, "note" if under_row else "prose", True, header if under_row else ""
                under_row = under_row and not blank
            para_start = s
            caption = clean_text(line) if len(line) < 200 else caption
        para_end = e
        blank = False
    if para_start is not None:
        yield para_start, para_end, "note" if under_row else "prose", True, header if under_row else ""




class Chunker:
    """Greedy packing of paragraphs (or their sentences) into passages under a word-piece budget."""

    def __init__(self, count_tokens, target_tokens: int = 200, max_tokens: int = 254):
        self.count = count_tokens
        self.target = target_tokens
        self.max = max_tokens

    def units(self, text: str, item: Item, budget: int) -> list[_Unit]:
        out = []
        for s, e, kind, hard, header in _raw_units(text, item.start, item.end):
            n = self.count(clean_text(text[s:e]))
            # a row's passage also carries its table header in the context
            limit = max(8, budget - self.count(header) - 2) if kind in ("row", "note") and header else budget
            if n <= limit:
                out.append(_Unit(s, e, n, kind, hard, header))
                continue
            first = True
            for ss, se in sentence_bounds(text, s, e):
                for ws, we in self._fit(text, ss, se, limit):
                    out.append(_Unit(ws, we, self.count(clean_text(text[ws:we])), kind, hard and first, header))
                    first = False
        return out

    def _fit(self, text, s, e, budget):
        """Split an over-long sentence at word boundaries (rare: a run-on table cell)."""
        if self.count(clean_text(text[s:e])) <= budget:
            return [(s, e)]
        words = [m.span() for m in re.finditer(r"\S+", text[s:e])]
        pieces, a = [], 0
        while a < len(words):
            b = min(len(words), a + max(8, budget // 2))
            while b - a > 8 and self.count(clean_text(text[s + words[a][0]: s + words[b - 1][1]])) > budget:
                b -= max(1, (b - a) // 5)
            pieces.append((s + words[a][0], s + words[b - 1][1]))
            a = b
        return [part for p0, p1 in pieces for part in self._halve(text, p0, p1, budget)]

    def _halve(self, text, s, e, budget):
        """Last resort for text without spaces (e.g. CJK): halve by characters until each part fits."""
        if e - s <= 1 or self.count(clean_text(text[s:e])) <= budget:
            return [(s, e)]
        mid = (s + e) // 2
        return self._halve(text, s, mid, budget) + self._halve(text, mid, e, budget)

    def chunk(self, source: SourceText, item: Item, context: str, resolution_spans=()) -> list[Passage]:
        passages = self._chunk(source, item, context + (SPEAKER_ALLOWANCE if item.kind == "transcript" else ""), resolution_spans)
        if item.kind == "transcript":  # each passage names who speaks in it (within the allowance reserved above)
            for p in passages:
                p.context = f"{context} — speakers: {', '.join(speakers_in(source.text, p.start, p.end))}"[:len(context) + len(SPEAKER_ALLOWANCE)]
        return passages

    def _chunk(self, source: SourceText, item: Item, context: str, resolution_spans=()) -> list[Passage]:
        text = source.text
        ctx_tokens = self.count(context) + 1
        budget = max(32, self.target - ctx_tokens)
        passages: list[Passage] = []
        group: list[_Unit] = []

        def flush():
            if not group:
                return
            passage = self._passage(source, group, context, resolution_spans)
            if len(group) > 1 and self.count(passage.context + "\n" + passage.clean) > self.max:
                for unit in group:  # each unit alone fits: the embedder must never truncate
                    passages.append(self._passage(source, [unit], context, resolution_spans))
            else:
                passages.append(passage)

        room = self.max - ctx_tokens - 12
        for unit in self.units(text, item, room):
            starts_resolution = any(rs <= unit.start < re_ and text[unit.start:unit.start + 8].upper().startswith("RESOLVED") for rs, re_ in resolution_spans)
            tabular = lambda u: u.kind in ("row", "note")
            kind_change = group and (tabular(unit) != tabular(group[-1]) or (unit.kind == "row" and group[-1].kind == "note"))
            size = sum(u.tokens for u in group) + unit.tokens + (self.count(unit.header) if unit.kind == "row" and not any(u.kind == "row" for u in group) else 0)
            # a heading or a one-line lead-in is never a passage of its own: it joins what follows
            too_small = sum(u.tokens for u in group) < MIN_PASSAGE_TOKENS
            if group and (size > budget or (not too_small and (kind_change or starts_resolution or unit.kind == "header"))):
                flush()
                carry = group[-1] if (not unit.hard_break and group[-1].kind == "prose" and group[-1].tokens < budget // 3) else None
                if carry and carry.tokens + unit.tokens + (self.count(unit.header) + 2 if unit.kind in ("row", "note") and unit.header else 0) > room:
                    carry = None  # the overlap must not push the passage past the embedder's limit
                group = [carry] if carry else []
            group.append(unit)
        flush()
        return passages

    def _passage(self, source, group, context, resolution_spans) -> Passage:
        start, end = group[0].start, group[-1].end
        header = next((u.header for u in group if u.kind in ("row", "note") and u.header), "")
        ctx = f"{context} | {header}" if header else context
        p0, p1 = source.page_span(start, end)
        is_res = any(rs < end and start < re_ for rs, re_ in resolution_spans)
        raw = source.text[start:end]
        return Passage(start, end, raw, clean_text(raw), ctx, p0, p1, is_res, printed_range(source, p0, p1))
