"""Hybrid retrieval: BM25 and dense rankings fused, filtered and de-duplicated."""
from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from index.errors import MinutesError
from index.limits import DEFAULT_MODE, SEARCH_MODES
from index.text import ascii_words, byte_table
from index.tuning import RetrievalSettings
from search.backends import backend_for
from search.expand import expansion_terms
from search.filters import Filters
from search.hits import load_hits
from search.named import documents_named
from search.sentence_vectors import sentence_vectors

RRF_K = RetrievalSettings().rrf_k  # the defaults of the named settings (index/tuning.py)
RESOLUTION_INTENT = re.compile(r"\b(resolv\w*|resolution\w*|decid\w*|decision\w*|approv\w*|agreed)\b", re.I)


def fuse(rankings: list[list[tuple[int, float]]], weights: list[float], rrf_k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion: robust to the two scorers' different scales."""
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, (pid, _) in enumerate(ranking, 1):
            scores[pid] = scores.get(pid, 0.0) + weight / (rrf_k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def boost_resolutions(store, scored: list[tuple[int, float]], keys: dict | None = None,
                      boost: float = RetrievalSettings().resolution_boost) -> list[tuple[int, float]]:
    """A question about what was resolved or decided prefers the passages that state a resolution."""
    ids = [pid for pid, _ in scored]
    if not ids:
        return scored
    keys = store.duplicate_keys(ids) if keys is None else keys
    marked = {pid for pid in ids if pid in keys and keys[pid]["is_resolution"]}
    return sorted(((pid, boosted(s, boost) if pid in marked else s) for pid, s in scored), key=lambda kv: -kv[1])


def boosted(score: float, factor: float) -> float:
    """A score raised by `factor`: multiplied when positive, divided when negative (a dense-only inner product can be)."""
    return score * factor if score >= 0 else score / factor


WORDS = re.compile(r"\w+")
SHINGLE = 5
ASCII_WORDS = byte_table(keep_underscore=True)  # WORDS's work on ASCII text (index/text.py ascii_words): \w kept


def _words(text: str) -> list[str]:
    """WORDS.findall(text.lower())."""
    words = ascii_words(text, ASCII_WORDS)
    return words if words is not None else WORDS.findall(text.lower())


# Remembered by text (the runs are a function of it alone): every question compares its ~100 candidates, and the
# same passages come back question after question; making their runs was most of the time duplicate collapse took.
# 2,048 texts of the dev corpus hold about 16 MB (longer passages, up to 2-3 times that).
@lru_cache(maxsize=2048)
def _shingles(text: str, n: int = SHINGLE) -> frozenset[int]:
    """The text's runs of n words, each kept as its hash: sets of ints intersect without hashing tuples again
    (a collision between two different runs is about one in 2**64)."""
    words = _words(text)
    if len(words) < n:
        return frozenset((hash(tuple(words)),))
    return frozenset(map(hash, zip(*(words[i:] for i in range(n)))))  # words[i:i + n] for each i, built in C


def distinct(candidates: list[tuple[int, float]], keys: dict, k: int,
             twin_share: float = RetrievalSettings().twin_share) -> list[tuple[int, float, list[int]]]:
    """The first k distinct passages of a ranking, each with the ids of the lower-ranked passages that repeat it.

    A passage repeats the first kept one with its text hash, or from another document with at least `twin_share` of the
    smaller set of 5-word runs in common. The same as collapsing the whole ranking and keeping its first k: once k are
    kept, a later passage can only be another copy of one of them (listed with it) or one that would be kept after
    them (dropped), so no passage is compared with more than k others. `keys` holds each candidate's text hash,
    document and clean text (Store.duplicate_keys); ids absent from it are skipped.

    Most candidates share no run with any kept passage, and few share enough: the runs of every kept passage in one
    set answer that for all of them at once. A candidate can reach `twin_share` with a kept passage only if its runs
    found anywhere among the kept reach that share of the smaller of its own count and the fewest any kept passage
    has; a candidate below that is only checked for a text hash, by lookup.
    """
    kept: list[tuple[int, float, list[int]]] = []
    seen: list[tuple[str, frozenset]] = []  # (document, 5-word runs) of each kept passage
    first_with_hash: dict[str, int] = {}  # text hash -> the first kept passage with it
    runs_kept: set[int] = set()
    fewest = 0  # the fewest runs a kept passage has
    for pid, score in candidates:
        row = keys.get(pid)
        if row is None:
            continue
        sh = _shingles(row["clean"])
        same = first_with_hash.get(row["text_hash"], len(seen))
        twin = same if same < len(seen) else None
        if seen and not sh.isdisjoint(runs_kept) and len(sh & runs_kept) / max(1, min(len(sh), fewest)) >= twin_share:
            document = row["document"]
            for j in range(same):  # a near copy kept before the first one with the same hash comes first
                kdoc, ksh = seen[j]
                if kdoc != document and (0 if sh.isdisjoint(ksh) else len(sh & ksh)) / max(1, min(len(sh), len(ksh))) >= twin_share:
                    twin = j
                    break
        if twin is not None:
            kept[twin][2].append(pid)
        elif len(kept) < k:
            first_with_hash.setdefault(row["text_hash"], len(seen))
            fewest = len(sh) if not seen else min(fewest, len(sh))
            seen.append((row["document"], sh))
            runs_kept |= sh
            kept.append((pid, score, []))
    return kept


def collapse_duplicates(hits: list[dict]) -> list[dict]:
    """One hit per piece of text: the same minutes stored in two files become one hit listing both sources."""
    by_id = {h["passage_id"]: h for h in hits}
    out = []
    for pid, _, twins in distinct([(h["passage_id"], 0.0) for h in hits], by_id, len(hits)):
        hit = by_id[pid]
        hit["also_in"] += [_source(by_id[t]) for t in twins]
        out.append(hit)
    return out


def _source(hit: dict) -> dict:
    return {"document": hit["document"], "item_id": hit["item_id"], "passage_id": hit["passage_id"], "citation": hit["citation"]}


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _legs() -> ThreadPoolExecutor:
    """Threads for the dense legs of hybrid questions (created on first use; requests share them)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dense-leg")
        return _pool


def search(library, question: str, k: int = 10, mode: str = DEFAULT_MODE, filters: Filters | None = None,
           named: set[str] | None = None) -> list[dict]:
    """The k best passages for a question; `named`, the documents the question names, when the caller has looked
    them up already (the answer step reads them too)."""
    if mode not in SEARCH_MODES:
        raise MinutesError(f"mode must be one of {', '.join(SEARCH_MODES)}, not '{mode}'")
    question = (question or "").strip()
    if not question:
        raise MinutesError("the question is empty")
    filters = filters or Filters()
    tuning = library.settings.retrieval
    pool = max(tuning.candidates, k * 3)
    backend = backend_for(library)  # embedded (FTS5 + FAISS) or milvus: the same two legs, fused here alike
    # the answer step compares the question with sentences through the same remembered vectors: embedded once an ask
    vectors = sentence_vectors(library)  # (and the embedder loaded here, not by two legs at once)

    def dense():
        return backend.dense(library, vectors.embed([question])[0], pool, filters)

    if mode == "dense":
        scored = dense()[:pool]
    else:
        # a hybrid question's dense leg (embedding, vector search) runs beside its keyword leg: ONNX Runtime, FAISS,
        # tantivy and SQLite release the GIL, so on two cores the legs overlap instead of adding up
        pending = _legs().submit(dense) if mode == "hybrid" else None
        keyword = backend.keyword(library, question, pool, filters, expansion_terms(library, question))
        scored = (keyword if pending is None else fuse([keyword, pending.result()], [1.0, tuning.dense_weight], tuning.rrf_k))[:pool]
    # only what ranking and duplicate collapse read, for every candidate; the full hit only for the k shown
    keys = library.store.duplicate_keys([pid for pid, _ in scored])
    if named is None:
        named = documents_named(library.store, question) if tuning.named_boost != 1.0 else set()
    if named:  # "the Walnut Creek City Council": its documents' passages first, though they seldom repeat the name
        scored = sorted(((pid, boosted(s, tuning.named_boost) if pid in keys and keys[pid]["document"] in named else s)
                         for pid, s in scored), key=lambda kv: -kv[1])
    if RESOLUTION_INTENT.search(question) and not filters.resolutions_only:
        scored = boost_resolutions(library.store, scored, keys, tuning.resolution_boost)
    kept = distinct(scored, keys, k, tuning.twin_share)
    hits = {h["passage_id"]: h for h in load_hits(library.store, [(pid, score) for pid, score, _ in kept]
                                                  + [(t, 0.0) for _, _, twins in kept for t in twins])}
    out = []
    for pid, _, twins in kept:
        hit = hits.get(pid)
        if hit is not None:
            hit["also_in"] = [_source(hits[t]) for t in twins if t in hits]
            out.append(hit)
    return out
