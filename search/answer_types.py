"""Whether a sentence supplies the kind of answer a question asks for (a person, a date, a place, a rating ...).

A sentence about the right subject may still not answer: asked who was appointed, "an independent chair was
appointed" names nobody. The answer step quotes a sentence only if it supplies what was asked; otherwise it says
what the minutes do say. Quantities are handled with the figures test in search/figures.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from index.dates import find_dates
from index.headings import BODY_WORDS
from index.text import capitalised_share
from search.meeting_words import without_meeting_reference

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# the name of a post is not a person's ("the Chief Executive", "the Finance Officer")
_POST = r"(?:Executive|Officer|Manager|Director|Secretary|Clerk|Treasurer|Engineer|Planner|Accountant|Auditor|Administrator)"
# A person named: by title ("Cllr Jones", "Dr A Smith", "the Chair, Councillor Lee") or by initial and surname.
PERSON = re.compile(r"\b(?:Cllrs?|Councill?ors?|Council\s*(?:Member|woman|man)s?|Commissioners?|Trustees?|Supervisors?|Alderm[ae]n|"
                    r"Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Prof|Sir|Dame|Lord|Lady|Mayor|Reverend|Rev)\.?\s+"
                    r"(?:[A-Z]\.?\s+)*[A-Z][a-z'’-]+|\b[A-Z]\.\s?[A-Z][a-z'’-]{2,}"
                    # a rank or office before a name ("Captain Nicholas Covington", "Vice President Wood"), not before
                    # the rest of a post's name ("Chief Executive", "President of the Board")
                    r"|\b(?:Captain|Capt|Chief|Lieutenant|Lt|Sergeant|Sgt|Inspector|Superintendent|Detective|Sheriff|Judge|"
                    r"Justice|Father|Pastor|Senator|Representative|Governor|(?:Vice[\s-]+)?President)"
                    rf"\.?\s+(?!(?:[A-Z][a-z]+\s+)?(?:{_POST}|Financial|Operating|Constable|Inspector|Fire|Police|Justice|Medical|"
                    r"Nursing|Information|Technology|Administrative|Official|Finance|Department|Advocate|Town|Elect|Pro)\b)"
                    r"(?:[A-Z]\.?\s+)*[A-Z][a-z'’-]+"
                    # an attendance or vote list: "Present: Daniels, Coleman", "Ayes: Cownie, Boesen"
                    r"|\b(?i:present|absent|apologies|in\s+attendance|attendees|ayes|nays|noes)\s*[:\-–]\s*[A-Z][a-z'’-]+")
# A date or period: a written date, a month, a year, a quarter or a relative period. A year before 1900 only after a
# word placing it in time ("existed since 1889"): a bare "1,889" or "1889 homes" is a count.
WHEN = re.compile(rf"\b{_MONTH}\b|\b(?:19|20)\d\d\b|\b(?i:since|until|till|before|after|(?:established|founded|formed|built|"
                  r"opened|dated?|existed)(?:\s+in)?)\s+1[6-8]\d\d\b|\b(?:Q[1-4]|quarter\s+(?:one|two|three|four|\d))\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|"
                  r"\b(?:next|last|this|coming|following)\s+(?:week|month|year|term|spring|summer|autumn|winter)\b", re.I)
# A place: a named site after "at"/"in"/"on", or a postcode.
PLACE = re.compile(rf"\b(?:at|in|on|near|to)\s+(?:the\s+)?(?!(?:{_MONTH}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
                   r"(?:[A-Z][a-z'’-]+\s+){0,3}(?:[A-Z][a-z'’-]+)\b(?<!\bThe)"
                   r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
# A rating or judgement.
JUDGEMENT = re.compile(r"\b(?:rated|judged|graded|awarded|found\s+to\s+be|overall\s+(?:judgement|judgment|effectiveness|rating)|"
                       r"outstanding|inadequate|requires?\s+improvement|serious\s+weakness(?:es)?)\b", re.I)
# Named things (schools, organisations, items of a list): a capitalised name inside the sentence, not its first word.
NAMED = re.compile(r"(?<=[a-z,;:(]\s)(?:[A-Z][a-z'’&-]+\s+){0,4}[A-Z][a-z'’&-]+|\b[A-Z]{2,}\b")

# A person named without a title: a first name and a surname inside the sentence ("appointment of Gary Lozano", "with
# Sharon Wareham, the Internal Auditor"), or opening it before a comma ("Patrick Heisinger, Assistant City Manager,
# made a presentation"); not two words of a longer name, nor a body or place ending in a word of its kind ("the
# Improvement Board", "Local Area", "Bridge Road"). Other places of two words ("Runcorn Hill") still pass: a pattern
# cannot tell them from a name.
_INSTITUTION = (rf"(?:{BODY_WORDS}|Area|Trust|Department|Services?|Team|Partnership|Group|Company|"  # the bodies meetings name
                r"Ltd|Inc|Corporation|Agency|Office|Hall|Centre|Center|School|Academy|College|University|Hospital|Unit|Fund|"
                r"Programme|Program|Plan|Strategy|Report|Road|Street|Avenue|Way|Drive|Lane|Park|Square|House|Building|Court|"
                r"Church|Club|Society|Association|Network|Government|County|City|Town|Township|District|"
                r"Parish|Borough|Village|Ward|Region|State|Division|Directorate)")
_NAME = rf"(?!(?:{_MONTH}|{_INSTITUTION})\b)[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?\s+(?!(?:{_INSTITUTION}|{_POST})\b)[A-Z][a-z'’-]+\b(?!\s+[A-Z&])"
BARE_NAME = re.compile(rf"(?:[,;:(]\s*|\b[a-z][a-z'’-]*\s+){_NAME}|^{_NAME}(?=,)")  # after a lower-case word or a comma
WHO = re.compile(f"{PERSON.pattern}|{BARE_NAME.pattern}")

# Who pays for something: a person, or a body named by its kind ("the Parish Council", "Polk County"), not any
# capitalised word ("the PRU had a minibus" says nothing of who pays for it, nor "School meals" of anyone)
BODY = re.compile(rf"(?:\b(?i:the|by|from|to|with|of|that|and)\s+|^)(?:(?!The\b)[A-Z][a-z'’&-]+\s+){{1,4}}{_INSTITUTION}\b|"
                  rf"\b(?i:the|by|from|to|with|of|that|and)\s+{_INSTITUTION}\b")  # "the Parish Council", "Polk County", "the Board"
PERSON_OR_BODY = re.compile(f"{WHO.pattern}|{BODY.pattern}")

# A clock time: "4:12 p.m.", "7pm", "19.30", "noon", "1930 hrs"; not a sum ("£12.50"), a share ("4.25%"), a date written
# with stops ("03.10.14") nor a reference ("item 5.10", "paragraph 12.30", "line 4.25").
_NOT_A_REFERENCE = "".join(rf"(?<!{w}\s)" for w in ("item", "page", "line", "minute", "section", "clause", "paragraph", "para", "rule"))
CLOCK = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)|"
                   rf"(?<![\d.£$€])(?<![£$€]\s){_NOT_A_REFERENCE}\b\d{{1,2}}[.:][0-5]\d\b(?![.:]?\d|\s*%)|\b(?:noon|midday|midnight)\b|"
                   r"\b\d{1,2}\s*o['’]clock\b|\b[0-2]\d[0-5]\d\s*hrs\b", re.I)

# A day: of a month ("14th February", "May 27", "15TH JANUARY", "the 3rd"), written in figures ("14/02/2024",
# "2024-02-14"), or of the week ("Monday", "MONDAY"); not an ordinal that places ("the 2nd reading", "the 75th anniversary")
_MONTH_ANY = rf"(?:{_MONTH}|{_MONTH.upper()})"
DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th|ST|ND|RD|TH)?\s+(?:of\s+)?{_MONTH_ANY}\b|\b{_MONTH_ANY}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|"
                 r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?i:mon|tues|wednes|thurs|fri|satur|sun)(?i:day)\b|"
                 r"\bthe\s+(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:anniversary|century|birthday|time|year|annual|reading|"
                 r"floor|quarter|phase|stage|round|place|item|meeting)\b)")

CHECKS = {"person": WHO, "date": WHEN, "day": DAY, "time": CLOCK, "place": PLACE, "judgement": JUDGEMENT, "list": NAMED, "organisation": NAMED,
          "payer": PERSON_OR_BODY}
MISSING = {
    "person": "The minutes do not name the person asked about.",
    "date": "The minutes do not give the date asked about.",
    "day": "The minutes do not give the date asked about.",
    "time": "The minutes do not give the time asked about.",
    "place": "The minutes do not give the place asked about.",
    "judgement": "The minutes do not give the rating or judgement asked about.",
    "list": "The minutes do not name the ones asked about.",
    "organisation": "The minutes do not name the organisation asked about.",
    "payer": "The minutes do not say who.",
}


# The clearest form of an answer, preferred where one is near the best sentence: a person named with a title or an
# initial ("Mr Cooke", "A. Smith") before a bare name or a body.
CLEAREST = {**CHECKS, "person": PERSON}


def supplies(answer_type: str, clearest: bool = False) -> re.Pattern | None:
    """The test a sentence must pass to answer a question of this type (None: any on-topic sentence will do); with
    `clearest`, the stricter test of its clearest form."""
    return (CLEAREST if clearest else CHECKS).get(answer_type)


def supplies_beyond(check: re.Pattern, sentence: str, question: str) -> bool:
    """Whether the sentence supplies what `check` looks for beyond what the question already says: asked "by when
    must staff report on this winter's events", "review this winter's events" gives no date; asked what Councillor
    Lee proposed, "Councillor Lee spoke" names no one new."""
    asked = re.sub(r"\s+", " ", question).lower()
    # what was matched, without the comma or small word before it that placed it: ", Newcastle West" and "at Cois
    # Teampaill" give nothing new where the question names Newcastle West and Cois Teampaill
    return any(LEAD_IN.sub("", re.sub(r"\s+", " ", m.group(0))).lower() not in asked for m in check.finditer(sentence))


LEAD_IN = re.compile(r"^[\s,;:(]*(?:[a-z][a-z'’-]*\s+(?=[A-Z]))?")


def lacks_message(answer_type: str) -> str:
    return MISSING.get(answer_type, "The minutes do not appear to cover this question.")


# the labels of a meeting's header block: two of them in one sentence make it the header, not a statement
HEADER_LABEL = re.compile(r"\b(?:Date|Time|Venue|Location|Place|Present|Attendance|Apologies|Absent|Phone|Tel|Telephone|Fax|E-?mail|Website)\s*:", re.I)
ABOUT_THE_MEETING = re.compile(r"\b(?:present|attend\w*|apolog\w*|absent|venue|held|sat|convened|called\s+to\s+order|opened|closed|"
                               r"adjourn\w*|chair\w*|presid\w*|roll\s+call|what\s+time|start\w*|beg[ai]n|end(?:ed)?)\b", re.I)
# ...but a header block gives when a meeting opened, never when it closed
MEETING_END = re.compile(r"\b(?:clos(?:e|ed|ing)(?!\s+(?:session|door|part|portion|meeting|item|to\s+the\s+public))|adjourn\w*|end(?:ed)?|finish\w*|concluded?)\b", re.I)
# the opening time a header gives ("Time: 3:30 p.m.", "Start time: 7pm"), not a closing one ("Closing time: 9.15pm"), and
# only the first clock of a range ("Time: 7.00pm - 9.15pm" still says when it closed)
OPENING_TIME = re.compile(r"(?<!closing\s)(?<!finish\s)(?<!end\s)(?<!ending\s)\b(?:Time|Start(?:ing)?\s+time|Commenc\w+)\s*:\s*"
                          r"\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?", re.I)


def answering_text_for(question: str, answer_type: str) -> Callable[[str, str | None], str]:
    """What of a sentence (of a meeting on a date) may answer the question: asked when something will happen, no year
    before the meeting's; asked when a meeting closed, not the opening time its header gives."""
    if answer_type in ("date", "day") and AHEAD.search(question) and not PAST.search(question):
        return without_past_years
    if answer_type == "time" and MEETING_END.search(question):
        return closing_text
    return lambda sentence, _: sentence


