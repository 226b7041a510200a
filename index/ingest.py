"""Incremental, idempotent ingest: read, segment, chunk, store, then embed what the vector index lacks."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from index.chunk import Chunker
from index.dates import format_date
from index.errors import UnreadableDocument
from index.generation import committed, refresh
from index.heal import drop_duplicate_vectors, heal_vocabulary
from index.library import Library
from index.manifest import MANIFEST_NAME, Manifests
from index.read_budget import parse_within_budget
from index.readers import SUPPORTED_SUFFIXES, check_file
from index.resolutions import find_resolutions
from index.segment import segment
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
    bar = _progress(files, progress)
    for f in bar:
        name = (display_name or {}).get(str(f), f.name)
        try:
            report.files.append(_ingest_one(library, chunker, f, name, manifests))
        except UnreadableDocument as exc:
            report.files.append(FileResult(str(f), "failed", str(exc)))
        except Exception as exc:  # an unexpected reader/segmenter bug must not lose the batch
            report.files.append(FileResult(str(f), "failed", f"could not be processed ({type(exc).__name__}: {exc})"))
    if prune:
        report.files.extend(_prune(library, paths))
    report.files.extend(_restore_orphans(library, chunker, manifests))
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


def _restore_orphans(library: Library, chunker: Chunker, manifests) -> list[FileResult]:
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
            out.append(_ingest_one(library, chunker, path, doc["name"], manifests))
        except Exception as exc:
            out.append(FileResult(doc["path"], "failed", f"could not be restored ({exc})"))
    return out


def _progress(files, enabled):
    if not enabled:
        return files
    from tqdm import tqdm

    return tqdm(files, desc="ingest", unit="file")


def _ingest_one(library: Library, chunker: Chunker, path: Path, name: str, manifests) -> FileResult:
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
    items = segment(source, meta)
    if len(items) == 1 and manifest_number and not items[0].number:
        items[0].number = manifest_number
    n_passages = 0
    known = store.item_hashes(old["id"]) if old is not None else set()  # items unchanged in a new version are not new
    with store.transaction() as db:
        if old is not None:
            store.delete_document(db, old["id"])
        doc_id = store.insert_document(db, path=key, name=name, sha=sha, size=size, meta=meta,
                                       pages=len(source.page_starts), text=source.text)
        acronyms = store.acronyms(db, find_acronyms(source.text))
        for seq, item in enumerate(items):
            item_id = store.insert_item(db, doc_id, seq, item, sha, source.text)
            context = passage_context(item)
            # passages that state a decision (not a report merely received) are the ones "resolutions only" finds
            decision_spans = find_resolutions(source.text, item.start, item.end) + [
                (d.start, d.end) for d in item.decisions if d.outcome != "noted"]
            passages = chunker.chunk(source, item, context, decision_spans)
            store.insert_passages(db, item_id, doc_id, passages, [expansions_in(p.text, acronyms) for p in passages],
                                  [library.token_counter(p.context + "\n" + p.clean) for p in passages])
            n_passages += len(passages)
    status = "replaced" if old is not None else "added"
    return FileResult(str(path), status, "; ".join(source.notes), len(items), n_passages, store.new_items(doc_id, known))


def passage_context(item) -> str:
    """Short context embedded with every passage of an item: number, title, body and date."""
    number = f"{item.number} " if item.number else ""
    section = f"{item.section} › " if item.section else ""
    return f"{section}{number}{item.title} — {item.committee or 'unknown body'}, {format_date(item.meeting_date, long=True)}"


def _prune(library: Library, paths) -> list[FileResult]:
    """Remove stored documents that lived under the given folders but are gone from disk."""
    roots = [str(Path(p).resolve()) for p in paths if Path(p).is_dir()]
    out = []
    for doc in library.store.documents():
        if any(doc["path"].startswith(r.rstrip("/") + "/") for r in roots) and not Path(doc["path"]).exists():
            library.remove_document(doc["id"])
            out.append(FileResult(doc["path"], "removed", "file no longer in the corpus"))
    return out
