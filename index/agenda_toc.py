"""Parse an agenda pack's table of contents ('5. (B) TITLE  15 - 16') to number reports and give printed pages."""
from __future__ import annotations

import re
from dataclasses import dataclass

# (the space before and after the number is taken whole, never given back: a line of many spaces, or many blank lines,
# is otherwise read again for every way to split it, and a long one takes minutes)
TOC_LINE = re.compile(r"^[*\s]*+(?P<num>\d{1,2}\.|\([A-Za-z]\)|[A-Z]\.)\s*+(?P<title>[^\t\n]{2,200}?)[ \t]*\t[ \t]*"
                      r"(?P<pages>\d{1,4}(?:\s*[-–]\s*\d{1,4})?)?[ \t]*$", re.M)
WORD = re.compile(r"[a-z0-9]+")
STOP = {"the", "of", "and", "for", "to", "a", "in", "on", "report", "update"}


@dataclass
class TocEntry:
    number: str
    title: str
    pages: str | None


def parse_toc(front: str) -> list[TocEntry]:
    entries, parent = [], None
    for m in TOC_LINE.finditer(front):
        raw = m.group("num").rstrip(".")
        if raw.startswith("("):
            number = f"{parent}{raw.upper()}" if parent else raw.upper()
        else:
            parent, number = raw, raw
        pages = re.sub(r"\s*[-–]\s*", "-", m.group("pages")) if m.group("pages") else None
        entries.append(TocEntry(number, m.group("title").strip(), pages))
    return entries


def _words(s: str) -> set[str]:
    return {w for w in WORD.findall(s.lower().replace("'", "")) if w not in STOP}


def match_toc(title: str, entries: list[TocEntry]) -> TocEntry | None:
    """The entry whose title shares most words with `title` (at least half of the smaller set)."""
    want = _words(title)
    best, best_score = None, 0.0
    for e in entries:
        have = _words(e.title)
        if not want or not have:
            continue
        # containment first, then closeness of size breaks ties ("Executive Board Minutes" vs "Minutes")
        score = len(want & have) / min(len(want), len(have)) + 0.1 * len(want & have) / max(len(want), len(have))
        if score > best_score:
            best, best_score = e, score
    return best if best_score >= 0.55 else None
