"""FAISS index keyed by passage id, saved atomically beside the database with a description of itself."""
from __future__ import annotations

import json
import os
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexMismatch


class VectorIndex:
    """Exact inner-product search over normalised vectors (cosine), with add/remove/search/save/load."""

    def __init__(self, dimension: int, description: dict):
        self.dimension = dimension
        self.description = {**description, "dimension": dimension}
        self.index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self.mapped_from: Path | None = None  # set while the vectors are a read-only memory map of the saved file

    def __len__(self) -> int:
        return self.index.ntotal

    def ids(self) -> set[int]:
        return set(faiss.vector_to_array(self.index.id_map).tolist()) if self.index.ntotal else set()

    def _own(self):
        """Copy a memory-mapped index into memory before changing it (a mapped index is read-only)."""
        if self.mapped_from is not None:
            self.index = faiss.read_index(str(self.mapped_from))
            self.mapped_from = None

    def add(self, ids: list[int], vectors: np.ndarray):
        if len(ids):
            self._own()
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"), np.asarray(ids, dtype="int64"))

    def remove(self, ids) -> int:
        ids = list(ids)
        if not ids:
            return 0
        self._own()
        return self.index.remove_ids(np.asarray(ids, dtype="int64"))

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not self.index.ntotal:
            return []
        scores, ids = self.index.search(np.asarray(vector, dtype="float32").reshape(1, -1), min(k, self.index.ntotal))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]

    def vectors_for(self, ids: list[int]) -> np.ndarray:
        return np.vstack([self.index.reconstruct(int(i)) for i in ids]) if ids else np.zeros((0, self.dimension), "float32")

    def save(self, path: Path):
        """Write to temporary files then rename: a crash mid-write leaves the previous index usable."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        faiss.write_index(self.index, str(tmp))
        meta_tmp = meta_path(path).with_suffix(".json.tmp")
        meta_tmp.write_text(json.dumps({**self.description, "count": len(self)}, indent=2))
        for f in (tmp, meta_tmp):
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(meta_tmp, meta_path(path))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, expected: dict) -> "VectorIndex":
        """Load a saved index, refusing one built with other model or chunking settings."""
        path = Path(path)
        saved = json.loads(meta_path(path).read_text()) if meta_path(path).is_file() else {}
        mismatched = {k: (saved.get(k), v) for k, v in expected.items() if saved.get(k) != v}
        if mismatched:
            detail = ", ".join(f"{k}: saved {a!r}, running {b!r}" for k, (a, b) in mismatched.items())
            raise IndexMismatch(f"the saved index at {path} was built with other settings ({detail}); "
                                f"rebuild it with `minutes rebuild --data-dir {path.parent}`")
        obj = cls.__new__(cls)
        # memory-map the vectors: start-up reads no vector data, and processes serving one index share its pages
        obj.index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC)
        obj.mapped_from = path
        obj.dimension = obj.index.d
        obj.description = {k: v for k, v in saved.items() if k != "count"}
        return obj


def meta_path(path: Path) -> Path:
    return Path(path).with_suffix(".json")
