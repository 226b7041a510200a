"""Asked whether a body decided something ("Did the board pass Trustee Warren's motion ...?", "Was the plan adopted?"),
a motion's wording is no answer: only its recorded outcome is. Minutes often record a motion moved and seconded, then
the debate, and no vote; the honest answer then is that they do not say.

The motion the question is about is the first of the best sentences that lies in one of its item's recorded
decisions (search/candidates.decision_holding). Its outcome is read from the item's text between where that motion is
put and where the item's next motion is (a bare "Motion carries" a few lines below closes it), else further on in the
item, and quoted with it. Only an item recording no outcome after the motion leaves the question unanswered; where no
motion was put, so does an item recording none at all whose best sentence states no act done.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.clean import clean_text
from index.decisions import FAILED, OUTCOME
from index.outcomes import records_outcome
from index.text import sentence_spans
from index.tuning import AnswerSettings
from search.candidates import decision_holding

# a yes-or-no question whose verb is a decision: "did ... pass / adopt / approve / award / grant ...", "was X adopted"
ASKS_IF_DECIDED = re.compile(
    r"^\s*(?:did|has|have|had|was|were)\b.{0,150}?\b(?:pass(?:ed)?|adopt(?:ed)?|approved?|accept(?:ed)?|award(?:ed)?|"
    r"grant(?:ed)?|agreed?|decided?|resolved?|declared?|endorsed?|ratif(?:y|ied)|reject(?:ed)?|refused?|vote(?:d)?|"
    r"authori[sz]ed?|confirmed?)\b", re.I | re.S)
NOT_DECIDED = "The minutes record the motion but not whether it was carried."
# an act stated done ("The Council approved the budget", "the Fund has awarded the hall a grant")
STATED_ACT = re.compile(r"\b(?:approved|adopted|ratified|authori[sz]ed|agreed|accepted|endorsed|awarded|granted|declared|"
                        r"confirmed|passed|carried|rejected|refused|resolved|decided)\b", re.I)
NO_DECISION = "The minutes record the matter but no decision on it."


@dataclass
class MotionRecord:
    motion: dict  # the candidate sentence putting the motion (or, where none is put, the best sentence)
    outcome: dict | None  # the sentence recording its outcome, where the passage read holds it
    recorded: bool  # whether the item records an outcome for it at all
    moved: bool = True  # whether a motion was put at all


def asks_if_decided(question: str, answer_type: str) -> bool:
    return answer_type == "yes_no" and bool(ASKS_IF_DECIDED.search(question))


def motion_asked(library, tuning: AnswerSettings, cands: list[dict]) -> MotionRecord | None:
    """The motion the question is about, with its outcome: the first of the best sentences (within `kind_window`,
    scoring at least `kind_share` of the best) that lies in a recorded decision, and its outcome, in its own words or
    further on in its item (an ordinance read three times, each reading moved, is adopted by the last motion). Where
    none does, the best sentence, undecided only if it states no outcome itself and its item records none
    ("Members are asked to consider a commendation"); None where either does."""
    share = tuning.kind_share * cands[0]["score"]
    for c in cands[:tuning.kind_window]:
        if c["score"] < share:
            break
        decision = decision_holding(c["hit"], c["s"], c["e"])  # (a motion "to note the report" is asked about too)
        item = library.store.item_text(c["hit"]["item_id"]) if decision is not None else None
        if decision is None or item is None:
            continue
        item_start, text = item
        motion_at = decision["start"] - item_start
        found = records_outcome(text, motion_at, _next_motion(c["hit"]["decisions"], decision, item_start + len(text)) - item_start)
        # an outcome further on in the item may still be this motion's (moved again, or read a second time and
        # adopted): only an item recording no outcome after the motion leaves it undecided
        found = found if found is not None else records_outcome(text, motion_at, len(text))
        if found is None:
            return MotionRecord(motion=c, outcome=None, recorded=False)
        return MotionRecord(motion=c, outcome=_sentence_at(c, item_start + found, cands), recorded=True)
    best = cands[0]
    if OUTCOME.search(best["clean"]) or STATED_ACT.search(best["clean"]) or FAILED.search(best["clean"]):
        return None  # it says so itself
    item = library.store.item_text(best["hit"]["item_id"])
    if item is None or records_outcome(item[1], 0, len(item[1])) is not None:
        return None
    return MotionRecord(motion=best, outcome=None, recorded=False, moved=False)


def _next_motion(decisions: list[dict], decision: dict, item_end: int) -> int:
    """Where the item's next motion is put after this one (this one's outcome lies before it), else the item's end: a
    later decision naming its mover. (A decision naming none continues this one: its wording or its "Resolved:".)"""
    later = [d.get("start", 0) for d in decisions if d.get("start", 0) > decision["start"] and d.get("mover")]
    return min([*later, item_end])


def _sentence_at(c: dict, at: int, cands: list[dict]) -> dict | None:
    """The sentence of `c`'s passage holding document offset `at`: the candidate that is, or one made like `c` (its
    scores stand in: it is quoted because the motion is), from the sentence or, for a line too short to be one
    ("CARRIED"), the line; None outside the passage."""
    hit = c["hit"]
    text = hit["text"]
    offset = at - hit["start"]
    if not 0 <= offset < len(text):
        return None
    held = next((o for o in cands if o["hit"]["passage_id"] == hit["passage_id"] and o["s"] <= offset < o["e"]), None)
    if held is not None:
        return held
    s, e = next(((s, e) for s, e in sentence_spans(text) if s <= offset < e), _line_at(text, offset))
    if e <= s:
        return None
    made = {**c, "s": s, "e": e, "clean": clean_text(text[s:e])}
    made.pop("own_words", None)  # (the motion's words, not the outcome's)
    return made


def _line_at(text: str, offset: int) -> tuple[int, int]:
    """The line holding `offset`, without the space around it."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
