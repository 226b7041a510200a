"""Term normalisation shared by indexing and querying: numbers written with commas, and acronyms the minutes define."""
from __future__ import annotations

import re

from index.text import STOPWORDS  # noqa: F401  (re-exported: the keyword index and vocabulary read it here)

THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
# "PRU (pupil referral unit)" and "pupil referral unit (PRU)"
ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Za-z]?[A-Z]{1,5})s?\s*\(([A-Za-z][A-Za-z ,&'’-]{3,80})\)")
EXPANSION_FIRST = re.compile(r"((?:[A-Za-z][\w'’-]*[ ,]+(?:and |of |the |for |in |&amp; )?){1,8})\(([A-Z][A-Za-z]?[A-Z]{1,5})s?\)")
SMALL = {"and", "of", "the", "for", "in", "&", "to", "on"}


QUARTER = re.compile(r"\b(?:quarter|qtr)\.?\s*([1-4])\b", re.I)


def normalise_numbers(text: str) -> str:
    """'10,000' and '10000', 'Quarter 1' and 'Q1' index and match as the same tokens."""
    return QUARTER.sub(r"Q\1", THOUSANDS.sub("", text))


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
    for m in EXPANSION_FIRST.finditer(text):
        words = re.findall(r"[A-Za-z][\w'’-]*", m.group(1))
        tail = _initials_match(m.group(2), words)
        if tail:
            found.setdefault(m.group(2), " ".join(tail).lower())
    return found


def expansions_in(text: str, acronyms: dict[str, str]) -> str:
    """Expansions of the acronyms used in `text`, for the keyword index."""
    used = [exp for acr, exp in acronyms.items() if re.search(rf"\b{re.escape(acr)}s?\b", text)]
    return " ".join(dict.fromkeys(used))


ACRONYM_TOKEN = re.compile(r"\b[A-Z][A-Za-z]?[A-Z]{1,5}s?\b")


def spelled_out(text: str, acronyms: dict[str, str]) -> str:
    """The expansions of the acronyms `text` uses, found by looking up its upper-case tokens (cheap however many
    acronyms the library knows; `expansions_in` tries each acronym in turn, which indexing can afford)."""
    used = []
    for token in ACRONYM_TOKEN.findall(text):
        expansion = acronyms.get(token) or (acronyms.get(token[:-1]) if token.endswith("s") else None)
        if expansion:
            used.append(expansion)
    return " ".join(dict.fromkeys(used))

