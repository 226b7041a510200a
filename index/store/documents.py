"""Documents, their items and passages with the keyword (FTS5) rows: written whole inside one transaction."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Sequence

from index.clean import clean_text
from index.names import names_text
from index.store.base import StoreBase
from index.terms import expansions_in, normalise_numbers
from index.text import ascii_words, byte_table


NON_WORD = re.compile(r"[\W_]+")
ASCII_KEEP = byte_table(keep_underscore=False)  # NON_WORD's work on ASCII text: [\W_] made a space


def hash_words(text: str) -> str:
    """`NON_WORD.sub(" ", text.lower()).strip()`: the lower-case words, one space between them."""
    words = ascii_words(text, ASCII_KEEP)
    return " ".join(words) if words is not None else NON_WORD.sub(" ", text.lower()).strip()


def content_hash(text: str) -> str:
    """Hash of text with markup, case, punctuation and spacing removed: equal for the same minutes in two files."""
    return hashlib.sha256(hash_words(clean_text(text)).encode()).hexdigest()[:20]


def meeting_id(committee: str | None, date: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (committee or "unknown").lower()).strip("-")[:60]
    return f"{slug}-{date or 'undated'}"


def _keyword_row(passage_id: int, clean: str, context: str, keyword_extra: str) -> tuple[int, str, str]:
    """The passage's FTS5 row: numbers normalised, acronym expansions searched with the context."""
    return passage_id, normalise_numbers(clean), normalise_numbers(f"{context} {keyword_extra}")


