"""After an ingest: run every follow against the items it added or changed, and record matches above the floor."""
from __future__ import annotations

import logging

from pydantic import BaseModel, Field

from index.errors import MinutesError

from search.follow_match import RELEVANCE_FLOOR, excerpt, passage_vectors, score_passages
from search.follow_types import parse_filters
from search.hits import load_hits

QUOTE_CHARS = 600
log = logging.getLogger(__name__)


class FollowRun(BaseModel):
    """What one ingest run found: the new items it looked at and, per follow, the ids of the matches recorded."""

    run_id: int | None = Field(None, description="None when there was nothing to run (no follows or no new items).")
    items: int = 0
    matches: dict[str, list[int]] = Field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.matches.values())


def _best_per_item(scored, item_of) -> dict[str, tuple[int, float]]:
    best: dict[str, tuple[int, float]] = {}
    for pid, rel, _, _ in scored:
        item = item_of[pid]
        if rel >= RELEVANCE_FLOOR and rel > best.get(item, (0, -1.0))[1]:
            best[item] = (pid, rel)
    return best


def run_follows(library, new_items: list[str]) -> FollowRun:
    """Match each follow against the new items only; one match per (follow, item text), however often it is ingested.
    The caller holds the library's write lock."""
    store = library.store
    follows = store.follows()
    if not follows or not new_items:
        return FollowRun(items=len(new_items))
    run = FollowRun(run_id=store.start_follow_run(len(new_items)), items=len(new_items))
    # the new passages' vectors and all the topics' embeddings once, however many follows there are
    vectors = passage_vectors(library, store.passages_of_items(new_items))
    topics = library.embedder.embed_batch([f["query"] for f in follows])
    for follow, topic in zip(follows, topics):
        try:
            where, args = parse_filters(follow["filters"]).search_filters().sql()
        except MinutesError as exc:  # a hand-edited row must not fail the ingest that already stored its documents
            log.warning("follow %s skipped: %s", follow["id"], exc)
            continue
        pids = store.passages_of_items(new_items, where, tuple(args))
        rows = store.passage_texts(pids)
        scored = score_passages(library, follow["query"], pids, vectors, topic)
        best = _best_per_item(scored, {pid: r["item_id"] for pid, r in rows.items()})
        hits = load_hits(store, sorted(best.values(), key=lambda kv: -kv[1]))
        found = []
        for hit in hits:
            quote = excerpt(hit["clean"], follow["query"], QUOTE_CHARS)
            match_id = store.insert_follow_match(follow["id"], run.run_id, rows[hit["passage_id"]]["item_hash"], {
                **hit, "quote": quote, "start": hit["item_start"], "end": hit["item_end"], "score": hit["score"]})
            if match_id is not None:
                found.append(match_id)
        if found:
            run.matches[follow["id"]] = found
    return run
