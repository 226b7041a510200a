"""Fallback segmentation for structure no rule recognises: sensible sections, never one giant item."""
from __future__ import annotations

import re

SINGLE_ITEM_MAX_WORDS = 1500
SECTION_MIN_WORDS = 80
SECTION_MAX_WORDS = 1500

HEADING = re.compile(
    r"^(?:#{1,4}\s+(?P<md>[^\n]{2,120})"
    r"|(?P<num>(?:Item\s+)?(?:\d{1,3}(?:\.\d{1,2})?|[A-Z]|[IVX]{1,5})[.)])\s+(?P<ntitle>[A-Z][^\n]{2,120})"
    r"|(?P<caps>[A-Z][A-Z0-9 ,&'’/()–-]{4,100}))[ \t]*$",
    re.M,
)


def _shouting(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def heading_lines(text: str) -> list[tuple[int, str | None, str]]:
    """(offset, number, title) of heading-like lines."""
    out: list[tuple[int, str | None, str]] = []
    for m in HEADING.finditer(text):
        if m.group("md"):
            out.append((m.start(), None, m.group("md").strip("# *")))
        elif m.group("num") and _shouting(m.group("ntitle")):
            out.append((m.start(), m.group("num").rstrip(".)").replace("Item ", ""), m.group("ntitle").strip()))
        elif m.group("caps") and _shouting(m.group("caps")):
            out.append((m.start(), None, m.group("caps").strip()))
    return out


def _words(text: str) -> int:
    return len(text.split())


def fallback_sections(text: str, start: int, end: int) -> list[tuple[int, int, str | None, str | None]]:
    """Split text[start:end] into (start, end, number, title) sections."""
    if _words(text[start:end]) <= SINGLE_ITEM_MAX_WORDS:
        return [(start, end, None, None)]
    cuts: list[tuple[int, str | None, str | None]] = [(o, n, t) for o, n, t in heading_lines(text) if start <= o < end]
    if not cuts or cuts[0][0] - start > 0:
        cuts.insert(0, (start, None, None))
    sections: list[tuple[int, int, str | None, str | None]] = []
    for i, (o, n, t) in enumerate(cuts):
        e = cuts[i + 1][0] if i + 1 < len(cuts) else end
        if sections and _words(text[sections[-1][0]:o]) < SECTION_MIN_WORDS:
            s0, _, n0, t0 = sections.pop()  # too small to stand alone: join with the next
            sections.append((s0, e, n0 or n, t0 or t))
        else:
            sections.append((o, e, n, t))
    out: list[tuple[int, int, str | None, str | None]] = []
    for s, e, n, t in sections:
        out.extend(_split_long(text, s, e, n, t))
    return out


def _split_long(text, s, e, n, t):
    """Cut an over-long section at paragraph breaks near SECTION_MAX_WORDS/2."""
    if _words(text[s:e]) <= SECTION_MAX_WORDS:
        return [(s, e, n, t)]
    parts, part_start, count = [], s, 0
    for m in re.finditer(r"\n\s*\n|\n|(?<=[.!?])[ \t]+", text[s:e]):  # sentence ends: text with no line breaks
        pos = s + m.end()
        count = _words(text[part_start:pos])
        if count >= SECTION_MAX_WORDS // 2 and ("\n\n" in m.group(0).replace(" ", "") or count >= SECTION_MAX_WORDS):
            parts.append((part_start, pos))
            part_start = pos
    parts.append((part_start, e))
    return [(a, b, n, f"{t or 'Section'} (part {i + 1})" if len(parts) > 1 else t) for i, (a, b) in enumerate(parts)]
