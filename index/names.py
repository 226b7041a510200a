"""Names as runs of capitalised words ("Walnut Creek", "Troy Board of Education", "SFA"), read alike from a question and
from a document, so that the documents holding a name a question gives can be found (search/named.py)."""
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


def _is_name(word: str) -> bool:
    low = word.lower()
    if low in MONTHS_AND_DAYS or low in STOPWORDS or low in OPENERS or len(word) < 2:
        return False
    return word[:1].isupper()


def name_runs(text: str) -> list[list[str]]:
    """Runs of name words, split where anything but space or a joiner stands between two of them; a possessive's
    "'s" ends its run and is dropped."""
    matches = list(WORD.finditer(text))
    runs: list[list[str]] = []
    current: list[str] = []
    for i, m in enumerate(matches):
        word = m.group().rstrip(".,;:?!")
        if current and text[matches[i - 1].end():m.start()].strip():  # "Authority (SFA)": two names
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


def phrase_of(run: list[str]) -> str:
    """A run as the keyword index's tokenizer splits it, lower case ("Hawke's Bay DHB" -> "hawke s bay dhb")."""
    return " ".join(t for w in run for t in re.split(r"[\W_]+", w.lower()) if t)


def names_text(*texts: str | None) -> str:
    """Every distinct name in the texts, one a line: what a document's row of the names index holds. Each name once,
    however often the document repeats it, so that a phrase is matched against a few thousand names a document, not
    against every word of it."""
    seen: dict[str, None] = {}
    for text in texts:
        for run in name_runs(text or ""):
            phrase = phrase_of(run)
            if phrase:
                seen[phrase] = None
    return "\n".join(seen)
