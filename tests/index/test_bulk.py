"""Bulk embedding on a real local Ray instance (the machine's cores), and moving vectors between data directories
and backends without embedding again."""
import shutil

import numpy as np
import pytest

from index.bulk import RayJob
from index.errors import IndexMismatch
from index.ingest import ingest
from index.library import Library
from index.migrate import export_index, import_index
from index.settings import Settings
from search.backends import backend_for
from search.filters import Filters
from tests.corpus_fixture import CORPUS

SMALL = ["000_5b9979d2ae2891b0.txt", "001_ca5e37797c0e9ba8.txt", "002_6e0a7cef810b3a72.txt", "003_67b2517192895757.txt"]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk") / "docs"
    folder.mkdir()
    for name in SMALL + ["manifest.json"]:
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def plain(small_corpus, tmp_path_factory):
    lib = Library(Settings(data_dir=tmp_path_factory.mktemp("plain") / "data"))
    report = ingest(lib, [small_corpus])
    assert not report.failed and report.embedded > 40
    yield lib
    lib.close()


def passages(lib):
    return [tuple(r) for r in lib.store.db.execute('SELECT id, item_id, start, "end", text, context FROM passages ORDER BY id')]


def vectors(lib, ids):
    return np.asarray(lib.vectors.vectors_for(ids), dtype="float32")


def milvus_vectors(lib, ids):
    backend = backend_for(lib)
    rows = {r["id"]: r["vector"] for r in backend.client.query(backend.collection, ids=ids, output_fields=["vector"])}
    return np.asarray([rows[i] for i in ids], dtype="float32")


def test_ray_ingest_equals_plain_ingest_and_fills_milvus(plain, small_corpus, tmp_path):
    """`ingest --ray` on a local Ray (2 CPUs): the same passages, vectors within cosine 0.999, and with the Milvus
    backend the collection holds them too."""
    import ray

    settings = Settings(data_dir=tmp_path / "data", search_backend="milvus", milvus_uri=str(tmp_path / "milvus.db"))
    lib = Library(settings)
    try:
        report = ingest(lib, [small_corpus], ray=RayJob("local", cpus=2))
        assert not ray.is_initialized()  # the instance it started is shut down
        assert report.embedded == plain.store.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        assert passages(lib) == passages(plain)
        ids = [r[0] for r in passages(plain)]
        want = vectors(plain, ids)
        assert sorted(lib.vectors.ids()) == ids
        assert (np.sum(vectors(lib, ids) * want, axis=1) >= 0.999).all()
        assert (np.sum(milvus_vectors(lib, ids) * want, axis=1) >= 0.999).all()
        # the query-expansion vocabulary grows as in a plain ingest
        count = "SELECT COUNT(*) FROM vocabulary"
        assert lib.store.db.execute(count).fetchone()[0] == plain.store.db.execute(count).fetchone()[0]
        again = ingest(lib, [small_corpus], ray=RayJob("local", cpus=2))
        assert again.embedded == 0 and {f.status for f in again.files} == {"unchanged"}
        # an incremental Ray ingest: the new passages' vectors are saved and published too
        extra = tmp_path / "extra"
        extra.mkdir()
        text = (CORPUS / SMALL[2]).read_text(encoding="utf-8").replace("agency", "locum agency")
        (extra / "changed.txt").write_text(text, encoding="utf-8")
        more = ingest(lib, [extra], ray=RayJob("local", cpus=2))
        assert more.embedded > 0
        count = lib.store.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        assert backend_for(lib).count(lib) == count
    finally:
        backend_for(lib).close()
        lib.close()
    reopened = Library(Settings(data_dir=tmp_path / "data"))
    try:
        assert len(reopened.vectors) == count  # saved to disk, not only held in memory
    finally:
        reopened.close()


def test_export_then_import_into_milvus_embeds_nothing(plain, tmp_path):
    """An embedded data directory's vectors, exported and imported beside a copy of its catalog with Milvus as the
    backend: the collection gets the very same vectors, and search works there."""
    exported = tmp_path / "index.npz"
    n = export_index(plain, exported)
    assert n == len(plain.vectors)
    data = tmp_path / "data"
    data.mkdir()
    plain.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(plain.settings.db_path, data / "minutes.db")  # the catalog only: no vectors.faiss
    lib = Library(Settings(data_dir=data, search_backend="milvus", milvus_uri=str(tmp_path / "milvus.db")))
    try:
        report = import_index(lib, exported)
        assert (report.imported, report.skipped, report.published) == (n, 0, n)
        ids = sorted(plain.vectors.ids())
        assert np.array_equal(milvus_vectors(lib, ids), vectors(plain, ids))
        assert np.array_equal(vectors(lib, ids), vectors(plain, ids))
        hits = backend_for(lib).keyword(lib, "agency staff", 5, Filters())
        assert hits and set(dict(hits)) <= set(ids)
        assert import_index(lib, exported).imported == 0  # nothing twice
    finally:
        backend_for(lib).close()
        lib.close()


def test_import_refuses_an_index_built_with_other_settings(plain, tmp_path):
    exported = tmp_path / "index.npz"
    export_index(plain, exported)
    other = Library(Settings(data_dir=tmp_path / "other", passage_tokens=120))
    try:
        with pytest.raises(IndexMismatch, match="other settings"):
            import_index(other, exported)
    finally:
        other.close()
