"""Healing: a crash between saving the vectors and the vocabulary is repaired by the next ingest; SIGKILLs at
random moments of real ingests leave a directory one plain ingest makes consistent (`minutes check` agrees)."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np

from index.check import check
from index.heal import MARK
from index.ingest import ingest
from index.library import Library
from index.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"


def test_vocabulary_left_out_by_a_crash_is_healed_by_the_next_ingest(tmp_path):
    first = DOCUMENTS / "nz_napier_city-council_minutes_2019-02-08.txt"
    second = DOCUMENTS / "nz_hastings_district-council_minutes_2019-01-31.txt"
    library = Library(Settings(data_dir=tmp_path / "data"))
    try:
        ingest(library, [first])
        mark = library.store.db.execute("SELECT MAX(id) FROM passages").fetchone()[0]
        before = {r[0] for r in library.store.db.execute("SELECT word FROM vocabulary")}
        ingest(library, [second])
        # the state a kill after the vectors' save and before the words' commit leaves: the second file's words missing
        added = {r[0] for r in library.store.db.execute("SELECT word FROM vocabulary")} - before
        assert added
        with library.store.transaction() as db:
            db.executemany("DELETE FROM vocabulary WHERE word=?", [(w,) for w in added])
            db.execute("UPDATE settings SET value=? WHERE key=?", (str(mark), MARK))
        assert check(library).vocabulary_missing > 0
        report = ingest(library, [first, second])
        assert {f.status for f in report.files} == {"unchanged"}  # nothing to re-read, yet the words come back
        result = check(library)
        assert result.ok, result.problems
    finally:
        library.close()


def test_random_kills_during_ingest_heal():
    run = subprocess.run([sys.executable, "scripts/crash_test.py", "--trials", "3", "--seed", "7"], cwd=ROOT,
                         capture_output=True, text=True, timeout=1200)
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    summary = lines[-1]
    assert summary["trials"] == 3 and summary["healed"] == 3, lines


def test_duplicate_vectors_left_by_an_older_version_are_healed(tmp_path):
    library = Library(Settings(data_dir=tmp_path / "data"))
    try:
        ingest(library, [DOCUMENTS / "nz_napier_city-council_minutes_2019-02-08.txt"])
        ids = sorted(library.vectors.ids())[:5]
        # the state two writers used to leave: some ids stored twice (dense hits then listed themselves in also_in)
        library.vectors.delta.index.add_with_ids(library.vectors.vectors_for(ids), np.asarray(ids, "int64"))
        library.vectors.delta.dirty = True
        library.vectors.save(library.settings.vectors_path)
        assert check(library).duplicate_vectors == 5
        report = ingest(library, [DOCUMENTS / "nz_napier_city-council_minutes_2019-02-08.txt"])
        assert [f.status for f in report.files] == ["unchanged"] and report.embedded == 5
        result = check(library)
        assert result.ok and result.vectors == result.passages, result.problems
    finally:
        library.close()


def test_minutes_check_reports_a_disagreement_and_repair_fixes_it(tmp_path):
    data = tmp_path / "data"
    library = Library(Settings(data_dir=data))
    try:
        ingest(library, [DOCUMENTS / "nz_napier_city-council_minutes_2019-02-08.txt"])
        with library.store.transaction() as db:  # a keyword row lost and a stray one added (an outside edit)
            db.execute("DELETE FROM passages_fts WHERE rowid = (SELECT MIN(id) FROM passages)")
            db.execute("INSERT INTO passages_fts(rowid, clean, context) VALUES(999999, 'stray', 'stray')")
            db.execute("DELETE FROM document_names")  # and the document's row of the names index
    finally:
        library.close()

    def minutes_check(*extra):
        run = subprocess.run([sys.executable, "-m", "api.cli", "check", "--json", "--data-dir", str(data), *extra],
                             cwd=ROOT, capture_output=True, text=True, timeout=600)
        return run.returncode, json.loads(run.stdout)

    code, report = minutes_check()
    assert code == 1 and report["keyword_missing"] == 1 and report["keyword_stale"] == 1 and report["names_missing"] == 1, report
    code, report = minutes_check("--repair")
    assert code == 0 and report["ok"], report
    with sqlite3.connect(data / "minutes.db") as db:  # the restored row is found by its words like any other
        first, clean = db.execute("SELECT id, clean FROM passages ORDER BY id LIMIT 1").fetchone()
        word = max(clean.split(), key=len).strip(".,;:()'\"")
        assert first in {r[0] for r in db.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", (f'"{word}"',))}
        assert db.execute("SELECT COUNT(*) FROM document_names WHERE document_names MATCH '\"napier\"'").fetchone()[0] == 1
