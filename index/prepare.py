"""Segment and chunk files on every core: the part of ingest that needs no database.

Finding a file's agenda items and decisions and cutting them into passages is pure Python and holds the
interpreter's lock; one process did it on one core while the others waited for the embedding step. A batch of files
is therefore segmented in worker processes while the ingesting process stores the files already done (`Preparer`);
one file, or one core, is segmented in-process. The results are the same either way (tests/index/test_prepare.py).
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from index.chunk import Chunker
from index.dates import format_date
from index.model import TokenCounter, model_dir
from index.names import names_text
from index.records import DocumentMeta, Item, Passage, SourceText
from index.resolutions import find_resolutions
from index.segment import segment

MAX_WORKERS = 4  # past this the ingesting process, storing one file at a time, is the slower side


@dataclass(frozen=True)
class ChunkSizes:
    """Everything a worker needs to cut passages as the ingesting process would: the model's tokenizer and sizes."""
    model_dir: Path
    target_tokens: int
    max_tokens: int

    @classmethod
    def of(cls, settings) -> ChunkSizes:
        return cls(model_dir(settings.model_path), settings.passage_tokens, settings.max_seq_tokens - 2)

    def chunker(self, counter: Callable[[str], int]) -> Chunker:
        return Chunker(counter, self.target_tokens, self.max_tokens)


@dataclass
class Prepared:
    """A file's items, each item's passages and each passage's word-piece count (context included)."""
    items: list[Item]
    passages: list[list[Passage]]
    token_counts: list[list[int]]
    names: str = ""  # the file's distinct names, for the names index (index/names.py), read here on a worker's core
    worker: tuple[int, float] | None = field(default=None)  # (pid, that worker's CPU seconds so far), from a worker


def passage_context(item) -> str:
    """Short context embedded with every passage of an item: number, title, body and date."""
    number = f"{item.number} " if item.number else ""
    section = f"{item.section} › " if item.section else ""
    return f"{section}{number}{item.title} — {item.committee or 'unknown body'}, {format_date(item.meeting_date, long=True)}"


def prepare(source: SourceText, meta: DocumentMeta, manifest_number: str | None, chunker: Chunker,
            count_tokens: Callable[[str], int]) -> Prepared:
    """A file's items (numbered from its manifest when it holds one unnumbered item) and their passages."""
    items = segment(source, meta)
    if len(items) == 1 and manifest_number and not items[0].number:
        items[0].number = manifest_number
    passages, counts = [], []
    for item in items:
        # passages that state a decision (not a report merely received) are the ones "resolutions only" finds
        decision_spans = find_resolutions(source.text, item.start, item.end) + [
            (d.start, d.end) for d in item.decisions if d.outcome != "noted"]
        cut = chunker.chunk(source, item, passage_context(item), decision_spans)
        passages.append(cut)
        counts.append([count_tokens(p.context + "\n" + p.clean) for p in cut])
    return Prepared(items, passages, counts, names_text(meta.committee, meta.title, source.text))


def ingest_workers(setting: int, n_files: int) -> int:
    """Worker processes for a batch: the setting, or (0) one per core up to MAX_WORKERS; none for a single file."""
    from index.embedder import cpu_workers

    wanted = setting if setting > 0 else min(MAX_WORKERS, cpu_workers())
    return wanted if wanted > 1 and n_files > 1 else 0


# -- in a worker process -------------------------------------------------------------------------------------------
_worker: tuple[Chunker, TokenCounter] | None = None


def _start_worker(sizes: ChunkSizes) -> None:
    global _worker
    counter = TokenCounter(sizes.model_dir)
    _worker = (sizes.chunker(counter), counter)


def _prepare_in_worker(source: SourceText, meta: DocumentMeta, manifest_number: str | None) -> Prepared:
    assert _worker is not None, "worker not started"
    chunker, counter = _worker
    prepared = prepare(source, meta, manifest_number, chunker, counter)
    prepared.worker = (os.getpid(), time.process_time())  # start-up included: the worker exists for this batch
    return prepared


class Preparer:
    """Segments files in worker processes (in-process with `workers` 0); a context manager."""

    def __init__(self, sizes: ChunkSizes, counter: TokenCounter, workers: int):
        self.sizes, self.counter, self.workers = sizes, counter, workers
        self.chunker = sizes.chunker(counter)
        self._pool: ProcessPoolExecutor | None = None
        self._cpu: dict[int, float] = {}

    @classmethod
    def in_process(cls, library) -> Preparer:
        return cls(ChunkSizes.of(library.settings), library.token_counter, 0)

    def __enter__(self) -> Preparer:
        if self.workers > 1:  # the processes start with the first file submitted, none if every file is unchanged
            from index.read_budget import worker_context

            # a fork server (a fresh interpreter with the segmenter imported), never a fork of this process's threads
            self._pool = ProcessPoolExecutor(self.workers, mp_context=worker_context(), initializer=_start_worker,
                                             initargs=(self.sizes,))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, source: SourceText, meta: DocumentMeta, manifest_number: str | None) -> Future[Prepared]:
        if self._pool is not None:
            try:
                return self._pool.submit(_prepare_in_worker, source, meta, manifest_number)
            except BrokenProcessPool:
                self._pool = None  # a worker died (killed for memory, say): the rest of the batch is segmented here
        done: Future[Prepared] = Future()
        try:
            done.set_result(self._here(source, meta, manifest_number))
        except Exception as exc:  # raised where the result is read, as from a worker
            done.set_exception(exc)
        return done

    def result(self, future: Future[Prepared], source: SourceText, meta: DocumentMeta, manifest_number: str | None) -> Prepared:
        """The file's result; segmented again here if its worker died, so one lost worker fails no file."""
        try:
            prepared = future.result()
        except BrokenProcessPool:
            self._pool = None
            return self._here(source, meta, manifest_number)
        if prepared.worker is not None:
            pid, cpu = prepared.worker
            self._cpu[pid] = max(cpu, self._cpu.get(pid, 0.0))
        return prepared

    def _here(self, source: SourceText, meta: DocumentMeta, manifest_number: str | None) -> Prepared:
        return prepare(source, meta, manifest_number, self.chunker, self.counter)

    @property
    def worker_cpu_s(self) -> float:
        """CPU time the workers spent, their start-up included (not counted in this process's own)."""
        return sum(self._cpu.values())

    @property
    def window(self) -> int:
        """Files read ahead of the one being stored: enough to keep every worker busy."""
        return 2 * self.workers if self._pool is not None else 0
