"""Score the segmenter on labelled documents: item boundaries, meeting date and body, decisions, boilerplate.

A folder holds documents and `labels/<file>.json` (format: tests/fixtures/documents/LABELS.md). Each document
is read and segmented exactly as ingest does, without a database. Documents are split into two fixed halves
by a hash of their names ('tune' and 'held-out') so that a rule can be judged on documents it was not tuned on.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import MinutesError, UnreadableDocument
from index.readers import parse_document
from index.records import DocumentMeta, Item
from index.segment import segment

NOT_AGENDA_ITEMS = {"preamble", "agenda"}  # the document's header and front matter are not agenda items
SAME_OUTCOME = {"approved": "carried", "amended": "carried", "carried": "carried", "failed": "failed", "deferred": "deferred",
                "noted": "noted"}
_FILLER = {"of", "the", "and", "for", "to", "a", "&", "on", "in", "at"}
_GENERIC = {"city", "town", "village", "county", "borough", "council", "board", "committee", "commission", "parish", "township",
            "district", "authority", "directors", "trustees", "commissioners", "regular", "special", "meeting", "common"}


@dataclass
class DocScore:
    file: str
    half: str
    expected_items: int
    predicted_items: int
    matched_items: int
    date_ok: bool
    body_ok: bool
    expected_decisions: int
    found_decisions: int
    outcome_ok: int
    votes_expected: int
    votes_ok: int
    boilerplate_leaks: list[str] = field(default_factory=list)
    detail: dict = field(default_factory=dict)


def half_of(name: str) -> str:
    return "tune" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def _words(s: str | None) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", (s or "").lower()) if w not in _FILLER]


def norm_number(n: str | None) -> str | None:
    if n is None:
        return None
    n = re.sub(r"^(?:agenda\s+)?item\s+|^minute\s+(?:no\.?\s*)?", "", str(n).strip(), flags=re.I)
    n = re.sub(r"^\((\w{1,4})\)$", r"\1", re.sub(r"\s+", "", n))  # "(A)" and "A" are the same number
    return re.sub(r"[.:)]+$", "", n).lower() or None


def title_similarity(a: str, b: str) -> float:
    wa, wb = set(_words(a)), set(_words(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def same_number(labelled: str, printed: str) -> bool:
    """The same item number, where a label may name a lettered sub-item with its parent ("3(a)", "2.A", "5a") while
    the document prints the letter alone ("(a)", "A.", "a.")."""
    if labelled == printed:
        return True
    parent = labelled[: -len(printed)] if labelled.endswith(printed) else ""
    # ...or a numbered list's item with every parent ("V.C.1", "3.1" for a "1." printed under "3)")
    if re.fullmatch(r"(?:(?:\d{1,3}|[a-z]{1,4})[.(\-])+", parent) and (printed.isdigit() or printed.isalpha()):
        return True
    return printed.isalpha() and len(printed) <= 4 and bool(re.fullmatch(r"\d{1,3}[.(\-]?|[A-Za-z]{1,3}[.(\-]", parent))


def item_matches(expected: dict, item: Item) -> bool:
    """Same item: the same printed number (and not unrelated titles), or, unnumbered, much the same title."""
    en, pn = norm_number(expected.get("number")), norm_number(item.number)
    sim = title_similarity(expected.get("title") or "", item.title)
    if en and pn:
        return same_number(en, pn) and (sim >= 0.2 or not _words(expected.get("title")))
    return sim >= 0.6


def align(expected: list[dict], predicted: list[Item]) -> int:
    """Matched items in document order (longest common subsequence under `item_matches`)."""
    n, m = len(expected), len(predicted)
    prev = [0] * (m + 1)
    for i in range(n):
        cur = [0] * (m + 1)
        for j in range(m):
            cur[j + 1] = max(prev[j + 1], cur[j], prev[j] + (1 if item_matches(expected[i], predicted[j]) else 0))
        prev = cur
    return prev[m]


def body_matches(expected: str, predicted: str | None) -> bool:
    """The body named as printed: every word of the label's name, or a shorter name that still says whose."""
    e, p = set(_words(expected)), set(_words(predicted))
    if not p:
        return False
    return e <= p or (p <= e and bool(p - _GENERIC) and len(p) >= 0.6 * len(e))


