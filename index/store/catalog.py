"""Reads behind the catalog pages and API: items with their document, meetings with their items."""
from __future__ import annotations

import sqlite3

from index.store.base import StoreBase

ITEM_COLUMNS = ('i.id, i.document_id, i.meeting_id, i.seq, i.number, i.title, i.kind, i.committee, i.meeting_date, '
                'i.start, i."end", i.page_start, i.page_end, i.printed_pages, i.resolutions, i.decisions, i.section, i.duplicate_of, d.name AS document, '
                'd.pages AS doc_pages')
ITEMS = f"SELECT {ITEM_COLUMNS} FROM items i JOIN documents d ON d.id=i.document_id"


class Catalog(StoreBase):
    def item_rows(self, document: str | None = None, with_decisions: bool = False) -> list[sqlite3.Row]:
        """Every item (ITEM_COLUMNS and n_passages) of one document when named, only those recording a decision
        with `with_decisions`; by document name, then reading order."""
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
        return self.db.execute(sql + " ORDER BY d.name, i.seq", args).fetchall()

    def item_row(self, item_id: str) -> sqlite3.Row | None:
        """ITEM_COLUMNS with the document's text (doc_text) and source."""
        return self.db.execute(f"SELECT {ITEM_COLUMNS}, d.text AS doc_text, d.source FROM items i JOIN documents d ON d.id=i.document_id WHERE i.id=?",
                               (item_id,)).fetchone()

    def item_passages(self, item_id: str, item_start: int) -> list[sqlite3.Row]:
        """(id, seq, start, end, page_start, page_end, is_resolution) of an item's passages, offsets within the item."""
        return self.db.execute(
            'SELECT id, seq, start - ? AS start, "end" - ? AS "end", page_start, page_end, is_resolution FROM passages WHERE item_id=? ORDER BY seq',
            (item_start, item_start, item_id)).fetchall()

    def meeting_items_in_document(self, document_id: int, meeting_id: str) -> list[sqlite3.Row]:
        """(id, number, title, seq) of one meeting's items in one document, in reading order."""
        return self.db.execute("SELECT i.id, i.number, i.title, i.seq FROM items i WHERE i.document_id=? AND i.meeting_id=? ORDER BY i.seq",
                               (document_id, meeting_id)).fetchall()

    def item_copies(self, item_id: str, duplicate_of: str | None) -> list[sqlite3.Row]:
        """(id, document) of the items recorded as copies of this one, and of the item it copies."""
        return self.db.execute(
            "SELECT i.id, d.name AS document FROM items i JOIN documents d ON d.id=i.document_id WHERE i.duplicate_of=? OR i.id=?",
            (item_id, duplicate_of or "")).fetchall()

    def meeting_rows(self) -> list[sqlite3.Row]:
        """Every meeting with its number of items and its documents' names (comma-separated)."""
        return self.db.execute(
            "SELECT m.id, m.committee, m.meeting_date, m.meeting_type, m.place, COUNT(i.id) AS items, GROUP_CONCAT(DISTINCT d.name) AS documents "
            "FROM meetings m JOIN items i ON i.meeting_id=m.id JOIN documents d ON d.id=i.document_id "
            "GROUP BY m.id ORDER BY m.meeting_date, m.committee").fetchall()

    def meeting_held_on(self, date: str, last: str | None = None) -> bool:
        """Whether any meeting in the archive sat on this ISO date (or, with `last`, on any day from it to `last`)."""
        return self.db.execute("SELECT 1 FROM meetings WHERE meeting_date BETWEEN ? AND ? LIMIT 1", (date, last or date)).fetchone() is not None

    def meeting_row(self, meeting_id: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT id, committee, meeting_date, meeting_type, place FROM meetings WHERE id=?", (meeting_id,)).fetchone()

    def meeting_item_rows(self, meeting_id: str) -> list[sqlite3.Row]:
        """ITEM_COLUMNS of a meeting's items, by document name, then reading order."""
        return self.db.execute(ITEMS + " WHERE i.meeting_id=? ORDER BY d.name, i.seq", (meeting_id,)).fetchall()
