"""Shared paths and helpers for the ingest tests (CLI calls, id sets in SQLite and FAISS)."""
from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from pathlib import Path

from api.cli import main
from index.library import Library
from index.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
CHICAGO = PDFS / "chicago_ssa21_commission_minutes_2018-01-29.pdf"
CUYAHOGA = PDFS / "cuyahoga_board_of_health_agenda_2019-04-24.pdf"
DUARTE = PDFS / "duarte_agenda_1.pdf"
SEEDS = ["000_5b9979d2ae2891b0.txt", "001_ca5e37797c0e9ba8.txt", "002_6e0a7cef810b3a72.txt",
         "003_67b2517192895757.txt", "004_224113c98c2996fa.txt"]
SMALL = [SEEDS[0], SEEDS[2]]  # 9 and 8 passages: quick to embed
ITEM_KEYS = {"id", "document", "committee", "meeting_date", "number", "title", "kind", "pages", "resolutions", "passages"}


def cli(*argv) -> tuple[int, str]:
    """Run `minutes ...` in process; returns (exit status, stdout)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([str(a) for a in argv])
    return code, out.getvalue()


def cli_json(*argv) -> tuple[int, dict]:
    code, out = cli(*argv, "--json")
    return code, json.loads(out)


def statuses(report: dict) -> dict[str, str]:
    return {Path(f["path"]).name: f["status"] for f in report["files"]}


def checkpoint(data: Path):
    """Fold the WAL into the database file so the directory can be copied safely."""
    db = sqlite3.connect(data / "minutes.db")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def sql_ids(data: Path, sql: str, args=()) -> set:
    db = sqlite3.connect(data / "minutes.db")
    try:
        return {r[0] for r in db.execute(sql, args)}
    finally:
        db.close()


def faiss_ids(data: Path) -> set[int]:
    """The ids in the FAISS index as saved on disk (a fresh Library loads it)."""
    lib = Library(Settings(data_dir=data))
    try:
        return lib.vectors.ids()
    finally:
        lib.close()


def passage_ids_of(data: Path, name: str) -> set[int]:
    return sql_ids(data, "SELECT p.id FROM passages p JOIN documents d ON d.id=p.document_id WHERE d.name=?", (name,))


def assert_consistent(data: Path):
    """SQLite passages, the FTS rows and the FAISS index hold exactly the same ids."""
    db_ids = sql_ids(data, "SELECT id FROM passages")
    assert sql_ids(data, "SELECT rowid FROM passages_fts") == db_ids
    assert faiss_ids(data) == db_ids
    assert not sql_ids(data, "SELECT id FROM items WHERE document_id NOT IN (SELECT id FROM documents)")
    return db_ids


def items_json(capsys, data: Path, *extra) -> list[dict]:
    capsys.readouterr()
    assert main(["items", "--json", "--data-dir", str(data), *map(str, extra)]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]

GOOD_B = """Licensing Sub-Committee notes

The sub-committee heard an application for a premises licence for the Quayside kiosk selling coffee and
ice cream between 8am and 8pm. No representations were received from the police or environmental health.
The licence was granted as applied for.
"""
