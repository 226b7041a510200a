"""Read the meeting a document records from its header: body, date, meeting type and place.

A document mentions many dates (the previous meeting whose minutes it approves, the next meeting,
deadlines); the meeting's own date sits in the header, near words like "meeting", "minutes" or a time of
day. Dates are scored, not taken first-come.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from index.bodies import ORG_WORDS, PLACE_KINDS
from index.dates import OCR_ORDINAL, find_dates
from index.readers.layout import PAGE_NUMBER
from index.headings import tidy_title, titlecase_if_shouting
from index.text import capitalised_share

HEADER_CHARS = 2500  # the header is read from the text before the first item, at most this much
ORG = re.compile(rf"\b{ORG_WORDS}\b", re.I)
BODY_END = re.compile(rf"^(.*\b{ORG_WORDS}\b(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&'’-]*){{0,3}})?)", re.I)
PLACE_NAME = re.compile(rf"^(?:the\s+)?(?:{PLACE_KINDS}\s+of\s+\S.*|\S.*\b(?!region\b){PLACE_KINDS}(?:\s+council)?)$", re.I)
# Words of a header line that say what kind of document or meeting it is, not whose.
FRAMING = re.compile(
    r"\b(?:(?:draft|approved|unapproved|confirmed|official|summary)\s+)?(?:minutes|agenda|notice|proceedings|record|transcript)\b(?:\s+(?:of|for|from))?"
    r"|\b(?:regular|special|ordinary|extraordinary|annual|adjourned|emergency|closed|public|joint|reconvened|virtual|hybrid|in-person|monthly|rescheduled|recess(?:ed)?)\b"
    r"|\b(?:work(?:shop|\s+session)|study\s+session|meeting|session|sitting|hearing)s?\b(?:\s+of)?|\bheld\b.*$|\bthe\b"
    r"|\b\d{1,3}(?:st|nd|rd|th)\b|\b(?:summary|record|report)\s+of\b|\bmembers(?=\s+of\b)", re.I)  # "The 5th Meeting of ...": the meeting's number, not the body's name
# a front matter or form field's label before the name ("title: The 5th Meeting of the Planning Committee")
FIELD_LABEL = re.compile(r"^(?:title|name|body|committee|subject|organi[sz]ation|meeting(?:\s+name)?)\s*:\s*", re.I)
# a person's line of an attendance list: "John Gommans and Jules Arthur, Co-Chairs of Clinical Council"
PERSON_LINE = re.compile(rf"^(?:(?:Dr|Mr|Mrs|Ms|Cllr|Cr)\.?\s+)?(?!{ORG_WORDS}\b)[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?\s+(?!{ORG_WORDS}\b)[A-Z][a-z'’-]+"
                         r"(?:\s+and\s+[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)?\s*,\s*(?:Co-?|Deputy\s+|Vice\s+|Acting\s+)?"
                         r"(?:Chair|Member|Officer|Director|Manager|Clerk|Secretary|Representative|Executive|Councill?or|Head|Lead)")
GENERIC = {"city", "town", "village", "county", "borough", "council", "board", "of", "the", "committee", "commission", "directors",
           "trustees", "parish", "township", "district", "authority", "and", "selectmen", "supervisors", "aldermen", "common", "full",
           "planning", "finance", "commissioners", "members", "panel", "cabinet", "forum", "assembly", "municipal"}
MEETING_WORDS = re.compile(r"\b(?:meeting|minutes|agenda|held|session|sitting|convened|date|called\s+to\s+order|commenc\w+)\b", re.I)
_ANOTHER_MEETING = r"approv\w*|previous|prior|last\s+meeting|next\s+meeting"
OTHER_MEETING = re.compile(rf"\b(?:{_ANOTHER_MEETING}|future|deadline|until|posted|published|"
                           r"printed|dated|issued|circulated|distributed|despatched|dispatched|adopted|revised|amended|updated|effective|expires?)\b", re.I)
APPROVING = re.compile(rf"\b(?:{_ANOTHER_MEETING})\b", re.I)  # on the line above a date (not "REVISED AGENDA": that is this one's)
TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b\d{1,2}[:.]\d{2}\b|\b(?:noon|midday)\b", re.I)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_ONLY = re.compile(rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?)"
                       r",?\s+\d{4}\.?$", re.I)  # "October 6, 2022", "Tuesday 4th June 2024": a line that is only a date
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_MEETING = r"(?:\s+[\w&'’-]+){0,4}?\s+(?:meeting|session|sitting)"
MEETING_TYPES = [
    ("closed", re.compile(r"\b(?:closed|in[\s-]camera|executive)\s+session\b|\bclosed\s+meeting\b", re.I)),
    ("special", re.compile(rf"\bspecial{_MEETING}\b|\bspecial\s*$", re.I | re.M)),
    ("extraordinary", re.compile(rf"\bextraordinary{_MEETING}\b", re.I)),
    ("annual", re.compile(r"\bannual\s+(?:general\s+|town\s+|parish\s+)?meeting\b", re.I)),
    ("adjourned", re.compile(r"\badjourned\s+(?:regular\s+)?meeting\b", re.I)),
    ("workshop", re.compile(r"\bwork(?:shop|\s+session)\b|\bstudy\s+session\b", re.I)),
    ("emergency", re.compile(r"\bemergency\s+meeting\b", re.I)),
    ("regular", re.compile(rf"\b(?:regular|ordinary|stated|monthly){_MEETING}\b|\bregular\s*$", re.I | re.M)),
]
PLACE = [re.compile(r"^\s*(?:location|venue|place|where|meeting\s+place)\s*[:\-–]\s*(?P<p>[^\n]{3,120})", re.I | re.M),
         re.compile(r"(?:a\.?m\.?|p\.?m\.?|\d{1,2}[:.]\d{2})[ \t]+(?:at|in)[ \t]+(?:the[ \t]+)?(?P<p>[A-Z][^\n,;]{2,80})", re.I),
         re.compile(r"\bheld\s+(?:at|in)\s+(?:the\s+)?(?P<p>[^\n,;]{3,100}?)(?:\s+on\b|\s+at\s+\d|[,;\n]|$)", re.I | re.M),
         re.compile(r"^(?P<p>[^\n]{0,60}\b(?:Council\s+Chambers?|Chambers|Town\s+Hall|City\s+Hall|Civic\s+(?:Centre|Center|Suite)|Council\s+Room|"
                    r"Committee\s+Room|Village\s+Hall|Parish\s+Room|Community\s+(?:Centre|Center|Hall)|Municipal\s+Building)\b[^\n]{0,60})$", re.M)]


@dataclass
class MeetingHeader:
    body: str | None = None
    date: str | None = None
    meeting_type: str | None = None
    place: str | None = None


def read_header(text: str, end: int | None = None) -> MeetingHeader:
    """The meeting recorded by the document whose header is text[:end]."""
    end = min(len(text), end if end is not None else HEADER_CHARS, HEADER_CHARS)
    end = max(end, min(len(text), 400))  # a first item on line one still leaves its date line in reach
    head = text[:end]
    # a first "item" may be a numbered list of how to join the meeting, above the title block: read further for the date
    date = meeting_date(head) or meeting_date(text[:HEADER_CHARS])
    return MeetingHeader(body=meeting_body(head), date=date, meeting_type=meeting_type(head), place=meeting_place(head))


def _lines(head: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in head.split("\n"):
        if line.strip() and not PAGE_NUMBER.match(line.strip()):  # "Page 1" above the title names nothing
            out.append((pos, line.strip(" \t*#_|•")))
        pos += len(line) + 1
    return out


DATE_LINES = 3  # lines after a line that opens a date, read for the rest of it
DATE_LINE_CHARS = 40
CONTINUED = re.compile(r"(?:,|\b(?:on|of|at|held))\s*$", re.I)  # a line ending mid-sentence


def meeting_date(head: str) -> str | None:
    """The best-placed date of the header: early, on a line about the meeting, with a time of day; never one
    on a line about approving earlier minutes, the next meeting or a deadline."""
    best: tuple[float, str] | None = None
    above = ""
    lines = _lines(head)
    for i, (offset, line) in enumerate(lines):
        dates = find_dates(line)
        if not dates:  # a date broken over short lines: "15th JANUARY," / "2015, AT 3.30PM"; "4TH" / "February," / "2015,"
            line = " ".join([line, *takewhile(lambda text: len(text) <= DATE_LINE_CHARS, (t for _, t in lines[i + 1:i + 1 + DATE_LINES]))])
            dates = [(pos, iso) for pos, iso in find_dates(line) if pos < len(lines[i][1])]
        # a line that goes on from the one above ("... HELD IN PASTORAL CENTRE, ON THURSDAY," / "19th FEBRUARY, 2015")
        around = f"{above} {line}" if CONTINUED.search(above) else line
        for pos, iso in dates:
            score = 3.0 - offset / 800
            # a date alone on its line dates the title above it ("Voting Hearing Agenda" / "October 6, 2022")
            # ...and so does the body's name before it on its line ("Example Parish Council - 3rd September 2019")
            score += 2.0 if MEETING_WORDS.search(line) or (DATE_ONLY.match(line) and MEETING_WORDS.search(above)) \
                or ORG.search(line[:pos]) else 0.0
            score += 1.0 if TIME.search(line) else 0.0
            score += 1.0 if WEEKDAY.search(around) else 0.0
            score += 0.5 if len(line) < 80 else 0.0
            score -= 1.0 if re.match(r"\d", line[pos:pos + 1]) and not re.match(rf"\d{{1,2}}(?:st|nd|rd|th|{OCR_ORDINAL})?\s+[A-Za-z]", line[pos:]) \
                and not re.match(r"\d{4}-\d{2}-\d{2}", line[pos:]) else 0.0  # "21.01.03" may be a minute number
            # ...and a line about approving earlier minutes dates that meeting, not this one ("APPROVAL OF THE MINUTES" /
            # "June 25, 2019")
            score -= 6.0 if OTHER_MEETING.search(line[:pos][-80:]) or (DATE_ONLY.match(line) and APPROVING.search(above)) else 0.0
            if best is None or score > best[0]:
                best = (score, iso)
        above = lines[i][1]
    return best[1] if best else None


def _body_from_line(line: str) -> str | None:
    if PERSON_LINE.match(line):
        return None
    line = FIELD_LABEL.sub("", line)
    # "Board of Director's Special Board Meeting Minutes": a body word already in the name, before "Meeting", names the meeting
    line = MEETING_OF_ORG.sub(lambda m: f"{m.group('kind')} " if re.search(rf"\b{re.escape(m.group(2))}\b", line[:m.start()], re.I) else m.group(0),
                              line)
    line = re.split(r"\s[-–—|]\s|,\s*(?=(?:mon|tues|wednes|thurs|fri|satur|sun)day)", line, maxsplit=1)[0] if len(line) > 40 else line
    for pos, _ in find_dates(line):
        line = line[:pos]
        break
    line = TIME.split(line)[0]
    cleaned = re.sub(r"\b(?:on|at|in|for|was|were)\s*$", "", _unframed(line), flags=re.I).strip(" ,.:;-–")
    cleaned = re.sub(r"^(?:of|for|by|at|an?)\s+", "", cleaned, flags=re.I)  # "A regular meeting of the X Council was held"
    if not ORG.search(cleaned) or len(cleaned) > 100 or len(cleaned.split()) > 12:
        return None
    if sum(w.islower() and w not in {"of", "and", "for", "the", "on", "in", "to"} for w in cleaned.split()) > 2:
        return None  # a sentence about the body ("The Board received the report"), not its name
    # end at the last body word, keeping an "of Health" / "of the Whole" tail; what follows is not the name
    m = BODY_END.match(cleaned)
    return m.group(1).strip(" ,.:;-–") if m else cleaned


def meeting_body(head: str) -> str | None:
    """The body that met, as printed, with the authority's name in front when the header gives it on its own line;
    a name that says whose ("Merton Council Audit Committee") is preferred to a bare "City Council"."""
    lines = _joined(_lines(head)[:24])[:20]
    found = []
    venue_lines = 0  # lines left of a venue field, which may name another body's building ("Hawke's Bay Regional Council")
    for i, (_, line) in enumerate(lines):
        if VENUE_FIELD.match(line):
            venue_lines = VENUE_FIELD_LINES
            continue
        if FIELD_NAME.match(line.strip(" :")):
            venue_lines = 0
        if venue_lines:
            venue_lines -= 1
            continue
        if len(line) > 160 or line.count(" ") > 25 or PLACE[-1].match(line):
            continue
        body = _body_from_line(line)
        if not body:
            continue
        if _words(body) <= GENERIC:  # "City Council", "Board of Directors": find whose
            body = _with_authority(lines, i, body)
        elif i + 1 < len(lines) and not PLACE[-1].match(lines[i + 1][1]) and (sub := _body_from_line(lines[i + 1][1])) \
                and len(sub) < 60 and sub.lower() not in body.lower():  # ("City Council Chambers" below is a room)
            # "Merton Council" over "Audit Committee"; two bodies meeting jointly ("Northern California Energy Authority" over
            # "Northern California Gas Authority"): both, since either's business may be asked about
            sibling = sub.split()[0].lower() == body.split()[0].lower() and sub.split()[-1].lower() == body.split()[-1].lower()
            body = f"{body} and {sub}" if sibling else f"{body} {sub}"
        elif whose := next(filter(None, (_authority_above(above, body) for _, above in lines[max(0, i - AUTHORITY_LINES):i][::-1])), None):
            body = f"{whose} {body}"  # "San Juan Unified School District" over "Board of Education"; "City of Boston" over
            # its mayor's name over "Licensing Board"
        body = REPEATED_WORD.sub(r"\1", titlecase_if_shouting(tidy_title(body)))  # "Hastings District Council" over "Council"
        body = POSSESSIVE_END.sub(r"\1s", body)  # "Board of Director's": the plural mis-spelt
        if not _words(body) <= GENERIC:
            return body
        found.append(body)
    if found:
        return found[0]
    m = MEETS.search(head)  # "The Napa County Commission on Aging regularly meets the fourth Monday ..."
    return tidy_title(m.group("b")) if m else None


MEETS = re.compile(rf"\b(?:The[ \t]+)?(?P<b>(?:[A-Z][\w&'’-]*[ \t]+(?:(?:of|on|and|for|&)[ \t]+)?){{1,6}}?{ORG_WORDS}(?:[ \t]+(?:of|on|for)[ \t]+"
                   rf"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){{0,2}})?)\s+(?:regularly\s+|normally\s+|usually\s+)?(?:meets|will\s+meet|will\s+hold)\b")


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+", name.lower()))


ORG_START = re.compile(rf"^{ORG_WORDS}\b", re.I)
ORG_AT_END = re.compile(rf"\b{ORG_WORDS}\s*$", re.I)
JOINING = re.compile(r"(?:\b(?:and|of|the|for|on|at)|&)$", re.I)


def _joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Header lines with a name broken across lines put back together: a line ending in a joining word ("LIMERICK
    CITY AND" / "COUNTY" / "COUNCIL"), or an upper-case line continued by a line of one or two upper-case words
    ("BOARD OF WATER AND POWER" / "COMMISSIONERS")."""
    out: list[tuple[int, str]] = []
    for offset, line in lines:
        if out:
            prev = out[-1][1]
            short_caps = len(line.split()) <= 2 and line.isupper() and prev.isupper() \
                and not re.search(r"\d", line + prev) \
                and not ORG_AT_END.search(prev)  # "KENT COUNTY COUNCIL" is whole: "COUNTY COUNCIL" below it is the meeting's
            # "MEETING OF THE MUNICIPAL" / "DISTRICT OF ADARE-RATHKEALE", "... THE MUNICIPAL DISTRICT" / "OF NEWCASTLE WEST":
            # a body's name broken inside its words
            whole = bool(ORG_AT_END.search(prev))
            split_name = prev.isupper() and line.isupper() and (line.startswith("OF ") if whole else bool(ORG_START.match(f"{prev.split()[-1]} {line}")))
            if len(prev) < 100 and (JOINING.search(prev) or short_caps or split_name):
                out[-1] = (out[-1][0], f"{prev} {line}")
                continue
        out.append((offset, line))
    return out


