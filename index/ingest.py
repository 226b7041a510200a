"""Incremental, idempotent ingest: read, segment, chunk, store, then embed what the vector index lacks."""
from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.chunk import Chunker
from index.errors import UnreadableDocument
from index.generation import committed, refresh
from index.heal import drop_duplicate_vectors, heal_vocabulary
from index.library import Library
from index.manifest import MANIFEST_NAME, Manifests
from index.model import model_dir
from index.prepare import Prepared, Preparer, ingest_workers
from index.read_budget import parse_within_budget
from index.readers import SUPPORTED_SUFFIXES, check_file
from index.records import DocumentMeta, SourceText
from index.writer_lock import writer_lock
from index.terms import expansions_in, find_acronyms
from search.backends import backend_for

CHANGED = {"added", "replaced", "duplicate", "removed"}  # statuses that change what is stored


@dataclass
class FileResult:
    path: str
    status: str  # added | replaced | unchanged | duplicate | failed | removed | warning
    detail: str = ""
    items: int = 0
    passages: int = 0
    new_items: list[str] = field(default_factory=list, repr=False)  # items whose text this run added (follows run on these)


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    embedded: int = 0
    follow_matches: int = 0  # matches recorded for follows (saved searches) by this run
    worker_cpu_s: float = 0.0  # CPU time spent segmenting in worker processes (index/prepare.py)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            out[f.status] = out.get(f.status, 0) + 1
        return out

    def to_dict(self) -> dict:
        return {"files": [{k: v for k, v in f.__dict__.items() if k != "new_items"} for f in self.files], "counts": self.counts(),
                "embedded": self.embedded, "follow_matches": self.follow_matches}

    @property
    def new_items(self) -> list[str]:
        return [i for f in self.files for i in f.new_items]


def expand_paths(paths) -> tuple[list[Path], list[FileResult]]:
    """Files named, and supported files found under folders; a missing path is reported, not fatal."""
    files, missing = [], []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                                and f.name != MANIFEST_NAME and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.is_file():
            files.append(p)
        else:
            missing.append(FileResult(str(p), "failed", "no such file or folder"))
    return files, missing


def ingest(library: Library, paths, prune: bool = False, progress: bool = False, display_name: dict | None = None,
           embed: bool = True, ray=None, follows: bool = True) -> IngestReport:
    """Ingest files and folders; one bad file never stops the batch, and stored data is only replaced whole.

    `embed=False` stores passages without embedding them (the scale benchmark adds its own vectors; the next
    ingest or the service's start-up embeds whatever the vector index lacks). `ray` (an index.bulk.RayJob) embeds
    on a Ray cluster instead of in this process. With MINUTES_SEARCH_BACKEND=milvus the new passages are then
    written to the Milvus collection. `follows=False` (a rebuild, whose items are not new) runs no saved searches.
    """
    from search.follow_run import run_follows  # saved searches run on what this ingest added or changed

    # one writer at a time: threads of this process (uploads), then other processes (CLI, rebuild, a second server)
    with library.write_lock, writer_lock(library.settings.data_dir, library.settings.writer_wait_s):
        refresh(library, writer=True)  # start from what another process saved, never from a stale copy (no duplicates)
        if embed and ray is None:
            drop_duplicate_vectors(library)  # left by an older version; the sync below embeds those ids once
        report = _ingest(library, paths, prune, progress, display_name, embed, ray)
        if embed:
            heal_vocabulary(library)  # words a crash left out earlier, not only this run's
        run = run_follows(library, report.new_items if follows else [])
        report.follow_matches = run.total
        if report.embedded or any(f.status in CHANGED for f in report.files):
            committed(library)  # servers on this directory swap in the new index on their next request
    if run.total:
        from search.digest import send_digests

        send_digests(library, run)  # outside the lock: a slow mail server never holds up the next ingest
    return report


def _ingest(library, paths, prune, progress, display_name, embed=True, ray=None) -> IngestReport:
    files, report_files = expand_paths(paths)
    report = IngestReport(report_files)
    manifests = Manifests()
    chunker = Chunker(library.token_counter, library.settings.passage_tokens, library.settings.max_seq_tokens - 2)
    workers = ingest_workers(library.settings.ingest_workers, len(files))
    with Preparer(chunker, library.token_counter, model_dir(library.settings.model_path), workers) as preparer:
        # files are read here and segmented by the preparer's workers while earlier files are stored, in file order
        pending: deque[tuple[Path, FileResult | tuple[_Reading, Future[Prepared]]]] = deque()
        for f in _progress(files, progress):
            name = (display_name or {}).get(str(f), f.name)
            if _twin_pending(f, [entry[0] for _, entry in pending if isinstance(entry, tuple)]):
                _store_pending(library, pending, report, 0)  # the twin must be stored before this file is compared with it
            pending.append((f, _guarded(f, _read_one, library, preparer, f, name, manifests)))
            _store_pending(library, pending, report, preparer.window)
        _store_pending(library, pending, report, 0)
    if prune:
        report.files.extend(_prune(library, paths))
    report.files.extend(_restore_orphans(library, Preparer(chunker, library.token_counter, Path(), 0), manifests))
    report.files.extend(FileResult(str(path), "warning", problem) for path, problem in manifests.problems.items())
    if embed:
        report.embedded = _embed(library, progress, ray)
        backend_for(library).publish(library)  # the search backend gets what the store and vector index now hold
    return report


def _embed(library, progress, ray) -> int:
    if ray is None:
        return library.sync_vectors(progress=progress)
    from index.bulk import ray_sync_vectors

    return ray_sync_vectors(library, ray)


