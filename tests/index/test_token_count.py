"""Word-piece counts word by word (remembered) equal the tokenizer's count of each text whole."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from index import model
from index.model import TokenCounter, bundled_model_dir, load_fast_tokenizer

ROOT = Path(__file__).resolve().parents[2]
TRICKY = [
    "", " ", "\n\n", "a", "Council's £42,000 (2024/25) – PED02 04: 133\t90\t144.5", "naïve café Zürich ÉCOLE", "東京都 council 会議",
    "word\xa0word", "a\x0bb", "a\x0cb", "x\x1cy\x1fz", "p\x85q", "em\u2003space\u3000ideographic\u2028line\u2029para\u202fnarrow",
    "[CLS] [MASK]ed [SEP][PAD] [unk] [UNK]", "ends with [MASK]", "control\x01chars\x7f\u200bzero\ufeffwidth\ufffdreplacement",
    "x" * 150 + " " + "y" * 99 + " " + "z" * 101, "emoji 🙂🙂 and combining e\u0301 a\u0308", "tabs\tand\r\nnewlines\r",
    "ﬁnance ligature ½ ² Ⅻ", "ǅ Σίσυφος ΣΑΣ", "URL https://example.org/a_b-c?d=e&f=g#h", "'quoted' \"double\" `back` ...",
]


def _whole(texts):
    tok = load_fast_tokenizer(str(bundled_model_dir()))
    return [len(e.ids) for e in tok.encode_batch(texts, add_special_tokens=False)]


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests/fixtures/documents").glob("*.[th]*")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        texts += [p for p in raw.split("\n\n") if p.strip()][:400]
    return texts


def test_counts_equal_the_tokenizer_on_corpus_text_and_tricky_text():
    counter = TokenCounter(bundled_model_dir())
    texts = _corpus_texts() + TRICKY
    assert counter.many(texts) == _whole(texts)
    assert [counter(t) for t in TRICKY] == _whole(TRICKY)  # one at a time, words now remembered
    assert counter.many(texts) == _whole(texts)


def test_random_text_from_awkward_characters():
    alphabet = list("aZ9 .,'’-–—£$%()[]/\\\t\n\r\xa0\x0b\x0c\x1c\x85\u2003\u3000éü東ﬁ🙂\u0301\x01\u200b") + ["[MASK]", "[CLS]", "##", "un"]
    rng = random.Random(14)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    assert TokenCounter(bundled_model_dir()).many(texts) == _whole(texts)


def test_forgetting_the_remembered_words_keeps_counts(monkeypatch):
    monkeypatch.setattr(model, "PIECES_REMEMBERED", 50)
    counter = TokenCounter(bundled_model_dir())
    texts = _corpus_texts()[:300]
    assert counter.many(texts[:100]) == _whole(texts[:100])
    assert counter.many(texts) == _whole(texts)


@pytest.mark.parametrize("kind", ["Whitespace", None])
def test_another_tokenizer_is_counted_whole(tmp_path, kind):
    import json

    spec = json.loads((bundled_model_dir() / "tokenizer.json").read_text())
    spec["pre_tokenizer"] = {"type": kind} if kind else None
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec))
    assert model._counts_word_by_word(tmp_path) is None
    assert model._counts_word_by_word(bundled_model_dir()) is not None
