"""The vector index by size: exact while small, IVF past the threshold, appends without rewriting the base."""
from __future__ import annotations

import json

import faiss
import numpy as np
import pytest

from index.vector_build import IndexPolicy
from index.vectors import VectorIndex, delta_path, meta_path

DIM = 32


def clustered(n: int, seed: int = 0) -> np.ndarray:
    """Normalised vectors around 40 centres: text embeddings cluster by topic, uniform noise would not."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, DIM)).astype("float32")
    v = centres[rng.integers(0, 40, n)] + 0.35 * rng.standard_normal((n, DIM)).astype("float32")
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def exact_top(vectors, ids, q, k=10):
    return [int(ids[i]) for i in np.argsort(-(vectors @ q))[:k]]


SMALL = IndexPolicy(exact_max=300, sq8_min=3000, target_recall=0.95, delta_max=100, delta_share=0.1)


def test_small_index_is_exact_and_grows_into_a_tuned_ivf(tmp_path):
    vecs, ids = clustered(2050), np.arange(10, 2060)
    queries, vecs, ids = vecs[2000:], vecs[:2000], ids[:2000]  # held-out queries from the same distribution
    index = VectorIndex(DIM, {"model": "m"}, SMALL)
    index.add(ids[:200].tolist(), vecs[:200])
    index.save(tmp_path / "v.faiss")
    assert index.kind == "flat"
    q = queries[0]
    assert [i for i, _ in index.search(q, 10)] == exact_top(vecs[:200], ids[:200], q)

    index.add(ids[200:].tolist(), vecs[200:])
    index.save(tmp_path / "v.faiss")
    meta = json.loads(meta_path(tmp_path / "v.faiss").read_text())
    assert meta["layout"]["kind"] == "ivf-flat" and meta["layout"]["nprobe"] >= 1
    assert meta["layout"]["recall_at_10"] >= 0.95 and meta["count"] == 2000
    loaded = VectorIndex.load(tmp_path / "v.faiss", {"model": "m"}, SMALL)
    assert isinstance(loaded.index, faiss.IndexIVF) and loaded.ids() == set(ids.tolist())
    recall = np.mean([len({i for i, _ in loaded.search(q, 10)} & set(exact_top(vecs, ids, q))) / 10 for q in queries])
    assert recall >= 0.9


def test_adding_to_a_large_index_writes_only_the_delta(tmp_path):
    path = tmp_path / "v.faiss"
    vecs, ids = clustered(1200), np.arange(1, 1201)
    index = VectorIndex(DIM, {"model": "m"}, SMALL)
    index.add(ids[:1150].tolist(), vecs[:1150])
    index.save(path)
    base_written = path.stat().st_mtime_ns
    loaded = VectorIndex.load(path, {"model": "m"}, SMALL)
    loaded.add(ids[1150:].tolist(), vecs[1150:])  # 50 new vectors: under the delta bound
    loaded.remove([1, 2, 3])
    loaded.save(path)
    assert path.stat().st_mtime_ns == base_written  # the base file was not rewritten
    assert delta_path(path).is_file()
    again = VectorIndex.load(path, {"model": "m"}, SMALL)
    assert again.ids() == set(ids.tolist()) - {1, 2, 3} and len(again) == 1197
    hits = {i for i, _ in again.search(vecs[0], 5)} | {i for i, _ in again.search(vecs[1], 5)}
    assert not hits & {1, 2, 3}
    assert again.search(vecs[1160], 1)[0][0] == 1161  # an appended vector is found
    assert np.allclose(again.vectors_for([1161, 500]), vecs[[1160, 499]], atol=1e-5)


def test_many_changes_compact_into_a_new_base(tmp_path):
    path = tmp_path / "v.faiss"
    vecs, ids = clustered(1000), np.arange(1, 1001)
    index = VectorIndex(DIM, {"model": "m"}, SMALL)
    index.add(ids[:700].tolist(), vecs[:700])
    index.save(path)
    index.remove(ids[:200].tolist())  # past the removed share: compaction
    index.add(ids[700:].tolist(), vecs[700:])
    index.save(path)
    assert index.stats()["removed"] == 0 and index.stats()["delta"] == 0 and len(index) == 800
    assert VectorIndex.load(path, {"model": "m"}, SMALL).ids() == set(ids[200:].tolist())


def test_eight_bit_base_past_its_threshold(tmp_path):
    vecs, ids = clustered(3200), np.arange(3200)
    index = VectorIndex(DIM, {"model": "m"}, SMALL)
    index.add(ids.tolist(), vecs)
    index.save(tmp_path / "v.faiss")
    assert index.kind == "ivf-sq8" and isinstance(index.index, faiss.IndexIVFScalarQuantizer)
    assert index.layout["recall_at_10"] >= 0.9
    assert np.allclose(index.vectors_for([7]), vecs[[7]], atol=0.05)


def test_a_mismatched_description_is_refused(tmp_path):
    index = VectorIndex(DIM, {"model": "m"}, SMALL)
    index.add([1], clustered(1))
    index.save(tmp_path / "v.faiss")
    with pytest.raises(Exception, match="rebuild"):
        VectorIndex.load(tmp_path / "v.faiss", {"model": "other"}, SMALL)
