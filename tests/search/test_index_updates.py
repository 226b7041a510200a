"""Keeping the index in step with the catalog: documents added, replaced and removed, stale vectors repaired,
mismatched settings refused, and saves that are atomic."""
import json

import pytest

from api.cli import main as cli_main
from index.errors import IndexMismatch
from index.ingest import ingest
from index.library import Library
from index.settings import Settings
from index.vectors import VectorIndex
from search.retrieve import search
from tests.search.conftest import passage_ids

DOC_004 = "004_224113c98c2996fa.txt"


# -- incremental index updates ------------------------------------------------------------------------------

MINUTES_V1 = """Environment and Urban Renewal Policy and Performance Board - Monday, 3rd March, 2025

1. FLAMINGO POND RESTORATION

Minutes:

The Board received a report on the restoration of the flamingo pond in Victoria Park. Members were told the works
would cost £42,000 and be finished by the summer.

RESOLVED: That the report be noted.
"""

MINUTES_V2 = MINUTES_V1.replace("flamingo pond", "heron lagoon").replace("FLAMINGO POND", "HERON LAGOON")


def test_add_replace_remove_keep_the_vector_index_in_step(own_library, tmp_path):
    lib = own_library
    data_dir = lib.settings.data_dir
    before = lib.vectors.ids()
    assert before == {r[0] for r in lib.store.db.execute("SELECT id FROM passages")}

    doc = tmp_path / "park-minutes.txt"
    doc.write_text(MINUTES_V1, encoding="utf-8")
    report = ingest(lib, [doc])
    assert [f.status for f in report.files] == ["added"]
    v1_ids = passage_ids(lib, doc.name)
    assert v1_ids and v1_ids <= lib.vectors.ids()
    assert report.embedded == len(v1_ids)
    assert lib.vectors.ids() == before | v1_ids
    assert any("flamingo" in h["text"] for h in search(lib, "flamingo pond restoration", k=3))

    # unchanged: nothing re-embedded
    report = ingest(lib, [doc])
    assert [f.status for f in report.files] == ["unchanged"] and report.embedded == 0

    # replace: the old passages leave both stores, the new ones arrive
    doc.write_text(MINUTES_V2, encoding="utf-8")
    report = ingest(lib, [doc])
    assert [f.status for f in report.files] == ["replaced"]
    v2_ids = passage_ids(lib, doc.name)
    assert v2_ids and not (v2_ids & v1_ids)
    ids = lib.vectors.ids()
    assert v2_ids <= ids and not (v1_ids & ids)
    hits = search(lib, "heron lagoon", k=3)
    assert hits and hits[0]["document"] == doc.name and "heron lagoon" in hits[0]["text"]
    assert not any("flamingo" in h["text"] for h in search(lib, "flamingo", k=10, mode="keyword"))

    # what was saved on disk matches too
    reopened = Library(Settings(data_dir=data_dir))
    assert reopened.vectors.ids() == before | v2_ids
    reopened.close()

    # remove through the command line
    assert cli_main(["remove", doc.name, "--data-dir", str(data_dir)]) == 0
    after = Library(Settings(data_dir=data_dir))
    try:
        assert passage_ids(after, doc.name) == set()
        assert after.vectors.ids() == before
        assert not any(h["document"] == doc.name for h in search(after, "heron lagoon", k=10))
    finally:
        after.close()
    assert cli_main(["remove", "never-stored.txt", "--data-dir", str(data_dir)]) == 1


def test_sync_vectors_repairs_a_stale_index(own_library):
    lib = own_library
    ids = sorted(lib.vectors.ids())
    lib.vectors.remove(ids[:5])
    lib.vectors.add([10**9], lib.vectors.vectors_for([ids[10]]))  # an id the database does not have
    assert lib.sync_vectors() == 5
    assert lib.vectors.ids() == set(ids)


# -- settings mismatches and atomic saves --------------------------------------------------------------------

def test_other_chunking_settings_refuse_the_database(own_library):
    data_dir = own_library.settings.data_dir
    with pytest.raises(IndexMismatch, match="rebuild"):
        Library(Settings(data_dir=data_dir, passage_tokens=own_library.settings.passage_tokens + 40))
    with pytest.raises(IndexMismatch, match="rebuild"):
        Library(Settings(data_dir=data_dir, model_name="some-other-model"))
    Library(Settings(data_dir=data_dir)).close()  # the matching settings still open it


def test_vectors_json_mismatch_refuses_the_index(own_library):
    lib = own_library
    path = lib.settings.vectors_path
    expected = {**lib.description(), "dimension": 384}
    assert len(VectorIndex.load(path, expected)) == len(lib.vectors)

    meta = path.with_suffix(".json")
    saved = json.loads(meta.read_text())
    meta.write_text(json.dumps({**saved, "model": "paraphrase-mpnet-base-v2"}))
    with pytest.raises(IndexMismatch, match="model") as exc:
        VectorIndex.load(path, expected)
    assert "rebuild" in str(exc.value)
    with pytest.raises(IndexMismatch):
        Library(Settings(data_dir=lib.settings.data_dir)).vectors

    meta.unlink()  # no description at all is a mismatch too, not a silent load
    with pytest.raises(IndexMismatch):
        VectorIndex.load(path, expected)


def test_atomic_save_leaves_no_temporary_files_and_survives_a_stale_one(own_library):
    lib = own_library
    data_dir = lib.settings.data_dir
    path = lib.settings.vectors_path
    expected = {**lib.description(), "dimension": 384}
    n = len(lib.vectors)

    lib.vectors.save(path)
    assert not list(data_dir.glob("*.tmp"))

    # a crash mid-save leaves half-written temporary files; the previous index still loads
    (data_dir / "vectors.faiss.tmp").write_bytes(b"\x00garbage from an interrupted write")
    (data_dir / "vectors.json.tmp").write_text("{not json")
    loaded = VectorIndex.load(path, expected)
    assert len(loaded) == n and loaded.ids() == lib.vectors.ids()
    reopened = Library(Settings(data_dir=data_dir))
    assert len(reopened.vectors) == n
    assert search(reopened, "PED02 04", k=1)[0]["document"] == DOC_004
    reopened.close()

    # the next save overwrites them and leaves none behind
    lib.vectors.save(path)
    assert not list(data_dir.glob("*.tmp"))
    assert len(VectorIndex.load(path, expected)) == n
