"""Hybrid retrieval: BM25 and dense rankings fused, filtered and de-duplicated."""
from __future__ import annotations

import re

from index.errors import MinutesError
from search.backends import backend_for
from search.expand import expansion_terms
from search.filters import Filters
from search.hits import load_hits

MODES = ("hybrid", "keyword", "dense")
RRF_K = 10  # a small k lets the top of each ranking dominate
CANDIDATES = 100
RESOLUTION_INTENT = re.compile(r"\b(resolv\w*|resolution\w*|decid\w*|decision\w*|approv\w*|agreed)\b", re.I)
RESOLUTION_BOOST = 1.3
DENSE_WEIGHT = 0.5  # MiniLM alone ranks below BM25 on minutes; it breaks ties and rescues paraphrases


def fuse(rankings: list[list[tuple[int, float]]], weights: list[float]) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion: robust to the two scorers' different scales."""
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, (pid, _) in enumerate(ranking, 1):
            scores[pid] = scores.get(pid, 0.0) + weight / (RRF_K + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def boost_resolutions(store, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """A question about what was resolved or decided prefers the passages that state a resolution."""
    ids = [pid for pid, _ in scored]
    if not ids:
        return scored
    marked = {r[0] for r in store.db.execute(
        f"SELECT id FROM passages WHERE is_resolution = 1 AND id IN ({','.join('?' * len(ids))})", ids)}
    return sorted(((pid, s * RESOLUTION_BOOST if pid in marked else s) for pid, s in scored), key=lambda kv: -kv[1])


def _shingles(text: str, n: int = 5) -> set:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


def collapse_duplicates(hits: list[dict]) -> list[dict]:
    """One hit per piece of text: the same minutes stored in two files become one hit listing both sources."""
    kept: list[dict] = []
    for hit in hits:
        sh = _shingles(hit["clean"])
        twin = None
        for k in kept:
            if k["text_hash"] == hit["text_hash"] or (
                    k["document"] != hit["document"] and len(sh & k["_sh"]) / max(1, min(len(sh), len(k["_sh"]))) >= 0.8):
                twin = k
                break
        if twin is not None:
            twin["also_in"].append({"document": hit["document"], "item_id": hit["item_id"], "passage_id": hit["passage_id"],
                                    "citation": hit["citation"]})
            continue
        hit["_sh"] = sh
        kept.append(hit)
    for k in kept:
        k.pop("_sh", None)
    return kept


def search(library, question: str, k: int = 10, mode: str = "hybrid", filters: Filters | None = None) -> list[dict]:
    if mode not in MODES:
        raise MinutesError(f"mode must be one of {', '.join(MODES)}, not '{mode}'")
    question = (question or "").strip()
    if not question:
        raise MinutesError("the question is empty")
    filters = filters or Filters()
    pool = max(CANDIDATES, k * 3)
    backend = backend_for(library)  # embedded (FTS5 + FAISS) or milvus: the same two legs, fused here alike
    rankings, weights = [], []
    if mode in ("hybrid", "keyword"):
        rankings.append(backend.keyword(library, question, pool, filters, expansion_terms(library, question)))
        weights.append(1.0)
    if mode in ("hybrid", "dense"):
        qvec = library.embedder.embed_batch([question])[0]
        rankings.append(backend.dense(library, qvec, pool, filters))
        weights.append(DENSE_WEIGHT)
    scored = rankings[0] if len(rankings) == 1 else fuse(rankings, weights)
    if RESOLUTION_INTENT.search(question) and not filters.resolutions_only:
        scored = boost_resolutions(library.store, scored[:pool])
    hits = collapse_duplicates(load_hits(library.store, scored[: pool]))
    return hits[:k]
