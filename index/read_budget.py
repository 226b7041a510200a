"""Bounded work per file: PDFs and HTML are read in a worker process with a wall-clock and memory budget."""
from __future__ import annotations

import multiprocessing

from index.errors import UnreadableDocument
from index.readers import parse_document
from index.records import SourceText

BUDGETED = {".pdf", ".html", ".htm"}  # parsers whose time a crafted file can blow up (plain text is read in one pass)
_ctx = None


def worker_context():
    """A fork server started once (a fresh interpreter, safe beside the server's threads) with the readers and the
    segmenter imported: file readers (below) and segmenting workers (index/prepare.py) start from it."""
    global _ctx
    if _ctx is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["index.readers", "index.readers.pdf", "index.readers.html", "index.prepare"])
        _ctx = ctx
    return _ctx


def parse_within_budget(data: bytes, suffix: str, max_pdf_pages: int, budget_s: float, memory_mb: int) -> SourceText:
    """parse_document in a worker that is killed after `budget_s` seconds; raises UnreadableDocument with the reason."""
    if budget_s <= 0 or suffix.lower() not in BUDGETED:
        return parse_document(data, suffix, max_pdf_pages)
    ctx = worker_context()
    receiver, sender = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_read, args=(sender, data, suffix, max_pdf_pages, memory_mb), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(budget_s):
            worker.kill()
            raise UnreadableDocument(f"reading took longer than {budget_s:g} s (the per-file budget, MINUTES_READ_BUDGET_S); "
                                     "the file was skipped")
        try:
            kind, payload = receiver.recv()
        except EOFError:  # the worker died without an answer: killed by the kernel or over its memory
            worker.join(5)
            raise UnreadableDocument(f"reading stopped (worker exit code {worker.exitcode}); the file may need more than the "
                                     f"{memory_mb} MB memory budget (MINUTES_READ_MEMORY_MB)") from None
    finally:
        receiver.close()
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join()
    if kind == "ok":
        return payload
    raise UnreadableDocument(payload)


def _read(sender, data: bytes, suffix: str, max_pdf_pages: int, memory_mb: int):
    """In the worker: limit the address space, read, send ("ok", source) or ("failed", reason)."""
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    result: tuple[str, SourceText | str]
    try:
        result = ("ok", parse_document(data, suffix, max_pdf_pages))
    except UnreadableDocument as exc:
        result = ("failed", str(exc))
    except MemoryError:
        result = ("failed", f"reading needed more than the {memory_mb} MB memory budget (MINUTES_READ_MEMORY_MB)")
    except Exception as exc:  # a reader bug: the same wording ingest uses for one in-process
        result = ("failed", f"could not be processed ({type(exc).__name__}: {exc})")
    sender.send(result)
    sender.close()
