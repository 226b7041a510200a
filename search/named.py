"""The names a question gives ("Walnut Creek", "Hawke's Bay DHB", "the Troy Board of Education"), and the documents
that hold them.

In a library of many councils a question usually says whose minutes it is about, but the passage that answers it
seldom repeats the council's name: the name stands in the document's heading, pages away. Passages of the documents
that hold a name the question gives therefore rank higher (search/retrieve.py). A name most documents hold says
nothing about which one is meant and is passed over, as is a library of one body. Names are looked up in libraries
of up to 25,000 passages (hundreds of meetings); past that the lookup costs more than a search may (MAX_LIBRARY_PASSAGES).
"""
from __future__ import annotations

import re

from index.terms import STOPWORDS

# a run of capitalised words or acronyms, joined by "of", "and", "&" or "for" ("Board of Education", "SSA #21")
WORD = re.compile(r"[A-Za-z0-9][\w'’&#.-]*")
JOINERS = frozenset({"of", "and", "&", "for"})
MONTHS_AND_DAYS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split())
MAX_SHARE = 0.5  # a name held by more than this share of the library's documents does not single any out
MAX_PASSAGES = 1_000  # a name in more passages than this is passed over: listing their documents costs too much per question
# Past this many passages names are not looked up at all: a phrase of common words ("Board for Quarter") costs FTS5
# milliseconds to rule out at 100k passages (hybrid p95 6.6 -> 9.6 ms in the benchmark) and ten times that at 1M
MAX_LIBRARY_PASSAGES = 25_000


def named_phrases(question: str) -> list[str]:
    """The question's names as FTS5 phrases, longest first: runs of capitalised words after its first word, months,
    days and stop words aside; a possessive's "'s" dropped."""
    matches = list(WORD.finditer(question))
    # (word, whether only space separates it from the word before: "Authority (SFA)" is two names)
    words = [(m.group().rstrip(".,;:?!"), i > 0 and not question[matches[i - 1].end():m.start()].strip())
             for i, m in enumerate(matches)]
    runs: list[list[str]] = []
    current: list[str] = []
    for i, (word, joined) in enumerate(words):
        if current and not joined:
            runs.append(current)
            current = []
        bare = re.sub(r"['’]s$", "", word)
        low = bare.lower()
        named = (i > 0 and bare[:1].isupper() and low not in MONTHS_AND_DAYS and low not in STOPWORDS) or \
                (i > 0 and bare.isupper() and len(bare) >= 2)
        if named:
            current.append(bare)
            if bare != word:  # "Creek's": the name ends here
                runs.append(current)
                current = []
        elif current and low in JOINERS and i + 1 < len(words) and words[i + 1][0][:1].isupper():
            current.append(low)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    phrases = []
    for run in runs:
        while run and run[-1] in JOINERS:
            run = run[:-1]
        tokens = [t for w in run for t in re.split(r"[^A-Za-z0-9]+", w.lower()) if t]
        if tokens:
            phrases.append(" ".join(tokens))
    return sorted(dict.fromkeys(phrases), key=lambda p: -len(p))


def documents_named(store, question: str) -> set[str]:
    """Names of the documents holding the most specific name the question gives that singles some out; empty when
    it gives none, or every name it gives is held by most of the library."""
    phrases = named_phrases(question)
    if not phrases or store.largest_passage_id() > MAX_LIBRARY_PASSAGES:
        return set()
    total = store.document_count()
    best: set[str] = set()
    for phrase in phrases:
        found = store.documents_with_phrase(phrase, MAX_PASSAGES)
        if found is None or not found or len(found) > MAX_SHARE * total:
            continue
        if not best or len(found) < len(best):
            best = found
    return best
