"""Keyword search at scale: FTS5 ranks before joining, filters check candidates, tantivy as the opt-in engine."""
from __future__ import annotations

import pytest

from index.ingest import ingest
from index.library import Library
from index.settings import Settings
from search.filters import Filters
from search.keyword import fts_query, keyword_search
from search.retrieve import search

MINUTES = """PARKS AND LEISURE BOARD

At a meeting of the Parks and Leisure Board on Monday, 3 March 2025 in the Civic Suite, Town Hall

PLB1 FLAMINGO POND RESTORATION
The Board received a report on the restoration of the flamingo pond in Victoria Park. The works would cost £42,000.

RESOLVED: That the report be noted.

PLB2 PERFORMANCE INDICATORS
Ref:\tMeasure\tActual\tTarget\tCurrent
PKD02 04\tMonitor the number of park visits per 1000 residents\t133\t90\t144.5

PLB3 LIBRARY OPENING HOURS
Members discussed the opening hours of the central library and agreed a consultation on weekend hours.
"""

OTHER = MINUTES.replace("PARKS AND LEISURE BOARD", "LICENSING COMMITTEE").replace("Parks and Leisure Board", "Licensing Committee") \
    .replace("PLB", "LIC").replace("PKD02", "LCD07").replace("flamingo", "heron").replace("FLAMINGO", "HERON").replace("3 March 2025", "9 June 2025")


@pytest.fixture(params=["fts5", "tantivy"])
def library(request, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "parks.txt").write_text(MINUTES, encoding="utf-8")
    (files / "licensing.txt").write_text(OTHER, encoding="utf-8")
    lib = Library(Settings(data_dir=tmp_path / "data", keyword_engine=request.param))
    report = ingest(lib, [files])
    assert not report.failed
    yield lib
    lib.close()


def test_codes_phrases_and_words_find_their_passage(library):
    top = keyword_search(library.store, "PKD02 04", 5, Filters())
    assert top and "PKD02 04" in _text(library, top[0][0])
    top = keyword_search(library.store, "flamingo pond", 5, Filters())
    assert top and "flamingo pond" in _text(library, top[0][0])
    assert not keyword_search(library.store, "zeppelin", 5, Filters())


def test_filters_keep_only_matching_passages(library):
    hits = keyword_search(library.store, "pond restoration library", 10, Filters(committee="Licensing"))
    assert len(hits) >= 2  # the heron pond item and the library item of the committee asked for
    committees = {library.store.db.execute("SELECT i.committee FROM passages p JOIN items i ON i.id = p.item_id WHERE p.id=?",
                                           (pid,)).fetchone()[0] for pid, _ in hits}
    assert committees == {"Licensing Committee"}
    assert not keyword_search(library.store, "flamingo", 10, Filters(committee="Licensing"))  # only the other board has it


def test_removed_documents_leave_the_keyword_index(library, tmp_path):
    doc = library.store.db.execute("SELECT id FROM documents WHERE name='parks.txt'").fetchone()[0]
    library.remove_document(doc)
    library.sync_vectors()  # what every ingest runs after changing the store
    assert not keyword_search(library.store, "flamingo", 10, Filters())
    assert search(library, "heron pond", k=1, mode="keyword")[0]["document"] == "licensing.txt"


