"""SQLite storage (WAL): documents, meetings, items, passages and an FTS5 keyword index."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import weakref
from contextlib import contextmanager
from pathlib import Path

from index.clean import clean_text
from index.terms import normalise_numbers

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    committee TEXT, meeting_date TEXT, title TEXT, source TEXT,
    pages INTEGER NOT NULL DEFAULT 1,
    duplicate_of INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY,
    committee TEXT, meeting_date TEXT,
    meeting_type TEXT, place TEXT
);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meetings(id),
    seq INTEGER NOT NULL,
    number TEXT, title TEXT NOT NULL, kind TEXT NOT NULL,
    committee TEXT, meeting_date TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    page_start INTEGER, page_end INTEGER, printed_pages TEXT,
    resolutions TEXT NOT NULL DEFAULT '[]',
    decisions TEXT NOT NULL DEFAULT '[]',
    n_decisions INTEGER NOT NULL DEFAULT 0,
    outcomes TEXT NOT NULL DEFAULT '',
    section TEXT,
    text_hash TEXT NOT NULL,
    duplicate_of TEXT
);
CREATE INDEX IF NOT EXISTS items_doc ON items(document_id);
CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);
CREATE INDEX IF NOT EXISTS items_hash ON items(text_hash);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, clean TEXT NOT NULL, context TEXT NOT NULL,
    page_start INTEGER, page_end INTEGER, printed_pages TEXT,
    is_resolution INTEGER NOT NULL DEFAULT 0,
    text_hash TEXT NOT NULL,
    words INTEGER NOT NULL, tokens INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_item ON passages(item_id);
CREATE INDEX IF NOT EXISTS passages_hash ON passages(text_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    clean, context, tokenize = "porter unicode61 remove_diacritics 2"
);
CREATE TABLE IF NOT EXISTS acronyms (acronym TEXT PRIMARY KEY, expansion TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vocabulary (word TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS follows (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    filters TEXT NOT NULL DEFAULT '{}',
    email TEXT,
    secret_hash TEXT NOT NULL,
    seen_match INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS follow_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    items INTEGER NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS follow_matches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    follow_id TEXT NOT NULL REFERENCES follows(id) ON DELETE CASCADE,
    run_id INTEGER NOT NULL REFERENCES follow_runs(id),
    item_hash TEXT NOT NULL,
    item_id TEXT NOT NULL, passage_id INTEGER NOT NULL, meeting_id TEXT,
    committee TEXT, meeting_date TEXT, item_number TEXT, item_title TEXT, document TEXT,
    citation TEXT NOT NULL, quote TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    score REAL NOT NULL,
    found_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (follow_id, item_hash)
);
CREATE INDEX IF NOT EXISTS follow_matches_run ON follow_matches(run_id);
"""


def content_hash(text: str) -> str:
    """Hash of text with markup, case, punctuation and spacing removed: equal for the same minutes in two files."""
    norm = re.sub(r"[\W_]+", " ", clean_text(text).lower()).strip()
    return hashlib.sha256(norm.encode()).hexdigest()[:20]


def meeting_id(committee: str | None, date: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (committee or "unknown").lower()).strip("-")[:60]
    return f"{slug}-{date or 'undated'}"


BUSY_TIMEOUT_S = 30.0  # a write waits this long for another process's commit instead of failing "database is locked"


