"""Speed benchmark: ingest throughput and query latency per mode, on the default corpus, in one run.

    python benchmarks/bench.py [--repeat N]

Figures are medians over the dev questions; compare modes by their ratio within one run, not across machines.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings
    from search.answer import answer
    from search.metrics import load_eval_set
    from search.retrieve import search

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        lib = Library(Settings(data_dir=Path(tmp)))
        lib.embedder
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = ingest(lib, [ROOT / "corpus"])
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        ingest(lib, [ROOT / "corpus"])
        again = time.perf_counter() - t0
        n = lib.store.passage_count()
        print(f"model load {load:.2f}s; ingest {first:.2f}s for {n} passages ({n / first:.1f}/s, {report.embedded} embedded); "
              f"unchanged re-ingest {again:.3f}s")
        questions = [q.question for q in load_eval_set(ROOT / "corpus" / "dev.jsonl")]
        base = None
        for label, fn in [("keyword", lambda q: search(lib, q, mode="keyword")), ("dense", lambda q: search(lib, q, mode="dense")),
                          ("hybrid", lambda q: search(lib, q)), ("ask", lambda q: answer(lib, q))]:
            times = []
            for _ in range(args.repeat):
                for q in questions:
                    t0 = time.perf_counter()
                    fn(q)
                    times.append(time.perf_counter() - t0)
            med = statistics.median(times) * 1000
            base = base or med
            p95 = sorted(times)[int(0.95 * (len(times) - 1))] * 1000
            print(f"{label:8} median {med:7.1f} ms  p95 {p95:7.1f} ms  ({med / base:.1f}x keyword)")


if __name__ == "__main__":
    main()
