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

# a run of capitalised words or acronyms, joined by "of", "&" or "for" ("Board of Education"); "and" joins two names
WORD = re.compile(r"[^\W_][\w'’&#.-]*")
JOINERS = frozenset({"of", "&", "for"})
MONTHS_AND_DAYS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split())
# what opens a question or a request, capitalised only because it comes first
OPENERS = frozenset("""what which who whom whose when where why how is are was were do does did has have had can could
will would should may might must please tell list show give find summarise summarize describe explain compare""".split())
MAX_SHARE = 0.5  # a name held by more than this share of the library's documents does not single any out
MAX_PASSAGES = 1_000  # a name in more passages than this is passed over: listing their documents costs too much per question
# Past this many passages names are not looked up at all: a phrase of common words ("Board for Quarter") costs FTS5
# milliseconds to rule out at 100k passages (hybrid p95 6.6 -> 9.6 ms in the benchmark) and ten times that at 1M. The
# highest passage id stands for the count (one index lookup; counting scans): ids only grow, so a library ingested
# again and again passes it sooner
MAX_LIBRARY_PASSAGES = 25_000


def _is_name(word: str) -> bool:
    low = word.lower()
    if low in MONTHS_AND_DAYS or low in STOPWORDS or low in OPENERS or len(word) < 2:
        return False
    return word[:1].isupper()


def _runs(question: str) -> list[list[str]]:
    """Runs of name words, split where anything but space or a joiner stands between two of them."""
    matches = list(WORD.finditer(question))
    runs: list[list[str]] = []
    current: list[str] = []
    for i, m in enumerate(matches):
        word = m.group().rstrip(".,;:?!")
        if current and question[matches[i - 1].end():m.start()].strip():  # "Authority (SFA)": two names
            runs.append(current)
            current = []
        bare = re.sub(r"['’]s$", "", word)
        if _is_name(bare):
            current.append(bare)
            if bare != word:  # "Creek's": the name ends here
                runs.append(current)
                current = []
        elif current and word.lower() in JOINERS and i + 1 < len(matches) and _is_name(matches[i + 1].group()):
            current.append(word.lower())
        elif current:
            runs.append(current)
            current = []
    return [*runs, current] if current else runs


def named_phrases(question: str) -> list[str]:
    """The question's names as FTS5 phrases, longest first ("walnut creek", "troy board of education", "sfa"): runs
    of capitalised words, months, days, stop words and the words that open a question aside; a possessive's "'s"
    dropped. Words are split as the keyword index's tokenizer splits them (letters of any script kept)."""
    phrases = []
    for run in _runs(question):
        tokens = [t for w in run for t in re.split(r"[\W_]+", w.lower()) if t]
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
        if not found or len(found) > MAX_SHARE * total:
            continue
        if not best or len(found) < len(best):
            best = found
    return best