def _restore_orphans(library: Library, preparer: Preparer, manifests) -> list[FileResult]:
    """A file stored only as 'duplicate of X' loses its content when X is replaced or removed: ingest it again."""
    store = library.store
    orphans = store.orphan_documents()
    out = []
    for doc in orphans:
        with store.transaction() as db:
            store.delete_document(db, doc["id"])
        path = Path(doc["path"])
        if not path.is_file():
            out.append(FileResult(doc["path"], "removed", "its original was removed and the file is gone"))
            continue
        try:
            read = _read_one(library, preparer, path, doc["name"], manifests)
            out.append(read if isinstance(read, FileResult) else _store_one(library, *read))
        except Exception as exc:
            out.append(FileResult(doc["path"], "failed", f"could not be restored ({exc})"))
    return out


def _progress(files, enabled):
    if not enabled:
        return files
    from tqdm import tqdm

    return tqdm(files, desc="ingest", unit="file")


@dataclass
class _Reading:
    """A file read and checked, waiting for its items and passages to be stored."""
    path: Path
    key: str
    name: str
    sha: str
    size: int
    meta: DocumentMeta
    old: Any
    source: SourceText


def _guarded(path: Path, step: Callable[..., Any], *args) -> Any:
    """step(*args), or a failed FileResult saying why: one bad file never stops the batch."""
    try:
        return step(*args)
    except UnreadableDocument as exc:
        return FileResult(str(path), "failed", str(exc))
    except Exception as exc:  # an unexpected reader/segmenter bug must not lose the batch
        return FileResult(str(path), "failed", f"could not be processed ({type(exc).__name__}: {exc})")


def _twin_pending(path: Path, readings: list[_Reading]) -> bool:
    """Whether a file read but not yet stored is this file or holds the same bytes."""
    if not readings:
        return False
    key = str(path.resolve())
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        sha = None  # reported when the file itself is read
    return any(r.key == key or r.sha == sha for r in readings)


def _store_pending(library: Library, pending: deque, report: IngestReport, keep: int) -> None:
    """Store the oldest pending files, in order, until at most `keep` are left."""
    while len(pending) > keep:
        path, entry = pending.popleft()
        if isinstance(entry, tuple):
            reading, future = entry
            entry = _guarded(path, _store_one, library, reading, future)
            if future.done() and future.exception() is None:
                report.worker_cpu_s += future.result().worker_cpu_s
        report.files.append(entry)


def _read_one(library: Library, preparer: Preparer, path: Path, name: str, manifests) -> FileResult | tuple[_Reading, Future[Prepared]]:
    """Read and check one file: unchanged and duplicate files are settled here; others go to the preparer."""
    store, settings = library.store, library.settings
    key = str(path.resolve())
    size = check_file(path, settings.max_file_bytes)
    data = path.read_bytes()  # read once: the hash and the text come from the same bytes
    sha = hashlib.sha256(data).hexdigest()
    old = store.document_by_path(key)
    if old is not None and old["sha256"] == sha:
        return FileResult(str(path), "unchanged", "already stored (same content hash)")
    meta, manifest_number = manifests.meta_for(path)
    twin = store.document_by_hash(sha, key)
    if twin is not None:
        with store.transaction() as db:
            if old is not None:
                store.delete_document(db, old["id"])
            store.insert_document(db, path=key, name=name, sha=sha, size=size, meta=meta, pages=1, text="", duplicate_of=twin["id"])
        return FileResult(str(path), "duplicate", f"same content as {twin['name']}; cited once under that name")
    source = parse_within_budget(data, path.suffix, settings.max_pdf_pages, settings.read_budget_s, settings.read_memory_mb)
    return _Reading(path, key, name, sha, size, meta, old, source), preparer.submit(source, meta, manifest_number)


def _store_one(library: Library, reading: _Reading, segmented: Future[Prepared]) -> FileResult:
    prepared = segmented.result()  # a segmenter error raised in the worker is raised here
    store, source, old = library.store, reading.source, reading.old
    n_passages = 0
    known = store.item_hashes(old["id"]) if old is not None else set()  # items unchanged in a new version are not new
    with store.transaction() as db:
        if old is not None:
            store.delete_document(db, old["id"])
        doc_id = store.insert_document(db, path=reading.key, name=reading.name, sha=reading.sha, size=reading.size,
                                       meta=reading.meta, pages=len(source.page_starts), text=source.text)
        acronyms = store.acronyms(db, find_acronyms(source.text))
        for seq, (item, passages, counts) in enumerate(zip(prepared.items, prepared.passages, prepared.token_counts)):
            item_id = store.insert_item(db, doc_id, seq, item, reading.sha, source.text)
            store.insert_passages(db, item_id, doc_id, passages, [expansions_in(p.text, acronyms) for p in passages], counts)
            n_passages += len(passages)
    status = "replaced" if old is not None else "added"
    return FileResult(str(reading.path), status, "; ".join(source.notes), len(prepared.items), n_passages,
                      store.new_items(doc_id, known))


def _prune(library: Library, paths) -> list[FileResult]:
    """Remove stored documents that lived under the given folders but are gone from disk."""
    roots = [str(Path(p).resolve()) for p in paths if Path(p).is_dir()]
    out = []
    for doc in library.store.documents():
        if any(doc["path"].startswith(r.rstrip("/") + "/") for r in roots) and not Path(doc["path"]).exists():
            library.remove_document(doc["id"])
            out.append(FileResult(doc["path"], "removed", "file no longer in the corpus"))
    return out
