"""The names a question gives ("Walnut Creek", "Hawke's Bay DHB", "the Troy Board of Education"), and the documents
that hold them.

In a library of many councils a question usually says whose minutes it is about, but the passage that answers it
seldom repeats the council's name: the name stands in the document's heading, pages away. Passages of the documents
that hold a name the question gives therefore rank higher (search/retrieve.py). A name most documents hold says
nothing about which one is meant and is passed over, as is a library of one body.

Up to FULL_TEXT_PASSAGES a name is looked up in the passages' own text, however it is written there: "Pupil Referral
Unit" in one document's heading and "pupil referral unit" in another's prose is a term every document uses, and
singles none out. Past that, a phrase of common words costs FTS5 milliseconds to rule out ("Board for Quarter": hybrid
p95 6.6 -> 9.6 ms at 100k passages, ten times that at 1M), and names are read from the names index that ingest writes
(index/names.py: one row a document, holding its distinct capitalised names), whose cost follows the number of
documents holding a name, not the number of passages repeating it.
"""
from __future__ import annotations

import re

from index.bodies import MEETING_BODIES, MEMBERS_AS_BODY, PLACE_KINDS
from index.names import name_runs, phrase_of

MAX_SHARE = 0.5  # a name held by more than this share of the library's documents does not single any out
FULL_TEXT_PASSAGES = 25_000  # the highest passage id stands for the count (one index lookup; counting scans)
MAX_PASSAGES = 1_000  # in the passages' text, a name in more passages than this is passed over (listing costs too much)
# nor, for what listing them costs, one held by more documents than this (at 1M passages, 22k documents: listing the
# 8,900 documents naming their "Executive Board" took 10 ms of a search, listing 2,000 about 2 ms)
MAX_DOCUMENTS = 2_000


def named_phrases(question: str) -> list[str]:
    """The question's names as FTS5 phrases, longest first ("walnut creek", "troy board of education", "sfa"): runs
    of capitalised words, months, days, stop words and the words that open a question aside; a possessive's "'s"
    dropped. Words are split as the keyword index's tokenizer splits them (letters of any script kept)."""
    phrases = [phrase for phrase in map(phrase_of, name_runs(question)) if phrase]
    return sorted(dict.fromkeys(phrases), key=lambda p: -len(p))


def documents_named(store, question: str) -> set[str]:
    """Names of the documents holding the most specific name the question gives that singles some out; empty when
    it gives none, or every name it gives is held by most of the library."""
    return _holding(store, named_phrases(question))


def documents_of_body_named(store, question: str) -> set[str]:
    """The same, for the names of bodies the question gives ("Burton-cum-Walden Parish Council", "the Troy Board of
    Education"): whose minutes it asks about, not a term of their business ("General Municipal Allocation")."""
    return _holding(store, [p for p in named_phrases(question) if BODY_WORD.search(p)])


# a body's word ending the name or naming whose it is ("... Parish Council", "City of Boston"), not a place's ("City
# Hall", "Town Centre", "County Road")
BODY_WORD = re.compile(rf"\b(?:{MEETING_BODIES}|{MEMBERS_AS_BODY}|{PLACE_KINDS})(?:$|\s+of\b)", re.I)


def _holding(store, phrases: list[str]) -> set[str]:
    """The documents holding the most specific of the phrases that singles some out."""
    if not phrases:
        return set()
    full_text = store.largest_passage_id() <= FULL_TEXT_PASSAGES
    # past that size the highest document id stands for the count (ids only grow; counting scans: 0.5 ms at 22k)
    most = min(int(MAX_SHARE * (store.document_count() if full_text else store.largest_document_id())), MAX_DOCUMENTS)
    best: set[str] = set()
    for phrase in phrases:
        found = store.documents_with_phrase(phrase, MAX_PASSAGES) if full_text else store.documents_with_name(phrase, most)
        if not found or len(found) > most:
            continue
        if not best or len(found) < len(best):
            best = found
    return best
