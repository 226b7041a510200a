"""Read-side queries over the store: items, meetings, documents and passages as plain dicts."""
from __future__ import annotations

import json

from index.errors import NotFound
from index.store import Store

ITEM_COLUMNS = ('i.id, i.document_id, i.meeting_id, i.seq, i.number, i.title, i.kind, i.committee, i.meeting_date, '
                'i.start, i."end", i.page_start, i.page_end, i.printed_pages, i.resolutions, i.decisions, i.section, i.duplicate_of, d.name AS document, '
                'd.pages AS doc_pages')


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
    sql = (f"SELECT {ITEM_COLUMNS}, (SELECT COUNT(*) FROM passages p WHERE p.item_id=i.id) AS n_passages "
           "FROM items i JOIN documents d ON d.id=i.document_id")
    where, args = [], []
    if document:
        where.append("d.name=?")
        args.append(document)
    if with_decisions:
        where.append("i.n_decisions > 0")
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = store.db.execute(sql + " ORDER BY d.name, i.seq", args).fetchall()
    out = []
    for r in rows:
        d = item_dict(r, r["n_passages"])
        d.pop("n_passages", None)
        out.append(d)
    return out


def get_item(store: Store, item_id: str, with_text: bool = True) -> dict:
    row = store.db.execute(f"SELECT {ITEM_COLUMNS}, d.text AS doc_text, d.source FROM items i JOIN documents d ON d.id=i.document_id WHERE i.id=?",
                           (item_id,)).fetchone()
    if row is None:
        raise NotFound(f"no item with id '{item_id}'")
    d = item_dict(row)
    text = d.pop("doc_text")
    if with_text:
        d["text"] = text[d["start"]:d["end"]]
    d["passages"] = [dict(p) for p in store.db.execute(
        'SELECT id, seq, start - ? AS start, "end" - ? AS "end", page_start, page_end, is_resolution FROM passages WHERE item_id=? ORDER BY seq',
        (d["start"], d["start"], item_id))]
    siblings = store.db.execute("SELECT i.id, i.number, i.title, i.seq FROM items i WHERE i.document_id=? AND i.meeting_id=? ORDER BY i.seq",
                                (d["document_id"], d["meeting_id"])).fetchall()
    d["meeting_items"] = [dict(s) for s in siblings]
    ids = [s["id"] for s in siblings]
    pos = ids.index(item_id)
    d["previous"] = dict(siblings[pos - 1]) if pos > 0 else None
    d["next"] = dict(siblings[pos + 1]) if pos + 1 < len(ids) else None
    d["duplicates"] = [dict(r) for r in store.db.execute(
        "SELECT i.id, d.name AS document FROM items i JOIN documents d ON d.id=i.document_id WHERE i.duplicate_of=? OR i.id=?",
        (item_id, d["duplicate_of"] or ""))]
    return d


def list_meetings(store: Store) -> list[dict]:
    rows = store.db.execute(
        "SELECT m.id, m.committee, m.meeting_date, m.meeting_type, m.place, COUNT(i.id) AS items, GROUP_CONCAT(DISTINCT d.name) AS documents "
        "FROM meetings m JOIN items i ON i.meeting_id=m.id JOIN documents d ON d.id=i.document_id "
        "GROUP BY m.id ORDER BY m.meeting_date, m.committee").fetchall()
    return [{**dict(r), "documents": (r["documents"] or "").split(",")} for r in rows]


def get_meeting(store: Store, meeting_id: str) -> dict:
    row = store.db.execute("SELECT id, committee, meeting_date, meeting_type, place FROM meetings WHERE id=?", (meeting_id,)).fetchone()
    if row is None:
        raise NotFound(f"no meeting with id '{meeting_id}'")
    items = store.db.execute(f"SELECT {ITEM_COLUMNS} FROM items i JOIN documents d ON d.id=i.document_id "
                             "WHERE i.meeting_id=? ORDER BY d.name, i.seq", (meeting_id,)).fetchall()
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
