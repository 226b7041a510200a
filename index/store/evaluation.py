"""Reads the scoring and measuring tools make: whole documents, passage sizes, where evidence lies."""
from __future__ import annotations

import sqlite3

from index.store.base import StoreBase


class Evaluation(StoreBase):
    def document_texts(self) -> dict[str, str]:
        """Display name -> text of every document stored with its own text (not as a copy of another file)."""
        return {r["name"]: r["text"] for r in self.db.execute("SELECT name, text FROM documents WHERE duplicate_of IS NULL")}

    def passage_sizes(self) -> list[tuple[int, int]]:
        """(words, tokens) of every passage."""
        return [(r[0], r[1]) for r in self.db.execute("SELECT words, tokens FROM passages")]

    def item_starts(self, item_ids: list[str]) -> dict[str, int]:
        """Item id -> the item's offset in its document."""
        return {r[0]: r[1] for r in self._in("SELECT id, start FROM items WHERE id IN ({marks})", list(set(item_ids)))}

    def meeting_of_span(self, document: str, start: int, end: int) -> str | None:
        """The meeting of the (first) item of a document, by display name, that holds characters start..end."""
        row = self.db.execute('SELECT i.meeting_id FROM items i JOIN documents d ON d.id = i.document_id '
                              'WHERE d.name = ? AND i.start <= ? AND i."end" >= ?', (document, start, end)).fetchone()
        return row[0] if row else None

    def passages_of_document(self, document: str) -> list[sqlite3.Row]:
        """(item_id, clean) of the passages of a document, by display name."""
        return self.db.execute("SELECT p.item_id, p.clean FROM passages p JOIN documents d ON d.id=p.document_id "
                               "WHERE d.name=?", (document,)).fetchall()

    def passage_documents(self) -> list[sqlite3.Row]:
        """(id, item_id, name) of every passage with its document's display name."""
        return self.db.execute("SELECT p.id, p.item_id, d.name FROM passages p JOIN documents d ON d.id=p.document_id").fetchall()

    def item_titles(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, title FROM items").fetchall())

    def item_documents(self) -> dict[str, str]:
        """Item id -> its document's display name."""
        return dict(self.db.execute("SELECT i.id, d.name FROM items i JOIN documents d ON d.id=i.document_id").fetchall())
