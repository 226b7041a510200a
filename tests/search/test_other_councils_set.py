"""The question sets over other councils' documents (the held-back set, the answer step's tuning questions and the
later held-back check) are well formed, and every evidence quote is an exact substring of its document as the
project reads it (the eval locates quotes with str.find on the stored text, which is the reader's output)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from index.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "fixtures" / "questions"
DOCS = ROOT / "tests" / "fixtures" / "documents"
# question file -> (id prefix, its documents' folder, fewest questions)
SETS = {"other_councils.jsonl": ("o", DOCS, 35), "other_councils_tuning.jsonl": ("t", DOCS, 35),
        "other_councils_heldback.jsonl": ("k", DOCS, 35),
        "new_councils_heldback.jsonl": ("n", ROOT / "tests" / "fixtures" / "documents_heldback", 30),
        "new_councils_heldback2.jsonl": ("m", ROOT / "tests" / "fixtures" / "documents_heldback2", 30),
        "new_councils_heldback3.jsonl": ("p", ROOT / "tests" / "fixtures" / "documents_heldback3", 30),
        "new_councils_heldback4.jsonl": ("q", ROOT / "tests" / "fixtures" / "documents_heldback4", 30),
        "new_councils_heldback5.jsonl": ("r", ROOT / "tests" / "fixtures" / "documents_heldback5", 30),
        "new_councils_heldback6.jsonl": ("s", ROOT / "tests" / "fixtures" / "documents_heldback6", 30),
        "new_councils_heldback7.jsonl": ("u", ROOT / "tests" / "fixtures" / "documents_heldback7", 30),
        "new_councils_heldback8.jsonl": ("v", ROOT / "tests" / "fixtures" / "documents_heldback8", 30),
        "new_councils_heldback9.jsonl": ("w", ROOT / "tests" / "fixtures" / "documents_heldback9", 30),
        "new_councils_heldback10.jsonl": ("x", ROOT / "tests" / "fixtures" / "documents_heldback10", 30),
        "new_councils_heldback11.jsonl": ("y", ROOT / "tests" / "fixtures" / "documents_heldback11", 30)}
TYPES = {"fact", "paraphrase", "resolution", "cross-meeting", "table", "negative"}
FIELDS = {"id": str, "question": str, "answers": list, "evidence": list, "type": str}


def _items(name: str = "other_councils.jsonl") -> list[dict]:
    lines = (QUESTIONS / name).read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", "file ends with a newline"
    return [json.loads(line) for line in lines[:-1]]


@pytest.fixture(scope="module")
def texts() -> dict[str, dict[str, str]]:
    """Per question file, the text of each document its evidence quotes, as the project reads it."""
    out: dict[str, dict[str, str]] = {}
    for name, (_, folder, _) in SETS.items():
        docs = sorted({ev["doc"] for item in _items(name) for ev in item["evidence"]})
        out[name] = {doc: read_document(folder / doc, 10**9).text for doc in docs}
    return out


@pytest.mark.parametrize("name", SETS)
def test_format(name):
    prefix, _, fewest = SETS[name]
    items = _items(name)
    assert fewest <= len(items) <= 60
    for item in items:
        assert set(item) == set(FIELDS), item.get("id")
        for key, typ in FIELDS.items():
            assert isinstance(item[key], typ), (item["id"], key)
        assert re.fullmatch(rf"{prefix}\d{{3}}", item["id"])
        assert item["type"] in TYPES
        assert item["question"].strip()
        if item["type"] == "negative":
            assert item["answers"] == [] and item["evidence"] == [], item["id"]
        else:
            assert item["answers"] and item["evidence"], item["id"]
            assert all(isinstance(a, str) and a.strip() for a in item["answers"])
        if item["type"] == "cross-meeting":
            assert len({ev["doc"] for ev in item["evidence"]}) >= 2, item["id"]
        pairs = [(ev["doc"], ev["quote"]) for ev in item["evidence"]]
        assert len(pairs) == len(set(pairs)), item["id"]
    ids = Counter(item["id"] for item in items)
    assert not [i for i, n in ids.items() if n > 1]
    assert sum(item["type"] == "negative" for item in items) >= 6


@pytest.mark.parametrize("name", SETS)
def test_quotes_exact_and_unique(texts, name):
    folder = SETS[name][1]
    normalised = {doc: re.sub(r"\s+", " ", text) for doc, text in texts[name].items()}
    for item in _items(name):
        for ev in item["evidence"]:
            quote, doc = ev["quote"], ev["doc"]
            assert (folder / doc).is_file(), (item["id"], doc)
            assert 40 <= len(quote) <= 250, (item["id"], len(quote))
            assert "\n" not in quote and "\r" not in quote, item["id"]
            text = texts[name][doc]
            assert text.count(quote) == 1, (item["id"], doc, quote, text.count(quote))
            flat = re.sub(r"\s+", " ", quote)
            hits = sum(other.count(flat) for other in normalised.values())
            assert hits == 1, (item["id"], "quote not unique after whitespace normalisation", quote)


def test_spread():
    items = _items()
    docs = {ev["doc"] for item in items for ev in item["evidence"]}
    assert len(docs) >= 12
    assert {name.split("_")[0] for name in docs} == {"us", "uk", "ca", "nz"}