class Documents(StoreBase):
    def known_acronyms(self, db: sqlite3.Connection | None = None) -> dict[str, str]:
        """Every acronym a document of the library defines, with its expansion in lower case (read on `db`, a writer's
        connection inside its transaction, when given). Outside a writer's transaction the table is read once per
        document count: acronyms are written only with a new document, and every answer reads them. The dict
        returned is shared: read it, never change it."""
        if db is not None:
            return {r[0]: r[1] for r in db.execute("SELECT acronym, expansion FROM acronyms")}
        key = self.largest_document_id()
        cached = getattr(self, "_acronyms_read", None)
        if cached is None or cached[0] != key:
            cached = (key, {r[0]: r[1] for r in self.db.execute("SELECT acronym, expansion FROM acronyms")})
            self._acronyms_read = cached  # one tuple, swapped whole: threads see the old or the new, never half
        return cached[1]

    def largest_document_id(self) -> int:
        """The highest document id (at least the number of documents; one index lookup, where counting them scans).
        Ids only grow, so a new document always changes it."""
        return self.db.execute("SELECT MAX(id) FROM documents").fetchone()[0] or 0

    def acronyms(self, db, found: dict[str, str]) -> dict[str, str]:
        """Record acronyms a document defines; return all known ones (a later file may use one an earlier file defined)."""
        db.executemany("INSERT OR IGNORE INTO acronyms(acronym, expansion) VALUES(?, ?)", found.items())
        return self.known_acronyms(db)

    # -- documents ----------------------------------------------------------------
    def document_by_path(self, path: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM documents WHERE path=?", (path,)).fetchone()

    def document_by_hash(self, sha: str, exclude_path: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM documents WHERE sha256=? AND path<>? AND duplicate_of IS NULL", (sha, exclude_path)).fetchone()

    def documents(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT id, path, name, sha256, size, committee, meeting_date, title, source, pages, duplicate_of, ingested_at, "
                               "(SELECT COUNT(*) FROM items i WHERE i.document_id=d.id) AS items, "
                               "(SELECT COUNT(*) FROM passages p WHERE p.document_id=d.id) AS passages FROM documents d ORDER BY name").fetchall()

    def orphan_documents(self) -> list[sqlite3.Row]:
        """(id, path, name) of files stored as a duplicate whose original has gone: stored without text or a twin."""
        return self.db.execute("SELECT id, path, name FROM documents WHERE duplicate_of IS NULL AND text = ''").fetchall()

    def delete_document(self, db, doc_id: int):
        """Remove a document with its items, passages and keyword rows (inside a transaction)."""
        db.execute("DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE document_id=?)", (doc_id,))
        db.execute("UPDATE items SET duplicate_of=NULL WHERE duplicate_of IN (SELECT id FROM items WHERE document_id=?)", (doc_id,))
        db.execute("DELETE FROM passages WHERE document_id=?", (doc_id,))
        db.execute("DELETE FROM items WHERE document_id=?", (doc_id,))
        db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
        db.execute("DELETE FROM document_names WHERE rowid=?", (doc_id,))
        db.execute("DELETE FROM meetings WHERE id NOT IN (SELECT DISTINCT meeting_id FROM items WHERE meeting_id IS NOT NULL)")

    def insert_document(self, db, *, path, name, sha, size, meta, pages, text, duplicate_of=None, names: str | None = None) -> int:
        """Store a file's row and its row of the names index (`names`, index/names.py's names_text of its committee,
        title and text, read from them when not given)."""
        cur = db.execute(
            "INSERT INTO documents(path, name, sha256, size, committee, meeting_date, title, source, pages, duplicate_of, text) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?)",
            (path, name, sha, size, meta.committee, meta.meeting_date, meta.title, meta.source, pages, duplicate_of, text))
        if text:  # a duplicate is stored without text: its twin holds the names
            names = names_text(meta.committee, meta.title, text) if names is None else names
            db.execute("INSERT INTO document_names(rowid, names) VALUES(?, ?)", (cur.lastrowid, names))
        return cur.lastrowid

    # -- items and passages ----------------------------------------------------------------
    def insert_item(self, db, doc_id: int, seq: int, item, sha: str, text: str) -> str:
        item_id = f"{sha[:8]}-{seq:03d}"
        mid = meeting_id(item.committee, item.meeting_date)
        db.execute("INSERT OR IGNORE INTO meetings(id, committee, meeting_date, meeting_type, place) VALUES(?,?,?,?,?)",
                   (mid, item.committee, item.meeting_date, item.meeting_type, item.place))
        thash = content_hash(text[item.start:item.end])
        dup = db.execute("SELECT id FROM items WHERE text_hash=? AND document_id<>? AND duplicate_of IS NULL ORDER BY id LIMIT 1", (thash, doc_id)).fetchone()
        db.execute(
            'INSERT INTO items(id, document_id, meeting_id, seq, number, title, kind, committee, meeting_date, start, "end", '
            "page_start, page_end, printed_pages, resolutions, decisions, n_decisions, outcomes, section, text_hash, duplicate_of) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (item_id, doc_id, mid, seq, item.number, item.title, item.kind, item.committee, item.meeting_date, item.start, item.end,
             item.page_start, item.page_end, item.printed_pages, json.dumps(item.resolutions, ensure_ascii=False),
             json.dumps([d.to_dict() for d in item.decisions], ensure_ascii=False), len(item.decisions),
             " ".join(sorted({d.outcome for d in item.decisions})), item.section, thash, dup[0] if dup else None))
        return item_id

    def insert_passages(self, db, item_id: str, doc_id: int, passages: Sequence, keyword_extras: Sequence[str],
                        tokens: Sequence[int]) -> list[int]:
        """Write an item's passages (seq 0, 1, ...) with their keyword rows; returns their ids, in order.

        Two statements for the whole item rather than two a passage. The ids are the last n the table handed out:
        AUTOINCREMENT gives each insert one more than the largest id so far, so rows inserted in one go get
        consecutive ids, the same ids one insert at a time would get.
        """
        db.executemany(
            'INSERT INTO passages(item_id, document_id, seq, start, "end", text, clean, context, page_start, page_end, printed_pages, '
            "is_resolution, text_hash, words, tokens) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(item_id, doc_id, seq, p.start, p.end, p.text, p.clean, p.context, p.page_start, p.page_end, p.printed_pages,
              int(p.is_resolution), content_hash(p.clean), len(p.clean.split()), n) for seq, (p, n) in enumerate(zip(passages, tokens, strict=True))])
        last = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        ids = list(range(last - len(passages) + 1, last + 1))
        db.executemany("INSERT INTO passages_fts(rowid, clean, context) VALUES(?,?,?)",
                       [_keyword_row(pid, p.clean, p.context, extra) for pid, p, extra in zip(ids, passages, keyword_extras, strict=True)])
        return ids

    def delete_passages(self, db, ids: list[int]):
        """Remove single passages with their keyword rows (inside a transaction)."""
        self._in("DELETE FROM passages_fts WHERE rowid IN ({marks})", ids, db=db)
        self._in("DELETE FROM passages WHERE id IN ({marks})", ids, db=db)

    def passage_ids(self) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT id FROM passages")}

    def keyword_row_ids(self) -> set[int]:
        """Passage ids the keyword (FTS5) index holds a row for."""
        return {r[0] for r in self.db.execute("SELECT rowid FROM passages_fts")}

    def repair_keyword_rows(self) -> int:
        """Keyword rows written for passages that lack one, deleted for passages gone; returns how many changed."""
        with self.transaction() as db:
            stale = db.execute("DELETE FROM passages_fts WHERE rowid NOT IN (SELECT id FROM passages)").rowcount
            rows = db.execute("SELECT id, text, clean, context FROM passages WHERE id NOT IN (SELECT rowid FROM passages_fts)").fetchall()
            acronyms = self.known_acronyms(db)
            db.executemany("INSERT INTO passages_fts(rowid, clean, context) VALUES(?,?,?)",  # as insert_passages writes them
                           [_keyword_row(r["id"], r["clean"], r["context"], expansions_in(r["text"], acronyms)) for r in rows])
        return max(stale, 0) + len(rows)

    def names_row_gaps(self) -> tuple[int, int]:
        """(documents with text but no row in the names index, rows of the names index for no such document)."""
        missing = self.db.execute("SELECT COUNT(*) FROM documents WHERE text <> '' AND id NOT IN (SELECT rowid FROM document_names)").fetchone()[0]
        stale = self.db.execute("SELECT COUNT(*) FROM document_names WHERE rowid NOT IN (SELECT id FROM documents WHERE text <> '')").fetchone()[0]
        return missing, stale

    def repair_names_rows(self) -> int:
        """Names rows written for documents that lack one, deleted for documents gone; returns how many changed."""
        with self.transaction() as db:
            stale = db.execute("DELETE FROM document_names WHERE rowid NOT IN (SELECT id FROM documents WHERE text <> '')").rowcount
            rows = db.execute("SELECT id, committee, title, text FROM documents WHERE text <> '' "
                              "AND id NOT IN (SELECT rowid FROM document_names)").fetchall()
            db.executemany("INSERT INTO document_names(rowid, names) VALUES(?, ?)",
                           [(r["id"], names_text(r["committee"], r["title"], r["text"])) for r in rows])
        return max(stale, 0) + len(rows)

    # A follow's match is keyed by the item's content hash, so the same minutes in another file, or a file
    # re-ingested with that item unchanged, never records it twice.
    def item_hashes(self, doc_id: int) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT text_hash FROM items WHERE document_id=?", (doc_id,))}

    def new_items(self, doc_id: int, known_hashes: set[str]) -> list[str]:
        """Items of a document whose text is new: not in its previous version, not a copy of another file's item."""
        rows = self.db.execute("SELECT id, text_hash FROM items WHERE document_id=? AND duplicate_of IS NULL ORDER BY seq",
                               (doc_id,)).fetchall()
        return [r[0] for r in rows if r[1] not in known_hashes]
