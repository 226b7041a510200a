"""Reads of the search path: FTS5 rankings, filter checks on candidates, the fields duplicate collapse needs, hits.

Each is one indexed query over a bounded list of ids (the candidates of one query), never a scan of the corpus, except
`passing_all`, kept for the rare filter too narrow for the candidate rounds.
"""
from __future__ import annotations

import sqlite3

from index.store.base import StoreBase
from index.store.tokens import fts_phrase

BM25_WEIGHTS = "1.0, 0.4"  # passage text counts more than its item/committee context
FILTER_FROM = "FROM passages p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
HIT_SQL = (
    'SELECT p.id, p.item_id, p.start, p."end", p.text, p.clean, p.context, p.page_start, p.page_end, p.is_resolution, p.text_hash, '
    "p.printed_pages AS passage_printed, i.number, i.title, i.kind, i.committee, i.meeting_date, i.meeting_id, i.printed_pages, "
    "i.start AS item_start, i.duplicate_of, i.decisions, d.name AS document, d.pages AS doc_pages " + FILTER_FROM)


class SearchReads(StoreBase):
    def fts_ranked(self, query: str, limit: int) -> list[tuple[int, float]]:
        """(passage id, BM25; higher is better) best first for an FTS5 MATCH query, ranked by FTS5 alone (no joins)."""
        return [(r[0], r[1]) for r in self.db.execute(
            f"SELECT rowid, -bm25(passages_fts, {BM25_WEIGHTS}) FROM passages_fts WHERE passages_fts MATCH ? "
            f"ORDER BY bm25(passages_fts, {BM25_WEIGHTS}) LIMIT ?", [query, limit])]

    def fts_ranked_where(self, query: str, where: str, args: list, limit: int) -> list[tuple[int, float]]:
        """As `fts_ranked`, joined to items and documents for a filter fragment over p, i and d (a very narrow filter)."""
        return [(r[0], r[1]) for r in self.db.execute(
            f"SELECT p.id, -bm25(passages_fts, {BM25_WEIGHTS}) AS score FROM passages_fts "
            "JOIN passages p ON p.id = passages_fts.rowid JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
            f"WHERE passages_fts MATCH ? AND {where} ORDER BY score DESC LIMIT ?", [query, *args, limit])]

    def passing(self, ids: list[int], where: str, args: list) -> set[int]:
        """Which of these passage ids pass a filter fragment over p, i and d (one indexed lookup per id)."""
        return {r[0] for r in self._in(f"SELECT p.id {FILTER_FROM}WHERE p.id IN ({{marks}}) AND {where}", ids, *args)}

    def passing_all(self, where: str, args: list) -> list[int]:
        """Every passage id passing a filter fragment: only for a filter too narrow for the candidate rounds."""
        return [r[0] for r in self.db.execute(f"SELECT p.id {FILTER_FROM}WHERE {where}", args)]

    def duplicate_keys(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        """id -> (id, is_resolution, text_hash, clean, document name): what ranking and duplicate collapse read of a
        candidate, without the item's fields, decisions and text a shown hit needs."""
        return {r[0]: r for r in self._in(
            "SELECT p.id, p.is_resolution, p.text_hash, p.clean, d.name AS document FROM passages p "
            "JOIN documents d ON d.id = p.document_id WHERE p.id IN ({marks})", ids)}

    def hit_rows(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        """id -> every field a hit shows (HIT_SQL): the passage, its item and meeting, its document's name and pages."""
        return {r["id"]: r for r in self._in(HIT_SQL + "WHERE p.id IN ({marks})", ids)}

    def keyword_texts(self, ids: list[int]) -> list[sqlite3.Row]:
        """(rowid, clean, context) of these passages as the keyword index holds them (numbers normalised, expansions)."""
        return self._in("SELECT rowid, clean, context FROM passages_fts WHERE rowid IN ({marks})", ids)

    def passage_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    def largest_passage_id(self) -> int:
        """The highest passage id (at least the number of passages; one index lookup, where counting them scans)."""
        return self.db.execute("SELECT MAX(id) FROM passages").fetchone()[0] or 0

    def document_count(self) -> int:
        """Stored documents, duplicates included (counted from an index: the rows hold each document's text)."""
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def documents_with_phrase(self, phrase: str, most_passages: int) -> set[str] | None:
        """Names of the documents with a passage holding `phrase` (an FTS5 phrase, text or context); None when more
        than `most_passages` passages hold it (too common to single a document out, and costly to list)."""
        return self._named_unless_common(
            "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?",
            "SELECT DISTINCT d.name FROM ({held}) f JOIN passages p ON p.id = f.rowid JOIN documents d ON d.id = p.document_id",
            phrase, most_passages)

    def documents_with_name(self, phrase: str, most: int) -> set[str] | None:
        """Names of the documents holding the name `phrase` (an FTS5 phrase of index/names.py's form, read from the
        names index: each document's distinct names); None when more than `most` documents hold it."""
        return self._named_unless_common(
            "SELECT rowid FROM document_names WHERE document_names MATCH ? LIMIT ?",
            "SELECT name FROM documents INDEXED BY documents_id_name WHERE id IN ({held})", phrase, most)

    def _named_unless_common(self, held: str, listing: str, phrase: str, most: int) -> set[str] | None:
        """The document names `listing` reads for the rows `held` finds (an FTS5 match of `phrase`, at most `most`), or
        None when more rows match. Counted first, on the FTS5 index alone (well under a millisecond at 100k
        passages): a common phrase is passed over before any row is joined or listed."""
        quoted = fts_phrase(phrase)
        if self.db.execute(f"SELECT COUNT(*) FROM ({held})", (quoted, most + 1)).fetchone()[0] > most:
            return None
        return {r[0] for r in self.db.execute(listing.format(held=held), (quoted, most))}

    def newest_passage_ids(self, n: int) -> list[int]:
        """The ids of the n newest passages (highest ids first)."""
        return [r[0] for r in self.db.execute("SELECT id FROM passages ORDER BY id DESC LIMIT ?", (max(0, n),))]
