"""Find the agenda items of a document from how its headings are numbered and laid out.

Councils number items in many ways (`1.`, `1.1`, `A.`, `VII.`, `5(a)`, `Item 7`, `CYP23`, `56/18`) and mix
them: items numbered 1, 2, 3 with lists inside them numbered 1, 2 again. Every heading-like line is a
candidate; the items are the longest well-scored run of one numbering family whose values go up one at a
time through the document. Unnumbered upper-case or bold headings between items are sections that group
them (CONSENT CALENDAR); in a document with no numbered run they are the items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.dates import find_dates
from index.headings import BODY_WORDS, uppercase_share
from index.text import capitalised_share

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
MAX_TITLE = 200
MIN_RUN = 3  # fewer numbered headings than this is not an agenda
SUB_ONLY = frozenset({"lowercase"})  # families that number sub-items, never a document's own items
FAMILY_PRIOR = {"arabic": 1.2, "item": 1.2, "minute": 1.2, "dotted": 1.2}  # letters and sub-numbers are more often lists
LATE_START = 0.3  # share of the document after which a run's first item is suspiciously late
RUNNING_HEADER = re.compile(rf"\b{BODY_WORDS}\b|\bminutes\b|\bagenda\b", re.I)  # whose minutes, on a page's head
RUN_BAR = 0.6  # what a member must score to strengthen a run
MIN_MEAN_SCORE = 0.8  # a run of numbered sentences (paragraph or motion numbers) is not a run of headings


@dataclass
class Candidate:
    start: int  # offset of the heading line
    family: str  # arabic | letter | roman | item | minute | decimal | sub
    value: int  # position in its family's sequence
    number: str  # as printed, without trailing punctuation
    title: str
    score: float
    key: str = ""  # minute codes: the prefix that must stay the same along a run
    filed: bool = False  # printed after a file or resolution number of its own ("99-494 (A) ...")


def _roman(s: str) -> int | None:
    if not re.fullmatch(r"L?X{0,3}(?:IX|IV|V?I{0,3})", s) or not s:
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN.get(b, 0) > v else v
    return total


_LEAD = r"^[ \t\f*#_>•]*"  # a form feed opens the line of an item printed at the top of a page
_FILE = r"(?:[A-Z]{0,4}[ \t]?\d{2,4}[-–]\d{1,5}[ \t]+)?"  # a resolution or file number printed before the item number
FILED = re.compile(_LEAD + _FILE.rstrip("?") + r"\(?[A-Z0-9]")  # "99-528 55. On the amendment ...": a clerk filed it as an item
FILE_BONUS = 0.8
PATTERNS = [
    ("item", re.compile(_LEAD + r"(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<n>\d{1,3})(?P<sub>[a-z]|\.\d{1,2})?\s*[.:)\-–]?[ \t]*(?P<t>[^\n]*)$", re.I | re.M)),
    ("dotted", re.compile(_LEAD + r"(?P<key>\d{1,4}(?:\.\d{1,4})+)\.(?P<n>\d{1,3})\.?[ \t]+(?P<t>[^\n]+)$", re.M)),
    ("decimal", re.compile(_LEAD + r"(?P<n>\d{1,2})\.-?(?P<sub>\d{1,2})(?:\.\d{1,2})?\.?(?:[ \t]+(?P<t>[^\n]+)|[ \t]*)$", re.M)),
    ("lettersub", re.compile(_LEAD + r"(?P<n>[A-Z])\.-?(?P<sub>\d{1,2})\.?[ \t]+(?P<t>[^\n]+)$", re.M)),
    ("sub", re.compile(_LEAD + r"(?P<n>\d{1,2})[ \t]?\((?P<sub>[a-zA-Z]{1,3}|\d{1,2})\)\.?[ \t]+(?P<t>[^\n]+)$", re.M)),
    ("minute", re.compile(_LEAD + r"(?:minute\s+(?:no\.?\s*)?)?(?P<key>[A-Z]{1,6}[ \t]?)?(?P<n>\d{1,4})/(?P<year>\d{2,4})\.?[ \t:.\-–]+(?P<t>[^\n]+)$", re.M)),
    ("minute", re.compile(_LEAD + r"(?P<key>[A-Z]{2,6})(?P<n>\d{1,4})\.?[ \t]+(?P<t>[^\n]+)$", re.M)),
    # a resolution numbered within its year: "R2020-173 L. Moore, L. Andersen: That we pass ...", "Resolution No. 2020-41:"
    # (a letter before the year, or the word "Resolution": a bare "2024-02-13" is a date and "2024-25" a year range)
    ("minute", re.compile(_LEAD + r"(?:(?i:resolution|res\.)[ \t]+(?:(?i:no)\.?[ \t]*)?|(?=[A-Z]))(?P<key>[A-Z]{0,3}(?:19|20)\d\d)"
                          r"[ \t]*(?P<dash>[-–])[ \t]*(?P<n>\d{1,4})\b(?![-/]\d)\.?[ \t:]*(?P<t>[^\n]+)$", re.M)),
    # (Markdown made from HTML or PDF escapes an item's stop: "**1\. Call to Order**")
    ("arabic", re.compile(_LEAD + _FILE + r"(?P<n>\d{1,3})(?:[ \t]*\\?[.)]|[ \t]*[:\-–](?=[ \t])|\t|[ \t]{2,}|(?=[ \t]+[A-Z]{2})|[ \t]*$)[ \t]*(?P<t>[^\n]*)$", re.M)),
    # "A.Motion to Waive Full Reading": a PDF's text layer may lose the space after the letter ("J.Smith reported"
    # matches too, but initials do not run A, B, C as items do)
    ("letter", re.compile(_LEAD + _FILE + r"\(?(?P<n>[A-Z])(?:[.)][ \t]+|\.(?=[A-Z][a-z]+[ \t]+[A-Za-z]))(?P<t>[^\n]+)$", re.M)),
    ("letter", re.compile(_LEAD + r"\((?P<n>[a-z])\)(?P<t>)[ \t]*$", re.M)),  # "(a)" alone on its line, titled by the next
    # "a) 23-0015 RECOGNIZING ...", "b) REPORT" / "23-0021" / "CITY COUNCIL MEETING MINUTES": a lower-case letter is
    # a sub-item only with a publishing system's file number after it (the Legistar layout; not a year "2024-25" nor a
    # range "10-12"); bare, it is a list
    ("letter", LETTER_FILED := re.compile(_LEAD + r"\(?(?P<n>[a-z])\)[ \t]+(?:[A-Z]{3,}[ \t]*\n[ \t]*)?(?!(?:19|20)\d\d-\d\d\b)\d{2,4}-\d{3,6}(?:[ \t]+|[ \t]*\n[ \t]*)"
                                         r"(?P<t>[^\n]+)$", re.M)),
    # "a. CONDUCT PUBLIC HEARING AND ADOPT ...": a lower-case letter over a title in capitals, only ever a sub-item
    ("lowercase", re.compile(_LEAD + r"\(?(?P<n>[a-z])[.)][ \t]+(?P<t>(?:[A-Z][A-Z0-9&'’/,:-]*[ \t]+){2,}[A-Z][^\n]*)$", re.M)),
    # "a)  **Active Travel consultation**": a lower-case letter over a bold or styled title, a sub-item too
    ("lowercase", LOWER_STYLED := re.compile(_LEAD + r"\(?(?P<n>[a-z])[.)][ \t]+(?P<t>[^\n]+)$", re.M)),
    ("roman", re.compile(_LEAD + _FILE + r"\(?(?P<n>[IVXL]{1,6}|[ivx]{1,4})[.)](?:[ \t]+(?P<t>[^\n]+)|[ \t]*)$", re.M)),
    # the code printed after the title: "Recognition: Employees of the Year (E-1)", "Consent Calendar Approved (G-1/G-6)"
    ("trailing", re.compile(_LEAD + r"(?P<t>[A-Z][^\n()]{2,160}?)[ \t]*\((?P<n>[A-Z])(?:-(?P<sub>\d{1,2}))?(?P<range>/[A-Z]-?\d{1,2})?\)[ \t*]*$", re.M)),
]
# the mover and seconder printed before a resolution's wording ("L. Andersen, J. Scott: That the minutes ...")
MOVERS = re.compile(r"^(?:[A-Z]\.[ \t]?)+[A-Z][\w'’-]+(?:[ \t]*(?:,|and|&)[ \t]*(?:[A-Z]\.[ \t]?)+[A-Z][\w'’-]+){1,2}[ \t]*:[ \t]*(?=\S)")
MOVED_SCORE = 1.5
FILE_NUMBER = re.compile(r"^\d{2,4}-\d{2,6}[ \t]+")  # a publishing system's file number before the title ("23-6764")
MIDLINE_MINUTE = re.compile(r"(?<=[.!?:)”\"] )(?P<key>)(?P<n>\d{1,4})/(?P<year>\d{2})[ \t]+(?=(?P<t>[A-Z][^\n]{2,300}))")  # title not consumed: the next minute may run on in it
SENTENCE_START = re.compile(r"^(?:that|the|a|an|it|this|to|and|or|of|in|on|for|with)\b", re.I)
MOTION_WORDS = re.compile(r"^(?:moved|seconded|proposed|resolved|carried|that)\b", re.I)  # a numbered motion, not an item
LIST_MARK = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})[.)][ \t]")  # "a) PW reported ...": a sub-item under the heading, not its sentence running on
SECOND_COLUMN = re.compile(r"(?:^|\S[ \t]{4,})\(?\d{1,2}[.)](?:[ \t]|$)")  # another number after a wide gap, or opening the title
NOT_TITLE = re.compile(r"^(?:[\d,.%$£€\s/-]+|page\s+\d+.*|p\.?\s*\d+)$", re.I)



def _next_line(text: str, pos: int) -> str:
    """The first non-empty line after the line at `pos` (a number alone on its line is titled by the next)."""
    nl = text.find("\n", pos)
    while nl != -1:
        end = text.find("\n", nl + 1)
        line = text[nl + 1: end if end != -1 else len(text)].strip(" \t*#_")
        if line:
            return line
        nl = end
    return ""


CLOCK = re.compile(r"[ \t\f*#_>•]*\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\b|hrs?\b|hours\b)", re.I)  # "1.30pm on Wednesday", "9.00 am"
PAGE_RULE = re.compile(r"[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,})[ \t]*")  # a page separator line as converters print it ("---")


def _opens_with_date(line: str) -> bool:
    dates = find_dates(line.strip(" \t\f*#_>•")[:40])
    return bool(dates) and dates[0][0] == 0


def _at_page_break(text: str, line_start: int, line_end: int) -> bool:
    """Whether the line text[line_start:line_end] sits against a page break: a separator line directly above or
    below it (blank lines aside)."""
    before = text[max(0, line_start - 200):line_start].rstrip(" \t\n")
    after = text[line_end:line_end + 200].lstrip(" \t\n")
    last_line = before[before.rfind("\n") + 1:]
    next_line = after.split("\n", 1)[0]
    # (a form feed says nothing here: the text reader has already dropped the numbers that end or open a page)
    return bool(PAGE_RULE.fullmatch(last_line)) or bool(PAGE_RULE.fullmatch(next_line))


def heading_score(title: str, styled: bool, continues: bool = False) -> float:
    """How much a numbered line looks like an item heading rather than a numbered sentence or table row."""
    t = title.strip(" \t*_:")
    if not t or NOT_TITLE.match(t):
        return 0.2 + (1.0 if styled else 0.0)
    score = 1.0
    score += 1.0 if styled else 0.0
    share = uppercase_share(t)
    score += 0.8 if share > 0.7 else 0.3 if capitalised_share(t) > 0.7 else 0.0
    score += 0.3 if len(t) <= 90 and not t.endswith((".", ";", ",")) else 0.0
    score -= 1.0 if t[0].islower() else 0.0
    score -= 0.8 if len(t) > 150 else 0.0
    score -= 0.6 if SENTENCE_START.match(t) and share < 0.7 else 0.0
    score -= 1.2 if MOTION_WORDS.match(t) else 0.0
    score -= 1.0 if len(find_dates(t)) >= 2 or (find_dates(t) and find_dates(t)[0][0] == 0) else 0.0  # a list of dates
    score -= 1.0 if continues and len(t) > 50 else 0.0  # a sentence running on to the next line: a numbered paragraph
    score -= 0.5 if t.count("\t") >= 2 else 0.0  # a table row
    score -= 1.2 if SECOND_COLUMN.search(t) else 0.0  # "1.  Jo Bloggs        6.": a list printed in two columns
    return score


def candidates(text: str, styled: set[int]) -> list[Candidate]:
    """Every line that could open an item, with its numbering family and heading score."""
    out: dict[tuple[int, str], Candidate] = {}
    alone: dict[str, list[tuple[int, str]]] = {}  # numbers alone on their line, by the title the next line gives
    for family, rx in PATTERNS:
        for m in rx.finditer(text):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" \t\f*#_>•")))
            line_start = text.rfind("\n", 0, m.start() + 1) + 1
            title = (m.group("t") or "").strip()
            lone = not title  # the number alone on its line: the next line titles it
            if not title:
                title = _next_line(text, m.start())
            title = LIST_MARK.sub("", FILE_NUMBER.sub("", title))  # "4.  a.  Review the ...": the first sub-item on its parent's line
            moved = MOVERS.match(title)  # a numbered resolution with its mover and seconder: an item, however worded
            title = short_title(title[moved.end():] if moved else title)
            groups = m.groupdict()
            number_text = _printed_number(family, m)
            value, key = _value(family, groups)
            if value is None:
                continue
            if family in ("arabic", "item") and groups.get("sub"):
                continue  # "Item 5a": a sub-item, scored with the 'sub' family
            if lone and _at_page_break(text, line_start, m.end()):
                continue  # a page number: alone on its line at a page break
            if family == "arabic" and (_opens_with_date(m.group(0)) or CLOCK.match(m.group(0))):
                continue  # "11 JUNE 2019", "1.30pm on Wednesday": a date (often the running header) or a time, not an item
            is_styled = line_start in styled or start in styled
            if rx is LOWER_STYLED:
                if not (is_styled or re.match(r"(?:\*\*|__)\w", m.group("t"))):
                    continue
                title = title.strip("*_ ")
            nxt = _next_line(text, m.start()) if (m.group("t") or "").strip() else ""
            continues = bool(nxt) and not LIST_MARK.match(nxt) and (nxt[0].islower() or not title.rstrip().endswith((".", ":", "?", "!")) and title.rstrip()[-1:].islower() and nxt[:1].islower())
            filed = bool(FILED.match(m.group(0))) or rx is LETTER_FILED
            score = heading_score(title, is_styled, continues) + (FILE_BONUS if filed else 0.0)
            score = max(score, MOVED_SCORE) if moved else score
            cand = Candidate(line_start, family, value, number_text, title, score, key, filed)
            if family == "roman" and len(groups["n"]) == 1 and groups["n"] in "IVX":
                out.setdefault((line_start, "letter"), Candidate(line_start, "letter", ord(groups["n"]) - 64, number_text, title, cand.score))
            out.setdefault((line_start, family), cand)
            if lone:
                alone.setdefault(title, []).append((line_start, family))
    # a number alone on its line is titled by the next line ("8.1" then "CEO REPORT"); where different numbers share
    # that line they are page numbers above the running header (the same number twice is an agenda and its minutes),
    # unless only two do and the line names no body and no date: two questions one councillor submitted ("Question
    # submitted by Councillor X"), where a running header says whose minutes of which day
    for title, spots in alone.items():
        numbers = len({out[spot].number for spot in spots})
        if numbers > 2 or (numbers == 2 and (RUNNING_HEADER.search(title) or find_dates(title))):
            for spot in spots:
                out[spot].score = min(out[spot].score, 0.2)
    for m in MIDLINE_MINUTE.finditer(text):  # "... at work. 71/17 Declaration of Interest ...": minutes run together
        if any(k[0] <= m.start() < k[0] + 3 for k in out):
            continue
        title = short_title(m.group("t"))
        value, key = _value("minute", m.groupdict())
        if value is None:
            continue
        out[(m.start(), "minute")] = Candidate(m.start(), "minute", value, _printed_number("minute", m), title[:MAX_TITLE],
                                              heading_score(title[:90], False), key)
    return sorted(out.values(), key=lambda c: (c.start, c.family))


def short_title(title: str) -> str:
    """A heading's title when the minute's text runs on after it on the same line ("Apologies for absence
    Apologies had been received ..."): cut at the first sentence break or where a new sentence starts."""
    if len(title) <= 100:
        return title
    head = re.split(r"(?<=[a-z])\s+(?=[A-Z][a-z]+\s+(?:had|has|have|was|were|is|are|no|the|reported|confirmed|noted)\b)|(?<!\bNo)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.:;]\s", title,
                    maxsplit=1)[0]
    return head[:MAX_TITLE]


def _printed_number(family: str, m: re.Match) -> str:
    """The item number as printed ("7", "5(a)", "5.1", "VII", "CYP23", "56/18"), without a resolution number beside it."""
    g = m.groupdict()
    if family in ("decimal", "dotted", "lettersub"):
        return m.group(0).strip(" \t\f*#_>•").split()[0].rstrip(".")
    if family == "sub":
        return f"{g['n']}({g['sub']})"
    if family == "trailing":
        return f"{g['n']}" + (f"-{g['sub']}" if g.get("sub") else "") + (g.get("range") or "")
    if family == "minute":
        if g.get("dash"):
            return f"{g['key'].strip()}-{g['n']}"
        return f"{(g.get('key') or '').strip()}{g['n']}" + (f"/{g['year']}" if g.get("year") else "")
    return g["n"]


def _value(family: str, g: dict) -> tuple[int | None, str]:
    if family in ("arabic", "item"):
        return int(g["n"]), ""
    if family == "decimal":
        return int(g["n"]) * 100 + int(g["sub"]), ""
    if family == "lettersub":
        return (ord(g["n"]) - 64) * 100 + int(g["sub"]), ""
    if family == "sub":
        sub = g["sub"]
        idx = int(sub) if sub.isdigit() else (_roman(sub.upper()) if len(sub) > 1 else ord(sub.lower()) - 96)
        return (int(g["n"]) * 100 + idx, "") if idx else (None, "")
    if family == "minute":
        return int(g["n"]), (g.get("key") or "").strip() + "/" + (g.get("year") or "")
    if family == "dotted":
        return int(g["n"]), g["key"]
    if family in ("letter", "lowercase"):
        return ord(g["n"].upper()) - 64, ""
    if family == "roman":
        return _roman(g["n"].upper()), ""
    if family == "trailing":  # E-2 after E-1, F after E-7; the range G-1/G-6 opens its own G-1
        return (ord(g["n"]) - 64) * 1000 + int(g.get("sub") or 0) * 10 - (5 if g.get("range") else 0), ""
    return None, ""


def _step_ok(family: str, prev: Candidate, cur: Candidate) -> float | None:
    """The penalty for `cur` following `prev` in one run, or None if it cannot."""
    if family in ("minute", "dotted") and prev.key != cur.key:
        return None
    if family in ("decimal", "sub", "lettersub"):
        same_parent = cur.value // 100 == prev.value // 100
        if same_parent and cur.value - prev.value == 1:
            return 0.0
        if cur.value // 100 - prev.value // 100 == 1 and cur.value % 100 <= 1:
            return 0.0
        return None
    if family == "trailing":  # codes rise, letter by letter, skipping a few numbers or letters
        letters = cur.value // 1000 - prev.value // 1000
        return None if cur.value <= prev.value or letters > 3 else 0.3 * max(0, letters - 1)
    gap = cur.value - prev.value
    if gap == 1:
        return 0.0
    if 2 <= gap <= 3:
        return 0.7 * (gap - 1)  # an item withdrawn or a number skipped
    return None


def _chain(fam: list[Candidate], family: str, bar: float = RUN_BAR) -> tuple[list[Candidate], float]:
    """The best-scoring run of one family: values rising by one (a skipped number costs a little)."""
    # Each member adds its score less a bar: a run of numbered sentences adds up to little, while one weak title
    # only dents a run of real headings instead of breaking it.
    weight = [max(c.score, 0.1 if bar == 0 else -0.5) - bar for c in fam]
    score = [w - (0.3 if c.value % 100 > 1 and family in ("arabic", "letter", "roman") else 0.0) for c, w in zip(fam, weight)]
    back = [-1] * len(fam)
    for j, cur in enumerate(fam):
        for i in range(max(0, j - 400), j):
            pen = _step_ok(family, fam[i], cur)
            if pen is None:
                continue
            total = score[i] + weight[j] - pen
            if total > score[j]:
                score[j], back[j] = total, i
    if not fam:
        return [], 0.0
    j = max(range(len(fam)), key=lambda k: score[k])
    total = score[j]
    run = []
    while j != -1:
        run.append(fam[j])
        j = back[j]
    return run[::-1], total


def mean_score(run: list[Candidate]) -> float:
    return sum(c.score for c in run) / len(run) if run else 0.0


def best_run(cands: list[Candidate], text_len: int) -> list[Candidate]:
    """The numbered run that best explains the document's items (most heading-like, numbers rising by one); where it
    lies inside one item of another run, that run ("V. COMMITTEE REPORTS" over "1." to "13.")."""
    runs: list[tuple[float, list[Candidate]]] = []
    for family in dict.fromkeys(c.family for c in cands if c.family not in SUB_ONLY):  # first-seen order: a tie goes the same way every run
        fam = [c for c in cands if c.family == family and c.score > -0.5][:4000]
        runs += _accepted(fam, family, text_len)
    best = max(runs, key=lambda r: r[0])[1] if runs else []  # max keeps the first of equals
    enclosing = [r for r in runs if _encloses(r[1], best)]
    if enclosing:
        best = max(enclosing, key=lambda r: r[0])[1]
    return _parents_of(best, cands) or best


def _accepted(fam: list[Candidate], family: str, text_len: int) -> list[tuple[float, list[Candidate]]]:
    """The family's best run with its score, if it is long and heading-like enough to be a document's items."""
    if len(fam) < MIN_RUN:
        return []
    run, total = _chain(fam, family)
    total *= FAMILY_PRIOR.get(family, 1.0)
    if run and run[0].start > LATE_START * text_len:
        total *= 0.5  # items begin near the top; a run starting late is a list in an appendix
    return [(total, run)] if len(run) >= MIN_RUN and mean_score(run) >= MIN_MEAN_SCORE and total > 0 else []


def _encloses(outer: list[Candidate], inner: list[Candidate]) -> bool:
    """Whether the whole of `inner` lies between two consecutive members of `outer`: a list inside one of its items."""
    if not inner or outer is inner or len(outer) < MIN_RUN:
        return False
    return any(a.start < inner[0].start and inner[-1].start < b.start for a, b in zip(outer, outer[1:]))


def _parents_of(run: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    """The run of items whose sub-items `run` numbers ("8.1" ... "8.14", "9.1" under items 1 to 10), where the
    document prints one: its own items come first and the decimal run would lose them ("1 KARAKIA", "2 APOLOGIES")."""
    if not run or run[0].family != "decimal":
        return []
    decimal_lines = {c.start for c in cands if c.family == "decimal"}  # "9.0 Planning" also reads as "9." titled "0 Planning"
    fam = [c for c in cands if c.family == "arabic" and c.score > -0.5 and c.start not in decimal_lines][:4000]
    parents, _ = _chain(fam, "arabic")
    values = {c.value for c in parents}
    nested = all(c.value // 100 in values for c in run)
    if len(parents) >= MIN_RUN and mean_score(parents) >= MIN_MEAN_SCORE and nested and parents[0].start < run[0].start:
        return parents
    return []
