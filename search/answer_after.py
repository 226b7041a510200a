"""The answer a few sentences after the best one, or in the line introducing it: minutes state a subject, then what was
decided about it; and they say who moved a motion or an amendment before setting out its text.

"The shared account had meant ... Separation of the bank accounts would be done as soon as possible ... Complete
separation would take place by 1 April 2010 at the latest." Asked by what date, the best sentence names the subject
and no date; the date follows in the same paragraph, sharing none of the question's words.

"15) Mr Hale proposed and Mr Soles seconded the following amendment to the motion set out in paragraph 5: ...
(5) Expects there to be as much transparency as possible in this process." Asked who proposed the amendment about
transparency, the best sentence is its fifth clause; who proposed it is in the line introducing the clauses.
"""
from __future__ import annotations

from collections.abc import Callable


def supplied_after(cands: list[dict], best: dict, supplies_it: Callable[[str], bool], most: int) -> dict | None:
    """The first of the `most` sentences after `best` in its passage and its paragraph that supplies what was asked
    (None if none does). A paragraph's sentences run on in its lines: one that opens a line starts a new paragraph,
    list entry or minute, about something else."""
    text = best["hit"]["text"]
    end = best["e"]
    for c in sorted((c for c in cands if c["hit"] is best["hit"] and c["s"] >= best["e"]), key=lambda c: c["s"])[:most]:
        if "\n" in text[end:c["s"]]:
            return None
        if supplies_it(c["clean"]):
            return c
        end = c["e"]
    return None


INTRODUCING_REACH = 1500  # characters: how far back in its item a list's introducing line may stand
INTRODUCTIONS = 2  # introducing lines read back: a motion's text may open with its own


def introduced_by(cands: list[dict], best: dict, supplies_it: Callable[[str], bool]) -> dict | None:
    """The line introducing the text `best` belongs to ("X proposed and Y seconded the following amendment:"), if it
    supplies what was asked: of the two sentences ending with a colon nearest before it in its item, within
    INTRODUCING_REACH characters, the nearer that does (the amendment's own text may open with one: "“County Council
    is asked to:"). None if neither does."""
    item, at = best["hit"]["item_id"], _in_item(best)
    before = [c for c in cands if c["hit"]["item_id"] == item and at - INTRODUCING_REACH <= _in_item(c) < at]
    colon = sorted((c for c in before if c["clean"].rstrip().endswith(":")), key=_in_item, reverse=True)
    return next((c for c in colon[:INTRODUCTIONS] if supplies_it(c["clean"])), None)


def _in_item(c: dict) -> int:
    """Where a candidate sentence starts in its item's text (its passage may start anywhere in the item)."""
    return c["hit"]["item_start"] + c["s"]
