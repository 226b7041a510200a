"""Segmenting a batch in worker processes (index/prepare.py) stores exactly what one process stores."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import index.prepare
from index.ingest import ingest
from index.library import Library
from index.prepare import MAX_WORKERS, ingest_workers
from index.settings import Settings
from tests.index.ingest_helpers import CHICAGO, CORPUS, CUYAHOGA, SMALL

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "uk_northwold_parish-council_minutes_2015-02.html"
ITEM_COLUMNS = "i.seq, i.number, i.title, i.kind, i.committee, i.meeting_date, i.start, i.\"end\", i.page_start, i.page_end, i.decisions, i.section"
PASSAGE_COLUMNS = "p.seq, p.start, p.\"end\", p.text, p.clean, p.context, p.page_start, p.page_end, p.is_resolution, p.words, p.tokens"


def _batch(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "batch"
    folder.mkdir()
    for source in [*(CORPUS / name for name in SMALL), CHICAGO, CUYAHOGA, HTML]:
        shutil.copy(source, folder / source.name)
    return sorted(folder.iterdir())


def _stored(library: Library) -> tuple[list, list]:
    db = sqlite3.connect(library.settings.db_path)
    try:
        items = db.execute(f"SELECT d.name, {ITEM_COLUMNS} FROM items i JOIN documents d ON d.id = i.document_id "
                           "ORDER BY d.name, i.seq").fetchall()
        passages = db.execute(f"SELECT d.name, i.seq, {PASSAGE_COLUMNS} FROM passages p JOIN items i ON i.id = p.item_id "
                              "JOIN documents d ON d.id = p.document_id ORDER BY d.name, i.seq, p.seq").fetchall()
    finally:
        db.close()
    return items, passages


def test_workers_store_what_one_process_stores(tmp_path):
    files = _batch(tmp_path)
    alone = Library(Settings(data_dir=tmp_path / "alone", ingest_workers=1))
    shared = Library(Settings(data_dir=tmp_path / "shared", ingest_workers=2))
    one = ingest(alone, files, embed=False)
    two = ingest(shared, files, embed=False)
    assert [f.status for f in two.files] == ["added"] * len(files)
    assert [(Path(f.path).name, f.items, f.passages) for f in two.files] == [(Path(f.path).name, f.items, f.passages) for f in one.files]
    assert one.worker_cpu_s == 0 and two.worker_cpu_s > 0  # the second batch was segmented by worker processes
    items, passages = _stored(shared)
    assert (items, passages) == _stored(alone)
    assert len(items) > 10 and len(passages) > 50


def test_the_same_bytes_twice_in_one_batch_is_stored_once(tmp_path):
    folder = tmp_path / "twins"
    folder.mkdir()
    first, second, other = folder / "a.txt", folder / "b.txt", folder / "c.txt"
    shutil.copy(CORPUS / SMALL[0], first)
    shutil.copy(CORPUS / SMALL[0], second)
    shutil.copy(CORPUS / SMALL[1], other)
    report = ingest(Library(Settings(data_dir=tmp_path / "d", ingest_workers=2)), [first, second, other], embed=False)
    assert [(Path(f.path).name, f.status) for f in report.files] == [("a.txt", "added"), ("b.txt", "duplicate"), ("c.txt", "added")]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_holding_what_a_replaced_file_held_is_added_not_a_duplicate(tmp_path, workers):
    folder = tmp_path / "f"
    folder.mkdir()
    a, b, c = folder / "a.txt", folder / "b.txt", folder / "c.txt"
    shutil.copy(CORPUS / SMALL[0], a)
    library = Library(Settings(data_dir=tmp_path / "d", ingest_workers=workers))
    ingest(library, [a], embed=False)
    shutil.copy(CORPUS / SMALL[1], a)  # a.txt is replaced by other content ...
    shutil.copy(CORPUS / SMALL[0], b)  # ... and b.txt now holds what a.txt held
    shutil.copy(CORPUS / SMALL[1], c)
    report = ingest(library, [a, b, c], embed=False)
    assert [(Path(f.path).name, f.status) for f in report.files] == [("a.txt", "replaced"), ("b.txt", "added"), ("c.txt", "duplicate")]


def test_the_same_file_named_twice_in_one_batch_is_stored_once(tmp_path):
    files = [CORPUS / SMALL[0], CORPUS / SMALL[1], CORPUS / SMALL[0]]
    library = Library(Settings(data_dir=tmp_path / "d", ingest_workers=2))
    report = ingest(library, files, embed=False)
    assert [f.status for f in report.files] == ["added", "added", "unchanged"]
    assert len(library.store.documents()) == 2


def test_a_segmenter_failure_fails_its_file_only(tmp_path, monkeypatch):
    files = [CORPUS / name for name in SMALL]
    real = index.prepare.segment

    def failing(source, meta):
        if source.text[:200] == files[0].read_text()[:200]:  # the first file only
            raise RuntimeError("segmenter bug")
        return real(source, meta)

    monkeypatch.setattr(index.prepare, "segment", failing)
    library = Library(Settings(data_dir=tmp_path / "d", ingest_workers=1))
    report = ingest(library, files, embed=False)
    assert [f.status for f in report.files] == ["failed", "added"]
    assert "RuntimeError: segmenter bug" in report.files[0].detail
    assert library.store.passage_count() == report.files[1].passages > 0


@pytest.mark.parametrize(("setting", "files", "expected"), [
    (0, 1, 0), (1, 50, 0), (3, 50, 3), (2, 1, 0)])
def test_worker_count(setting, files, expected):
    assert ingest_workers(setting, files) == expected


def test_auto_uses_the_cores_up_to_the_cap():
    import os

    cores = len(os.sched_getaffinity(0))
    assert ingest_workers(0, 50) == (min(MAX_WORKERS, cores) if cores > 1 else 0)


def test_a_file_whose_worker_died_is_segmented_in_process(tmp_path):
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from index.prepare import Preparer, prepare
    from index.readers import parse_document
    from index.records import DocumentMeta

    library = Library(Settings(data_dir=tmp_path / "d"))
    preparer = Preparer.in_process(library)
    source = parse_document((CORPUS / SMALL[0]).read_bytes(), ".txt", 100)
    died: Future = Future()
    died.set_exception(BrokenProcessPool("a worker was killed"))
    again = preparer.result(died, source, DocumentMeta(), None)
    alone = prepare(source, DocumentMeta(), None, preparer.chunker, preparer.counter)
    assert again.passages == alone.passages and len(again.items) == len(alone.items) > 0
