"""Score retrieval runs against the dev eval set, exactly per tests/fixtures/questions/EVAL_FORMAT.md."""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

KS = (1, 5, 10)
_WS = re.compile(r"\s+")


@dataclass
class EvalQuestion:
    """One eval item; evidence entries are {"doc", "quote"} dicts."""
    id: str
    question: str
    answers: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    type: str = "fact"

    @property
    def negative(self) -> bool:
        return self.type == "negative"


def load_eval_set(path: str | Path) -> list[EvalQuestion]:
    """Read a JSONL eval file into EvalQuestion objects (blank lines skipped)."""
    with open(path, encoding="utf-8") as f:
        return [EvalQuestion(**{k: d[k] for k in ("id", "question", "answers", "evidence", "type")})
                for d in map(json.loads, filter(str.strip, f))]


def _norm(s: str) -> str:
    # The README's rule verbatim: collapse whitespace runs (tabs, U+00A0 included), no strip, no casefold.
    return _WS.sub(" ", s)


def passage_hits_entry(hit: dict, entry: dict, doc_texts: dict[str, str]) -> bool:
    """True if the passage comes from the entry's doc and contains its quote (text or offsets)."""
    # basename: tolerate a stored path where the README expects the original file name.
    if os.path.basename(str(hit.get("document", ""))) != entry["doc"]:
        return False
    quote = entry["quote"]
    if _norm(quote) in _norm(hit.get("text") or ""):
        return True
    start, end, doc = hit.get("start"), hit.get("end"), doc_texts.get(entry["doc"])
    if start is None or end is None or doc is None:
        return False
    qs = doc.find(quote)  # offsets are code points over the decoded file (read it with newline="")
    return qs >= 0 and start <= qs and qs + len(quote) <= end  # partial overlap is not a hit


def _entry_ranks(q: EvalQuestion, hits: list[dict], doc_texts) -> list[int | None]:
    """1-based rank of the first passage hitting each evidence entry (None if never hit)."""
    ranks: list[int | None] = []
    for e in q.evidence:
        ranks.append(next((r for r, h in enumerate(hits, 1) if passage_hits_entry(h, e, doc_texts)), None))
    return ranks


def _question_metrics(q: EvalQuestion, hits: list[dict], doc_texts) -> dict:
    ranks = _entry_ranks(q, hits, doc_texts)
    hit_ranks = [r for r in ranks if r is not None]
    first = min(hit_ranks, default=None)  # over the whole run, so diagnostics can show ranks > 10
    m = {f"recall@{k}": float(first is not None and first <= k) for k in KS}
    m["mrr@10"] = 1.0 / first if first is not None and first <= 10 else 0.0
    dcg = sum(1 / math.log2(r + 1) for r in hit_ranks if r <= 10)
    idcg = sum(1 / math.log2(i + 1) for i in range(1, min(len(q.evidence), 10) + 1))
    m["ndcg@10"] = min(1.0, dcg / idcg) if idcg else 0.0  # cap: one long passage may cover two entries
    m["coverage@10"] = sum(r <= 10 for r in hit_ranks) / len(ranks) if ranks else 0.0
    return {"first": first, "entries_hit@10": sum(r <= 10 for r in hit_ranks), **m}


_METRICS = [f"recall@{k}" for k in KS] + ["mrr@10", "ndcg@10"]


def _mean(rows: list[dict], keys=_METRICS) -> dict:
    out = {k: (sum(r[k] for r in rows) / len(rows) if rows else None) for k in keys}
    return {**out, "n": len(rows)}


