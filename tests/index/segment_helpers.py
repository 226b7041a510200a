"""Helpers for the segmenter tests on small synthetic layouts: items as the segmenter reads them, and a filed item."""
from __future__ import annotations

from index.records import DocumentMeta, SourceText
from index.segment import segment


def items_of(text: str):
    """The items the segmenter finds in `text`, its preamble aside."""
    return [it for it in segment(SourceText(text), DocumentMeta()) if it.kind != "preamble"]


def numbered(text: str) -> list[tuple[str | None, str]]:
    """(number, title) of each item, in order."""
    return [(i.number, i.title) for i in items_of(text)]


def filed(n: int, title: str) -> str:
    """An item printed after a file number of its own ("99-501 1. Approving the agenda. ..."), decided 7-0."""
    return f"99-{500 + n} {n}. {title} Moved by Smith to adopt. Motion Carried 7-0.\n"
