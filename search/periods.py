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


# the year in a law's name is part of the name, not a period the text is about ("the Local Government (Rating) Act
# 2002", "the Localism Act 2011", "the Planning Regulations 2015")
# ...nor is the year ending a titled review or report's name ("following its Annual Risk Management Review 2018":
# the council adopted the new framework in 2019)
NAMED_BEFORE = re.compile(r"\b(?:Acts?|Regulations?|Orders?|Rules|Bill|Code|Ordinance|Measure|Review|Report|Survey|Audit|Assessment|"
                          r"Inspection|Conference|Awards?)\s*$")


def years_in(text: str) -> set[int]:
    """Calendar years a text names; '2023/24' and '2025-26' name both years; a law's or a titled review's year is not one."""
    out = set()
    for m in YEAR.finditer(text):
        if NAMED_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue
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


# "between 2021 and 2024", "from 2023/24 to 2025/26": every year from the first to the last
_SPAN = r"(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?"
RANGE = re.compile(rf"\b(?:between|from)\s+(?:(?:q|qtr\.?|quarter)\s*[1-4]\s+(?:of\s+)?)?({_SPAN})\s+(?:and|to|until|till)\s+"
                   rf"(?:(?:q|qtr\.?|quarter)\s*[1-4]\s+(?:of\s+)?)?({_SPAN})\b", re.I)
# "since 2022", "from 2023 onwards", "after 2021": that year and every one after it
SINCE = re.compile(rf"\b(?:since|after|from)\s+(?:the\s+)?(?:(?:start|end|beginning)\s+of\s+)?(?:(?:q|qtr\.?|quarter)\s*[1-4]\s+(?:of\s+)?)?"
                   rf"({_SPAN})\b|\b({_SPAN})\s+onwards\b", re.I)


@dataclass(frozen=True)
class Period:
    years: frozenset[int]
    quarters: frozenset[int]
    open_end: bool = False  # "since 2022": the named year and every later one

    def __bool__(self) -> bool:
        return bool(self.years)

    def covers(self, year: int) -> bool:
        return year >= min(self.years) if self.open_end else year in self.years


def period_of(text: str) -> Period:
    """The years and quarters a text names (no years: no period, since a bare 'Q2' could be any year's). A range
    ("between 2021 and 2024") names every year in it; "since 2022" names 2022 and all later years."""
    years = years_in(text)
    for m in RANGE.finditer(text):
        named = years_in(m.group(0))
        years |= set(range(min(named), max(named) + 1))
    since = SINCE.search(RANGE.sub(" ", text))
    if since:
        start = min(years_in(since.group(0)))
        return Period(frozenset(y for y in years if y >= start) | {start}, frozenset(), open_end=True)
    return Period(frozenset(years), frozenset(quarters_in(text)))


def agreement(asked: Period, named: Period) -> int:
    """+1 when `named` is the period asked about, -1 when it is another one, 0 when either names none."""
    if not asked or not named:
        return 0
    if not any(asked.covers(y) for y in named.years):
        return -1
    if asked.quarters and named.quarters and not asked.quarters & named.quarters:
        return -1
    return 1


# a span of years in words: "began on June 1, 2023 and continues through May 31, 2025", "from 2022 to 2026"
SPAN = re.compile(r"\b((?:19|20)\d\d)\b[^.;]{0,80}?\b(?:through|thru|until|till|to|ending|ends|expires|continues)\b[^.;]{0,40}?"
                  r"\b((?:19|20)\d\d)\b", re.I)


def names_other_years(asked: Period, text: str) -> bool:
    """Whether a text names years and none of them is in the asked period ("in 2020 it rose", asked about 2023). A text
    naming years on both sides of the asked ones spans them ("a term which began on June 1, 2023 and continues
    through May 31, 2025", asked about 2024)."""
    named = years_in(text)
    if not (asked and named) or any(asked.covers(y) for y in named):
        return False
    return not any(int(m.group(1)) < min(asked.years) and max(asked.years) < int(m.group(2)) for m in SPAN.finditer(text))


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
    return min(asked.years) <= year and (asked.open_end or year <= max(asked.years) + lag_years)


def expected_then(asked: Period, text: str, meeting_date: str | None) -> bool:
    """Whether a sentence names only years after the asked period, in a meeting held in it: what was expected then
    ("completed by December 2019", said in December 2018), which answers "when, as reported in December 2018?" (not
    "completed in October 2021", said in 2023, asked about 2023)."""
    named = years_in(text)
    return bool(asked and named and meeting_date) and min(named) > max(asked.years) and within(asked, meeting_date, lag_years=0)
