"""The two ways of finding the documents a question names, timed on one library: the passages' own text (FTS5
phrase queries over every passage) against the names index (one row a document, index/names.py).

    python -m benchmarks.named_lookup --data-dir DIR [--rounds 3]

DIR is a library `minutes bench --data-dir` kept (or any other). The questions are those of every labelled set
(corpus/dev.jsonl and tests/fixtures/questions/*.jsonl); each round times every question once each way.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def questions() -> list[str]:
    files = [ROOT / "corpus" / "dev.jsonl", *sorted((ROOT / "tests" / "fixtures" / "questions").glob("*.jsonl"))]
    return [json.loads(line)["question"] for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def timed(lookup, qs: list[str]) -> dict:
    ms = []
    for q in qs:
        t = time.perf_counter()
        lookup(q)
        ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * len(ms))], 2), "max_ms": round(ms[-1], 2)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import search.named as named
    from index.library import Library
    from index.settings import Settings

    library = Library(Settings(data_dir=Path(args.data_dir)))
    qs = questions()

    def through(full_text: int):
        def lookup(q: str) -> set[str]:
            named.FULL_TEXT_PASSAGES = full_text  # the size past which the names index answers
            return named.documents_named(library.store, q)
        return lookup

    passages_text, names_index = through(10**12), through(0)
    print(json.dumps({"passages": library.store.largest_passage_id(), "documents": library.store.document_count(), "questions": len(qs)}))
    for r in range(args.rounds):
        for name, lookup in (("passages' text", passages_text), ("names index", names_index)):
            print(json.dumps({"round": r + 1, "lookup": name, **timed(lookup, qs)}))
    library.close()


if __name__ == "__main__":
    main()
