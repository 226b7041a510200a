"""Questions about a moment of a meeting: who opened it, and when it closed.

Asked when a meeting closed, the answer is in its last lines ("At 3:39 p.m. the meeting adjourned"); asked who opened
it, in the line recording that ("The meeting was called to order by Commissioner Lee at 7:07 p.m."). Such lines share
few words with the question and are seldom among the passages retrieved for it: they are looked for in that meeting,
and the line recording the moment asked about answers, however it scores against the question.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from search.answer_types import CLOCK_RANGE, MEETING_END

# a line about the meeting itself, not about something else that opened or closed ("works commenced on the footpath",
# "the polls close at 8pm")
OF_THE_MEETING = re.compile(r"\b(?:meeting|session|sitting|hearing)\b|\bcalled\s+(?:\w+\s+){0,3}?to\s+order\b|\badjourn\w*|"
                            r"\bclosing\s+time\b", re.I)


@dataclass(frozen=True)
class Moment:
    """A moment of a meeting a question asks about: the words recording it, and a query finding its record."""
    words: re.Pattern
    query: str
    by_range: bool = False  # a range of hours ("Time: 7.00pm - 9.15pm") records it

    def recorded_in(self, sentence: str) -> bool:
        """Whether a sentence records this moment of the meeting ("the meeting adjourned at 3:39 p.m."); a range of
        hours ("Time: 7.00pm - 9.15pm") records its end."""
        return bool(self.words.search(sentence) and OF_THE_MEETING.search(sentence)) or (self.by_range and bool(CLOCK_RANGE.search(sentence)))


END = Moment(MEETING_END, "the meeting adjourned, closed or ended at", by_range=True)
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
