"""The connection side of the store: one SQLite connection per thread (WAL), one writer at a time, settings rows."""
from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index.store.schema import prepare

BUSY_TIMEOUT_S = 30.0  # a write waits this long for another process's commit instead of failing "database is locked"
BATCH = 900  # values bound in one `IN (...)`: SQLite before 3.32 takes at most 999 parameters a statement


class StoreBase:
    keyword_engine: str  # set by Library, read by search/keyword.py

    def __init__(self, path: Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(path)
        # one connection per thread: a read another thread left open (an old WAL snapshot) can never make this
        # thread's BEGIN IMMEDIATE fail at once, and the busy timeout makes writers wait for each other
        self._local = threading.local()
        self._conns: list[tuple[weakref.ref, sqlite3.Connection]] = []
        self._conns_lock = threading.Lock()
        self.db.execute("PRAGMA journal_mode=WAL")
        prepare(self.db, self.path)

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            self._local.conn = conn
            with self._conns_lock:
                for ref, old in [c for c in self._conns if (t := c[0]()) is None or not t.is_alive()]:
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: a failure mid-document leaves the previous rows untouched."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _in(self, sql: str, values: Sequence, *args, db: sqlite3.Connection | None = None) -> list[sqlite3.Row]:
        """`sql` run over `values` a batch at a time, its `{marks}` standing for one batch's `?,?,…` and `args` bound
        after the batch; the rows of every batch, in batch order."""
        rows: list[sqlite3.Row] = []
        for n in range(0, len(values), BATCH):
            batch = list(values[n:n + BATCH])
            rows += (db or self.db).execute(sql.replace("{marks}", ",".join("?" * len(batch))), [*batch, *args]).fetchall()
        return rows

    # -- settings -----------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str):
        self.db.execute("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    def disk_bytes(self) -> int:
        """Bytes the database takes on disk, write-ahead log included."""
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())

    @staticmethod
    def document_names(path: Path) -> dict[str, str]:
        """Stored path -> display name of every document in the database at `path`, read as it is (a rebuild reads
        these from a database this version may refuse to open)."""
        conn = _connect(path)
        try:
            return dict(conn.execute("SELECT path, name FROM documents").fetchall())
        finally:
            conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn
