"""Parse the date forms found in minutes ('Monday, 13th June, 2022', '18 JANUARY 2024', '20/12/23')."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})

MONTH_WORD = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# a superscript ordinal read by OCR from a scan: "15™ JANUARY", "10” February", "11"" December"
OCR_ORDINAL = r"(?:™|[”“\"'’]{1,2})"
# "13th June, 2022", "15 th July 2024", "18 JANUARY 2024", "3  rd   September 2019" (a PDF's spaced superscript), and
# the legal "this 12th day of January, 2011"
# (each run of spaces can be matched one way only: "\s*x?\s+" would try every split of a long run, and a line of
# thousands of spaces would stall the reader)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:\s*(?:st|nd|rd|th)|{OCR_ORDINAL})?\s+(?:day\s+of\s+)?({MONTH_WORD})\.?(?:\s*,)?\s+(\d{{4}})\b", re.I)
# "June 13, 2022" (US style, common in PDFs from other councils), "September 3 rd , 2019", "November 16,2020"
MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_WORD})\.?\s+(\d{{1,2}})(?:\s*(?:st|nd|rd|th))?(?:\s*,\s*|\s+)(\d{{4}})\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


# the forms with the month in words, each with how its match reads as (year, month, day)
WORDED: list[tuple[re.Pattern, Callable[[re.Match], tuple[int, int, int]]]] = [
    (DAY_MONTH_YEAR, lambda m: (int(m.group(3)), MONTHS[m.group(2).lower()[:3]], int(m.group(1)))),
    (MONTH_DAY_YEAR, lambda m: (int(m.group(3)), MONTHS[m.group(1).lower()[:3]], int(m.group(2)))),
]


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, numeric_day_first: bool = True, first_only: bool = False) -> list[tuple[int, str]]:
    """Every date written in `text` as (offset, ISO yyyy-mm-dd), in order (only the first of each form if first_only)."""
    found: list[tuple[int, str]] = []
    forms = [*WORDED, (ISO, lambda m: (int(m.group(1)), int(m.group(2)), int(m.group(3)))),
             (NUMERIC, lambda m: _numeric(m, numeric_day_first))]
    for rx, parts in forms:
        for m in rx.finditer(text):
            iso = _make(*parts(m))
            if iso:
                found.append((m.start(), iso))
                if first_only:
                    break
    return sorted(found)


def _numeric(m: re.Match, day_first: bool) -> tuple[int, int, int]:
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    y = y + 2000 if y < 100 else y
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    return (y, b, a) if day_first else (y, a, b)


def find_date(text: str, numeric_day_first: bool = True) -> str | None:
    """The first date written in `text`, as ISO yyyy-mm-dd, or None."""
    found = find_dates(text, numeric_day_first, first_only=True)
    return found[0][1] if found else None


# a date in a file's name, as scrapers and council sites save them: "2024-02-12-Transcript.md",
# "20190611WDCCouncil160.txt", "minutes-2024-10-01.pdf", "CommunityGrant minutes 2018 March 13.pdf". Numeric forms
# other than year-month-day are left alone: "01.02.24" may be either day first or month first.
NAME_YEAR_MONTH_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_. ]?(0[1-9]|1[0-2])[-_. ]?(0[1-9]|[12]\d|3[01])(?!\d)")
NAME_YEAR_MONTH_WORD = re.compile(rf"\b(\d{{4}})\s+({MONTH_WORD})\s+(\d{{1,2}})\b", re.I)


def date_in_file_name(name: str) -> str | None:
    """The one date a file's name states (ISO yyyy-mm-dd), or None where it states none or several."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)
    spaced = re.sub(r"[-_.]+", " ", stem)
    parts = [read(m) for rx, read in WORDED for m in rx.finditer(spaced)]
    parts += [(int(m[1]), MONTHS[m[2].lower()[:3]], int(m[3])) for m in NAME_YEAR_MONTH_WORD.finditer(spaced)]
    parts += [(int(m[1]), int(m[2]), int(m[3])) for m in NAME_YEAR_MONTH_DAY.finditer(stem)]
    found = {iso for year, month, day in parts if (iso := _make(year, month, day))}
    return found.pop() if len(found) == 1 else None


def days_of(named: str) -> tuple[str, str]:
    """The first and last day an ISO date or month ("2018-12") covers."""
    if len(named) > 7:
        return named, named
    year, month = int(named[:4]), int(named[5:7])
    return f"{named}-01", (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()


def format_date(iso: str | None, long: bool = False) -> str:
    if not iso:
        return "undated"
    try:
        return date.fromisoformat(iso).strftime("%-d %B %Y" if long else "%-d %b %Y")
    except ValueError:
        return iso
