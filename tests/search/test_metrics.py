"""Tests for search.metrics: hand-built runs with known figures, plus an oracle run on the dev set."""
import json
import math
from pathlib import Path

import pytest

from search.metrics import (
    EvalQuestion,
    abstain_rates,
    load_eval_set,
    passage_hits_entry,
    passage_length_stats,
    ranx_crosscheck,
    score_run,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

DOC_A = "a.txt"
DOC_B = "b.txt"
Q1 = "The Board RESOLVED that the report be noted."
Q2 = "Permanent exclusions\tfell by 18%\u00a0in the year."
Q3 = "Councillor Smith asked about school transport costs."
DOCS = {
    DOC_A: f"Intro line.\n{Q1}\nMiddle text here.\n{Q3}\nEnd.",
    DOC_B: f"Header\n{Q2}\nFooter text.",
}


def hit(doc, text, **kw):
    return {"document": doc, "text": text, **kw}


def q(qid, evidence, type_="fact"):
    return EvalQuestion(qid, "?", [] if type_ == "negative" else ["x"], evidence, type_)


E1 = {"doc": DOC_A, "quote": Q1}
E2 = {"doc": DOC_B, "quote": Q2}
E3 = {"doc": DOC_A, "quote": Q3}
MISS = hit(DOC_A, "Middle text here.", passage_id="m")


def test_text_match_and_doc_must_agree():
    assert passage_hits_entry(hit(DOC_A, f"before {Q1} after"), E1, DOCS)
    assert not passage_hits_entry(hit(DOC_B, Q1), E1, DOCS)  # right text, wrong doc
    assert passage_hits_entry(hit(f"/some/dir/{DOC_A}", Q1), E1, DOCS)  # stored path, same file name


def test_partial_overlap_is_not_a_hit():
    assert not passage_hits_entry(hit(DOC_A, Q1[:20]), E1, DOCS)
    s = DOCS[DOC_A].find(Q1)
    assert not passage_hits_entry(hit(DOC_A, "", start=s + 1, end=s + len(Q1) + 5), E1, DOCS)
    assert not passage_hits_entry(hit(DOC_A, "", start=s, end=s + len(Q1) - 1), E1, DOCS)


def test_whitespace_normalisation_tabs_and_nbsp():
    # Passage text re-flowed: tab -> spaces, U+00A0 -> newline; quote itself holds \t and U+00A0.
    flowed = "Permanent exclusions   fell by 18%\nin the year."
    assert passage_hits_entry(hit(DOC_B, flowed), E2, DOCS)
    # Case-sensitive, and no stripping beyond collapsing.
    assert not passage_hits_entry(hit(DOC_B, flowed.lower()), E2, DOCS)
    # A quote with U+00A0 matches a passage with a plain space.
    e = {"doc": DOC_B, "quote": "fell by 18%\u00a0in"}
    assert passage_hits_entry(hit(DOC_B, "fell by 18% in"), e, DOCS)


def test_offset_match():
    s = DOCS[DOC_A].find(Q1)
    assert passage_hits_entry(hit(DOC_A, "chunk text rewritten", start=s, end=s + len(Q1)), E1, DOCS)
    assert passage_hits_entry(hit(DOC_A, "", start=0, end=len(DOCS[DOC_A])), E1, DOCS)
    assert not passage_hits_entry(hit(DOC_B, "", start=0, end=10_000), E1, DOCS)


def test_mrr_first_hit_at_rank_2():
    res = score_run([q("q1", [E1])], {"q1": [MISS, hit(DOC_A, Q1), MISS]}, DOCS)
    o = res["overall"]
    assert o["mrr@10"] == 0.5
    assert (o["recall@1"], o["recall@5"], o["recall@10"]) == (0.0, 1.0, 1.0)
    assert res["per_question"][0]["first_hit_rank"] == 2


def test_ndcg_two_entries_ranks_1_and_3():
    qs = [q("q1", [E1, E3])]
    res = score_run(qs, {"q1": [hit(DOC_A, Q1), MISS, hit(DOC_A, Q3)]}, DOCS)
    expected = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert res["overall"]["ndcg@10"] == pytest.approx(expected)
    assert res["per_question"][0]["entries_hit@10"] == 2


def test_ndcg_capped_at_one_when_one_passage_covers_two_entries():
    # One passage at rank 1 holds both quotes: DCG = 2, IDCG = 1 + 1/log2(3) < 2, so raw ratio > 1.
    qs = [q("q1", [E1, E3])]
    res = score_run(qs, {"q1": [hit(DOC_A, DOCS[DOC_A])]}, DOCS)
    assert res["overall"]["ndcg@10"] == 1.0


def test_hits_beyond_10_do_not_count():
    res = score_run([q("q1", [E1])], {"q1": [MISS] * 10 + [hit(DOC_A, Q1)]}, DOCS)
    o = res["overall"]
    assert (o["recall@10"], o["mrr@10"], o["ndcg@10"]) == (0.0, 0.0, 0.0)
    assert res["per_question"][0]["first_hit_rank"] == 11  # diagnostics still show where it was


def test_negatives_excluded_and_top_scores():
    qs = [q("q1", [E1]), q("q2", [E2], "paraphrase"), q("n1", [], "negative"), q("n2", [], "negative")]
    runs = {
        "q1": [hit(DOC_A, Q1, score=0.9)],
        "q2": [hit(DOC_A, "nothing", score=0.4)],
        "n1": [hit(DOC_A, Q1, score=0.3)],  # a negative's "hit" must not leak into recall
        # n2 absent: top score 0
    }
    res = score_run(qs, runs, DOCS)
    assert res["overall"]["n"] == 2 and res["overall"]["recall@1"] == 0.5
    assert set(res["by_type"]) == {"fact", "paraphrase"}
    assert res["by_type"]["fact"]["recall@1"] == 1.0 and res["by_type"]["paraphrase"]["recall@10"] == 0.0
    neg = res["negatives"]["top_scores_negative"]
    assert neg["values"] == [0.3, 0.0] and neg["min"] == 0.0 and neg["max"] == 0.3
    assert neg["median"] == pytest.approx(0.15)
    ans = res["negatives"]["top_scores_answerable"]
    assert ans["values"] == [0.9, 0.4] and ans["q1"] == pytest.approx(0.525)
    pq = {r["id"]: r for r in res["per_question"]}
    assert pq["n1"]["first_hit_rank"] is None and pq["n1"]["n_entries"] == 0
    json.dumps(res)  # JSON-serialisable


def test_cross_meeting_coverage():
    qs = [q("c1", [E1, E2, E3], "cross-meeting"), q("c2", [E1, E2], "cross-meeting"), q("f", [E1])]
    runs = {"c1": [hit(DOC_B, Q2), hit(DOC_A, Q3)], "c2": [MISS], "f": [hit(DOC_A, Q1)]}
    res = score_run(qs, runs, DOCS)
    assert res["cross_meeting_coverage@10"] == pytest.approx((2 / 3 + 0) / 2)


def test_abstain_rates_and_length_stats():
    qs = [q("a", [E1]), q("b", [E2]), q("n1", [], "negative"), q("n2", [], "negative")]
    r = abstain_rates(qs, {"a": False, "b": True, "n1": True, "n2": False})
    assert r["abstain_rate_negative"] == 0.5 and r["false_abstain_rate_answerable"] == 0.5
    s = passage_length_stats([{"words": 10, "tokens": 14}, {"words": 30, "tokens": 40}])
    assert s == {"n": 2, "mean_words": 20.0, "max_words": 30, "mean_tokens": 27.0, "max_tokens": 40}


def test_ranx_crosscheck_agrees():
    qs = [q("q1", [E1]), q("q2", [E1, E3], "cross-meeting"), q("q3", [E2]), q("n", [], "negative")]
    runs = {
        "q1": [MISS, hit(DOC_A, Q1, passage_id="p1")],                       # rank 2
        "q2": [hit(DOC_A, Q3, passage_id="p3"), hit(DOC_A, Q1, passage_id="p1")],  # rank 1
        "q3": [MISS, MISS],                                                   # none: skipped in ranx, counts 0
        "n": [hit(DOC_A, Q1, passage_id="p1")],
    }
    out = ranx_crosscheck(qs, runs, DOCS)
    assert out["hit_rate@1"] == pytest.approx(1 / 3)
    assert out["hit_rate@5"] == pytest.approx(2 / 3)
    assert out["mrr@10"] == pytest.approx((0.5 + 1 + 0) / 3)


def test_oracle_run_on_real_dev_set():
    questions = load_eval_set(CORPUS / "dev.jsonl")
    assert len(questions) == 40
    docs = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    runs = {}
    for qu in questions:
        hits = []
        for i, e in enumerate(qu.evidence):
            s = docs[e["doc"]].find(e["quote"])
            assert s >= 0, (qu.id, e)
            hits.append({"document": e["doc"], "text": e["quote"], "passage_id": f"{qu.id}-{i}",
                         "start": s, "end": s + len(e["quote"]), "score": 1.0})
        runs[qu.id] = hits
    text_only = {k: [{**h, "start": None, "end": None} for h in v] for k, v in runs.items()}
    offsets_only = {k: [{**h, "text": "x"} for h in v] for k, v in runs.items()}
    for run in (text_only, offsets_only):
        res = score_run(questions, run, docs)
        o = res["overall"]
        assert o["n"] == 36
        assert o["recall@1"] == o["recall@10"] == o["mrr@10"] == o["ndcg@10"] == 1.0
        assert res["cross_meeting_coverage@10"] == 1.0
        assert res["by_type"]["cross-meeting"]["n"] == 6
    assert ranx_crosscheck(questions, text_only, docs)["hit_rate@1"] == 1.0
