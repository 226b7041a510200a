"""FTS5's own BM25 ranking, computed from a copy of its postings held in memory: the same scores, bit for bit.

FTS5 finds the passages an OR query matches quickly (0.5 ms at 10k passages) but then calls its `bm25()` function
once per matching row, ~0.7 µs each: 4 ms of a 10k question that matches most passages. Here the postings of the
keyword index (read once from FTS5 itself, through fts5vocab, so terms and stems are exactly FTS5's) sit in arrays,
and a question's scores are a few array operations per term. The arithmetic is FTS5's (`fts5Bm25Function`,
k1 1.2, b 0.75, the IDF floor, phrase by phrase in query order, column weights summed instance by instance), so every
score equals FTS5's double and the ranking is the same, ties in rowid order as SQLite's sorter leaves them. A phrase
of several words (a code, "council s") matches where its words stand at consecutive offsets of one column, as in
FTS5; every instance is kept (row, column, offset in one int) for that.

Built in a background thread when a query finds none or finds the keyword index changed (its structure and averages
records differ from those read at build); until then FTS5 ranks as before. Only libraries up to MAX_PASSAGES (the
size below which the auto engine keeps FTS5) are copied: ~20 MB held per 10k passages (55 MB at the peak of a build).
"""
from __future__ import annotations

import math
import re
import sqlite3
import threading
from pathlib import Path

import numpy as np

from index.generation import ON_NEW_GENERATION
from index.store import fts_terms
from index.store.search_reads import BM25_WEIGHTS
from search.keyword_tantivy import AUTO_MIN_PASSAGES

MAX_PASSAGES = AUTO_MIN_PASSAGES
K1, B = 1.2, 0.75  # fts5_aux.c
WEIGHTS = tuple(float(w) for w in BM25_WEIGHTS.split(","))  # clean, context
QUERY = re.compile(r'"[^"]*"(?: OR "[^"]*")*')
SIGNATURE_SQL = "SELECT id, block FROM passages_fts_data WHERE id IN (1, 10) ORDER BY id"  # averages, structure


def _signature(db) -> tuple:
    return tuple(bytes(r[1]) for r in db.execute(SIGNATURE_SQL))


_phrase_terms: dict[str, tuple[str, ...]] = {}  # a query's phrase -> FTS5's terms for it (porter stems)
PHRASES_REMEMBERED = 100_000


def _terms(phrases: list[str]) -> list[tuple[str, ...]]:
    """Each phrase as FTS5 tokenizes it; the new ones of a query in one call (FTS5's tokenizer is reached through an
    in-memory table). Request threads share the memo: each reads its own answers from a local copy."""
    known = {p: _phrase_terms.get(p) for p in dict.fromkeys(phrases)}
    new = [p for p, terms in known.items() if terms is None]
    if new:
        found = dict(zip(new, map(tuple, fts_terms(new))))
        if len(_phrase_terms) + len(new) > PHRASES_REMEMBERED:
            _phrase_terms.clear()
        _phrase_terms.update(found)
        known.update(found)
    return [known[p] for p in phrases]  # type: ignore[misc]


COLUMN_BIT, ROW_SHIFT = 20, 21  # an instance as one int: row index << 21 | column << 20 | token offset


def _weighted(n_clean: np.ndarray, n_context: np.ndarray) -> np.ndarray:
    """A phrase's frequency in each row as FTS5 sums it: the column weight once per instance, in (column, offset)
    order, so the clean instances (1.0 each: exact) and then 0.4 per context one."""
    freq = n_clean.astype("float64") * WEIGHTS[0]
    for j in range(int(n_context.max()) if len(n_context) else 0):
        freq = np.where(n_context > j, freq + WEIGHTS[1], freq)
    return freq


