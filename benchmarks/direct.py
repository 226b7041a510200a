"""The derived part of a large benchmark corpus, written straight through Store (no reading or segmenting).

The full ingest runs at a few hundred passages a second on 2 cores, so a million passages would take hours of
reading and segmenting text the benchmark itself wrote. Records are built here as the segmenter would build them
(typed Item and Passage, real item numbers, decisions and context) and inserted with the store's own methods, so
the database, its keyword index and its item joins are the same shape as after a real ingest.

Composing the synthetic text and storing it are timed apart: the store's figure (passages/s) is what indexing
passages someone hands over costs, the figure a peer given the same passages is compared on.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks.synthetic import COMMITTEES, DECISIONS, MinutesWriter, Vocabulary
from index.dates import format_date
from index.records import Decision, DocumentMeta, Item, Passage

ITEMS_PER_MEETING = 12
PASSAGES_PER_ITEM = 3


@dataclass
class _Meeting:
    """One synthetic meeting as the segmenter and chunker would hand it to the store."""
    document: dict  # Store.insert_document's keyword arguments
    sha: str
    text: str
    items: list[tuple[Item, list[Passage]]] = field(default_factory=list)


@dataclass
class Stored:
    added: int  # passages added
    compose_s: float  # writing the synthetic text and records
    store_s: float  # storing them: rows, token counts, content hashes, keyword rows, commits


def store_direct(library, n: int, vocab: Vocabulary, seed: int, batch_meetings: int = 50) -> Stored:
    """Add meetings until the store holds at least n passages, a transaction for each `batch_meetings`."""
    store, counter = library.store, library.token_counter
    writer = MinutesWriter(vocab, seed)
    have = store.passage_count()
    added, meeting, compose_s, store_s = 0, 0, 0.0, 0.0
    start = date(2015, 1, 5)
    while have + added < n:
        t0 = time.perf_counter()
        batch = []
        for _ in range(batch_meetings):
            committee, prefix = COMMITTEES[meeting % len(COMMITTEES)]
            day = (start + timedelta(days=(meeting * 7) % 3653)).isoformat()
            batch.append(_compose(writer, seed, meeting, committee, prefix, day))
            added += sum(len(passages) for _, passages in batch[-1].items)
            meeting += 1
            if have + added >= n:
                break
        t1 = time.perf_counter()
        with store.transaction() as db:
            for m in batch:
                _store(store, db, counter, m)
        compose_s, store_s = compose_s + t1 - t0, store_s + time.perf_counter() - t1
    return Stored(added, compose_s, store_s)


def _compose(writer: MinutesWriter, seed: int, k: int, committee: str, prefix: str, day: str) -> _Meeting:
    rng = writer.rng
    items = []
    for seq in range(ITEMS_PER_MEETING):
        minute = writer.minute.get(prefix, 1)
        writer.minute[prefix] = minute + 1
        paragraphs = [writer.paragraph(rng.randint(3, 5)) for _ in range(PASSAGES_PER_ITEM)]
        if rng.random() < 0.15:
            paragraphs.append(writer.table(f"{prefix[:2]}D"))
        resolved = rng.random() < 0.6
        if resolved:
            paragraphs.append("RESOLVED: " + rng.choice(DECISIONS))
        items.append((f"{prefix}{minute}", rng.choice(writer.vocab.titles).upper(), paragraphs, resolved))
    text, spans = "", []
    for number, title, paragraphs, _ in items:
        item_start = len(text)
        text += f"{number} {title}\n"
        offsets = []
        for para in paragraphs:
            offsets.append((len(text), len(text) + len(para)))
            text += para + "\n\n"
        spans.append((item_start, len(text), offsets))
    sha = hashlib.sha256(f"bench-{seed}-{k}".encode()).hexdigest()
    meta = DocumentMeta(committee=committee, meeting_date=day, title=f"Minutes of the {committee}", source="benchmark")
    out = _Meeting({"path": f"/benchmark/{seed}/{k:07d}.txt", "name": f"bench-{seed}-{k:07d}.txt", "sha": sha, "size": len(text),
                    "meta": meta, "pages": 1, "text": text}, sha, text)
    for (number, title, paragraphs, resolved), (start, end, offsets) in zip(items, spans):
        decisions = [Decision(text=paragraphs[-1], outcome="noted" if "noted" in paragraphs[-1] else "approved",
                              start=offsets[-1][0], end=offsets[-1][1])] if resolved else []
        item = Item(number=number, title=title, committee=committee, meeting_date=day, kind="minutes", start=start, end=end,
                    resolutions=[paragraphs[-1]] if resolved else [], decisions=decisions)
        context = f"{number} {title} — {committee}, {format_date(day, long=True)}"
        out.items.append((item, [Passage(s, e, text[s:e], text[s:e], context, is_resolution=resolved and j == len(offsets) - 1)
                                 for j, (s, e) in enumerate(offsets)]))
    return out


def _store(store, db, counter, m: _Meeting) -> None:
    doc_id = store.insert_document(db, **m.document)
    for seq, (item, passages) in enumerate(m.items):
        item_id = store.insert_item(db, doc_id, seq, item, m.sha, m.text)
        store.insert_passages(db, item_id, doc_id, passages, [""] * len(passages),
                              counter.many([f"{p.context}\n{p.clean}" for p in passages]))
