"""`minutes eval`: run a question set through retrieval (and answers) and score it by the eval rules."""
from __future__ import annotations

import json

from index.limits import DEFAULT_MODE
from search.metrics import (
    load_eval_set,
    passage_length_stats,
    ranx_crosscheck,
    score_run,
)
from search.hits import public_hit
from search.models import Hit, public
from search.retrieve import search



def _doc_texts(store) -> dict[str, str]:
    return store.document_texts()


def _passage_lengths(store) -> dict:
    return passage_length_stats([{"words": words, "tokens": tokens} for words, tokens in store.passage_sizes()])


def halves(questions) -> dict[str, str]:
    """A fixed split of the set into 'tune' (rules may be fitted on it) and 'check': within each question type, in id
    order, alternate questions go to each half, so both halves hold every type."""
    out: dict[str, str] = {}
    by_type: dict[str, list] = {}
    for q in sorted(questions, key=lambda q: q.id):
        by_type.setdefault(q.type, []).append(q)
    for group in by_type.values():
        for i, q in enumerate(group):
            out[q.id] = "tune" if i % 2 == 0 else "check"
    return out


def evaluate(library, set_path: str, mode: str = DEFAULT_MODE, k: int = 10, runs_out: str | None = None, answers: bool = True,
             half: str | None = None) -> dict:
    questions = load_eval_set(set_path)
    split = halves(questions)
    questions = [q for q in questions if half is None or split[q.id] == half]
    # each hit as the API shows it (search.models.Hit): what is scored is what users see
    runs = {q.id: [public(Hit, public_hit(h)) for h in search(library, q.question, k=k, mode=mode)] for q in questions}
    docs = _doc_texts(library.store)
    result = {"set": set_path, "mode": mode, "half": half or "all", "questions": len(questions), "retrieval": score_run(questions, runs, docs),
              "passage_length": _passage_lengths(library.store)}
    result["ranx_crosscheck"] = ranx_crosscheck(questions, runs, docs)
    if answers:
        from search.answer_eval import score_answers

        result["answers"] = score_answers(library, questions, docs)
    if runs_out:
        with open(runs_out, "w", encoding="utf-8") as fh:
            for q in questions:
                fh.write(json.dumps({"id": q.id, "hits": runs[q.id]}, ensure_ascii=False) + "\n")
    return result


def _fmt3(value) -> str:
    """A figure to three places; '-' where the set holds no question it applies to (no cross-meeting questions)."""
    return "-" if value is None else f"{value:.3f}"


def print_report(result: dict) -> str:
    r = result["retrieval"]
    lines = [f"{result['set']}  mode={result['mode']}  half={result.get('half', 'all')}  questions={result['questions']}"]
    cols = ["recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10"]
    lines.append(f"{'':16}" + "".join(f"{c:>10}" for c in cols) + f"{'n':>5}")
    lines.append(f"{'overall':16}" + "".join(f"{r['overall'][c]:>10.3f}" for c in cols) + f"{r['overall']['n']:>5}")
    for t, m in sorted(r["by_type"].items()):
        lines.append(f"{t:16}" + "".join(f"{m[c]:>10.3f}" for c in cols) + f"{m['n']:>5}")
    lines.append(f"cross-meeting evidence coverage@10: {_fmt3(r['cross_meeting_coverage@10'])}")
    neg, ans = r["negatives"]["top_scores_negative"], r["negatives"]["top_scores_answerable"]
    fmt = lambda s: " ".join(f"{k}={s[k]:.4f}" for k in ("min", "q1", "median", "q3", "max") if s.get(k) is not None)
    lines.append(f"top-1 score, negatives:  {fmt(neg)}")
    lines.append(f"top-1 score, answerable: {fmt(ans)}")
    pl = result["passage_length"]
    lines.append(f"passages: {pl['n']}, words mean {pl['mean_words']:.1f} max {pl['max_words']}, "
                 f"tokens mean {pl['mean_tokens']:.1f} max {pl['max_tokens']}")
    if "answers" in result:
        a = result["answers"]
        lines.append(f"answers: acceptable (strict) {a['acceptable_rate']:.3f}, acceptable (all words) {a['acceptable_token_rate']:.3f}, "
                     f"evidence passage cited {a['evidence_hit_rate']:.3f}, evidence sentence cited {a['evidence_sentence_rate']:.3f}")
        lines.append(f"quotes: {a['quotes_per_answer']:.2f} per single-meeting answer, {a['quote_precision']:.3f} of them holding evidence")
        lines.append(f"cross-meeting: entries cited (passages) {_fmt3(a['cross_meeting_entries_cited'])}, evidence sentences cited over "
                     f"{a['n_multi_meeting']} multi-meeting questions {_fmt3(a['multi_meeting_sentence_coverage'])} (meetings covered "
                     f"{_fmt3(a['multi_meeting_meeting_coverage'])}, points from meetings with evidence {_fmt3(a['multi_meeting_point_precision'])}); "
                     f"abstain on negatives {_fmt3(a['abstain_rate_negative'])}, false abstain {_fmt3(a['false_abstain_rate_answerable'])}; "
                     f"citations exact: {a['citations_exact']}")
    return "\n".join(lines)
