"""Asked whether a body decided something ("Did the board pass Trustee Warren's motion ...?", "Was the plan adopted?"),
a motion's wording is no answer: only its recorded outcome is. Minutes often record a motion moved and seconded, then
the debate, and no vote; the honest answer then is that they do not say.

The motion the question is about is the best-scoring sentence that lies in one of its item's recorded decisions
(search/candidates.records_decision). Its outcome is read from the item's text between where that motion is put and
where the item's next motion is (a bare "Motion carries" a few lines below closes it), and quoted with it. Only an
item recording no outcome at all after the motion leaves the question unanswered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.clean import clean_text
from index.decisions import records_outcome
from index.text import sentence_spans
from index.tuning import AnswerSettings

# a yes-or-no question whose verb is a decision: "did ... pass / adopt / approve / award / grant ...", "was X adopted"
ASKS_IF_DECIDED = re.compile(
    r"^\s*(?:did|has|have|had|was|were)\b.{0,150}?\b(?:pass(?:ed)?|adopt(?:ed)?|approved?|accept(?:ed)?|award(?:ed)?|"
    r"grant(?:ed)?|agreed?|decided?|resolved?|declared?|endorsed?|ratif(?:y|ied)|reject(?:ed)?|refused?|vote(?:d)?|"
    r"authori[sz]ed?|confirmed?)\b", re.I | re.S)
NOT_DECIDED = "The minutes record the motion but not whether it was carried."
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
    """The motion the question is about, with its outcome: of the motions among the best sentences (within
    `kind_window`, scoring at least `kind_share` of the best), the first whose outcome is recorded, in its own words or
    further on in its item (an ordinance read three times, each reading moved, is adopted by the last motion), else
    the first. Where no best sentence lies in a recorded decision, the best sentence, undecided only if its item
    records no outcome at all ("Members are asked to consider a commendation"); None where it does."""
    share = tuning.kind_share * cands[0]["score"]
    unvoted = None
    for c in cands[:tuning.kind_window]:
        if c["score"] < share:
            break
        decision = _decision_holding(c)
        item = library.store.item_text(c["hit"]["item_id"]) if decision is not None else None
        if decision is None or item is None:
            continue
        item_start, text = item
        motion_at = decision["start"] - item_start
        found = records_outcome(text, motion_at, _next_motion(c["hit"]["decisions"], decision, item_start + len(text)) - item_start)
        if found is not None:
            return MotionRecord(motion=c, outcome=_sentence_at(c, item_start + found, cands), recorded=True)
        # an outcome further on in the item may still be this motion's (moved again, or read a second time and
        # adopted): only an item recording no outcome after the motion leaves it undecided
        if records_outcome(text, motion_at, len(text)) is not None:
            return MotionRecord(motion=c, outcome=None, recorded=True)
        unvoted = unvoted or MotionRecord(motion=c, outcome=None, recorded=False)
    if unvoted is not None:
        return unvoted
    item = library.store.item_text(cands[0]["hit"]["item_id"])
    if item is None or records_outcome(item[1], 0, len(item[1])) is not None:
        return None
    return MotionRecord(motion=cands[0], outcome=None, recorded=False, moved=False)


def _decision_holding(c: dict) -> dict | None:
    hit = c["hit"]
    start, end = hit["start"] + c["s"], hit["start"] + c["e"]
    return next((d for d in hit.get("decisions") or [] if d.get("start", 0) < end and start < d.get("end", 0)), None)


def _next_motion(decisions: list[dict], decision: dict, item_end: int) -> int:
    """Where the item's next motion is put after this one (this one's outcome lies before it), else the item's end: a
    later decision naming its mover. (A decision naming none continues this one: its wording or its "Resolved:".)"""
    later = [d.get("start", 0) for d in decisions if d.get("start", 0) > decision["start"] and d.get("mover")]
    return min([*later, item_end])


def _sentence_at(c: dict, at: int, cands: list[dict]) -> dict | None:
    """The sentence of `c`'s passage holding document offset `at`: the candidate that is, or one made like `c`;
    None outside the passage."""
    hit = c["hit"]
    offset = at - hit["start"]
    if not 0 <= offset < len(hit["text"]):
        return None
    held = next((o for o in cands if o["hit"]["passage_id"] == hit["passage_id"] and o["s"] <= offset < o["e"]), None)
    if held is not None:
        return held
    for s, e in sentence_spans(hit["text"]):
        if s <= offset < e:
            made = {**c, "s": s, "e": e, "clean": clean_text(hit["text"][s:e])}
            made.pop("own_words", None)  # (the motion's words, not the outcome's)
            return made
    return None
