"""Follows (saved searches), the ingest runs that looked for their matches, and the matches found."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from index.store.base import StoreBase

FOLLOW_TABLES = ("follows", "follow_runs", "follow_matches")


class Follows(StoreBase):
    def insert_follow(self, *, follow_id: str, name: str, query: str, filters: str, email: str | None, secret_hash: str):
        self.db.execute("INSERT INTO follows(id, name, query, filters, email, secret_hash) VALUES(?,?,?,?,?,?)",
                        (follow_id, name, query, filters, email, secret_hash))

    def follow(self, follow_id: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM follows WHERE id=?", (follow_id,)).fetchone()

    def follows(self, ids: list[str] | None = None) -> list[sqlite3.Row]:
        if ids is None:
            return self.db.execute("SELECT * FROM follows ORDER BY created_at, id").fetchall()
        rows = self._in("SELECT * FROM follows WHERE id IN ({marks})", ids)
        order = {fid: n for n, fid in enumerate(ids)}
        return sorted(rows, key=lambda r: order[r["id"]])

    def delete_follow(self, follow_id: str) -> bool:
        return self.db.execute("DELETE FROM follows WHERE id=?", (follow_id,)).rowcount > 0

    def mark_follow_seen(self, follow_id: str, match_id: int):
        self.db.execute("UPDATE follows SET seen_match=MAX(seen_match, ?) WHERE id=?", (match_id, follow_id))

    def copy_follows_from(self, path: Path) -> int:
        """Follows, their runs and matches from another database (a rebuild starts a new one); returns how many follows.
        Columns are matched by name, so a database an older version made gives what it has."""
        self.db.execute("ATTACH DATABASE ? AS previous", (str(path),))
        try:
            if not self.db.execute("SELECT 1 FROM previous.sqlite_master WHERE name='follow_matches'").fetchone():
                return 0
            with self.transaction() as db:
                for table in FOLLOW_TABLES:
                    here = [r[1] for r in db.execute(f"PRAGMA main.table_info({table})")]
                    there = {r[1] for r in db.execute(f"PRAGMA previous.table_info({table})")}
                    columns = ", ".join(f'"{c}"' for c in here if c in there)
                    db.execute(f"INSERT OR IGNORE INTO main.{table}({columns}) SELECT {columns} FROM previous.{table}")
            return self.db.execute("SELECT COUNT(*) FROM previous.follows").fetchone()[0]
        finally:
            self.db.execute("DETACH DATABASE previous")

    def start_follow_run(self, items: int) -> int:
        run_id = self.db.execute("INSERT INTO follow_runs(items) VALUES(?)", (items,)).lastrowid
        assert run_id is not None  # an INSERT sets it
        return run_id

    def insert_follow_match(self, follow_id: str, run_id: int, item_hash: str, m: dict) -> int | None:
        """Record a match unless this follow already has one for the same item text; returns its id or None."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO follow_matches(follow_id, run_id, item_hash, item_id, passage_id, meeting_id, committee, "
            'meeting_date, item_number, item_title, document, citation, quote, start, "end", score) '
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (follow_id, run_id, item_hash, m["item_id"], m["passage_id"], m["meeting_id"], m["committee"], m["meeting_date"],
             m["item_number"], m["item_title"], m["document"], m["citation"], m["quote"], m["start"], m["end"], m["score"]))
        return cur.lastrowid if cur.rowcount else None

    def follow_matches(self, follow_id: str, limit: int = 100, run_id: int | None = None) -> list[sqlite3.Row]:
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
