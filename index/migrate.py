"""Moving an index without embedding again: export a data directory's vectors to one file, import them elsewhere,
and publish what a data directory holds to the configured search backend (e.g. embedded -> Milvus)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = "minutes-index/1"


@dataclass
class ImportReport:
    imported: int  # vectors added to the data directory's index
    skipped: int  # vectors of passages this catalog lacks or holds with other text
    published: int  # passages written to the search backend


def export_index(library, path: Path) -> int:
    """Every stored passage's vector, with its text hash and what the index was built with, to a .npz file."""
    with library.lock:
        ids = np.asarray(sorted(library.vectors.ids()), dtype="int64")
        vectors = library.vectors.vectors_for(ids.tolist())
    hashes = library.store.passage_hashes(ids.tolist())
    description = {**library.description(), "dimension": int(library.embedder.dimension), "format": FORMAT}
    with open(path, "wb") as fh:  # a file object: numpy would otherwise append .npz to the name
        np.savez_compressed(fh, ids=ids, vectors=np.asarray(vectors, dtype="float32").reshape(len(ids), -1),
                            text_hash=np.asarray([hashes.get(i, "") for i in ids.tolist()]),
                            description=np.asarray(json.dumps(description)))
    return len(ids)


def import_index(library, path: Path) -> ImportReport:
    """Add an exported file's vectors to this data directory's index (only for passages whose id and text match the
    catalog here), then bring the configured search backend in step; nothing is embedded."""
    from index.errors import IndexMismatch
    from search.backends import backend_for

    with np.load(path, allow_pickle=False) as data:
        saved = json.loads(str(data["description"]))
        ids, vectors, text_hash = data["ids"], data["vectors"], data["text_hash"]
    expected = {**library.description(), "dimension": int(library.embedder.dimension), "format": FORMAT}
    if saved != expected:
        raise IndexMismatch(f"{path} was exported with other settings ({json.dumps(saved)} vs {json.dumps(expected)})")
    here = library.store.passage_hashes(ids.tolist())
    with library.lock:
        have = library.vectors.ids()
    keep = [n for n, (pid, h) in enumerate(zip(ids.tolist(), text_hash.tolist())) if here.get(pid) == h and pid not in have]
    with library.write_lock:
        with library.lock:
            if keep:
                library.vectors.add(ids[keep].tolist(), vectors[keep])
            library.vectors.save(library.settings.vectors_path)
        published = backend_for(library).publish(library)
    matched = sum(1 for pid, h in zip(ids.tolist(), text_hash.tolist()) if here.get(pid) == h)
    return ImportReport(imported=len(keep), skipped=len(ids) - matched, published=published.added)


def publish(library, recreate: bool = False):
    """Write what the data directory holds (catalog and vectors) to the configured backend: embedded -> Milvus.
    `recreate` first drops the Milvus collection (one built with another model or chunker is refused otherwise)."""
    from search.backends import backend_for

    if recreate and library.settings.search_backend == "milvus":
        from search.backends.milvus import collection_of, drop_collection

        drop_collection(library.settings, collection_of(library.settings, library.store))
    with library.write_lock:
        return backend_for(library).publish(library)

