"""Read-side queries over the store: items, meetings, documents and passages as plain dicts."""
from __future__ import annotations

import json

from index.errors import NotFound
from index.store import Store


def pages_label(page_start, page_end, printed=None, doc_pages: int = 1) -> str:
    """Physical pages ('3', '3-4') with the printed page numbers beside them; a file without page breaks
    (a text agenda pack) is cited by the pack's printed pages from its table of contents."""
    physical = str(page_start) if page_start == page_end else f"{page_start}-{page_end}"
    if doc_pages <= 1:
        return printed or physical
    return f"{physical} (printed {printed})" if printed and printed != physical else physical


def item_dict(row, passages: int | None = None) -> dict:
    d = dict(row)
    d["resolutions"] = json.loads(d["resolutions"])
    d["decisions"] = json.loads(d["decisions"])
    d["pages"] = pages_label(d["page_start"], d["page_end"], d["printed_pages"], d.get("doc_pages", 1))
    if passages is not None:
        d["passages"] = passages
    return d


def list_items(store: Store, document: str | None = None, with_decisions: bool = False) -> list[dict]:
    """Every item (of one document, when named); `with_decisions` keeps only items that record a decision."""
    out = []
    for r in store.item_rows(document, with_decisions):
        d = item_dict(r, r["n_passages"])
        d.pop("n_passages", None)
        out.append(d)
    return out


def get_item(store: Store, item_id: str, with_text: bool = True) -> dict:
    row = store.item_row(item_id)
    if row is None:
        raise NotFound(f"no item with id '{item_id}'")
    d = item_dict(row)
    text = d.pop("doc_text")
    if with_text:
        d["text"] = text[d["start"]:d["end"]]
    d["passages"] = [dict(p) for p in store.item_passages(item_id, d["start"])]
    siblings = store.meeting_items_in_document(d["document_id"], d["meeting_id"])
    d["meeting_items"] = [dict(s) for s in siblings]
    ids = [s["id"] for s in siblings]
    pos = ids.index(item_id)
    d["previous"] = dict(siblings[pos - 1]) if pos > 0 else None
    d["next"] = dict(siblings[pos + 1]) if pos + 1 < len(ids) else None
    d["duplicates"] = [dict(r) for r in store.item_copies(item_id, d["duplicate_of"])]
    return d


def list_meetings(store: Store) -> list[dict]:
    rows = store.meeting_rows()
    return [{**dict(r), "documents": (r["documents"] or "").split(",")} for r in rows]


def get_meeting(store: Store, meeting_id: str) -> dict:
    row = store.meeting_row(meeting_id)
    if row is None:
        raise NotFound(f"no meeting with id '{meeting_id}'")
    items = store.meeting_item_rows(meeting_id)
    return {**dict(row), "items": [item_dict(r) for r in items]}


def list_documents(store: Store) -> list[dict]:
    out = []
    for r in store.documents():
        d = dict(r)
        d.pop("path", None)
        out.append(d)
    dup_names = {d["id"]: d["name"] for d in out}
    for d in out:
        d["duplicate_of"] = dup_names.get(d["duplicate_of"])
    return out
