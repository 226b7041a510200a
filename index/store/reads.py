"""Reads a search, an answer or a search backend makes: passages by id or item, document text around them."""
from __future__ import annotations

import sqlite3

from index.store.base import StoreBase

# what a search backend indexes for a passage: its filter fields and its keyword row as FTS5 holds it
BACKEND_ROW_SQL = (
    "SELECT p.id, p.is_resolution, i.committee, i.meeting_date, i.kind, i.n_decisions, i.outcomes, d.name AS document, "
    "f.clean AS fts_clean, f.context AS fts_context FROM passages p JOIN items i ON i.id = p.item_id "
    "JOIN documents d ON d.id = p.document_id JOIN passages_fts f ON f.rowid = p.id ")


class Reads(StoreBase):
    def passage_ids_of_items(self, item_ids: list[str], per_item: int) -> dict[str, list[int]]:
        """Up to `per_item` passage ids of each item, in reading order."""
        out: dict[str, list[int]] = {i: [] for i in item_ids}
        if not item_ids:
            return out
        rows = self._in("SELECT item_id, id FROM passages WHERE item_id IN ({marks}) ORDER BY item_id, start", list(item_ids))
        for item_id, pid in rows:  # an item's passages come in one batch, in reading order
            if len(out[item_id]) < per_item:
                out[item_id].append(pid)
        return out

    def passages_of_items(self, item_ids: list[str], where: str = "1", args: tuple = ()) -> list[int]:
        """Passage ids of these items that pass a filter fragment over p, i and d (see search/filters.py)."""
        rows = self._in("SELECT p.id FROM passages p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
                        f"WHERE p.item_id IN ({{marks}}) AND {where}", item_ids, *args)
        return sorted(r[0] for r in rows)

    def passage_texts(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        """id -> (id, item_id, clean, context, item_hash) of these passages."""
        return {r["id"]: r for r in self._in(
            "SELECT p.id, p.item_id, p.clean, p.context, i.text_hash AS item_hash FROM passages p "
            "JOIN items i ON i.id = p.item_id WHERE p.id IN ({marks})", ids)}

    def passages_to_embed(self, ids: list[int]) -> list[sqlite3.Row]:
        """(id, context, clean) of these passages: what the embedder is given."""
        return self._in("SELECT id, context, clean FROM passages WHERE id IN ({marks})", ids)

    def passage_hashes(self, ids: list[int]) -> dict[int, str]:
        """id -> hash of the passage's text (an exported vector is only taken for the same text)."""
        return {r[0]: r[1] for r in self._in("SELECT id, text_hash FROM passages WHERE id IN ({marks})", ids)}

    def backend_rows(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        """id -> what a search backend indexes for the passage (BACKEND_ROW_SQL); ids gone from the catalog are absent."""
        return {r["id"]: r for r in self._in(BACKEND_ROW_SQL + "WHERE p.id IN ({marks})", ids)}

    def passage_spans(self, item_id: str) -> list[sqlite3.Row]:
        """(id, start, end) of an item's passages in reading order; offsets in the document."""
        return self.db.execute('SELECT id, start, "end" FROM passages WHERE item_id=? ORDER BY seq', (item_id,)).fetchall()

    def document_text_of_item(self, item_id: str) -> str | None:
        """The whole text of the document an item belongs to."""
        row = self.db.execute("SELECT d.text FROM documents d JOIN items i ON i.document_id = d.id WHERE i.id=?", (item_id,)).fetchone()
        return row[0] if row else None

    def item_text(self, item_id: str) -> tuple[int, str] | None:
        """Where an item starts in its document, and its text (not the whole document's)."""
        row = self.db.execute('SELECT i.start, substr(d.text, i.start + 1, i."end" - i.start) FROM items i '
                              "JOIN documents d ON d.id = i.document_id WHERE i.id = ?", (item_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def document_slice(self, passage_id: int, start: int, end: int) -> str:
        """Characters start..end (0-based, end excluded) of the document a passage belongs to; '' when it is gone."""
        row = self.db.execute("SELECT substr(d.text, ?, ?) FROM documents d JOIN passages p ON p.document_id = d.id WHERE p.id = ?",
                              (start + 1, end - start, passage_id)).fetchone()
        return row[0] if row else ""

    def newest_meeting_date(self, committee: str | None = None) -> str | None:
        """The latest meeting date stored (of a committee, matched as the search filter matches it)."""
        return self.db.execute("SELECT MAX(meeting_date) FROM items WHERE committee LIKE ?", (f"%{committee or ''}%",)).fetchone()[0]
