"""One batch of files through ingest: read and check each file, segment it (index/prepare.py), store it, in order.

Files are read and checked here, segmented by the preparer's workers, and stored by this process while later files
are still being segmented. Whether a file is unchanged or a duplicate is decided against what is stored, so a file
that an earlier file of the batch could change that answer for waits until the earlier one is stored.
"""
from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import UnreadableDocument
from index.library import Library
from index.prepare import Prepared, Preparer
from index.read_budget import parse_within_budget
from index.readers import check_file
from index.records import DocumentMeta, SourceText
from index.terms import expansions_in, find_acronyms


@dataclass
class FileResult:
    path: str
    status: str  # added | replaced | unchanged | duplicate | failed | removed | warning
    detail: str = ""
    items: int = 0
    passages: int = 0
    new_items: list[str] = field(default_factory=list, repr=False)  # items whose text this run added (follows run on these)


@dataclass
class _Reading:
    """A file read and checked, its text handed to the preparer, waiting to be stored."""
    path: Path
    key: str  # the resolved path: the document's identity in the store
    name: str
    sha: str
    size: int
    meta: DocumentMeta
    manifest_number: str | None
    old: Any  # the stored document this file replaces, or None
    source: SourceText
    segmented: Future[Prepared]


def guarded(path: Path, step: Callable[..., Any], *args) -> Any:
    """step(*args), or a failed FileResult saying why: one bad file never stops the batch."""
    try:
        return step(*args)
    except UnreadableDocument as exc:
        return FileResult(str(path), "failed", str(exc))
    except Exception as exc:  # an unexpected reader/segmenter bug must not lose the batch
        return FileResult(str(path), "failed", f"could not be processed ({type(exc).__name__}: {exc})")


class Batch:
    """Files in, FileResults out in the same order (`results`)."""

    def __init__(self, library: Library, preparer: Preparer, manifests, on_stored: Callable[[], None] = lambda: None):
        self.library, self.preparer, self.manifests, self.on_stored = library, preparer, manifests, on_stored
        self.results: list[FileResult] = []
        self._pending: deque[FileResult | _Reading] = deque()

    def add(self, path: Path, name: str) -> None:
        checked = guarded(path, self._check, path)
        if isinstance(checked, FileResult):
            self._pending.append(checked)
        else:
            data, sha = checked
            if self._depends_on_pending(str(path.resolve()), sha):
                self.store(keep=0)
            self._pending.append(guarded(path, self._read, path, name, data, sha))
        self.store(keep=self.preparer.window)

    def finish(self) -> list[FileResult]:
        self.store(keep=0)
        return self.results

    def store(self, keep: int) -> None:
        """Store the oldest pending files, in order, until at most `keep` are left."""
        while len(self._pending) > keep:
            entry = self._pending.popleft()
            self.results.append(entry if isinstance(entry, FileResult) else guarded(entry.path, self._store, entry))
            self.on_stored()

    # -- steps -------------------------------------------------------------------------------------------------------
    def _check(self, path: Path) -> tuple[bytes, str]:
        check_file(path, self.library.settings.max_file_bytes)  # size and kind first: a huge file is never read
        data = path.read_bytes()  # read once: the hash and the text come from the same bytes
        return data, hashlib.sha256(data).hexdigest()

    def _depends_on_pending(self, key: str, sha: str) -> bool:
        """Whether a file not yet stored could change what this one is: the same file, the same bytes, or the
        replacement of the stored document this one duplicates."""
        readings = [r for r in self._pending if isinstance(r, _Reading)]
        if any(r.key == key or r.sha == sha for r in readings):
            return True
        twin = self.library.store.document_by_hash(sha, key) if readings else None
        return twin is not None and any(r.key == twin["path"] for r in readings)

    def _read(self, path: Path, name: str, data: bytes, sha: str) -> FileResult | _Reading:
        """Unchanged and duplicate files are settled here; others are parsed and handed to the preparer."""
        store, settings = self.library.store, self.library.settings
        key = str(path.resolve())
        old = store.document_by_path(key)
        if old is not None and old["sha256"] == sha:
            return FileResult(str(path), "unchanged", "already stored (same content hash)")
        meta, manifest_number = self.manifests.meta_for(path)
        twin = store.document_by_hash(sha, key)
        if twin is not None:
            with store.transaction() as db:
                if old is not None:
                    store.delete_document(db, old["id"])
                store.insert_document(db, path=key, name=name, sha=sha, size=len(data), meta=meta, pages=1, text="",
                                      duplicate_of=twin["id"])
            return FileResult(str(path), "duplicate", f"same content as {twin['name']}; cited once under that name")
        source = parse_within_budget(data, path.suffix, settings.max_pdf_pages, settings.read_budget_s, settings.read_memory_mb)
        return _Reading(path, key, name, sha, len(data), meta, manifest_number, old, source,
                        self.preparer.submit(source, meta, manifest_number))

    def _store(self, reading: _Reading) -> FileResult:
        # a segmenter error raised in a worker is raised here, and fails this file only
        prepared = self.preparer.result(reading.segmented, reading.source, reading.meta, reading.manifest_number)
        store, source, old = self.library.store, reading.source, reading.old
        n_passages = 0
        known = store.item_hashes(old["id"]) if old is not None else set()  # items unchanged in a new version are not new
        with store.transaction() as db:
            if old is not None:
                store.delete_document(db, old["id"])
            doc_id = store.insert_document(db, path=reading.key, name=reading.name, sha=reading.sha, size=reading.size,
                                           meta=reading.meta, pages=len(source.page_starts), text=source.text, names=prepared.names)
            acronyms = store.acronyms(db, find_acronyms(source.text))
            for seq, (item, passages, counts) in enumerate(zip(prepared.items, prepared.passages, prepared.token_counts)):
                item_id = store.insert_item(db, doc_id, seq, item, reading.sha, source.text)
                store.insert_passages(db, item_id, doc_id, passages, [expansions_in(p.text, acronyms) for p in passages], counts)
                n_passages += len(passages)
        status = "replaced" if old is not None else "added"
        return FileResult(str(reading.path), status, "; ".join(source.notes), len(prepared.items), n_passages,
                          store.new_items(doc_id, known))
