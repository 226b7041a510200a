"""Whether the minutes record a motion's outcome: a motion moved and seconded, debated, and never put to a vote has
none, and "did the board pass it?" then has no answer (search/decided.py).

A decision's span (index/decisions.py) runs to the outcome it found; this reads on from where a motion is put, and
also knows the outcomes written into the motion's own sentence or line."""
from __future__ import annotations

import re

from index.decisions import COUNT_WORDS, OUTCOME, ROLL_LINE, VOTE_COUNT

# a vote count after an outcome ("carried by 9 votes to 3", "passed by 5-0"), not a date or a count of other things
_COUNTED = r"\d{1,2}\s*(?:votes?\b|[-–]\s*\d{1,2}\b|to\s+\d{1,2}\b)"
# A UK resolution ("RESOLVED: That ...", "It was resolved that ..."), not a US motion's own wording ("NOW, THEREFORE,
# BE IT RESOLVED"); "Motion by Haskew, second by Silva, carried unanimously, to ..."; "... seconded by Cllr Leamon.
# Agreed."; "2017/18 Financials approved – B. Munro (motion)"; "Councilor Tuttle seconded. Moved 5-0."
RECORDED_IN_LINE = re.compile(r"(?<!\bIT\s)(?<!\bIT\sFURTHER\s)(?-i:\bRESOLVED\b)|^[ \t*]*Resolved\b|"
                              r"\b(?:(?:was|were)\s+resolved\s+that|and\s+resolved|resolved\s*[:–-])"
                              r"|\bmoved\s+\d{1,2}\s*[-–]\s*\d{1,2}\b"
                              rf"|\b(?:carried|passed|approved|adopted|agreed)\s*,?\s+(?:unanimously|by\s+(?:a\s+)?(?:majority|{_COUNTED}))"
                              r"|(?:^|(?<=[.;]\s))[ \t]*(?:agreed|carried)(?:\s+unanimously)?\s*[.;]"
                              r"|\b(?:approved|adopted|accepted|ratified)\s+[–—-]\s", re.M | re.I)


def records_outcome(text: str, start: int, end: int) -> int | None:
    """Where text[start:end] (a motion and what follows it) first records the motion's outcome, a vote or a
    resolution, else a roll call ("Ayes - Adams, Baker" above "Motion carries": the outcome is the answer); None where
    it records none."""
    for patterns in ((OUTCOME, VOTE_COUNT, COUNT_WORDS, RECORDED_IN_LINE), (ROLL_LINE,)):
        found = [m.start() for rx in patterns if (m := rx.search(text, start, end))]
        if found:
            return min(found)
    return None
