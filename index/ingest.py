"""Incremental, idempotent ingest: read, segment, chunk, store, then embed what the vector index lacks."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.generation import committed, refresh
from index.heal import drop_duplicate_vectors, heal_vocabulary
from index.ingest_batch import Batch, FileResult
from index.library import Library
from index.manifest import MANIFEST_NAME, Manifests
from index.prepare import ChunkSizes, Preparer, ingest_workers
from index.readers import SUPPORTED_SUFFIXES
from index.writer_lock import writer_lock
from search.backends import backend_for

CHANGED = {"added", "replaced", "duplicate", "removed"}  # statuses that change what is stored


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
    workers = ingest_workers(library.settings.ingest_workers, len(files))
    bar = _progress(len(files), progress)
    with Preparer(ChunkSizes.of(library.settings), library.token_counter, workers) as preparer:
        batch = Batch(library, preparer, manifests, on_stored=bar.update if bar else lambda: None)
        for f in files:
            batch.add(f, (display_name or {}).get(str(f), f.name))
        report.files.extend(batch.finish())
        report.worker_cpu_s = preparer.worker_cpu_s
    if bar:
        bar.close()
    if prune:
        report.files.extend(_prune(library, paths))
    report.files.extend(_restore_orphans(library, manifests))
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


def _restore_orphans(library: Library, manifests) -> list[FileResult]:
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
        batch = Batch(library, Preparer.in_process(library), manifests)
        batch.add(path, doc["name"])
        restored = batch.finish()[0]
        if restored.status == "failed":
            restored = FileResult(doc["path"], "failed", f"could not be restored ({restored.detail})")
        out.append(restored)
    return out


def _progress(total: int, enabled: bool):
    """A progress bar advanced as each file is stored, or None."""
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="ingest", unit="file")


def _prune(library: Library, paths) -> list[FileResult]:
    """Remove stored documents that lived under the given folders but are gone from disk."""
    roots = [str(Path(p).resolve()) for p in paths if Path(p).is_dir()]
    out = []
    for doc in library.store.documents():
        if any(doc["path"].startswith(r.rstrip("/") + "/") for r in roots) and not Path(doc["path"]).exists():
            library.remove_document(doc["id"])
            out.append(FileResult(doc["path"], "removed", "file no longer in the corpus"))
    return out
