"""The reporting periods a question or a passage names, and whether they agree.

Council reports are about periods more than dates: "Quarter 4 2023/24", "Q1 2025-26", "2024". A question that names
one is answered from the report for that period; a sentence from another period's report is the wrong answer even
when it is worded the same ("permanent exclusions increased to 44" is Quarter 4 2023/24, not Quarter 1 2025-26).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

YEAR = re.compile(r"\b((?:19|20)\d\d)(?:\s*[/-]\s*(\d{2,4}))?\b")
QUARTER = re.compile(r"\b(?:q|qtr\.?|quarter)\s*([1-4])\b|\bquarter\s+(one|two|three|four)\b|\b(first|second|third|fourth)\s+quarter\b",
                     re.I)
QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}


def years_in(text: str) -> set[int]:
    """Calendar years a text names; '2023/24' and '2025-26' name both years."""
    out = set()
    for m in YEAR.finditer(text):
        first = int(m.group(1))
        out.add(first)
        if m.group(2):
            second = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
            if 0 < second - first <= 1:
                out.add(second)
    return out


def quarters_in(text: str) -> set[int]:
    out = set()
    for m in QUARTER.finditer(text):
        word = m.group(1) or m.group(2) or m.group(3)
        out.add(int(word) if word.isdigit() else QUARTER_WORDS[word.lower()])
    return out


@dataclass(frozen=True)
class Period:
    years: frozenset[int]
    quarters: frozenset[int]

    def __bool__(self) -> bool:
        return bool(self.years)


def period_of(text: str) -> Period:
    """The years and quarters a text names (no years: no period, since a bare 'Q2' could be any year's)."""
    return Period(frozenset(years_in(text)), frozenset(quarters_in(text)))


def agreement(asked: Period, named: Period) -> int:
    """+1 when `named` is the period asked about, -1 when it is another one, 0 when either names none."""
    if not asked or not named:
        return 0
    if not asked.years & named.years:
        return -1
    if asked.quarters and named.quarters and not asked.quarters & named.quarters:
        return -1
    return 1


def period_agreement(asked: Period, sentence: str, item_title: str) -> int:
    """Agreement of a sentence with the asked period, read from the sentence and from its item's title ("Performance
    Management Report for Quarter 3 2023/24"): either one naming another period makes it -1."""
    votes = [a for a in (agreement(asked, period_of(sentence)), agreement(asked, period_of(item_title))) if a]
    return min(votes) if votes else 0


def within(asked: Period, meeting_date: str | None, lag_years: int = 1) -> bool:
    """Whether a meeting could report on the asked years: held in one of them or up to `lag_years` after the last
    (a 2025/26 report is presented in 2026)."""
    if not asked or not meeting_date:
        return True
    year = int(meeting_date[:4])
    return min(asked.years) <= year <= max(asked.years) + lag_years
