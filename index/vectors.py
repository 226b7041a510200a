"""FAISS index keyed by passage id, chosen by size, saved atomically beside the database with a description of itself.

Two parts: a large `base` (exact while small, IVF above a threshold) that is rewritten only when compacted, and a small
exact `delta` that new vectors are appended to. Removing a vector from the base marks it removed (searched past with a
selector) until the next compaction. So an ingest of a few documents into a million passages writes kilobytes, not 1.5 GB.
"""
from __future__ import annotations

from typing import Any

import json
import os
from dataclasses import dataclass
from pathlib import Path

import faiss as _faiss
import numpy as np

from index.errors import IndexMismatch
from index.vector_build import IndexPolicy, build_base, ivf_ids, ivf_vectors, tune_nprobe

faiss: Any = _faiss  # faiss's type stubs lack most attributes and keyword parameters of its SWIG classes

__all__ = ["VectorIndex", "IndexPolicy", "meta_path", "delta_path"]


@dataclass
class _Part:
    """One FAISS index and whether it differs from its file."""

    index: faiss.Index
    dirty: bool = True


class VectorIndex:
    """Inner-product (cosine) search over normalised vectors, with add/remove/search/save/load."""

    _base_ids: np.ndarray | None = None  # the base's ids, sorted (read once; the base changes only at compaction)

    def __init__(self, dimension: int, description: dict, policy: IndexPolicy | None = None):
        self.dimension = dimension
        self.description = {**description, "dimension": dimension}
        self.policy = policy or IndexPolicy()
        self.base = _Part(_flat(dimension))
        self.delta = _Part(_flat(dimension))
        self.removed: set[int] = set()  # ids still in the base but no longer wanted
        self.layout: dict = {"kind": "flat"}  # what the base is: kind, nlist, nprobe, measured recall
        self.mapped_from: Path | None = None  # set while the base is a read-only memory map of the saved file

    # -- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.base.index.ntotal - len(self.removed) + self.delta.index.ntotal

    @property
    def index(self) -> faiss.Index:
        """The base index (kept for callers that search it directly)."""
        return self.base.index

    @property
    def kind(self) -> str:
        return self.layout["kind"]

    def base_ids(self) -> np.ndarray:
        """Ids held by the base (removed ones included), sorted; read once, the base changes only at compaction."""
        if self._base_ids is None or len(self._base_ids) != self.base.index.ntotal:
            self._base_ids = np.sort(_ids_of(self.base.index))
        return self._base_ids

    def ids(self) -> set[int]:
        return (set(self.base_ids().tolist()) - self.removed) | set(_ids_of(self.delta.index).tolist())

    def search(self, vector: np.ndarray, k: int, selector: faiss.IDSelector | None = None,
               nprobe: int | None = None) -> list[tuple[int, float]]:
        """(id, cosine) best first over both parts; `selector` keeps only the ids it accepts."""
        q = np.asarray(vector, dtype="float32").reshape(1, -1)
        found: list[tuple[int, float]] = []
        with _one_thread():
            for part, sel in ((self.base, _without(self.removed, selector)), (self.delta, selector)):
                n = part.index.ntotal
                if not n:
                    continue
                params = self._params(part.index, sel, nprobe)
                scores, ids = part.index.search(q, min(k, n), params=params)
                found += [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]
        return sorted(found, key=lambda t: -t[1])[:k]

    def search_among(self, vector: np.ndarray, k: int, ids: np.ndarray) -> list[tuple[int, float]]:
        """(id, cosine) best first among these ids only, probing every IVF list: the few passages a narrow filter
        keeps may lie in any of them."""
        selector = faiss.IDSelectorBatch(np.asarray(ids, dtype="int64"))
        return self.search(vector, k, selector=selector, nprobe=self.layout.get("nlist", 1))

    def _params(self, index, sel, nprobe):
        if isinstance(index, faiss.IndexIVF):
            return faiss.SearchParametersIVF(sel=sel, nprobe=nprobe or self.layout.get("nprobe", 8))
        return faiss.SearchParameters(sel=sel) if sel is not None else None

    def vectors_for(self, ids: list[int]) -> np.ndarray:
        """Stored vectors by id (approximate for an 8-bit base); ids not stored are an error."""
        if not ids:
            return np.zeros((0, self.dimension), "float32")
        in_delta = set(_ids_of(self.delta.index).tolist())
        out = []
        for i in map(int, ids):
            part = self.delta if i in in_delta else self.base
            if isinstance(part.index, faiss.IndexIVF) and part.index.direct_map.type == faiss.DirectMap.NoMap:
                self._own()
                part = self.base
                part.index.set_direct_map_type(faiss.DirectMap.Hashtable)  # ids are passage ids, not 0..n-1
            out.append(part.index.reconstruct(i))
        return np.vstack(out)

    # -- changing -------------------------------------------------------------------------
    def _own(self):
        """Copy a memory-mapped base into memory before changing it (a mapped index is read-only)."""
        if self.mapped_from is not None:
            self.base = _Part(faiss.read_index(str(self.mapped_from)), dirty=False)
            self.mapped_from = None

    def add(self, ids: list[int] | np.ndarray, vectors: np.ndarray):
        """Append to the delta; the base is untouched until compaction."""
        if len(ids):
            ids = np.asarray(ids, dtype="int64")
            self.removed -= set(ids.tolist())  # an id added again is wanted again (its old base copy stays removed below)
            stale = np.intersect1d(ids, self.base_ids())
            if len(stale):  # a base id re-added: the new vector lives in the delta, the base copy is searched past
                self.removed |= set(stale.tolist())
            self.delta.index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"), ids)
            self.delta.dirty = True

    def remove(self, ids) -> int:
        ids = [int(i) for i in ids]
        if not ids:
            return 0
        n = self.delta.index.remove_ids(np.asarray(ids, dtype="int64"))
        self.delta.dirty = self.delta.dirty or bool(n)
        in_base = set(np.intersect1d(np.asarray(ids, "int64"), self.base_ids()).tolist())
        fresh = in_base - self.removed
        self.removed |= fresh
        return int(n) + len(fresh)

    def needs_compaction(self) -> bool:
        """Merge when the delta or the removed share grows past its bound, or the size calls for another kind of base."""
        p, nb, nd = self.policy, self.base.index.ntotal, self.delta.index.ntotal
        total = nb - len(self.removed) + nd
        return (nd > max(p.delta_max, p.delta_share * nb) or len(self.removed) > max(p.delta_max, p.delta_share * nb)
                or p.kind_for(total) != self.kind and nd + len(self.removed) > 0
                or self.kind != "flat" and total > 4 * self.layout.get("trained_on", total))

    def compact(self):
        """Rebuild the base from every live vector (exact, or IVF trained and tuned for the size)."""
        ids, vecs = self._live()
        index, self.layout = build_base(self.dimension, vecs, ids, self.policy)
        self.base = _Part(index)
        self._base_ids = None
        self.mapped_from = None
        self.delta = _Part(_flat(self.dimension))
        self.removed = set()

    def _live(self) -> tuple[np.ndarray, np.ndarray]:
        parts = []
        for part, drop in ((self.base, self.removed), (self.delta, set())):
            ids = _ids_of(part.index)
            if not len(ids):
                continue
            vecs = _all_vectors(part.index)
            keep = ~np.isin(ids, np.fromiter(drop, "int64", len(drop))) if drop else np.ones(len(ids), bool)
            parts.append((ids[keep], vecs[keep]))
        if not parts:
            return np.zeros(0, "int64"), np.zeros((0, self.dimension), "float32")
        return np.concatenate([p[0] for p in parts]), np.vstack([p[1] for p in parts])

    def retune(self, queries: np.ndarray) -> dict:
        """Measure recall@10 of the base against exact search for these queries and pick the smallest nprobe that meets the target."""
        if isinstance(self.base.index, faiss.IndexIVF):
            ids, vecs = self._live()
            self.layout.update(tune_nprobe(self.base.index, vecs, ids, queries, self.policy.target_recall))
            self.base.dirty = True
        return self.layout

    # -- files ----------------------------------------------------------------------------
    def save(self, path: Path):
        """Write the delta (and the base only when it changed) to temporary files, then rename each into place.

        A crash mid-write leaves the previous files usable; a base and delta out of step are repaired by
        Library.sync_vectors, which compares the ids with the database.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.needs_compaction():
            self._own()
            self.compact()
        writes = []
        if self.base.dirty or not path.is_file():
            writes.append((self.base, path))
        if self.delta.dirty or not delta_path(path).is_file():
            writes.append((self.delta, delta_path(path)))
        tmps = []
        for part, target in writes:
            tmp = target.with_suffix(target.suffix + ".tmp")
            faiss.write_index(part.index, str(tmp))
            tmps.append((tmp, target))
        meta_tmp = meta_path(path).with_suffix(".json.tmp")
        meta_tmp.write_text(json.dumps({**self.description, "count": len(self), "layout": self.layout,
                                        "removed": sorted(self.removed)}, indent=1))
        tmps.append((meta_tmp, meta_path(path)))
        for tmp, _ in tmps:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        for tmp, target in tmps:
            os.replace(tmp, target)
        for part, _ in writes:
            part.dirty = False
        for target in (path, delta_path(path)):  # leftovers of an interrupted earlier save
            target.with_suffix(target.suffix + ".tmp").unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path, expected: dict, policy: IndexPolicy | None = None) -> "VectorIndex":
        """Load a saved index, refusing one built with other model or chunking settings."""
        path = Path(path)
        saved = json.loads(meta_path(path).read_text()) if meta_path(path).is_file() else {}
        mismatched = {k: (saved.get(k), v) for k, v in expected.items() if saved.get(k) != v}
        if mismatched:
            detail = ", ".join(f"{k}: saved {a!r}, running {b!r}" for k, (a, b) in mismatched.items())
            raise IndexMismatch(f"the saved index at {path} was built with other settings ({detail}); "
                                f"rebuild it with `minutes rebuild --data-dir {path.parent}`")
        obj = cls.__new__(cls)
        obj.policy = policy or IndexPolicy()
        # memory-map the base: start-up reads no vector data, and processes serving one index share its pages
        obj.base = _Part(faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC), dirty=False)
        obj.mapped_from = path
        dpath = delta_path(path)
        obj.delta = _Part(faiss.read_index(str(dpath)) if dpath.is_file() else _flat(obj.base.index.d), dirty=not dpath.is_file())
        obj.dimension = obj.base.index.d
        obj.layout = saved.get("layout") or {"kind": "flat"}
        obj.removed = set(saved.get("removed") or [])
        obj.description = {k: v for k, v in saved.items() if k not in ("count", "layout", "removed")}
        return obj

    def stats(self) -> dict:
        return {**self.layout, "base": self.base.index.ntotal, "delta": self.delta.index.ntotal, "removed": len(self.removed)}


class _one_thread:
    """One OpenMP thread for a single query, in this thread only (the setting is per thread), restored after.

    Measured at 10k exact vectors on 2 cores, right after the question was embedded: 0.6 ms with one thread, 47 ms
    wall and 25 ms CPU with two (the OpenMP workers wake and spin beside ONNX Runtime's); training and bulk adds keep
    every core.
    """

    def __enter__(self):
        self.before = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)

    def __exit__(self, *exc):
        faiss.omp_set_num_threads(self.before)


def _flat(dimension: int) -> faiss.Index:
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))


def _ids_of(index: faiss.Index) -> np.ndarray:
    if not index.ntotal:
        return np.zeros(0, "int64")
    if isinstance(index, faiss.IndexIVF):
        return ivf_ids(index)
    return faiss.vector_to_array(index.id_map)


def _all_vectors(index: faiss.Index) -> np.ndarray:
    """Every stored vector, in the order of _ids_of."""
    if isinstance(index, faiss.IndexIVF):
        return ivf_vectors(index)[1]
    flat = faiss.downcast_index(index.index)
    return faiss.rev_swig_ptr(flat.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d).copy()


def _without(removed: set[int], selector: faiss.IDSelector | None):
    """A selector that skips removed ids (and keeps only what `selector` accepts, if given)."""
    if not removed:
        return selector
    arr = np.fromiter(removed, "int64", len(removed))
    batch = faiss.IDSelectorBatch(arr)
    not_removed = faiss.IDSelectorNot(batch)
    not_removed._keep = batch  # the wrapper holds a bare pointer to the inner selector: keep it alive with it
    if selector is None:
        return not_removed
    both = faiss.IDSelectorAnd(not_removed, selector)
    both._keep = (not_removed, selector)
    return both


def meta_path(path: Path) -> Path:
    return Path(path).with_suffix(".json")


def delta_path(path: Path) -> Path:
    return Path(path).with_suffix(".delta.faiss")
