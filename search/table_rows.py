"""Read a quoted performance-indicator row with its column headings ('23/24 Target: 90; Current: 144.5')."""
from __future__ import annotations

from index.chunk import _is_header_row
from index.clean import clean_text

LOOK_BACK = 6000  # characters above a row searched for its header


def labelled_row(store, cand: dict) -> str | None:
    """'Heading: cell; ...' for a quoted table row whose header row is found above it; None for prose."""
    hit = cand["hit"]
    row = hit["text"][cand["s"]:cand["e"]]
    if "\t" not in row.strip():
        return None
    start = hit["start"] + cand["s"]
    above = store.document_slice(hit["passage_id"], max(0, start - LOOK_BACK), start)
    header = next((ln for ln in reversed(above.split("\n")) if _is_header_row(ln)), None)
    if header is None:
        return None
    names = [clean_text(c) for c in header.split("\t")]
    cells = [clean_text(c) for c in row.split("\t")]
    pairs = [f"{n.rstrip(':')}: {c}" if n else c for n, c in zip(names + [""] * len(cells), cells) if c]
    return "; ".join(pairs)