def test_fts5_ranking_matches_the_joined_query(tmp_path):
    """The cheaper plan returns what the old one (join every match, then sort) returned, with and without filters."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "a.txt").write_text(MINUTES, encoding="utf-8")
    (files / "b.txt").write_text(OTHER, encoding="utf-8")
    lib = Library(Settings(data_dir=tmp_path / "data"))
    ingest(lib, [files])
    for question in ("pond restoration cost", "opening hours consultation", "PKD02 04 park visits"):
        for filters in (Filters(), Filters(committee="Parks"), Filters(resolutions_only=True)):
            where, args = filters.sql()
            old = lib.store.db.execute(
                "SELECT p.id FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid JOIN items i ON i.id = p.item_id "
                f"JOIN documents d ON d.id = p.document_id WHERE passages_fts MATCH ? AND {where} "
                "ORDER BY -bm25(passages_fts, 1.0, 0.4) DESC LIMIT 10", [fts_query(question), *args]).fetchall()
            assert [pid for pid, _ in keyword_search(lib.store, question, 10, filters)] == [r[0] for r in old]
    lib.close()


def _text(library, pid: int) -> str:
    return library.store.db.execute("SELECT text FROM passages WHERE id=?", (pid,)).fetchone()[0]


def test_filtered_dense_search_checks_candidates_and_matches_exact_filtered_ranking(library):
    import numpy as np

    from search.dense import allowed_ids, dense_search

    q = library.embedder.embed_batch(["restoration of a pond in a park"])[0]
    filters = Filters(committee="Licensing")
    got = dense_search(library, q, 3, filters)
    ids = allowed_ids(library.store, filters)
    vecs = library.vectors.vectors_for(ids.tolist())
    exact = [int(ids[i]) for i in np.argsort(-(vecs @ q))[:3]]
    assert [pid for pid, _ in got] == exact
    assert dense_search(library, q, 3, Filters(committee="No such committee")) == []


def test_after_another_process_rebuilds_the_library_keyword_search_reads_the_new_index(tmp_path):
    """A service (this process) has the keyword index open; `minutes rebuild` (another process) moves the data
    directory aside and builds a new one, where passage ids start again from 1. After the generation moves, the
    service must search the new index: the old one's ids would name other passages of the new database."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from index.generation import refresh

    files = tmp_path / "files"
    files.mkdir()
    (files / "a-licensing.txt").write_text(OTHER, encoding="utf-8")  # ingested first: the lower ids
    (files / "b-parks.txt").write_text(MINUTES, encoding="utf-8")
    data = tmp_path / "data"
    lib = Library(Settings(data_dir=data, keyword_engine="tantivy"))
    assert not ingest(lib, [files]).failed
    assert search(lib, "flamingo", k=1, mode="keyword")[0]["document"] == "b-parks.txt"  # the index is open here
    (files / "a-licensing.txt").unlink()  # the rebuild re-reads only the parks minutes, which now get ids from 1
    done = subprocess.run([sys.executable, "-m", "api.cli", "rebuild", "--data-dir", str(data)], cwd=Path(__file__).resolve().parents[2],
                          env={**os.environ, "MINUTES_KEYWORD_ENGINE": "tantivy"}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert refresh(lib)
    assert [h["document"] for h in search(lib, "flamingo", k=3, mode="keyword")][:1] == ["b-parks.txt"]
    assert not search(lib, "heron", k=3, mode="keyword")  # gone with its file
    lib.close()


def test_a_new_generation_refreshes_the_open_keyword_index_or_drops_a_replaced_one(tmp_path):
    """What `refresh` does for tantivy: the open index searches and counts what another writer committed at once (the
    count is the auto engine's size), and one whose folder a rebuild replaced is dropped, so the next query opens the
    new folder."""
    import shutil

    import numpy as np

    from search.keyword_tantivy import FOLDER, TantivyKeywords, keywords_for, reload_open

    files = tmp_path / "files"
    files.mkdir()
    (files / "parks.txt").write_text(MINUTES, encoding="utf-8")
    data = tmp_path / "data"
    lib = Library(Settings(data_dir=data, keyword_engine="tantivy"))
    assert not ingest(lib, [files]).failed
    opened = keywords_for(lib.store)
    counted = opened.count
    ids = opened.ids()
    np.save(data / FOLDER / "ids.npy", np.concatenate([ids, ids + 1000]))  # as another writer's commit leaves it
    reload_open(data)
    assert keywords_for(lib.store) is opened and opened.count == 2 * counted
    writer = TantivyKeywords(data / FOLDER)  # another process's handle on the same folder: it commits a passage
    w = writer.index.writer(heap_size=50_000_000, num_threads=1)
    w.add_document(writer.tantivy.Document(id=987654, text="zebrafish pond restoration"))
    w.commit()
    w.wait_merging_threads()
    reload_open(data)
    assert [pid for pid, _ in opened.search('"zebrafish"', 5)] == [987654]  # searchable at once, not after tantivy's watcher
    shutil.copytree(data / FOLDER, tmp_path / "copy")
    shutil.rmtree(data / FOLDER)
    (tmp_path / "copy").rename(data / FOLDER)  # a rebuild's new folder at the same path
    reload_open(data)
    assert keywords_for(lib.store) is not opened
    lib.close()
