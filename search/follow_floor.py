"""Measure the follow relevance floor on real documents: `python -m search.follow_floor --data-dir DIR`.

DIR holds the default corpus (corpus/) and the 18 other councils' documents (tests/fixtures/documents) ingested.
Topics are short follows a reader would type, each tied to dev-set questions (corpus/dev.jsonl) whose evidence
passages must match. Other councils' documents (US, NZ, Canadian, UK parish minutes) are about other things, so an
item of theirs that matches a Halton children's-services topic is counted as a false alarm (and listed, to read).
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TypedDict

from search.follow_match import MEANING_WEIGHT, score_passages

CORPUS_DEV = Path(__file__).resolve().parent.parent / "corpus" / "dev.jsonl"
TOPICS = {
    "permanent exclusions": ["d001", "d029", "d035"],
    "social workers trained in house": ["d002"],
    "children in care": ["d003", "d033"],
    "new classrooms": ["d004"],
    "JUNO care homes": ["d005"],
    "drugs in secondary schools": ["d006", "d029"],
    "agency staff costs": ["d007", "d027"],
    "out of borough SEND placements": ["d008"],
    "Raise Academy free school": ["d009"],
    "Family Hub digital solution": ["d010", "d023"],
    "school attendance": ["d011", "d030"],
    "social worker recruitment": ["d012", "d017"],
    "mobile phones in schools": ["d013"],
    "artificial intelligence": ["d014"],
    "Eclipse case recording system": ["d016"],
    "foster carers": ["d018", "d031"],
    "school admissions": ["d022"],
    "Education Health and Care Plans": ["d028", "d036"],
    "care leavers": ["d034"],
    "mental health and wellbeing": ["d026"],
}
NOT_MINUTES = ("LABELS.md", "SOURCES.md")  # the fixture folder's descriptions of its documents
FLOORS = [0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70]


class TopicScores(TypedDict):
    best: dict[str, tuple[float, float, float]]  # item id -> (relevance, cosine, share) of its best passage
    evidence: set[str]  # items holding an evidence quote


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def evidence_items(store, questions: dict, ids: list[str]) -> set[str]:
    """Items holding a passage that contains an evidence quote of these questions."""
    out = set()
    for qid in ids:
        for ev in questions[qid]["evidence"]:
            quote = _norm(ev["quote"])[:80]
            for r in store.passages_of_document(ev["doc"]):
                if quote in _norm(r["clean"]):
                    out.add(r["item_id"])
    return out


def measure(library) -> dict:
    store = library.store
    questions = {q["id"]: q for q in (json.loads(line) for line in CORPUS_DEV.read_text().splitlines() if line.strip())}
    # the fixture folder's LABELS.md and SOURCES.md describe the documents; they are not minutes
    rows = [r for r in store.passage_documents() if r["name"] not in NOT_MINUTES]
    item_of = {r["id"]: r["item_id"] for r in rows}
    foreign = {r["item_id"] for r in rows if not r["name"][:3].isdigit()}  # corpus files are named 000_..., 001_...
    halton_items = {r["item_id"] for r in rows} - foreign
    per_topic: dict[str, TopicScores] = {}
    for topic, qids in TOPICS.items():
        best: dict[str, tuple[float, float, float]] = {}
        for pid, rel, cos, share in score_passages(library, topic, list(item_of)):
            if rel > best.get(item_of[pid], (-1,))[0]:
                best[item_of[pid]] = (rel, cos, share)
        per_topic[topic] = {"best": best, "evidence": evidence_items(store, questions, qids)}
    table = []
    for floor in FLOORS:
        found = total = alarms = halton = 0
        for t in per_topic.values():
            hit = {i for i, (rel, _, _) in t["best"].items() if rel >= floor}
            found += len(hit & t["evidence"])
            total += len(t["evidence"])
            alarms += len(hit & foreign)
            halton += len(hit & halton_items)
        table.append({"floor": floor, "evidence_recall": round(found / max(1, total), 3), "evidence_items": total,
                      "foreign_items_matched": alarms, "foreign_rate": round(alarms / (len(foreign) * len(TOPICS)), 4),
                      "halton_items_per_topic": round(halton / len(TOPICS), 1)})
    return {"meaning_weight": MEANING_WEIGHT, "topics": len(TOPICS), "foreign_items": len(foreign),
            "halton_items": len(halton_items), "table": table, "per_topic": per_topic}


def main(argv=None):
    from index.library import Library
    from index.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--floor", type=float, default=None, help="list the foreign items matched at this floor")
    args = ap.parse_args(argv)
    library = Library(Settings(data_dir=Path(args.data_dir)))
    result = measure(library)
    print(f"{result['topics']} topics; {result['halton_items']} corpus items, {result['foreign_items']} other councils' items")
    print(f"{'floor':>6} {'evidence recall':>16} {'other councils matched':>23} {'corpus items/topic':>19}")
    for row in result["table"]:
        print(f"{row['floor']:>6.2f} {row['evidence_recall']:>16.3f} {row['foreign_items_matched']:>10} "
              f"({row['foreign_rate']:.2%}) {row['halton_items_per_topic']:>19}")
    if args.floor is not None:
        titles = library.store.item_titles()
        for topic, t in result["per_topic"].items():
            missed = [i for i in t["evidence"] if t["best"].get(i, (0,))[0] < args.floor]
            for i in missed:
                rel, cos, share = t["best"].get(i, (0, 0, 0))
                print(f"missed  {topic!r}: {titles[i][:60]!r} rel={rel:.3f} cos={cos:.3f} share={share:.2f}")
        foreign_ids = {i for i, name in library.store.item_documents().items()
                       if not "0" <= name[:1] <= "9" and name not in NOT_MINUTES}
        for topic, t in result["per_topic"].items():
            for i, (rel, cos, share) in sorted(t["best"].items(), key=lambda kv: -kv[1][0]):
                if i in foreign_ids and rel >= args.floor:
                    print(f"other council  {topic!r}: {titles[i][:60]!r} rel={rel:.3f} cos={cos:.3f} share={share:.2f}")


if __name__ == "__main__":
    main()