def _authority_above(line: str, body: str) -> str | None:
    """The authority's name printed on the line above a body's name ("San Juan Unified School District" over "Board
    of Education"), unless the body's name already says it."""
    above = line.strip(" ,.:")
    if not PLACE_NAME.match(above) or len(above) >= 60 or find_dates(above) or re.search(r"\d|[.:;@|]", above):
        return None
    if _words(above) - GENERIC <= _words(body):
        return None
    return titlecase_if_shouting(tidy_title(above))


AUTHORITY_LINES = 3  # the authority's name may stand up to three lines above the body's (a mayor's name between)
# "... Special Board Meeting": a body word between a meeting's kind and "Meeting" names the meeting, not the body
MEETING_OF_ORG = re.compile(rf"\b(?P<kind>special|regular|annual|joint|adjourned|ordinary|extraordinary|monthly)\s+({ORG_WORDS})\s+"
                            r"(?=(?:meeting|minutes|session|agenda)\b)", re.I)
POSSESSIVE_END = re.compile(r"(\bof\s+(?:the\s+)?[A-Z][a-z]+)['’]s$")
REPEATED_WORD = re.compile(rf"\b({ORG_WORDS})(?:\s+\1\b)+", re.I)  # "... Council Council", not "Walla Walla"
# a header field's name printed on the line above its value ("Venue" / "Council Chambers"): no part of a body's name
FIELD_NAME = re.compile(r"^(?:venue|location|place|where|time|date|present|apologies|in\s+attendance|attendees|members|chair(?:person)?)$", re.I)
VENUE_FIELD = re.compile(r"^(?:venue|location|place|meeting\s+place)\s*:?\s*$", re.I)  # the field's name alone, its value below
VENUE_FIELD_LINES = 5
NOT_A_TOWN = re.compile(r"\b(?:floor|suite|room|chambers?|hall|level|building|centre|center|unit|wing)\b", re.I)
MUNICIPAL = {"city", "town", "village"}
# "1666 N. MAIN STREET, WALNUT CREEK", "24300 Narbonne Avenue, Lomita, CA 90717": a street address and its town
ADDRESS_CITY = re.compile(r"^\d{1,6}\s+[\w .'’-]{2,40}?\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|way|lane|ln|place|"
                          r"pl|court|ct|plaza|parkway|pkwy)\.?,\s*(?P<city>[A-Za-z][A-Za-z .'’-]{2,30}?)(?:,?\s+[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?)?$",
                          re.I)