# two clock times joined as a range ("7.00pm - 9.15pm", "from 6:00 to 8:45 p.m."): the second is when it ended
CLOCK_RANGE = re.compile(rf"(?:{CLOCK.pattern})\s*(?:[-–—]|\bto\b|\buntil\b)\s*(?:{CLOCK.pattern})", re.I)


def closing_text(sentence: str, _meeting_date: str | None = None) -> str:
    """What of a sentence may say when a meeting closed: nothing but a sentence speaking of its end ("the meeting
    adjourned at 3:39 p.m.", "Closing time: 9.15pm") or giving its hours as a range; never the header's opening time
    (a sentence saying only when the board met, at 1:01 p.m., says nothing of when it rose)."""
    without_opening = OPENING_TIME.sub(" ", sentence)
    if MEETING_END.search(without_opening) or CLOCK_RANGE.search(sentence):
        return without_opening
    return ""


# a row of labelled fields ("City Council District: 2   Plan Area: Pacific Beach   Staff: Bryan Hudson"): each label a
# few capitalised words before a colon, each value short
# (in the text as printed: a label opens its line or stands two spaces or more from the value before it)
FIELD_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=\S[ \t]{2})|(?<=\S\t))[ \t]*([A-Z][A-Za-z]*(?:[ \t][A-Z][A-Za-z]*){0,3})[ \t]*:(?!//)")
FIELD_VALUE_CHARS = 40
FIRST_LABEL_CHARS = 40  # the row opens with its first label (at most a marker or a number before it)


def field_labels(text: str) -> list[str] | None:
    """The labels of a row of two or more labelled fields, each value under FIELD_VALUE_CHARS characters, read from
    the text as printed (`text`, not cleaned: the spacing tells a label from the value before it); None for anything
    else (a sentence with a colon in it)."""
    found = list(FIELD_LABEL.finditer(text))
    if len(found) < 2 or found[0].start() > FIRST_LABEL_CHARS:
        return None
    ends = [m.start() for m in found[1:]] + [len(text)]
    if any(len(text[m.end():end].strip()) > FIELD_VALUE_CHARS for m, end in zip(found, ends)):
        return None
    return [m.group(1) for m in found]


# the labels of a decision's record ("Action: Approved   Vote: 4-1", "Moved: ...  Seconded: ..."): what was decided
DECISION_LABEL = re.compile(r"\b(?:action|decision|result|outcome|disposition|vote|votes|voting|motion|moved|seconded|ayes|"
                            r"noes|nays|yeas|resolved|recommendation)\b", re.I)


def fields_not_asked(text: str, question: str) -> bool:
    """A row of labelled fields none of whose labels the question asks about: "Plan Area: Pacific Beach" gives the
    area to a question about the area, and nothing to one about what the Pacific Beach project would build. A
    decision's record ("Action: Approved   Vote: 4-1") is never passed over."""
    labels = field_labels(text)
    if labels is None or any(DECISION_LABEL.search(label) for label in labels):
        return False
    # a label's own word, not one of its forms ("the mast planned at" asks nothing of a "Plan Area"), and not the words
    # naming the meeting ("Planning Commission" neither)
    asked = {w.rstrip("s") for w in re.findall(r"[a-z]+", without_meeting_reference(question).lower())}
    return not any(w.rstrip("s") in asked for w in re.findall(r"[a-z]{3,}", " ".join(labels).lower()))


def header_block(text: str) -> bool:
    """Whether a sentence is a meeting's header block: two or more of its labels ("Meeting Date:", "Time:", "Fax:")."""
    return len({m.group(0).split()[0].rstrip(":").lower() for m in HEADER_LABEL.finditer(text)}) >= 2


# the small words a title leaves in lower case ("Amenities, Leisure and Community Services"), a spaced ordinal's
# suffix ("MONDAY 5 th FEBRUARY 2024")
TITLE_SMALL = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "st", "nd", "rd", "th",
                         "p", "m", "am", "pm"})  # ...and the time it sat ("6:00 p.m.")