def _quantile(xs: list[float], p: float) -> float:
    # Linear interpolation between order statistics (numpy's default); fine for n=1.
    pos = p * (len(xs) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary(values: list[float]) -> dict:
    """min, quartiles, max and the raw values (all None when empty)."""
    xs = sorted(float(v) for v in values)
    names = {"min": 0.0, "q1": 0.25, "median": 0.5, "q3": 0.75, "max": 1.0}
    return {**{k: (_quantile(xs, p) if xs else None) for k, p in names.items()}, "values": list(map(float, values))}


def _top_score(hits: list[dict]) -> float:
    return float(hits[0].get("score") or 0.0) if hits else 0.0


def score_run(questions: list[EvalQuestion], runs: dict[str, list[dict]], doc_texts: dict[str, str]) -> dict:
    """All README retrieval metrics for one run; a question missing from `runs` scores as no hits."""
    answerable = [q for q in questions if not q.negative]
    per = {q.id: _question_metrics(q, runs.get(q.id) or [], doc_texts) for q in answerable}
    by_type: dict[str, list[dict]] = {}
    for q in answerable:
        by_type.setdefault(q.type, []).append(per[q.id])
    cross = [per[q.id]["coverage@10"] for q in answerable if q.type == "cross-meeting"]
    return {
        "overall": _mean(list(per.values())),
        "by_type": {t: _mean(rows) for t, rows in sorted(by_type.items())},
        "cross_meeting_coverage@10": sum(cross) / len(cross) if cross else None,
        "negatives": {
            "top_scores_negative": summary([_top_score(runs.get(q.id) or []) for q in questions if q.negative]),
            "top_scores_answerable": summary([_top_score(runs.get(q.id) or []) for q in answerable]),
        },
        "per_question": [
            {"id": q.id, "type": q.type,
             "first_hit_rank": per[q.id]["first"] if q.id in per else None,
             "entries_hit@10": per[q.id]["entries_hit@10"] if q.id in per else 0,
             "n_entries": len(q.evidence)}
            for q in questions
        ],
    }


def abstain_rates(questions: list[EvalQuestion], abstained: dict[str, bool]) -> dict:
    """Abstain rate on negatives and false-abstain rate on answerable questions."""
    # Strict lookup: a question missing from `abstained` is a harness bug, not an answer.
    neg = [bool(abstained[q.id]) for q in questions if q.negative]
    ans = [bool(abstained[q.id]) for q in questions if not q.negative]
    return {"abstain_rate_negative": sum(neg) / len(neg) if neg else None,
            "false_abstain_rate_answerable": sum(ans) / len(ans) if ans else None,
            "n_negative": len(neg), "n_answerable": len(ans)}


def passage_length_stats(passages: list[dict]) -> dict:
    """Mean and max passage length in words and embedder tokens (README: report beside metrics)."""
    out: dict = {"n": len(passages)}
    for k in ("words", "tokens"):
        xs = [p[k] for p in passages]
        out[f"mean_{k}"] = sum(xs) / len(xs) if xs else None
        out[f"max_{k}"] = max(xs, default=None)
    return out


def ranx_crosscheck(questions: list[EvalQuestion], runs: dict[str, list[dict]],
                    doc_texts: dict[str, str], top: int = 10) -> dict:
    """hit_rate@1/5/10 and mrr@10 from ranx over the answerable set; asserts they equal score_run's."""
    from ranx import Qrels, Run, evaluate  # slow (numba) import, only when asked

    answerable = [q for q in questions if not q.negative]
    qrels, run = {}, {}
    for q in answerable:
        hits = (runs.get(q.id) or [])[:top]
        # Rank-prefixed ids: a run may repeat a passage_id (or lack one), and a dict would collapse it.
        ids = [f"{r}:{h.get('passage_id', '')}" for r, h in enumerate(hits, 1)]
        rel = {pid: 1 for pid, h in zip(ids, hits) if any(passage_hits_entry(h, e, doc_texts) for e in q.evidence)}
        if not rel:
            continue  # ranx rejects queries with no relevant doc; they score 0, added back below
        qrels[q.id] = rel
        # Scores encode list order, so ranx ranks exactly as the run does whatever hit["score"] says.
        run[q.id] = {pid: float(len(ids) - i) for i, pid in enumerate(ids)}
    metrics = ["hit_rate@1", "hit_rate@5", "hit_rate@10", "mrr@10"]
    if qrels:
        res = evaluate(Qrels(qrels), Run(run), metrics)
        res = res if isinstance(res, dict) else {metrics[0]: res}
        # Mean over the evaluated subset -> mean over all answerable (skipped queries contribute 0).
        out = {m: float(res[m]) * len(qrels) / len(answerable) for m in metrics}
    else:
        out = {m: 0.0 for m in metrics}
    hand = score_run(questions, runs, doc_texts)["overall"]
    for k in KS:
        assert math.isclose(out[f"hit_rate@{k}"], hand[f"recall@{k}"] or 0.0, abs_tol=1e-9), (k, out, hand)
    assert math.isclose(out["mrr@10"], hand["mrr@10"] or 0.0, abs_tol=1e-9), (out, hand)
    return out
