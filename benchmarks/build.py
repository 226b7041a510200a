"""Build a benchmark library of exactly N passages through the project's own ingest, store and vector index code."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.direct import store_direct
from benchmarks.synthetic import Vocabulary, write_corpus
from index.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
DERIVED_NOISE = 0.35  # a derived vector sits at cosine ~0.9 from the real blend it came from
SEED = 7


@dataclass
class Built:
    passages: int
    vectors: str  # "real": every vector embedded; "derived": the first `real_passages` embedded, the rest derived from them
    real_passages: int
    ingest_s: float  # the real ingest (read, segment, chunk, store, embed) of the first `real_passages`
    ingest_cpu_s: float  # the same ingest's CPU time, every thread of the process (the embedder's workers too) and the segmenting workers'
    store_s: float  # storing the rest straight through Store, without reading, segmenting or embedding (derived only)
    compose_s: float  # writing the synthetic text of the rest (derived only; not part of store_s)
    vectors_s: float  # adding derived vectors and building/saving the vector index
    ids: np.ndarray  # every passage id with its vector, for exact search
    matrix: np.ndarray

    @property
    def ingest_passages_per_s(self) -> float:
        return self.real_passages / self.ingest_s if self.ingest_s else 0.0

    def facts(self) -> dict:
        """What the build measured, as the benchmark's JSON reports it (and the kept library's facts file holds)."""
        return {"vectors": self.vectors, "real_passages": self.real_passages,
                "ingest_passages_per_s": round(self.ingest_passages_per_s, 1),
                "ingest_cpu_passages_per_s": round(self.real_passages / self.ingest_cpu_s, 1) if self.ingest_cpu_s else None,
                "store_passages_per_s": round((self.passages - self.real_passages) / self.store_s, 1) if self.store_s else None,
                "derived_compose_s": round(self.compose_s, 1), "derived_vectors_s": round(self.vectors_s, 1)}


def build(library, folder: Path, n: int, real_max: int, passages_per_doc: int = 40) -> Built:
    """Synthetic minutes files under `folder`, ingested into `library` until it holds exactly `n` passages."""
    vocab = Vocabulary.from_corpus(ROOT / "corpus")
    real_n = min(n, real_max)
    docs = max(1, -(-real_n // passages_per_doc))
    ingest_s = ingest_cpu_s = 0.0  # writing the synthetic files is the benchmark's own work, not ingest's
    rounds = 0
    while _count(library) < real_n:  # the segmenter decides how many passages a file gives: add files until enough
        files = write_corpus(folder / f"real-{rounds}", docs, vocab, seed=SEED + 1000 * rounds)
        t0, cpu0 = time.perf_counter(), time.process_time()
        report = ingest(library, files, embed=False)
        ingest_s += time.perf_counter() - t0
        ingest_cpu_s += time.process_time() - cpu0 + report.worker_cpu_s  # segmenting workers' CPU counts too
        rounds, docs = rounds + 1, max(1, -(-(real_n - _count(library)) // passages_per_doc))
    t0, cpu0 = time.perf_counter(), time.process_time()
    _trim(library, real_n)
    library.sync_vectors()  # embeds every stored passage: the ingest's own embedding step
    ingest_s, ingest_cpu_s = ingest_s + time.perf_counter() - t0, ingest_cpu_s + time.process_time() - cpu0
    store_s = compose_s = vectors_s = 0.0
    ids = np.sort(np.fromiter(library.vectors.ids(), "int64"))
    matrix = library.vectors.vectors_for(ids.tolist())  # exact while this small: the ground truth for recall
    if n > real_n:
        stored = store_direct(library, n, vocab, SEED + 1)
        t0 = time.perf_counter()
        _trim(library, n)
        store_s, compose_s = stored.store_s + time.perf_counter() - t0, stored.compose_s
        t0 = time.perf_counter()
        ids, matrix = _add_derived(library, ids, matrix)
        vectors_s = time.perf_counter() - t0
        library.sync_vectors()  # nothing left to embed; brings a tantivy keyword index in step when one is configured
    return Built(n, "real" if n <= real_max else "derived", real_n, ingest_s, ingest_cpu_s, store_s, compose_s, vectors_s, ids, matrix)


def _count(library) -> int:
    return library.store.passage_count()


def _trim(library, n: int):
    """Cut the newest passages past n (the last meeting ends early), so every size is exact."""
    extra = library.store.newest_passage_ids(_count(library) - n)
    if extra:
        with library.store.transaction() as db:
            library.store.delete_passages(db, extra)


def _add_derived(library, real_ids: np.ndarray, real: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectors for passages the embedder did not see: a blend of two real vectors plus noise, normalised.

    Clustered like real embeddings (topics), never identical, and honest about it: the report says "derived".
    """
    rng = np.random.default_rng(SEED)
    missing = np.fromiter(library.store.passage_ids(), "int64")
    missing = np.setdiff1d(missing, real_ids)
    parts = [real]
    for start in range(0, len(missing), 100_000):
        ids = missing[start:start + 100_000]
        a, b = real[rng.integers(0, len(real), len(ids))], real[rng.integers(0, len(real), len(ids))]
        v = a + 0.3 * b + DERIVED_NOISE * rng.standard_normal(a.shape).astype("float32") / np.sqrt(a.shape[1])
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        library.vectors.add(ids.tolist(), v)
        parts.append(v)
    library.vectors.save(library.settings.vectors_path)  # compaction picks the index kind for the size
    return np.concatenate([real_ids, missing]), np.vstack(parts)
