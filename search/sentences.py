"""Split a passage's source text into sentence spans (offsets kept) for extractive answers."""
from __future__ import annotations

import re

BOUNDARY = re.compile(r"(?<=[.!?;])[\"'’”)]?(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)(?=[\"‘“(]?[A-Z0-9£])|\n[ \t]*\n|\n(?=[ \t]*(?:[-–•·*]\s|\(?\d{1,2}[).]\s|[A-Z]{1,5}\d[\w.]*\s*[–-]\s))")
MIN_WORDS = 4


def _blocks(text: str):
    """Runs of prose lines, and each table row (a line with a tab) on its own."""
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if "\t" in line.strip():  # interior tabs: a table row (trailing tabs are cell padding)
            if start is not None:
                yield start, pos
                start = None
            yield pos, end
        elif start is None:
            start = pos
        pos = end
    if start is not None:
        yield start, len(text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of sentences, list items and table rows in `text`, trimmed of whitespace and markers."""
    spans = []
    for b0, b1 in _blocks(text):
        pos = b0
        for m in BOUNDARY.finditer(text, b0, b1):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, b1))
    out = []
    for s, e in spans:
        while s < e and (text[s].isspace() or text[s] in "-–•·*"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(text[s:e].split()) >= MIN_WORDS:
            out.append((s, e))
    return out
