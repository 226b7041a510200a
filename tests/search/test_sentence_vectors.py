"""Sentence vectors for answers: each a function of its text alone, remembered within a bounded size."""
import numpy as np

from search.answer import answer
from search.sentence_vectors import SentenceVectors, sentence_vectors

SHORT = "The Board noted the report on exclusions."
LONG = ("A much longer sentence about the agency costs of social care staff, which rose across the year, written out at "
        "length so that a batch holding both must pad the shorter one.")


def test_a_sentence_vector_depends_on_its_text_only(library):
    cache = SentenceVectors(library.embedder, size=10)
    alone = library.embedder.embed_batch([SHORT])[0]
    beside = cache.embed([LONG, SHORT])
    assert np.array_equal(beside[1], alone)  # not moved by a longer batch-mate
    assert np.array_equal(cache.embed([SHORT])[0], alone)
    assert beside.shape == (2, library.embedder.dimension) and cache.embed([]).shape == (0, library.embedder.dimension)


def test_the_cache_keeps_the_most_recent_texts_within_its_size(library):
    cache = SentenceVectors(library.embedder, size=2)
    calls = []
    embed = cache.embedder.embed_batch

    class Counting:
        dimension = library.embedder.dimension

        def embed_batch(self, texts):
            calls.append(list(texts))
            return embed(texts)

    cache.embedder = Counting()
    cache.embed(["one sentence here", "two sentences here", "one sentence here"])
    assert calls == [["one sentence here"], ["two sentences here"]]  # a repeat within a call is embedded once
    cache.embed(["one sentence here"])  # remembered
    cache.embed(["three sentences here"])  # the least recently used ("two ...") makes room
    assert list(cache.vectors) == ["one sentence here", "three sentences here"]
    assert len(calls) == 3


def test_an_answer_is_the_same_whatever_was_asked_before(library):
    question = "How many social workers were trained in house?"
    first = answer(library, question)
    for other in ("What was said about agency costs across meetings?", "Why do social care staff keep resigning?"):
        answer(library, other)
    again = answer(library, question)
    assert again["answer"] == first["answer"] and again["citations"] == first["citations"]
    assert sentence_vectors(library) is sentence_vectors(library)  # one cache per embedder
