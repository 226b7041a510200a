"""The derived part of a large benchmark corpus, written straight through Store (no reading or segmenting).

The full ingest runs at a few hundred passages a second on 2 cores, so a million passages would take hours of
reading and segmenting text the benchmark itself wrote. Records are built here as the segmenter would build them
(typed Item and Passage, real item numbers, decisions and context) and inserted with the store's own methods, so
the database, its keyword index and its item joins are the same shape as after a real ingest.
"""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

from benchmarks.synthetic import COMMITTEES, DECISIONS, MinutesWriter, Vocabulary
from index.dates import format_date
from index.records import Decision, DocumentMeta, Item, Passage

ITEMS_PER_MEETING = 12
PASSAGES_PER_ITEM = 3


def store_direct(library, n: int, vocab: Vocabulary, seed: int, batch_meetings: int = 50) -> int:
    """Add meetings until the store holds at least n passages; returns how many passages were added."""
    store, counter = library.store, library.token_counter
    writer = MinutesWriter(vocab, seed)
    have = store.passage_count()
    added, meeting = 0, 0
    start = date(2015, 1, 5)
    while have + added < n:
        with store.transaction() as db:
            for _ in range(batch_meetings):
                committee, prefix = COMMITTEES[meeting % len(COMMITTEES)]
                day = (start + timedelta(days=(meeting * 7) % 3653)).isoformat()
                added += _meeting(store, db, counter, writer, seed, meeting, committee, prefix, day)
                meeting += 1
                if have + added >= n:
                    break
    return added


def _meeting(store, db, counter, writer: MinutesWriter, seed: int, k: int, committee: str, prefix: str, day: str) -> int:
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
    doc_id = store.insert_document(db, path=f"/benchmark/{seed}/{k:07d}.txt", name=f"bench-{seed}-{k:07d}.txt", sha=sha,
                                   size=len(text), meta=meta, pages=1, text=text)
    added = 0
    for seq, ((number, title, paragraphs, resolved), (start, end, offsets)) in enumerate(zip(items, spans)):
        decisions = [Decision(text=paragraphs[-1], outcome="noted" if "noted" in paragraphs[-1] else "approved",
                              start=offsets[-1][0], end=offsets[-1][1])] if resolved else []
        item = Item(number=number, title=title, committee=committee, meeting_date=day, kind="minutes", start=start, end=end,
                    resolutions=[paragraphs[-1]] if resolved else [], decisions=decisions)
        item_id = store.insert_item(db, doc_id, seq, item, sha, text)
        context = f"{number} {title} — {committee}, {format_date(day, long=True)}"
        passages = [Passage(s, e, text[s:e], text[s:e], context, is_resolution=resolved and j == len(offsets) - 1)
                    for j, (s, e) in enumerate(offsets)]
        tokens = counter.many([f"{p.context}\n{p.clean}" for p in passages])
        for pseq, (p, t) in enumerate(zip(passages, tokens)):
            store.insert_passage(db, item_id, doc_id, pseq, p, "", t)
        added += len(passages)
    return added