class Store:
    def __init__(self, path: Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(path)
        # one connection per thread: a read another thread left open (an old WAL snapshot) can never make this
        # thread's BEGIN IMMEDIATE fail at once, and the busy timeout makes writers wait for each other
        self._local = threading.local()
        self._conns: list[tuple[weakref.ref, sqlite3.Connection]] = []
        self._conns_lock = threading.Lock()
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            with self._conns_lock:
                for ref, old in [c for c in self._conns if c[0]() is None or not c[0]().is_alive()]:
                    old.close()  # the thread that used it has ended
                    self._conns.remove((ref, old))
                self._conns.append((weakref.ref(threading.current_thread()), conn))
        return conn

    def close(self):
        with self._conns_lock:
            for _, conn in self._conns:
                conn.close()
            self._conns.clear()
        self._local = threading.local()

    @contextmanager
    def transaction(self):
        """All-or-nothing: a failure mid-document leaves the previous rows untouched."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- settings -----------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str):
        self.db.execute("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    def acronyms(self, db, found: dict[str, str]) -> dict[str, str]:
        """Record acronyms a document defines; return all known ones (a later file may use one an earlier file defined)."""
        db.executemany("INSERT OR IGNORE INTO acronyms(acronym, expansion) VALUES(?, ?)", found.items())
        return {r[0]: r[1] for r in db.execute("SELECT acronym, expansion FROM acronyms")}

    def passage_ids_of_items(self, item_ids: list[str], per_item: int) -> dict[str, list[int]]:
        """Up to `per_item` passage ids of each item, in reading order."""
        out: dict[str, list[int]] = {i: [] for i in item_ids}
        if not item_ids:
            return out
        rows = self.db.execute(f"SELECT item_id, id FROM passages WHERE item_id IN ({','.join('?' * len(item_ids))}) ORDER BY item_id, start",
                               list(item_ids))
        for item_id, pid in rows:
            if len(out[item_id]) < per_item:
                out[item_id].append(pid)
        return out

    # -- documents ----------------------------------------------------------------
    def document_by_path(self, path: str):
        return self.db.execute("SELECT * FROM documents WHERE path=?", (path,)).fetchone()

    def document_by_hash(self, sha: str, exclude_path: str):
        return self.db.execute("SELECT * FROM documents WHERE sha256=? AND path<>? AND duplicate_of IS NULL", (sha, exclude_path)).fetchone()

    def documents(self):
        return self.db.execute("SELECT id, path, name, sha256, size, committee, meeting_date, title, source, pages, duplicate_of, ingested_at, "
                               "(SELECT COUNT(*) FROM items i WHERE i.document_id=d.id) AS items, "
                               "(SELECT COUNT(*) FROM passages p WHERE p.document_id=d.id) AS passages FROM documents d ORDER BY name").fetchall()

    def delete_document(self, db, doc_id: int):
        """Remove a document with its items, passages and keyword rows (inside a transaction)."""
        db.execute("DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE document_id=?)", (doc_id,))
        db.execute("UPDATE items SET duplicate_of=NULL WHERE duplicate_of IN (SELECT id FROM items WHERE document_id=?)", (doc_id,))
        db.execute("DELETE FROM passages WHERE document_id=?", (doc_id,))
        db.execute("DELETE FROM items WHERE document_id=?", (doc_id,))
        db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
        db.execute("DELETE FROM meetings WHERE id NOT IN (SELECT DISTINCT meeting_id FROM items WHERE meeting_id IS NOT NULL)")

    def insert_document(self, db, *, path, name, sha, size, meta, pages, text, duplicate_of=None) -> int:
        cur = db.execute(
            "INSERT INTO documents(path, name, sha256, size, committee, meeting_date, title, source, pages, duplicate_of, text) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?)",
            (path, name, sha, size, meta.committee, meta.meeting_date, meta.title, meta.source, pages, duplicate_of, text))
        return cur.lastrowid

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

    def insert_passage(self, db, item_id: str, doc_id: int, seq: int, p, keyword_extra: str, tokens: int) -> int:
        cur = db.execute(
            'INSERT INTO passages(item_id, document_id, seq, start, "end", text, clean, context, page_start, page_end, printed_pages, '
            "is_resolution, text_hash, words, tokens) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (item_id, doc_id, seq, p.start, p.end, p.text, p.clean, p.context, p.page_start, p.page_end, p.printed_pages, int(p.is_resolution),
             content_hash(p.clean), len(p.clean.split()), tokens))
        db.execute("INSERT INTO passages_fts(rowid, clean, context) VALUES(?,?,?)",
                   (cur.lastrowid, normalise_numbers(p.clean), normalise_numbers(f"{p.context} {keyword_extra}")))
        return cur.lastrowid

    # -- follows (saved searches) and their matches ------------------------------------
    # A match is keyed by the item's content hash, so the same minutes in another file, or a file re-ingested
    # with that item unchanged, never records it twice.
    def item_hashes(self, doc_id: int) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT text_hash FROM items WHERE document_id=?", (doc_id,))}

    def new_items(self, doc_id: int, known_hashes: set[str]) -> list[str]:
        """Items of a document whose text is new: not in its previous version, not a copy of another file's item."""
        rows = self.db.execute("SELECT id, text_hash FROM items WHERE document_id=? AND duplicate_of IS NULL ORDER BY seq",
                               (doc_id,)).fetchall()
        return [r[0] for r in rows if r[1] not in known_hashes]

    def insert_follow(self, *, follow_id: str, name: str, query: str, filters: str, email: str | None, secret_hash: str):
        self.db.execute("INSERT INTO follows(id, name, query, filters, email, secret_hash) VALUES(?,?,?,?,?,?)",
                        (follow_id, name, query, filters, email, secret_hash))

    def follow(self, follow_id: str):
        return self.db.execute("SELECT * FROM follows WHERE id=?", (follow_id,)).fetchone()

    def follows(self, ids: list[str] | None = None):
        if ids is None:
            return self.db.execute("SELECT * FROM follows ORDER BY created_at, id").fetchall()
        rows = self.db.execute(f"SELECT * FROM follows WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
        order = {fid: n for n, fid in enumerate(ids)}
        return sorted(rows, key=lambda r: order[r["id"]])

    def delete_follow(self, follow_id: str) -> bool:
        return self.db.execute("DELETE FROM follows WHERE id=?", (follow_id,)).rowcount > 0

    def mark_follow_seen(self, follow_id: str, match_id: int):
        self.db.execute("UPDATE follows SET seen_match=MAX(seen_match, ?) WHERE id=?", (match_id, follow_id))

    def passages_of_items(self, item_ids: list[str], where: str = "1", args: tuple = ()) -> list[int]:
        """Passage ids of these items that pass a filter fragment over p, i and d (see search/filters.py)."""
        out = []
        for n in range(0, len(item_ids), 500):  # a first ingest may add more items than SQLite takes parameters
            batch = item_ids[n:n + 500]
            out += [r[0] for r in self.db.execute(
                "SELECT p.id FROM passages p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = p.document_id "
                f"WHERE p.item_id IN ({','.join('?' * len(batch))}) AND {where}", [*batch, *args])]
        return sorted(out)

    def passage_texts(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        out = {}
        for n in range(0, len(ids), 500):
            batch = ids[n:n + 500]
            out.update((r["id"], r) for r in self.db.execute(
                "SELECT p.id, p.item_id, p.clean, p.context, i.text_hash AS item_hash FROM passages p "
                f"JOIN items i ON i.id = p.item_id WHERE p.id IN ({','.join('?' * len(batch))})", batch))
        return out

    def copy_follows_from(self, path: Path) -> int:
        """Follows, their runs and matches from another database (a rebuild starts a new one); returns how many follows."""
        self.db.execute("ATTACH DATABASE ? AS previous", (str(path),))
        try:
            if not self.db.execute("SELECT 1 FROM previous.sqlite_master WHERE name='follow_matches'").fetchone():
                return 0
            with self.transaction() as db:
                for table in ("follows", "follow_runs", "follow_matches"):  # same schema: columns in the same order
                    db.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM previous.{table}")
            return self.db.execute("SELECT COUNT(*) FROM previous.follows").fetchone()[0]
        finally:
            self.db.execute("DETACH DATABASE previous")

    def start_follow_run(self, items: int) -> int:
        return self.db.execute("INSERT INTO follow_runs(items) VALUES(?)", (items,)).lastrowid

    def insert_follow_match(self, follow_id: str, run_id: int, item_hash: str, m: dict) -> int | None:
        """Record a match unless this follow already has one for the same item text; returns its id or None."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO follow_matches(follow_id, run_id, item_hash, item_id, passage_id, meeting_id, committee, "
            'meeting_date, item_number, item_title, document, citation, quote, start, "end", score) '
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (follow_id, run_id, item_hash, m["item_id"], m["passage_id"], m["meeting_id"], m["committee"], m["meeting_date"],
             m["item_number"], m["item_title"], m["document"], m["citation"], m["quote"], m["start"], m["end"], m["score"]))
        return cur.lastrowid if cur.rowcount else None

    def follow_matches(self, follow_id: str, limit: int = 100, run_id: int | None = None):
        """A follow's matches, newest run first and the most relevant first within a run; with `run_id`, only those
        one ingest run found. The item id is the
        current one for the same text (a replaced file gives its items new ids)."""
        where, args = ("AND m.run_id=?", (run_id,)) if run_id is not None else ("", ())
        return self.db.execute(
            "SELECT m.*, COALESCE((SELECT i.id FROM items i WHERE i.id = m.item_id), "
            "(SELECT i.id FROM items i WHERE i.text_hash = m.item_hash ORDER BY i.duplicate_of IS NOT NULL, i.id LIMIT 1)) "
            f"AS current_item FROM follow_matches m WHERE m.follow_id=? {where} ORDER BY m.run_id DESC, m.score DESC, m.id LIMIT ?",
            (follow_id, *args, limit)).fetchall()

    def follow_match_counts(self, follow_id: str) -> tuple[int, int]:
        """(all matches, matches newer than the follower's last visit)."""
        row = self.db.execute("SELECT COUNT(*), SUM(m.id > f.seen_match) FROM follow_matches m JOIN follows f ON f.id = m.follow_id "
                              "WHERE m.follow_id=?", (follow_id,)).fetchone()
        return row[0], row[1] or 0

    def newest_meeting_date(self, committee: str | None = None) -> str | None:
        """The latest meeting date stored (of a committee, matched as the search filter matches it)."""
        return self.db.execute("SELECT MAX(meeting_date) FROM items WHERE committee LIKE ?", (f"%{committee or ''}%",)).fetchone()[0]

    def delete_passages(self, db, ids: list[int]):
        """Remove single passages with their keyword rows (inside a transaction)."""
        for i in range(0, len(ids), 900):
            batch = ids[i:i + 900]
            marks = ",".join("?" * len(batch))
            db.execute(f"DELETE FROM passages_fts WHERE rowid IN ({marks})", batch)
            db.execute(f"DELETE FROM passages WHERE id IN ({marks})", batch)

    def disk_bytes(self) -> int:
        """Bytes the database takes on disk, write-ahead log included."""
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
