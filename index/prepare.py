"""Segment and chunk files on every core: the part of ingest that needs no database.

Reading a file's text, finding its agenda items and decisions and cutting them into passages is pure Python and
holds the interpreter's lock; one process does it on one core while the others wait for the embedding step. A batch
of files is therefore segmented in worker processes while the ingesting process stores the files already done
(`Preparer`); one file, or one core, is segmented in-process as before. The results are the same either way.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from index.chunk import Chunker
from index.dates import format_date
from index.records import DocumentMeta, Item, SourceText
from index.resolutions import find_resolutions
from index.segment import segment

MAX_WORKERS = 4  # past this the ingesting process, storing one file at a time, is the slower side


@dataclass
class Prepared:
    """A file's items, each item's passages and each passage's word-piece count (context included)."""
    items: list[Item]
    passages: list[list]
    token_counts: list[list[int]]
    worker_cpu_s: float = 0.0  # CPU time a worker process spent on it (not counted in the ingesting process's own)


def passage_context(item) -> str:
    """Short context embedded with every passage of an item: number, title, body and date."""
    number = f"{item.number} " if item.number else ""
    section = f"{item.section} › " if item.section else ""
    return f"{section}{number}{item.title} — {item.committee or 'unknown body'}, {format_date(item.meeting_date, long=True)}"


def prepare(source: SourceText, meta: DocumentMeta, manifest_number: str | None, chunker: Chunker,
            count_tokens: Callable[[str], int]) -> Prepared:
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
    return Prepared(items, passages, counts)


def ingest_workers(setting: int, files: int) -> int:
    """Worker processes for a batch: the setting, or (0) one per core up to MAX_WORKERS; none for a single file."""
    wanted = setting if setting > 0 else min(MAX_WORKERS, len(os.sched_getaffinity(0)))
    return wanted if wanted > 1 and files > 1 else 0


# -- in a worker process -------------------------------------------------------------------------------------------
_worker: tuple[Chunker, Callable[[str], int]] | None = None


def _start_worker(model_dir: str, passage_tokens: int, max_tokens: int) -> None:
    global _worker
    from index.model import TokenCounter

    counter = TokenCounter(Path(model_dir))
    _worker = (Chunker(counter, passage_tokens, max_tokens), counter)


def _prepare_in_worker(source: SourceText, meta: DocumentMeta, manifest_number: str | None) -> Prepared:
    import time

    assert _worker is not None, "worker not started"
    chunker, counter = _worker
    started = time.process_time()
    prepared = prepare(source, meta, manifest_number, chunker, counter)
    prepared.worker_cpu_s = time.process_time() - started
    return prepared


class Preparer:
    """Segments files in worker processes (or in-process with `workers` 0); used as a context manager."""

    def __init__(self, chunker: Chunker, count_tokens: Callable[[str], int], model_dir: Path, workers: int):
        self.chunker, self.count_tokens = chunker, count_tokens
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._model_dir = model_dir

    def __enter__(self) -> Preparer:
        if self.workers > 1:
            from index.read_budget import worker_context

            # a fork server (a fresh interpreter with the segmenter imported), never a fork of this process's threads
            self._pool = ProcessPoolExecutor(self.workers, mp_context=worker_context(), initializer=_start_worker,
                                             initargs=(str(self._model_dir), self.chunker.target, self.chunker.max))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, source: SourceText, meta: DocumentMeta, manifest_number: str | None) -> Future[Prepared]:
        if self._pool is not None:
            return self._pool.submit(_prepare_in_worker, source, meta, manifest_number)
        done: Future[Prepared] = Future()
        try:
            done.set_result(prepare(source, meta, manifest_number, self.chunker, self.count_tokens))
        except Exception as exc:  # raised where the result is read, as from a worker
            done.set_exception(exc)
        return done

    @property
    def window(self) -> int:
        """Files read ahead of the one being stored: enough to keep every worker busy."""
        return 2 * self.workers if self._pool is not None else 0
