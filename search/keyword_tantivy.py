"""Keyword search through tantivy (BM25 with block-max WAND): top-k without scoring every matching passage.

FTS5 scores every passage an OR query matches; at 100k passages that is ~50 ms a question and grows with the
corpus. tantivy skips blocks that cannot reach the top k. The text indexed is exactly what FTS5 holds (read back
from passages_fts), so acronym expansions and number normalisation carry over; FTS5 stays the catalog's index.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np

from index.generation import ON_NEW_GENERATION

FOLDER = "keyword.tantivy"
BATCH = 5000
# with MINUTES_KEYWORD_ENGINE=auto (the default): FTS5 up to this many passages, tantivy above. Measured: FTS5 scores
# every passage an OR query matches (hybrid 85 ms CPU at 100k, 770 ms wall at 1M) while tantivy stays near 3 ms at
# 100k; on the 702-passage dev set FTS5 ranks better (R@5 0.917 vs 0.889), and below ~50k it costs a few ms.
AUTO_MIN_PASSAGES = 50_000
# "children's" reaches FTS5 as the phrase "children s": two tokens tantivy must match at adjacent positions, the costliest
# query it gets (30 ms of a 1M-passage question); the word alone scores nearly the same, as a plain term
POSSESSIVE = re.compile(r'"(\w+) s"')


class TantivyKeywords:
    """A tantivy index of the store's passages (id, text and context), kept in step with passages_fts."""

    def __init__(self, folder: Path):
        import tantivy

        self.tantivy = tantivy
        folder.mkdir(parents=True, exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", stored=True, indexed=True, fast=True)
        # one field, passage text then context: FTS5 measures a passage's length over both columns too; separate
        # fields with a 0.4 boost on the context scored dev R@5 0.806, one field 0.889 (FTS5: 0.917)
        builder.add_text_field("text", stored=False, tokenizer_name="en_stem")
        self.index = tantivy.Index(builder.build(), path=str(folder))
        self.ids_path = folder / "ids.npy"
        self.lock = threading.Lock()
        self.count = len(self.ids())  # passages indexed at the last sync this process saw (the auto engine's size)
        self.folder_inode = folder.stat().st_ino  # a rebuild puts a new folder here: this one must then be dropped

    def reload(self):
        """See what another process committed now (tantivy's own watcher would take up to a second or so)."""
        with self.lock:
            self.index.reload()
            self.count = len(self.ids())

    def ids(self) -> np.ndarray:
        """Ids indexed, from a sidecar written at each commit (tantivy's Python API cannot scan a fast field)."""
        return np.load(self.ids_path) if self.ids_path.is_file() else np.zeros(0, "int64")

    def sync(self, store) -> tuple[int, int]:
        """Add passages the index lacks and delete ids the store no longer has; returns (added, removed)."""
        with self.lock:
            have = set(self.ids().tolist())
            want = store.keyword_row_ids()
            missing, stale = sorted(want - have), sorted(have - want)
            if not missing and not stale:
                self.count = len(have)
                return 0, 0
            writer = self.index.writer(heap_size=100_000_000, num_threads=1)
            for pid in stale:
                writer.delete_documents_by_term("id", pid)
            for i in range(0, len(missing), BATCH):
                batch = missing[i:i + BATCH]
                for pid, clean, context in store.keyword_texts(batch):
                    writer.add_document(self.tantivy.Document(id=pid, text=f"{clean}\n{context}"))
            writer.commit()
            writer.wait_merging_threads()
            self.index.reload()
            tmp = self.ids_path.with_suffix(".tmp.npy")
            np.save(tmp, np.asarray(sorted(want), "int64"))
            tmp.replace(self.ids_path)
            self.count = len(want)
            return len(missing), len(stale)

    def search(self, fts_query: str, limit: int) -> list[tuple[int, float]]:
        """(passage id, BM25) best first for a query written for FTS5 (quoted phrases joined by OR)."""
        try:
            query = self.index.parse_query(POSSESSIVE.sub(r'"\1"', fts_query), ["text"])
        except ValueError:
            return []
        searcher = self.index.searcher()
        # no match count (counting visits every match; without it block-max WAND skips what cannot reach the top),
        # and ids from the fast field instead of each hit's stored document
        hits = searcher.search(query, limit, count=False).hits
        ids = searcher.fast_field_values("id", [a for _, a in hits])
        return [(int(pid), float(s)) for (s, _), pid in zip(hits, ids) if pid is not None]


_open: dict[str, TantivyKeywords] = {}
_open_lock = threading.Lock()


def wanted(engine: str, passages: int, store) -> bool:
    """Whether an ingest keeps a tantivy index for this store: asked for, or auto at this size (or already kept)."""
    return engine == "tantivy" or engine == "auto" and (passages > AUTO_MIN_PASSAGES or (Path(store.path).parent / FOLDER).is_dir())


def in_use(store) -> bool:
    """Whether keyword queries on this store go to tantivy: asked for, or auto with an index past the size."""
    engine = getattr(store, "keyword_engine", "fts5")
    if engine != "auto":
        return engine == "tantivy"
    if not (Path(store.path).parent / FOLDER / "ids.npy").is_file():
        return False
    return keywords_for(store).count > AUTO_MIN_PASSAGES


def reload_open(data_dir: Path):
    """After another process committed a change (a new generation): the open index of this data directory sees it,
    or, when a rebuild replaced the folder, is dropped so the next query opens the new one."""
    folder = Path(data_dir) / FOLDER
    with _open_lock:
        kept = _open.get(str(folder))
        if kept is None:
            return
        try:
            replaced = folder.stat().st_ino != kept.folder_inode
        except FileNotFoundError:
            replaced = True
        if replaced:
            del _open[str(folder)]
            return
    kept.reload()


ON_NEW_GENERATION.append(reload_open)


def keywords_for(store) -> TantivyKeywords:
    """The tantivy index beside this store's database, opened once per process."""
    folder = Path(store.path).parent / FOLDER
    with _open_lock:
        if str(folder) not in _open:
            _open[str(folder)] = TantivyKeywords(folder)
        return _open[str(folder)]