def meeting_title(text: str, meeting_date: str | None) -> bool:
    """Whether a line is its meeting's title: in title case, and giving the meeting's own date ("Amenities, Leisure and
    Community Services Tuesday 13th March 2018 Sutton Coldfield Town Hall"); a statement is not written so."""
    words = re.findall(r"\b[^\W\d_][\w'’-]*", text)
    if len(words) < 3 or not meeting_date or any(not w[0].isupper() and w.lower() not in TITLE_SMALL for w in words):
        return False
    return any(iso == meeting_date for _, iso in find_dates(text))


def meeting_header(c: dict) -> bool:
    """Whether a candidate sentence is its meeting's header block or title line: it says which meeting this is, and
    answers only a question about the meeting itself; so does a line of capitalised names above the first item (the
    body's name over its members' names)."""
    return header_block(c["clean"]) or meeting_title(c["clean"], c["hit"]["meeting_date"]) \
        or (c["hit"].get("kind") == "preamble" and title_line(c["clean"]))


def title_line(text: str) -> bool:
    """A line of capitalised words and no figure ("Executive Director of Children's Services", "Open Source Voting
    System Technical Advisory Committee Christopher Jerdonek, Chair Larry Bafundo"): a heading, a roster of names or
    a signature, not a statement."""
    # (a sentence in capitals ends as a sentence does: "THE COUNCIL AGREED TO DEFER THE ITEM.")
    return capitalised_share(text) == 1.0 and not any(ch.isdigit() for ch in text) and not text.rstrip().endswith((".", "!", "?"))


# asked when something will (or would, is due to) happen, a year before the meeting's own answers nothing
# ("installed in 1984" to "when will construction of its replacement start?")
AHEAD = re.compile(r"\b(?:will|would|due|expected|planned|scheduled|next)\b", re.I)
PAST = re.compile(r"\b(?:was|were|did|had)\b", re.I)  # "when was the payment due?" asks about what happened
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def without_past_years(sentence: str, meeting_date: str | None) -> str:
    """The sentence with every year before its meeting's year blanked out."""
    year = (meeting_date or "")[:4]
    return YEAR.sub(lambda m: m.group() if m.group() >= year else " ", sentence) if year.isdigit() else sentence
