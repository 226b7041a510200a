"""Timings for a built benchmark library: query latency per mode, dense recall against exact search, embedding throughput."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from search.metrics import load_eval_set

ROOT = Path(__file__).resolve().parent.parent
CODE_QUERIES = ["PED02 04", "CYP23", "RESOLVED report be noted", "children in care", "foster carers recruitment"]


def questions() -> list[str]:
    """The dev questions (real wording) and a few exact codes and phrases."""
    return [q.question for q in load_eval_set(ROOT / "corpus" / "dev.jsonl")] + CODE_QUERIES


def percentiles(times_s: list[float], prefix: str) -> dict:
    ms = np.asarray(times_s) * 1000
    return {f"{prefix}_p50_ms": round(float(np.percentile(ms, 50)), 2), f"{prefix}_p95_ms": round(float(np.percentile(ms, 95)), 2),
            f"{prefix}_p99_ms": round(float(np.percentile(ms, 99)), 2)}


def time_calls(fn, items, repeat: int = 1, cpu: list | None = None) -> list[float]:
    """Wall seconds per call; with `cpu`, also this process's CPU seconds per call appended to it.

    On a shared machine wall time includes waiting for a core; CPU time is what the call itself costs.
    """
    fn(items[0])  # warm: first-call costs (page faults, lazy loads) are cold start, not latency
    out = []
    for _ in range(repeat):
        for item in items:
            c0, t0 = time.process_time(), time.perf_counter()
            fn(item)
            out.append(time.perf_counter() - t0)
            if cpu is not None:
                cpu.append(time.process_time() - c0)
    return out


def query_latency(library, qs: list[str], repeat: int = 1, ask: bool = True) -> dict:
    from search.keyword_memory import current
    from search.retrieve import search

    t0 = time.perf_counter()
    current(library.store, wait=True)  # FTS5's postings copied to memory (a library under 50k passages), as a service
    out: dict = {"keyword_postings_s": round(time.perf_counter() - t0, 2)}  # makes it in the background after its warm-up
    for mode in ("keyword", "dense", "hybrid"):
        cpu: list[float] = []
        out.update(percentiles(time_calls(lambda q, mode=mode: search(library, q, mode=mode), qs, repeat, cpu), mode))
        out.update(percentiles(cpu, f"{mode}_cpu"))
    if ask:
        from search.answer import answer

        errors: list[str] = []
        out.update(percentiles(time_calls(lambda q: _recording(errors, answer, library, q), qs), "ask"))
        out["ask_errors"] = len(errors)  # answers are another module's work: a failure is reported, not hidden or fatal
        if errors:
            out["ask_first_error"] = errors[0]
    return out


def _recording(errors: list, fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - counted and shown in the report
        errors.append(f"{type(exc).__name__}: {exc}")


def dense_recall(library, ids: np.ndarray, matrix: np.ndarray, qs: list[str], k: int = 10) -> float:
    """Recall@k of the configured vector index against exact search over the same vectors."""
    qv = library.embedder.embed_batch(qs)
    truth = np.argsort(-(matrix @ qv.T), axis=0)[:k].T  # exact top-k per question
    hits = []
    for q, t in zip(qv, truth):
        found = {pid for pid, _ in library.vectors.search(q, k)}
        hits.append(len(found & set(ids[t].tolist())) / k)
    return round(float(np.mean(hits)), 4)


def embed_throughput(embedder, texts: list[str]) -> float:
    """Passages per second of the raw embedder on these texts (what ingest's embedding step could reach at best)."""
    return embed_rates(embedder, texts)[0]


def embed_rates(embedder, texts: list[str]) -> tuple[float, float]:
    """Passages per second of the raw embedder on these texts: per second of wall time, and per second of the
    process's CPU time (every thread), which other load on the machine moves far less."""
    embedder.embed_batch(texts[:8])
    t0, cpu0 = time.perf_counter(), time.process_time()
    embedder.embed_batch(texts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return (len(texts) / wall if wall > 0 else 0.0), (len(texts) / cpu if cpu > 0 else 0.0)


def sample_texts(library, n: int) -> list[str]:
    from index.embedder import passage_embedding_text

    rows = library.store.passages_to_embed(sorted(library.store.passage_ids())[:n])
    return [passage_embedding_text(r["context"], r["clean"]) for r in rows]


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def disk_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) / 2**20, 1)
