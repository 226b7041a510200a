"""Parse the date forms found in minutes ('Monday, 13th June, 2022', '18 JANUARY 2024', '20/12/23')."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# "13th June, 2022", "15 th July 2024", "18 JANUARY 2024"
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s?(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
# "June 13, 2022" (US style, common in PDFs from other councils)
MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str, numeric_day_first: bool = True) -> str | None:
    """The first date written in `text`, as ISO yyyy-mm-dd, or None."""
    found: list[tuple[int, str]] = []
    for m in DAY_MONTH_YEAR.finditer(text):
        iso = _make(int(m.group(3)), MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
            break
    for m in MONTH_DAY_YEAR.finditer(text):
        iso = _make(int(m.group(3)), MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
        if iso:
            found.append((m.start(), iso))
            break
    for m in ISO.finditer(text):
        iso = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
            break
    for m in NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + 2000 if y < 100 else y
        day, month = (a, b) if numeric_day_first else (b, a)
        iso = _make(y, month, day)
        if iso:
            found.append((m.start(), iso))
            break
    return min(found)[1] if found else None


def format_date(iso: str | None, long: bool = False) -> str:
    if not iso:
        return "undated"
    try:
        return date.fromisoformat(iso).strftime("%-d %B %Y" if long else "%-d %b %Y")
    except ValueError:
        return iso
