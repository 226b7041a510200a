"""Term normalisation shared by indexing and querying: numbers written with commas, and acronyms the minutes define."""
from __future__ import annotations

import re
from collections.abc import Iterator

from index.text import STOPWORDS  # noqa: F401  (re-exported: the keyword index and vocabulary read it here)

# a comma between a digit and three more: the comma first, so the scan jumps from comma to comma (a leading
# look-behind was tried at every character, 12x slower), the digit before it checked from there
THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}\b)")
# "PRU (pupil referral unit)" and "pupil referral unit (PRU)"
ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Za-z]?[A-Z]{1,5})s?\s*\(([A-Za-z][A-Za-z ,&'’-]{3,80})\)")
EXPANSION_FIRST = re.compile(r"((?:[A-Za-z][\w'’-]*[ ,]+(?:and |of |the |for |in |&amp; )?){1,8})\(([A-Z][A-Za-z]?[A-Z]{1,5})s?\)")
SMALL = {"and", "of", "the", "for", "in", "&", "to", "on"}
# EXPANSION_FIRST's last part alone, and what its first part can consume (a superset: \\w is str.isalnum() or "_")
ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Za-z]?[A-Z]{1,5})s?\)")
EXPANSION_CHARACTERS = frozenset("_'’- ,&;")


QUARTER = re.compile(r"\b(?:quarter|qtr)\.?\s*([1-4])\b", re.I)


def normalise_numbers(text: str) -> str:
    """'10,000' and '10000', 'Quarter 1' and 'Q1' index and match as the same tokens."""
    text = THOUSANDS.sub("", text)
    # QUARTER only where its words are (it would try every word boundary): no letter but q, u, a, r, t and e and their
    # capitals matches them under re.I, so the lower-cased text holds "qtr" or "quarter" wherever it can match
    low = text.lower()
    return QUARTER.sub(r"Q\1", text) if "qtr" in low or "quarter" in low else text


def _initials_match(acronym: str, words: list[str]) -> list[str] | None:
    """The shortest tail of `words` whose initials spell the acronym (small words may be skipped)."""
    letters = [c.lower() for c in acronym if c.isupper()]
    for n in range(len(letters), min(len(words), len(letters) * 2) + 1):
        tail = words[-n:]
        initials = [w[0].lower() for w in tail if w.lower() not in SMALL]
        if initials == letters:
            return tail
    return None


def find_acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the text, with their expansions in lower case."""
    found: dict[str, str] = {}
    for m in ACRONYM_FIRST.finditer(text):
        words = re.findall(r"[A-Za-z][\w'’-]*", m.group(2))
        if _initials_match(m.group(1), words):
            found.setdefault(m.group(1), " ".join(words).lower())
    for m in _expansions_first(text):
        words = re.findall(r"[A-Za-z][\w'’-]*", m.group(1))
        tail = _initials_match(m.group(2), words)
        if tail:
            found.setdefault(m.group(2), " ".join(tail).lower())
    return found


def _expansions_first(text: str) -> Iterator[re.Match]:
    """What `EXPANSION_FIRST.finditer(text)` gives, trying the pattern only in the stretch before each "(ACR)".

    Tried at every character the pattern took 90% of ingest's text work (0.29 s for the default corpus): from most
    starts it reads up to eight words before finding no bracket. A match ends with an "(ACR)" and its words and
    separators never hold "(", "." or a line break, so it starts inside the unbroken stretch of such characters
    before one: searching that stretch (from the previous match's end at the earliest) finds the same matches.
    """
    end = 0
    for tail in ACRONYM_IN_BRACKETS.finditer(text):
        start = tail.start()
        while start > end and (text[start - 1].isalnum() or text[start - 1] in EXPANSION_CHARACTERS):
            start -= 1
        m = EXPANSION_FIRST.search(text, start, tail.end())
        if m is not None:
            end = m.end()
            yield m


# an acronym as the patterns above capture one, with a plural "s" ("PRUs")
ACRONYM_TOKEN = re.compile(r"\b[A-Z][A-Za-z]?[A-Z]{1,5}s?\b")


def expansions_in(text: str, acronyms: dict[str, str]) -> str:
    """Expansions of the acronyms used in `text` (in the order of `acronyms`), for the keyword index and for answers'
    word shares. The text's upper-case tokens are looked up, so the cost does not grow with how many acronyms the
    library knows (trying each acronym's pattern in turn did: the same matches, checked on every stored passage)."""
    used = set()
    for token in ACRONYM_TOKEN.findall(text):
        if token in acronyms:
            used.add(token)
        elif token.endswith("s") and token[:-1] in acronyms:
            used.add(token[:-1])
    return " ".join(dict.fromkeys(exp for acr, exp in acronyms.items() if acr in used))
