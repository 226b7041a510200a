"""Does a new passage mention a followed topic? A relevance score in [0, 1] with a fixed floor.

Ranks (RRF) say which passage is best among many; a follow must say yes or no about each new passage on its own,
so the score is absolute: closeness in meaning (cosine between the topic and the passage as embedded) and the share
of the topic's words the passage uses. The floor was measured on real documents (`python -m search.follow_floor`,
figures in the README): topics from the dev set's evidence against its own corpus and against 18 other councils'
documents that are about other things.
"""
from __future__ import annotations

import re

import numpy as np

WORD = re.compile(r"[A-Za-z0-9£%][A-Za-z0-9£%'’-]*")
STOP = frozenset("""a about above after again all also an and any are as at be been before being between both but by can
could did do does doing for from had has have having he her here his how i if in into is it its me more most my no nor not
of on once only or other our out over own same she should so some such than that the their them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would you your
council councils meeting meetings minutes item items report reports said new""".split())
MEANING_WEIGHT = 0.5  # equal parts meaning and words: either alone lets through passages that are merely near
# Measured with search/follow_floor.py (README, "Following a topic"): at 0.50, 90% of the dev set's evidence items
# match their topic and 3 of 6,020 (topic, other council's item) pairs do; 0.45 finds 95% but lets in 5, 0.40 24.
RELEVANCE_FLOOR = 0.50


def _stem(word: str) -> str:
    """A light stem: plurals and common endings off, so 'exclusions' meets 'exclusion' and 'costs' meets 'cost'."""
    w = word.lower().strip("'’-")
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            return w[: len(w) - len(suffix)] + keep
    return w


def topic_words(query: str) -> list[str]:
    """The query's content words; an upper-case acronym ('SEND') stays upper-case so it only meets the acronym."""
    out = []
    for tok in WORD.findall(query):
        tok = tok.strip("'’-")
        if len(tok) < 2 or tok.lower() in STOP:
            continue
        out.append(tok if tok.isupper() and len(tok) >= 2 and tok.isalpha() else _stem(tok))
    return list(dict.fromkeys(out))


def _prefix(stem: str) -> str:
    # long words match on their first letters ('transport' meets 'transportation', 'exclusi' meets 'exclusions')
    return stem[: max(5, len(stem) - 2)] if len(stem) >= 7 else stem


def word_share(words: list[str], text: str) -> float:
    """Share of the topic's words found in the text."""
    if not words:
        return 0.0
    tokens = WORD.findall(text)
    upper = {t.strip("'’-") for t in tokens if t.isupper()}
    stems = {_stem(t) for t in tokens}
    found = 0
    for w in words:
        if w.isupper():
            found += w in upper
        else:
            p = _prefix(w)
            found += (w in stems) or (len(p) < len(w) and any(s.startswith(p) for s in stems))
    return found / len(words)


def _meets(word: str, token: str) -> bool:
    if word.isupper():
        return token.strip("'’-") == word
    stem, p = _stem(token), _prefix(word)
    return stem == word or (len(p) < len(word) and stem.startswith(p))


def excerpt(text: str, query: str, limit: int = 600) -> str:
    """At most `limit` characters of a passage, from a little before the first of the topic's words."""
    if len(text) <= limit:
        return text
    words = topic_words(query)
    first = next((m.start() for m in WORD.finditer(text) if any(_meets(w, m.group()) for w in words)), 0)
    start = 0 if first < limit // 3 else text.rfind(" ", 0, first - limit // 3) + 1
    end = start + limit if start + limit >= len(text) else text.rfind(" ", start, start + limit)
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def relevance(cosine: float, share: float) -> float:
    return MEANING_WEIGHT * max(0.0, cosine) + (1 - MEANING_WEIGHT) * share


def passage_vectors(library, passage_ids: list[int]) -> dict[int, np.ndarray]:
    """The stored vectors of these passages; one not embedded yet (ingest with embed=False) is left out."""
    with library.lock:
        have = library.vectors.ids()
        known = [pid for pid in passage_ids if pid in have]
        return dict(zip(known, library.vectors.vectors_for(known)))


def score_passages(library, query: str, passage_ids: list[int], vectors: dict[int, np.ndarray] | None = None,
                   query_vector: np.ndarray | None = None) -> list[tuple[int, float, float, float]]:
    """(passage id, relevance, cosine, word share) for each passage, in the order given; `vectors` and
    `query_vector` may be passed in when many follows score the same passages."""
    if not passage_ids:
        return []
    rows = library.store.passage_texts(passage_ids)
    ids = [pid for pid in passage_ids if pid in rows]
    qvec = np.asarray(library.embedder.embed_batch([query])[0] if query_vector is None else query_vector, dtype="float32")
    vectors = passage_vectors(library, ids) if vectors is None else vectors
    cosines = {pid: float(vectors[pid] @ qvec) for pid in ids if pid in vectors}
    words = topic_words(query)
    out = []
    for pid in ids:
        r = rows[pid]
        # the context's item title counts, its committee name does not ('young people' is in a committee's name)
        share = word_share(words, f"{r['context'].rsplit(' — ', 1)[0]} {r['clean']}")
        cos = float(cosines.get(pid, 0.0))
        out.append((pid, relevance(cos, share), cos, share))
    return out
