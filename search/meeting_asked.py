"""A question about one dated meeting that the archive does not hold, and months that date meetings.

Asked what a council decided at a meeting whose minutes are not in the archive, the nearest passages come from other
meetings, and any sentence quoted from them answers a different question ("the board will hold a public hearing at its
July 26 meeting" does not say what the hearing decided). Where no meeting on the asked date is held and no passage
read for the question even mentions that date (minutes confirming "the meeting of 7 November 2018" do), the answer
says so instead of quoting. Asked what happened *at* that meeting, only minutes of a meeting on or after its date can
record it: an earlier meeting's "Next meeting: January 19, 2021" announces a meeting the archive does not hold (asked
what was decided *about* it, "to cancel the May 18, 2020 regular meeting" answers).
"""
from __future__ import annotations

import re
from dataclasses import replace

from index.dates import DAY_MONTH_YEAR, ISO, MONTH_DAY_YEAR, days_of, find_dates, format_date
from search.filters import Filters
from search.periods import YEAR

# the words for a sitting that a date beside them dates ("meeting of", "public hearing on", "the May 18, 2020 regular
# meeting", "the meeting held on Monday, 7 April 2025")
SITTING = r"(?:meetings?|hearings?|sessions?|sittings?|agendas?|minutes)"
BEFORE = re.compile(rf"\b{SITTING}\b(?:\s+(?:held|was\s+held|convened))?\s*(?:of|on|dated)?\s*,?\s*"
                    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$", re.I)
AFTER = re.compile(rf"^\s*,?\s*(?:[A-Za-z-]+\s+){{0,2}}?{SITTING}\b", re.I)
# what happened at a dated sitting: "at its meeting of <date>", "during the <date> regular session"
AT_BEFORE = re.compile(rf"\b(?:at|during|in)\s+(?:[A-Za-z'-]+\s+){{0,3}}?{SITTING}\b(?:\s+(?:held|was\s+held|convened))?\s*"
                       r"(?:of|on|dated)?\s*,?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$", re.I)
AT_AFTER = re.compile(r"\b(?:at|during|in)\s+(?:(?:its|their|the|this|that)\s+)?$", re.I)
DOCUMENTS_READ = 3  # documents read whole for a mention of the date: an agenda pack may run to megabytes


def dated_meeting(question: str) -> str | None:
    """The ISO date of the one meeting a question names by its date, or None (no date, a date of something else such
    as "the balance at 30 June 2013", or several meetings: those are answered meeting by meeting)."""
    if len({iso for _, iso in find_dates(question)}) > 1:
        return None
    dated = {iso for m in _written_dates(question)
             if _beside_sitting(question, m, reach=50)
             for _, iso in find_dates(m.group(0))}
    return dated.pop() if len(dated) == 1 else None


def held_meeting_filters(store, question: str, filters):
    """Filters keeping to the one meeting the question dates ("the consent agenda of April 15, 2020", "at its meeting
    of 4 December 2023") where the archive holds a meeting that day; None where it dates none, or none was held."""
    asked = dated_meeting(question) or _act_dated(question)
    if asked is None or not store.meeting_held_on(asked):
        return None
    filters = filters or Filters()
    if (filters.date_from and filters.date_from > asked) or (filters.date_to and filters.date_to < asked):
        return None  # the filters chosen exclude it: they stand
    return replace(filters, date_from=asked, date_to=asked)


# what a meeting does, on the day named after it ("what did the trustees decide on April 15, 2020"); never a bound
# ("before", "after", "since", "by", "until", "expires on")
ACT_ON = re.compile(r"\b(?:decid\w*|agree\w*|approv\w*|vot\w*|resolv\w*|adopt\w*|award\w*|discuss\w*|consider\w*|"
                    r"appoint\w*|elect\w*|rul\w*|do|did|say|said)\b(?:\s+[\w'’-]+){0,6}?\s+on\s*,?\s*"
                    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$", re.I)


def _act_dated(question: str) -> str | None:
    """The one day the question names, where it dates what a meeting did ("decide on April 15, 2020")."""
    dates = _written_dates(question)
    days = {iso for m in dates for _, iso in find_dates(m.group(0))}
    if len(days) != 1 or not ACT_ON.search(question[max(0, dates[0].start() - 80):dates[0].start()]):
        return None
    return days.pop()


def _asked_at(question: str) -> bool:
    """Whether the question asks what happened at its dated meeting, not about the meeting itself."""
    return any(AT_BEFORE.search(question[max(0, m.start() - 60):m.start()])
               or AT_AFTER.search(question[max(0, m.start() - 20):m.start()]) and AFTER.match(question[m.end():])
               for m in _written_dates(question))


def dates_a_sitting(question: str) -> bool:
    """Whether a year the question names dates a meeting ("at their November 2020 meeting", "the meeting of 12 May
    2024") rather than what is asked about ("the 2016 tax rate"): what that meeting looked ahead to ("until Linda
    retires on 1/31/2021") is still what happened at it."""
    return any(_beside_sitting(question, m, reach=60) for m in [*YEAR.finditer(question), *_written_dates(question)])


def _beside_sitting(question: str, m: re.Match, reach: int) -> bool:
    """Whether the words for a sitting stand just before a date or year of the question (up to `reach` characters
    back: "the meeting of 12 May 2024") or just after it ("the November 2020 meeting")."""
    return bool(BEFORE.search(question[max(0, m.start() - reach):m.start()]) or AFTER.match(question[m.end():]))


def _written_dates(question: str) -> list[re.Match]:
    """Where the question writes a full date, in any of its forms ("7 April 2025", "May 18, 2020", "2025-04-07")."""
    return [m for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO) for m in rx.finditer(question)]


def unheld_meeting(store, question: str, hits: list[dict], cands: list[dict]) -> str | None:
    """What to say when the question's dated meeting is not held and nothing read for it mentions it: not the passages
    found (`hits`), their sentences and their items' neighbours (`cands`), nor the best documents found (an agenda pack
    holds the minutes of the meeting before, undated in the archive); None when it is, or the question dates no
    meeting."""
    asked = dated_meeting(question)
    # (a passage of an undated meeting, such as a transcript that never says its date, may be of the meeting asked about)
    if asked is None or asked in {h["meeting_date"] for h in hits} or None in {h["meeting_date"] for h in hits} \
            or store.meeting_held_on(asked):
        return None
    announced = False
    if _asked_at(question):  # an earlier meeting's minutes only announce it
        earlier = [h["text"] for h in hits if not _may_record(h["meeting_date"], asked)]
        earlier += [c["clean"] for c in cands if not _may_record(c["hit"]["meeting_date"], asked)]
        announced = _mentions(earlier, asked)
        hits = [h for h in hits if _may_record(h["meeting_date"], asked)]
        cands = [c for c in cands if _may_record(c["hit"]["meeting_date"], asked)]
    if _mentions([h["text"] for h in hits] + [h["item_title"] for h in hits] + [c["clean"] for c in cands], asked):
        return None
    first_of_document = {h["document"]: h["item_id"] for h in reversed(hits)}
    best_documents = list(dict.fromkeys(h["document"] for h in hits))[:DOCUMENTS_READ]
    if _mentions([store.document_text_of_item(first_of_document[name]) or "" for name in best_documents], asked):
        return None
    if announced:
        return f"The minutes held include no meeting on {format_date(asked, long=True)}: earlier minutes only announce it."
    return f"The minutes held include no meeting on {format_date(asked, long=True)}, nor mention one."


def _mentions(texts: list[str], iso: str) -> bool:
    """Whether any of the texts gives the date `iso`, however it is written."""
    return any(iso == found for text in texts for _, found in find_dates(text))


def _may_record(meeting_date: str | None, asked: str) -> bool:
    """Whether minutes of a meeting on `meeting_date` (None: undated) can record the meeting of `asked`."""
    return meeting_date is None or meeting_date >= asked


def by_month_held(store, parsed) -> bool:
    """Whether a question dating its meetings by month ("the meetings of February 1999 and January 2022") names two or
    more months the archive holds meetings in (else the months date other things). A question dating them by day, or
    by none, passes."""
    if not any(len(d) == 7 for d in parsed.meeting_dates):
        return True
    return sum(store.meeting_held_on(*days_of(d)) for d in parsed.meeting_dates) >= 2