class MemoryPostings:
    """term -> (row indexes, weighted frequency) and its instances (row, column, offset), in sorted arrays, with each
    row's length term of BM25."""

    def __init__(self, db):
        self.signature = _signature(db)
        self.n_rows = db.execute("SELECT COUNT(*) FROM passages_fts_docsize").fetchone()[0]
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_fts_instances USING fts5vocab(main, passages_fts, 'instance')")
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_fts_terms USING fts5vocab(main, passages_fts, 'row')")
        # every term with its number of instances, and every instance as one int, in the index's order (by term, row,
        # column, offset): one string from SQLite instead of a Python row per instance (0.17 s instead of 0.7 s at 10k)
        vocabulary = db.execute("SELECT term, cnt FROM temp.passages_fts_terms").fetchall()
        packed = db.execute(f"SELECT group_concat(CASE WHEN offset < {(1 << COLUMN_BIT) - 64} THEN (doc << {ROW_SHIFT}) | "
                            f"((col = 'context') << {COLUMN_BIT}) | offset ELSE -1 END) FROM temp.passages_fts_instances").fetchone()[0]
        keys = np.fromstring(packed, dtype=np.int64, sep=",") if packed else np.zeros(0, "int64")
        counts = np.fromiter((c for _, c in vocabulary), "int64", len(vocabulary))
        starts = np.cumsum(counts) - counts  # each term's first instance
        steps = np.diff(keys) > 0
        steps[starts[1:] - 1] = True  # where a term starts, the keys start again
        if int(counts.sum()) != len(keys) or (len(keys) and keys.min() < 0) or not steps.all():
            raise ValueError("the keyword index's instances are not as expected (a column of a million tokens?)")
        terms = [t for t, _ in vocabulary]
        doc = keys >> ROW_SHIFT
        self.rowids = np.unique(doc)
        row = np.searchsorted(self.rowids, doc).astype("int32")
        del doc
        self.keys = (row.astype("int64") << ROW_SHIFT) | (keys & ((1 << ROW_SHIFT) - 1))  # by row index, not rowid
        col = (keys >> COLUMN_BIT) & 1
        del keys, packed
        # one posting per (term, row): instances of a term in a row are adjacent, clean's before context's
        first = np.ones(len(row), bool)
        first[1:] = row[1:] != row[:-1]
        first[starts] = True
        group = np.cumsum(first) - 1
        n = int(first.sum())
        self.freq = _weighted(np.bincount(group, weights=(col == 0), minlength=n).astype("int64"),
                              np.bincount(group, weights=(col == 1), minlength=n).astype("int64"))
        self.doc = row[first]
        postings = np.append(group[starts], n).tolist()  # each term's first posting
        instances = [*starts.tolist(), len(row)]
        self.terms = {t: (postings[i], postings[i + 1], instances[i], instances[i + 1]) for i, t in enumerate(terms)}
        length = np.bincount(row, minlength=len(self.rowids)).astype("float64")
        avgdl = int(length.sum()) / self.n_rows if self.n_rows else 1.0
        self.norm = K1 * (1 - B + B * length / avgdl)  # per row: k1 * (1 - b + b * D / avgdl), as FTS5 computes it

    def _phrase(self, tokens: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """(row indexes, weighted frequency) of a phrase of several words: its words at consecutive offsets of a column."""
        spans = [self.terms.get(t) for t in tokens]
        if any(span is None for span in spans):
            return np.zeros(0, "int64"), np.zeros(0)
        at = self.keys[spans[0][2]:spans[0][3]]  # type: ignore[index]
        for i, span in enumerate(spans[1:], 1):
            later = self.keys[span[2]:span[3]]  # type: ignore[index]
            found = np.minimum(np.searchsorted(later, at + i), len(later) - 1)
            at = at[later[found] == at + i]
        rows = at >> ROW_SHIFT
        idx, first, count = np.unique(rows, return_index=True, return_counts=True)
        n_context = np.add.reduceat((at >> COLUMN_BIT) & 1, first) if len(first) else np.zeros(0, "int64")
        return idx, _weighted(count - n_context, n_context)

    def scores(self, phrases: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
        """(row indexes matched, their scores) for an OR of these phrases, or None if a phrase has no terms."""
        score = np.zeros(len(self.rowids))
        matched = np.zeros(len(self.rowids), bool)
        for phrase, tokens in zip(phrases, _terms(phrases)):
            if not tokens:
                return None
            if len(tokens) == 1:
                start, end, _, _ = self.terms.get(tokens[0], (0, 0, 0, 0))
                idx, f = self.doc[start:end], self.freq[start:end]
            else:
                idx, f = self._phrase(tokens)
            if not len(idx):
                continue
            idf = math.log((self.n_rows - len(idx) + 0.5) / (len(idx) + 0.5))  # rows holding the phrase
            score[idx] += (idf if idf > 0.0 else 1e-6) * ((f * (K1 + 1.0)) / (f + self.norm[idx]))
            matched[idx] = True
        found = np.flatnonzero(matched)
        return found, score[found]

    def ranked(self, query: str, limit: int) -> list[tuple[int, float]] | None:
        """(rowid, score) best first, ties by rowid: what `Store.fts_ranked` returns for this query; None: ask FTS5."""
        if not QUERY.fullmatch(query):
            return None
        got = self.scores(query[1:-1].split('" OR "'))
        if got is None:
            return None
        found, score = got
        if len(found) > limit:  # the best `limit`, and every row tied with the last of them
            cut = -np.partition(-score, limit - 1)[limit - 1]
            keep = score >= cut
            found, score = found[keep], score[keep]
        order = np.lexsort((found, -score))[:limit]
        return list(zip(self.rowids[found[order]].tolist(), score[order].tolist()))


class _Slot:
    """The postings of one database, the thread building them, and what they were built from."""

    def __init__(self):
        self.postings: MemoryPostings | None = None
        self.skipped: tuple | None = None  # the signature of an index past MAX_PASSAGES (or unreadable): not copied
        self.building = False
        self.lock = threading.Lock()


_slots: dict[str, _Slot] = {}
_slots_lock = threading.Lock()


def _slot(store) -> _Slot:
    with _slots_lock:
        return _slots.setdefault(str(store.path), _Slot())


def _build(path: Path, slot: _Slot, seen: tuple):
    """Copy the postings of the database at `path` into `slot` (`seen`: its signature when the build was asked for)."""
    postings, signature = None, seen
    try:
        # a connection of its own, not the store's: closing the store (a test, a short command) never pulls it away
        # from under a build that is still reading
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None)  # never creates an empty database
        try:
            db.execute("BEGIN")  # one snapshot: the signature and the postings read together
            signature = _signature(db)
            if db.execute("SELECT COUNT(*) FROM passages").fetchone()[0] <= MAX_PASSAGES:
                postings = MemoryPostings(db)
        finally:
            db.close()
    except (ValueError, sqlite3.Error):  # an index this copy cannot read: FTS5 ranks it, as past the size
        postings = None
    finally:
        with slot.lock:
            slot.postings, slot.skipped = postings, (None if postings is not None else signature)
            slot.building = False


def current(store, wait: bool = False) -> MemoryPostings | None:
    """The postings of this store's keyword index if they match it now; otherwise None, and a build is started (with
    `wait`, waited for: a benchmark's or a service's warm-up)."""
    slot = _slot(store)
    now = _signature(store.db)
    with slot.lock:
        if slot.postings is not None and slot.postings.signature == now:
            return slot.postings
        if slot.skipped == now:
            return None
        thread = None if slot.building else threading.Thread(target=_build, args=(Path(store.path), slot, now), name="keyword-postings", daemon=True)
        slot.building = True
    if thread is not None:
        try:
            thread.start()
        except RuntimeError:  # no thread to be had (the interpreter is shutting down): FTS5 ranks, and a later call retries
            with slot.lock:
                slot.building = False
            return None
    if not wait:
        return None
    while True:
        with slot.lock:
            if not slot.building:
                postings = slot.postings
                return postings if postings is not None and postings.signature == _signature(store.db) else None
        threading.Event().wait(0.01)


def forget(store) -> None:
    """Drop the copy made for this store's database (the library is closed: the memory goes with it)."""
    with _slots_lock:
        _slots.pop(str(store.path), None)


def _forget(data_dir: Path):
    """Another process wrote a new generation (maybe a rebuilt database): drop what was copied from the old one."""
    with _slots_lock:
        for path in [p for p in _slots if Path(p).parent == Path(data_dir)]:
            del _slots[path]


ON_NEW_GENERATION.append(_forget)