def _name_like(line: str) -> bool:
    """Most of its longer words capitalised, as a name is ("Runcorn Town"), not a sentence ("The following points arose")."""
    return capitalised_share(line) >= 0.6


def _unframed(line: str) -> str:
    """A header line without the words saying what kind of document or meeting it is."""
    return re.sub(r"\s+", " ", FRAMING.sub(" ", line)).strip(" ,.:;-–")


def _with_authority(lines: list[tuple[int, str]], i: int, body: str) -> str:
    """Prefix a generic body name with the authority named on a nearby line ("City of X", or a title line above)."""
    near = [_unframed(other) for _, other in lines[max(0, i - 6):i + 3]]  # "MINUTES OF WAIROA DISTRICT COUNCIL"
    for other in near:
        if PLACE_NAME.match(other) and len(other) < 60 and other.lower() not in body.lower():
            return f"{other} {body}"
    if _words(body) & MUNICIPAL:  # "City Council" meets in its city: the header's street address names it
        for other in near:
            m = ADDRESS_CITY.match(other)
            if m and m.group("city").lower() not in body.lower() and not NOT_A_TOWN.search(m.group("city")):
                return f"{m.group('city').strip()} {body}"
    if i > 0:
        above = _unframed(lines[i - 1][1])
        if len(above) < 70 and not FIELD_NAME.match(above) and not find_dates(above) and not FRAMING.fullmatch(above) and not re.search(r"[.:;@|]|\d{3}", above) \
                and not ORG.search(above) and above[:1].isupper() \
                and _name_like(above):
            return f"{above} {body}"
    return body


def meeting_type(head: str) -> str | None:
    first = "\n".join(line for _, line in _lines(head)[:12])
    for name, rx in MEETING_TYPES:
        if rx.search(first):
            return name
    return None


def meeting_place(head: str) -> str | None:
    for rx in PLACE:
        m = rx.search(head)
        if m:
            place = tidy_title(m.group("p"))
            for pos, _ in find_dates(place):
                place = place[:pos]
                break
            place = TIME.split(place)[0].strip(" ,.-–:")
            if len(place) >= 3:
                return place
    return None
