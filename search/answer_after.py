"""The answer a few sentences after the best one: minutes state a subject, then what was decided about it.

"The shared account had meant ... Separation of the bank accounts would be done as soon as possible ... Complete
separation would take place by 1 April 2010 at the latest." Asked by what date, the best sentence names the subject
and no date; the date follows in the same paragraph, sharing none of the question's words.
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
