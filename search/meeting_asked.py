"""Questions about a meeting itself: one the archive does not hold, and who opened or when one closed.

Asked what a council decided at a meeting whose minutes are not in the archive, the nearest passages come from other
meetings, and any sentence quoted from them answers a different question ("the board will hold a public hearing at its
July 26 meeting" does not say what the hearing decided). Where no meeting on the asked date is held and no passage
read for the question even mentions that date (minutes confirming "the meeting of 7 November 2018" do), the answer
says so instead of quoting.

Asked when a meeting closed, the answer is in its last lines ("At 3:39 p.m. the meeting adjourned"); asked who opened
it, in the line recording that ("The meeting was called to order by Commissioner Sherrard at 7:07 p.m."). Such lines
share few words with the question and are seldom among the passages retrieved for it: they are looked for in that
meeting, and the one recording the moment asked about answers, however it scores against the question.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.dates import DAY_MONTH_YEAR, ISO, MONTH_DAY_YEAR, find_dates, format_date
from search.answer_types import MEETING_END

# the words for a sitting that a date beside them dates ("meeting of", "public hearing on", "the May 18, 2020 regular meeting")
SITTING = r"(?:meetings?|hearings?|sessions?|sittings?)"
BEFORE = re.compile(rf"\b{SITTING}\b(?:\s+(?:held|was\s+held|convened))?\s*(?:of|on|dated)?\s*,?\s*$", re.I)
AFTER = re.compile(rf"^\s*,?\s*(?:[A-Za-z-]+\s+){{0,2}}?{SITTING}\b", re.I)


def dated_meeting(question: str) -> str | None:
    """The ISO date of the one meeting a question names by its date, or None (no date, a date of something else such
    as "the balance at 30 June 2013", or several meetings: those are answered meeting by meeting)."""
    if len({iso for _, iso in find_dates(question)}) > 1:
        return None
    spans = [m for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO) for m in rx.finditer(question)]
    dated = {iso for m in spans if BEFORE.search(question[max(0, m.start() - 40):m.start()]) or AFTER.match(question[m.end():])
             for _, iso in find_dates(m.group(0))}
    return dated.pop() if len(dated) == 1 else None


DOCUMENTS_READ = 3


def unheld_meeting(store, question: str, hits: list[dict], texts: list[str]) -> str | None:
    """What to say when the question's dated meeting is not held and neither `texts` (what was read for the question)
    nor the documents of `hits` mention it (an agenda pack holds the minutes of the meeting before, undated in the
    archive); None when it is, or the question dates no meeting."""
    asked = dated_meeting(question)
    # (a passage of an undated meeting, such as a transcript that never says its date, may be of the meeting asked about)
    if asked is None or asked in {h["meeting_date"] for h in hits} or None in {h["meeting_date"] for h in hits} \
            or store.meeting_held_on(asked):
        return None
    if any(asked == iso for text in texts for _, iso in find_dates(text)):
        return None
    first_of_document = {h["document"]: h["item_id"] for h in reversed(hits)}
    # (the best few documents only: an agenda pack may run to megabytes, and this is read while the user waits)
    best_documents = list(dict.fromkeys(h["document"] for h in hits))[:DOCUMENTS_READ]
    if any(asked == iso for name in best_documents for _, iso in find_dates(store.document_text_of_item(first_of_document[name]) or "")):
        return None
    return f"The minutes held include no meeting on {format_date(asked, long=True)}, nor mention one."


def by_month_held(store, parsed) -> bool:
    """Whether a question dating its meetings by month ("in December 2018 ... by February 2024") names two or more
    months the archive holds meetings in (else the months date other things: "the contract ending in June 2026").
    A question dating them by day, or by none, passes."""
    from search.across import days_of

    if not any(len(d) == 7 for d in parsed.meeting_dates):
        return True
    return sum(store.meeting_held_on(*days_of(d)) for d in parsed.meeting_dates) >= 2


@dataclass(frozen=True)
class Moment:
    """A moment of a meeting a question asks about: the words recording it, and a query finding its record."""
    words: re.Pattern
    query: str


END = Moment(MEETING_END, "the meeting adjourned, closed or ended at")
OPENING = Moment(re.compile(r"\b(?:opened|called\s+(?:\w+\s+){0,3}?to\s+order|commenced|presided)\b", re.I),
                 "the meeting was called to order and opened by")
ASKS_OPENER = re.compile(r"\bwho\s+(?:opened|called\s+(?:\w+\s+){0,6}?to\s+order|presided)\b(?=.*\b(?:meeting|session|sitting|hearing)\b)", re.I)
RECORD_PASSAGES = 3


def moment_asked(question: str, answer_type: str) -> Moment | None:
    """The moment of its meeting a question asks about: its end, asked at what time it closed; its opening, asked who
    opened it (or called it to order, or presided); None for any other question."""
    if answer_type == "time" and MEETING_END.search(question):
        return END
    if answer_type == "person" and ASKS_OPENER.search(question):
        return OPENING
    return None


def record_passages(library, moment: Moment, hits: list[dict], rank: int) -> list[tuple[dict, int]]:
    """(hit, `rank`) for the passages of the best hit's meeting most like the record of the moment, not among the
    `hits` read already."""
    from search.filters import Filters
    from search.retrieve import search

    if not hits:
        return []
    top = hits[0]
    within = Filters(document=top["document"], date_from=top["meeting_date"], date_to=top["meeting_date"])
    seen = {h["passage_id"] for h in hits}
    return [(h, rank) for h in search(library, moment.query, k=RECORD_PASSAGES, filters=within) if h["passage_id"] not in seen]
