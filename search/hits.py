"""Turn passage ids into hits with their item, meeting and a readable citation label."""
from __future__ import annotations

import json

from index.catalog import pages_label
from index.dates import format_date

def citation_label(committee, meeting_date, number, title, pages) -> str:
    item = f"item {number}" if number else f"“{title}”"
    page = f"pp. {pages}" if "-" in str(pages) else f"p. {pages}"
    return f"{committee or 'Unknown body'}, {format_date(meeting_date)}, {item}, {page}"


def load_hits(store, scored: list[tuple[int, float]]) -> list[dict]:
    """Hits in the order given, each with every field the CLI, API and eval show."""
    if not scored:
        return []
    rows = store.hit_rows([pid for pid, _ in scored])
    out = []
    for pid, score in scored:
        r = rows.get(pid)
        if r is None:
            continue
        printed = r["passage_printed"] if r["doc_pages"] > 1 else r["printed_pages"]
        pages = pages_label(r["page_start"], r["page_end"], printed, r["doc_pages"])
        out.append({
            "passage_id": r["id"], "text": r["text"], "score": round(float(score), 6),
            "document": r["document"], "committee": r["committee"], "meeting_date": r["meeting_date"],
            "meeting_id": r["meeting_id"], "item_id": r["item_id"], "item_number": r["number"], "item_title": r["title"],
            "kind": r["kind"], "pages": pages, "is_resolution": bool(r["is_resolution"]),
            "start": r["start"], "end": r["end"], "item_start": r["start"] - r["item_start"], "item_end": r["end"] - r["item_start"],
            "citation": citation_label(r["committee"], r["meeting_date"], r["number"], r["title"], pages),
            "clean": r["clean"], "context": r["context"], "text_hash": r["text_hash"], "duplicate_of": r["duplicate_of"],
            "decisions": _decisions(r["decisions"]), "also_in": [],
        })
    return out


def _decisions(raw) -> list[dict]:
    """The item's decisions as stored (JSON list of Decision.to_dict()); [] for an item stored without them."""
    try:
        decoded = json.loads(raw) if raw else []
    except ValueError:
        return []
    return decoded if isinstance(decoded, list) else []


def public_hit(hit: dict) -> dict:
    """A hit as shown to users and API clients, without internal bookkeeping fields."""
    return {k: v for k, v in hit.items() if k not in ("clean", "text_hash", "duplicate_of")}