def _find(text: str, quote: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`, comparing with whitespace collapsed."""
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def score_document(path: Path, label: dict) -> DocScore:
    source = parse_document(path.read_bytes(), path.suffix)
    items = segment(source, DocumentMeta())
    agenda = [i for i in items if i.kind not in NOT_AGENDA_ITEMS]
    expected_items = label.get("items", [])
    matched = align(expected_items, agenda)
    meetings = label.get("meetings", [])
    dates = Counter(i.meeting_date for i in agenda or items)
    bodies = Counter(i.committee for i in agenda or items)
    top_date = dates.most_common(1)[0][0] if dates else None
    date_ok = bool(meetings) and top_date in {m["date"] for m in meetings} and all(m["date"] in dates for m in meetings)
    body_ok = bool(meetings) and any(body_matches(m["body"], bodies.most_common(1)[0][0] if bodies else None) for m in meetings[:1])
    decisions = [d for i in items for d in i.decisions]
    found = outcome_ok = votes_expected = votes_ok = 0
    missed = []
    for exp in label.get("decisions", []):
        span = _find(source.text, exp.get("text", "")) if exp.get("text") else None
        hit = next((d for d in decisions if span and d.start < span[1] and span[0] < d.end), None)
        if hit is None:
            missed.append(exp.get("text"))
            continue
        found += 1
        outcome_ok += SAME_OUTCOME.get(hit.outcome) == SAME_OUTCOME.get(exp.get("outcome"))
        if exp.get("votes"):
            votes_expected += 1
            votes_ok += all(hit.votes.get(k) == v for k, v in exp["votes"].items())
    leaks = [s for s in label.get("not_in_text", []) if _find(source.text, s)]
    return DocScore(path.name, half_of(path.name), len(expected_items), len(agenda), matched, date_ok, body_ok,
                    len(label.get("decisions", [])), found, outcome_ok, votes_expected, votes_ok, leaks,
                    {"date": top_date, "body": bodies.most_common(1)[0][0] if bodies else None, "missed_decisions": missed[:5],
                     "items": [f"{i.number or '-'} {i.title[:50]}" for i in agenda]})


def summarise(scores: list[DocScore]) -> dict:
    def ratio(a, b):
        return round(a / b, 3) if b else None

    exp = sum(s.expected_items for s in scores)
    pred = sum(s.predicted_items for s in scores)
    hit = sum(s.matched_items for s in scores)
    p, r = ratio(hit, pred), ratio(hit, exp)
    return {
        "documents": len(scores),
        "item_precision": p, "item_recall": r,
        "item_f1": round(2 * p * r / (p + r), 3) if p and r else 0.0,
        "date_accuracy": ratio(sum(s.date_ok for s in scores), len(scores)),
        "body_accuracy": ratio(sum(s.body_ok for s in scores), len(scores)),
        "decision_recall": ratio(sum(s.found_decisions for s in scores), sum(s.expected_decisions for s in scores)),
        "decision_outcome_accuracy": ratio(sum(s.outcome_ok for s in scores), sum(s.found_decisions for s in scores)),
        "vote_count_accuracy": ratio(sum(s.votes_ok for s in scores), sum(s.votes_expected for s in scores)),
        "boilerplate_leaks": sum(len(s.boilerplate_leaks) for s in scores),
    }


def evaluate_folder(folder: Path) -> dict:
    """Scores per document, overall and per half."""
    folder = Path(folder)
    label_dir = folder / "labels"
    if not label_dir.is_dir():
        raise MinutesError(f"no labels/ folder in {folder}")
    scores, errors = [], {}
    for label_path in sorted(label_dir.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        doc = folder / label.get("file", label_path.name[:-5])
        try:
            scores.append(score_document(doc, label))
        except (UnreadableDocument, OSError) as exc:
            errors[doc.name] = str(exc)
    return {
        "overall": summarise(scores),
        "by_half": {h: summarise([s for s in scores if s.half == h]) for h in ("tune", "held-out")},
        "documents": [s.__dict__ for s in scores],
        "errors": errors,
    }
