"""Split a passage's source text into sentence spans (offsets kept) for extractive answers."""
from __future__ import annotations

import re

BOUNDARY = re.compile(r"(?<=[.!?;])[\"'’”)]?[ \t\u00a0]*\n?[ \t\u00a0]*(?=[\"‘“(]?[A-Z0-9£])|\n[ \t]*\n|\n(?=[ \t]*(?:[-–•·*]\s|\(?\d{1,2}[).]\s|[A-Z]{1,5}\d[\w.]*\s*[–-]\s))|\n(?=[^\n]*\t)")
MIN_WORDS = 4


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of sentences, list items and table rows in `text`, trimmed of whitespace and markers."""
    spans, pos = [], 0
    for m in BOUNDARY.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and (text[s].isspace() or text[s] in "-–•·*"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(text[s:e].split()) >= MIN_WORDS:
            out.append((s, e))
    return out
