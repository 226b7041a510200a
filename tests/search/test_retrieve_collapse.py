"""Duplicate collapse's shortcuts (ASCII words by byte table, every kept passage's runs in one set) change no result."""
from __future__ import annotations

import random
import re
from pathlib import Path

from index.text import NOT_WORD_MARKS as NOT_WORD
from search.retrieve import _shingles, _words, distinct

ROOT = Path(__file__).resolve().parents[2]
WORDS = re.compile(r"\w+")


def _texts() -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests/fixtures/documents").glob("*.[th]*")):
        out += [p for p in path.read_text(encoding="utf-8", errors="replace").split("\n\n") if p.strip()][:300]
    return out


def test_words_equal_the_pattern():
    rng = random.Random(3)
    alphabet = list("aZ9 .,'’-–—£$%()[]/\\\t\n\xa0éü東ﬁİẞ·_\u0301ΣσΑ\u2003") + [NOT_WORD]
    texts = _texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(5000)]
    assert not any(WORDS.fullmatch(c) for c in NOT_WORD)
    assert [_words(t) for t in texts] == [WORDS.findall(t.lower()) for t in texts]


def _reference(candidates, keys, k, share):
    """The rule, with every candidate compared with every kept passage in turn."""
    kept, seen = [], []
    for pid, score in candidates:
        row = keys.get(pid)
        if row is None:
            continue
        sh = _shingles(row["clean"])
        twin = next((j for j, (h, doc, ksh) in enumerate(seen) if h == row["text_hash"] or (
            doc != row["document"] and len(sh & ksh) / max(1, min(len(sh), len(ksh))) >= share)), None)
        if twin is not None:
            kept[twin][2].append(pid)
        elif len(kept) < k:
            seen.append((row["text_hash"], row["document"], sh))
            kept.append((pid, score, []))
    return kept


def test_distinct_equals_comparing_with_every_kept_passage():
    rng = random.Random(14)
    keys, pid = {}, 0
    for text in _texts()[:300]:
        for _ in range(3):  # near copies in other documents, shortened copies, shared text hashes
            words = text.split()
            for _ in range(rng.randint(0, 6)):
                if words:
                    words[rng.randrange(len(words))] = f"x{rng.randint(0, 9)}"
            if rng.random() < 0.3:
                words = words[: max(1, len(words) // rng.randint(1, 3))]
            pid += 1
            keys[pid] = {"clean": " ".join(words), "text_hash": f"h{rng.randint(0, 40)}" if rng.random() < 0.1 else f"p{pid}",
                         "document": f"d{rng.randint(0, 2)}"}
    twins = 0
    for _ in range(150):
        ids = sorted(rng.sample(list(keys), 150), key=lambda p: p // 3 + rng.randint(0, 3))
        ranking = [(p, 1.0 / n) for n, p in enumerate(ids, 1)]
        for k in (1, 5, 10, 40):
            for share in (0.8, 0.5):
                got = distinct(ranking, keys, k, share)
                assert got == _reference(ranking, keys, k, share)
                twins += sum(len(t) for _, _, t in got)
    assert twins > 500  # the case the shortcut must not lose is well covered
