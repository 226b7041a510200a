"""Side by side with a peer: txtai's hybrid index (same model, same passages) against this project, in one run.

    pip install txtai            # not a dependency of the product
    python -m benchmarks.peer_txtai [--sets corpus/dev.jsonl tests/fixtures/questions/other_councils.jsonl]

For each question set it ingests the set's documents with this project (fresh data directory), then indexes the very
same passages (the same embedding text, the same passage ids) in a txtai Embeddings index with `hybrid: True` and the
bundled all-MiniLM-L6-v2, and reports for both: indexing time (this project's from the files, reading and segmenting
included; txtai's from the passages this project cut), query latency p50/p95 over the set's questions, and Recall@5 /
MRR@10 scored by the same code as `minutes eval`. Compare ratios within one run.
"""
from __future__ import annotations

import argparse
import json
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
        rows = library.store.db.execute("SELECT id, context, clean FROM passages ORDER BY id").fetchall()
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="+", default=list(SET_DOCUMENTS))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json")
    args = parser.parse_args()
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
