"""The content hash's words by byte table equal the pattern's on corpus and awkward text."""
from __future__ import annotations

import random
from pathlib import Path

from index.store.documents import NON_WORD, hash_words
from index.text import NOT_WORD_MARKS

ROOT = Path(__file__).resolve().parents[2]


def test_hash_words_equal_the_pattern():
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests/fixtures/documents").glob("*.[th]*")):
        texts += path.read_text(encoding="utf-8", errors="replace").split("\n\n")[:300]
    rng = random.Random(7)
    alphabet = list("aZ9 .,'’-–—£$%()[]/\\\t\n_\xa0éü東ﬁİẞ·\u0301ΣσΑ\u2003") + [NOT_WORD_MARKS]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(20000)]
    assert not any(NON_WORD.fullmatch(c) is None for c in NOT_WORD_MARKS)
    assert [hash_words(t) for t in texts] == [NON_WORD.sub(" ", t.lower()).strip() for t in texts]
