"""Query expansion for words the minutes never use ('handsets'): their nearest corpus words ('phones', 'mobile')."""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

import numpy as np

from search.keyword import STOPWORDS, TOKEN



def _variants(word: str) -> set[str]:
    return {word, word.rstrip("s"), word + "s", word[:-3] + "y" if word.endswith("ies") else word}


def expansion_terms(library, question: str) -> list[str]:
    """Neighbours of the question's out-of-vocabulary content words, best first."""
    return list(dict.fromkeys(t for terms in unknown_word_neighbours(library, question).values() for t in terms))


# One ask reads a question's neighbours twice, to search and then to score sentences: the second read is this memo's.
# Keyed by the vocabulary (held weakly: a replaced vocabulary is not kept alive), the settings used and the question.
_RECENT: OrderedDict[tuple, tuple[weakref.ref, dict[str, list[str]]]] = OrderedDict()
_RECENT_MAX = 64
_RECENT_LOCK = threading.Lock()


def unknown_word_neighbours(library, question: str) -> dict[str, list[str]]:
    """Each out-of-vocabulary content word of the question with its nearest corpus words ('handsets' -> ['phones'])."""
    words, matrix, known = library.vocabulary
    if not words:
        return {}
    tuning = library.settings.retrieval
    key = (id(matrix), tuning.expansion_neighbours, tuning.expansion_min_similarity, question)
    with _RECENT_LOCK:
        seen = _RECENT.get(key)
        if seen is not None and seen[0]() is matrix:  # the same vocabulary (a new one after ingest is a new matrix)
            _RECENT.move_to_end(key)
            return seen[1]
    found = _neighbours(library, question, words, matrix, known)
    with _RECENT_LOCK:
        _RECENT[key] = (weakref.ref(matrix), found)
        if len(_RECENT) > _RECENT_MAX:
            _RECENT.popitem(last=False)
    return found


def _neighbours(library, question: str, words, matrix, known) -> dict[str, list[str]]:
    oov = []
    for tok in TOKEN.findall(question):
        word = tok.lower().strip(".'’-")
        if len(word) >= 3 and word.isalpha() and word not in STOPWORDS and not (_variants(word) & known):
            oov.append(word)
    if not oov:
        return {}
    tuning = library.settings.retrieval
    vectors = library.embedder.embed_batch(oov)
    n = tuning.expansion_neighbours
    out: dict[str, list[str]] = {}
    # one product for every word, and only the n best of a large vocabulary put in order (a full sort of a 100k-word
    # vocabulary per word was most of a 1M-passage question's expansion time)
    for word, sims in zip(oov, vectors @ matrix.T):
        best = np.argpartition(-sims, n)[:n] if len(sims) > n else np.arange(len(sims))
        out[word] = [words[i] for i in best[np.argsort(-sims[best])] if sims[i] >= tuning.expansion_min_similarity]
    return out
