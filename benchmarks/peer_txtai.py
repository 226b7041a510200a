"""Side by side with a peer: txtai's hybrid index (same model, same passages) against this project, in one run.

    pip install txtai            # not a dependency of the product
    python -m benchmarks.peer_txtai [--sets corpus/dev.jsonl tests/fixtures/questions/other_councils.jsonl]

For each question set it ingests the set's documents with this project (fresh data directory), then indexes the very
same passages (the same embedding text, the same passage ids) in a txtai Embeddings index with `hybrid: True` and the
bundled all-MiniLM-L6-v2, and reports for both: indexing time (this project's from the files, reading and segmenting
included; txtai's from the passages this project cut), query latency p50/p95 over the set's questions, and Recall@5 /
MRR@10 scored by the same code as `minutes eval`. Compare ratios within one run.

    python -m benchmarks.peer_txtai --passages 100000 [--data-dir DIR]

On the generated corpus of the scale benchmark (built now, through `benchmarks.build`, or a library an earlier
`minutes bench --data-dir DIR` kept): txtai indexes the very passages with the very vectors this project holds
(`method: external`: a derived vector is not something a model can recompute), so both sides index the same
passages and vectors; queries are the dev and code questions, embedded by the same ONNX embedder on both sides. It
reports index passages/s (this project: storing the passages with their keyword rows and building the vector index;
txtai: its BM25 terms index and its FAISS index) and query latency p50/p95, wall and CPU.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET_DOCUMENTS = {
    "corpus/dev.jsonl": ["corpus"],
    "tests/fixtures/questions/other_councils.jsonl": sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "tests/fixtures/documents").iterdir() if p.suffix in (".pdf", ".txt", ".html")),
}


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1)}


def compare(set_path: str, repeat: int) -> dict:
    from txtai import Embeddings

    from index.embedder import passage_embedding_text
    from index.ingest import ingest
    from index.library import Library
    from index.model import model_dir
    from index.settings import Settings
    from search.evaluate import _doc_texts
    from search.hits import load_hits
    from search.metrics import load_eval_set, score_run
    from search.retrieve import search

    questions = load_eval_set(ROOT / set_path)
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Settings(data_dir=Path(tmp)))
        library.embedder  # model load is not ingest
        t0 = time.perf_counter()
        ingest(library, [ROOT / p for p in SET_DOCUMENTS[set_path]])
        ours_ingest = time.perf_counter() - t0
        rows = library.store.passages_to_embed(sorted(library.store.passage_ids()))
        docs = _doc_texts(library.store)

        peer = Embeddings({"path": str(model_dir(library.settings.model_path)), "hybrid": True, "content": False})
        t0 = time.perf_counter()
        peer.index([(r["id"], passage_embedding_text(r["context"], r["clean"]), None) for r in rows])
        peer_ingest = time.perf_counter() - t0

        ours_runs, peer_runs, ours_times, peer_times = {}, {}, [], []
        for _ in range(repeat):
            for q in questions:
                t0 = time.perf_counter()
                ours_runs[q.id] = search(library, q.question, k=10)
                ours_times.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                found = peer.search(q.question, 10)
                peer_times.append(time.perf_counter() - t0)
                peer_runs[q.id] = load_hits(library.store, [(int(pid), float(score)) for pid, score in found])  # (id, score) without content
        out = {}
        for name, runs, seconds, times in (("this project", ours_runs, ours_ingest, ours_times),
                                           ("txtai hybrid", peer_runs, peer_ingest, peer_times)):
            overall = score_run(questions, runs, docs)["overall"]
            out[name] = {"passages": len(rows), "index_s": round(seconds, 1), "passages_per_s": round(len(rows) / seconds, 1),
                         **_percentiles(times), "recall@5": round(overall["recall@5"], 3), "mrr@10": round(overall["mrr@10"], 3)}
        return out


def compare_generated(passages: int, data_dir: str | None, repeat: int, real_max: int = 2000) -> dict:
    """This project and txtai hybrid on the scale benchmark's generated corpus: index time and query latency."""
    import numpy as np
    from txtai import Embeddings

    from benchmarks.build import build
    from benchmarks.measure import questions
    from benchmarks.run import BUILD_FACTS
    from index.embedder import passage_embedding_text
    from index.library import Library
    from index.settings import Settings
    from search.keyword import engine_in_use
    from search.retrieve import search

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(data_dir) if data_dir else Path(tmp) / "data"
        library = Library(Settings(data_dir=folder))
        library.embedder
        if (folder / BUILD_FACTS).is_file():
            facts = {**json.loads((folder / BUILD_FACTS).read_text()), "built": "earlier (kept library)"}
        else:
            built = build(library, Path(tmp) / "files", passages, real_max)
            facts = {**built.facts(), "built": "in this run"}
            del built
        rows = library.store.passages_to_embed(sorted(library.store.passage_ids()))
        ids = [r["id"] for r in rows]
        vectors = library.vectors.vectors_for(ids)  # what this project searches (decoded, for an 8-bit index)
        lookup = {passage_embedding_text(r["context"], r["clean"]): v for r, v in zip(rows, vectors)}

        def transform(texts):  # stored vectors for the passages, the ONNX embedder for questions
            known = [lookup.get(t) for t in texts]
            unknown = [t for t, v in zip(texts, known) if v is None]
            fresh = iter(library.embedder.embed_batch(unknown)) if unknown else iter(())
            return np.vstack([v if v is not None else next(fresh) for v in known])

        peer = Embeddings({"method": "external", "transform": transform, "hybrid": True, "content": False})
        c0, t0 = time.process_time(), time.perf_counter()
        peer.index([(pid, passage_embedding_text(r["context"], r["clean"]), None) for pid, r in zip(ids, rows)])
        peer_index_s, peer_index_cpu = time.perf_counter() - t0, time.process_time() - c0
        lookup.clear()  # questions are embedded; the passages are indexed
        del vectors
        qs = questions()
        from search.keyword_memory import current
        t0 = time.perf_counter()
        current(library.store, wait=True)  # FTS5's postings copied to memory (a small library; timed apart below)
        postings_s = time.perf_counter() - t0
        search(library, qs[0]), peer.search(qs[0], 10)  # warm both
        times: dict[str, list[float]] = {"this project": [], "txtai hybrid": []}
        cpu: dict[str, list[float]] = {"this project": [], "txtai hybrid": []}
        for _ in range(repeat):
            for q in qs:
                for name, fn in (("this project", lambda q=q: search(library, q, k=10)), ("txtai hybrid", lambda q=q: peer.search(q, 10))):
                    c0, t0 = time.process_time(), time.perf_counter()
                    fn()
                    times[name].append(time.perf_counter() - t0)
                    cpu[name].append(time.process_time() - c0)
        n = len(ids)
        ours_rate = facts.get("store_passages_per_s")
        out = {"this project": {"passages": n, "index_passages_per_s": ours_rate, "keyword_engine": engine_in_use(library.store),
                                "index": library.vectors.kind, "keyword_postings_s": round(postings_s, 2), **_percentiles(times["this project"]),
                                "cpu_p50_ms": _percentiles(cpu["this project"])["p50_ms"], **facts},
               "txtai hybrid": {"passages": n, "index_s": round(peer_index_s, 1), "index_cpu_s": round(peer_index_cpu, 1),
                                "index_passages_per_s": round(n / peer_index_s, 1), **_percentiles(times["txtai hybrid"]),
                                "cpu_p50_ms": _percentiles(cpu["txtai hybrid"])["p50_ms"]}}
        library.close()
        return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="+", default=list(SET_DOCUMENTS))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--passages", type=int, help="the scale benchmark's generated corpus of this size, not the question sets")
    parser.add_argument("--data-dir", help="with --passages: a library `minutes bench --data-dir` kept (or where to build one)")
    parser.add_argument("--json")
    args = parser.parse_args()
    if args.passages:
        result = compare_generated(args.passages, args.data_dir, args.repeat)
        print("| system | passages | index passages/s | query p50 ms | query p95 ms | query CPU p50 ms |")
        print("|---|---|---|---|---|---|")
        for name, r in result.items():
            print(f"| {name} | {r['passages']:,} | {r['index_passages_per_s']} | {r['p50_ms']} | {r['p95_ms']} | {r['cpu_p50_ms']} |")
        if args.json:  # with the conditions of the run: timings on a shared machine mean little without the load
            run = {"date": datetime.date.today().isoformat(), "cores": os.cpu_count(), "load_average": round(os.getloadavg()[0], 2)}
            Path(args.json).write_text(json.dumps({**result, "run": run}, indent=1))
        return
    results = {s: compare(s, args.repeat) for s in args.sets}
    print("| set | system | passages | index s | passages/s | query p50 ms | query p95 ms | R@5 | MRR@10 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s, systems in results.items():
        for name, r in systems.items():
            print(f"| {s} | {name} | {r['passages']} | {r['index_s']} | {r['passages_per_s']} | {r['p50_ms']} | {r['p95_ms']} | "
                  f"{r['recall@5']} | {r['mrr@10']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
