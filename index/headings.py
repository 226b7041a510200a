"""Recognise the lines that open a meeting, an agenda item or an officer report."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.bodies import MEETING_BODIES
from index.dates import find_date

BODY_WORDS = MEETING_BODIES  # (read by the segmenter, the numbering and the answer types under this name)


@dataclass
class Heading:
    start: int  # offset of the heading in the document text
    kind: str  # meeting | item | report | end
    number: str | None = None
    title: str = ""
    committee: str | None = None
    date: str | None = None
    structural: bool = True  # a ModernGov-style structure ("At a meeting of", page title, REPORT TO), not a bare heading


def uppercase_share(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def tidy_title(title: str) -> str:
    title = re.sub(r"\s*(?:pdf icon\s*)?PDF \d+ KB.*$", "", title)
    title = re.sub(r"[*_\t]+", " ", title)
    return re.sub(r"\s+", " ", title).strip(" -–:")


SMALL_WORDS = re.compile(r"(?<=\s)(?:And|Of|The|For|On|At|In|To|By)(?=\s)")


def titlecase_if_shouting(s: str) -> str:
    """A heading printed in capitals in title case, its small joining words in lower case ("Board of Water and Power")."""
    return SMALL_WORDS.sub(lambda m: m.group(0).lower(), s.title()) if uppercase_share(s) > 0.8 else s


# (Patterns opening a line past markup and blank lines take that space whole, never giving it back ("*+"): a run of
# blank lines is otherwise read again from each of its lines, which is quadratic in a long one.)
# "At a meeting of the Children ... Board on Monday, 22 January 2024 in the Civic Suite"
# Meeting headings open a line (or follow markup on it): a sentence that mentions another meeting is not one.
AT_MEETING = re.compile(r"^[*\s]*+At (?:a|the) (?:meeting|Meeting) of (?:the )?(?P<body>[^\n]{3,160}?) (?:held )?on (?P<rest>[^\n]{6,80})", re.M)
# ModernGov page title: "Children ... Board - Monday, 13th June, 2022 6.30 p.m."
MODERNGOV_TITLE = re.compile(rf"^(?P<body>[^\n]{{3,160}}?{BODY_WORDS}[^\n]{{0,60}}?) [-–] (?P<rest>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[^\n]{{6,60}})$", re.M)
# "EXECUTIVE BOARD MEETING – 18 JANUARY 2024"
BODY_MEETING = re.compile(rf"(?:^|(?<=\*\*))[ \t]*(?P<body>(?:[A-Z][A-Za-z&']*[ ,]+){{0,8}}?{BODY_WORDS.upper()}|(?:[A-Z][A-Za-z&']*[ ,]+){{0,8}}?{BODY_WORDS}) MEETING\s*[-–—:]\s*(?P<rest>\d{{1,2}}(?:st|nd|rd|th)? [A-Za-z]+,? \d{{4}})", re.I | re.M)
# "CYP21 MINUTES" (minute reference, then an upper-case title)
MINUTE_CODE = re.compile(r"^[*\s]{0,4}(?P<num>[A-Z]{2,6}\d{1,4}[a-z]?)[ \t]+(?P<title>[^\n]{3,200})$", re.M)
# ModernGov item list: "4." alone on a line, then the title line
MODERNGOV_ITEM = re.compile(r"^(?P<num>\d{1,3}[a-z]?)\.(?:[ \t]*\n(?:[ \t]*\n)?|[ \t]*\t[ \t]*)(?P<title>[^\n]{3,200})$", re.M)
# Printed extract: "**76****SCHOOL ADMISSION ARRANGEMENTS 2025/26**" or "91\tFAMILY HUBS DIGITAL SOLUTION"
STARRED_ITEM = re.compile(r"\*\*(?P<num>\d{1,4}[A-Za-z]?)\*\*\**(?P<title>[^*\n]{3,160}?)\*\*")
NUMBER_TAB_ITEM = re.compile(r"^(?P<num>\d{1,4}[a-z]?)\t+(?P<title>[^\n\t]{3,160})$", re.M)
REPORT_TO = re.compile(r"^[*\s]*+REPORT TO:?\**[ \t]*(?P<body>[^\n]{3,160})$", re.M)
SUBJECT = re.compile(r"^[*\s]*+SUBJECT:?\**[ \t]*(?P<title>[^\n]{2,200})$", re.M)
DATE_LINE = re.compile(r"^[*\s]*+DATE:?\**[ \t]*(?P<date>[^\n]{4,40})$", re.M)
MEETING_ENDED = re.compile(r"^\s*+(?:The )?[Mm]eeting (?:ended|closed|concluded)\b", re.M)


def meeting_headings(text: str) -> list[Heading]:
    out = []
    for rx in (AT_MEETING, MODERNGOV_TITLE, BODY_MEETING):
        for m in rx.finditer(text):
            date = find_date(m.group("rest"))
            if date:
                body = tidy_title(m.group("body"))
                out.append(Heading(m.start(), "meeting", committee=titlecase_if_shouting(body), date=date, structural=rx is not BODY_MEETING))
    return out


def item_headings(text: str) -> list[Heading]:
    out = []
    for m in MINUTE_CODE.finditer(text):
        title = tidy_title(m.group("title"))
        if uppercase_share(title) > 0.7 and len(title) >= 3:
            out.append(Heading(m.start(), "item", m.group("num"), title))
    for m in MODERNGOV_ITEM.finditer(text):
        title = tidy_title(m.group("title"))
        if title and not title[0].isdigit():
            out.append(Heading(m.start(), "item", m.group("num"), title))
    for rx in (STARRED_ITEM, NUMBER_TAB_ITEM):
        for m in rx.finditer(text):
            title = tidy_title(m.group("title"))
            if uppercase_share(title) > 0.7:
                out.append(Heading(m.start(), "item", m.group("num"), title))
    return out


def report_headings(text: str) -> list[Heading]:
    out = []
    for m in REPORT_TO.finditer(text):
        window = text[m.end(): m.end() + 800]
        subject = SUBJECT.search(window)
        date = DATE_LINE.search(window)
        out.append(Heading(
            m.start(), "report", None,
            tidy_title(subject.group("title")) if subject else "Officer report",
            committee=tidy_title(m.group("body")),
            date=find_date(date.group("date")) if date else None,
        ))
    return out


def end_markers(text: str) -> list[Heading]:
    return [Heading(m.start(), "end") for m in MEETING_ENDED.finditer(text)]
