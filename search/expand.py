"""Query expansion for words the minutes never use ('handsets'): their nearest corpus words ('phones', 'mobile')."""
from __future__ import annotations

import numpy as np

from search.keyword import STOPWORDS, TOKEN

NEIGHBOURS = 3
MIN_SIMILARITY = 0.6  # below this, single-word neighbours are mostly noise


def _variants(word: str) -> set[str]:
    return {word, word.rstrip("s"), word + "s", word[:-3] + "y" if word.endswith("ies") else word}


def expansion_terms(library, question: str) -> list[str]:
    """Neighbours of the question's out-of-vocabulary content words, best first."""
    words, matrix, known = library.vocabulary
    if not words:
        return []
    oov = []
    for tok in TOKEN.findall(question):
        word = tok.lower().strip(".'’-")
        if len(word) >= 3 and word.isalpha() and word not in STOPWORDS and not (_variants(word) & known):
            oov.append(word)
    if not oov:
        return []
    vectors = library.embedder.embed_batch(oov)
    terms = []
    for vec in vectors:
        sims = matrix @ vec
        for i in np.argsort(-sims)[:NEIGHBOURS]:
            if sims[i] >= MIN_SIMILARITY:
                terms.append(words[i])
    return list(dict.fromkeys(terms))
