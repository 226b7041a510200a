"""A question of several parts ("Where are the Family Hubs, when did they open, and how many people use them?") asks
for several kinds of answer: a place, a date and a number. Each part is read for its kind; the answer quotes a
sentence supplying each kind it can find among its best sentences (search/answer.py)."""
from __future__ import annotations

import re

from search.answer_types import supplies, supplies_beyond
from search.figures import states_figure
from search.question import answer_type_of

# a question word, perhaps after its preposition ("to which company", "for how much")
# ("in which the council invested", "of which there are ten" go on a clause: "which" after a preposition opens a part
# only before its noun and a verb asking, "to which company did ...")
_WH = (r"(?:(?:(?:to|for|from|by|with|in|on|at|of|until|since)\s+)(?:whom|what|when|how|which(?=\s+(?!(?:there|the|it|they|we|he|she|this|that)\b)"
       r"\w+\s+(?:was|were|did|does|do|is|are|has|have|had|will|would)\b))|who|whom|whose|what|which|when|where|why|how)\b")
# a new part begins with a question word after a comma, "and" or a semicolon
PART_BREAK = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+|;\s*)(?={_WH})", re.I)
OPENS_WITH_WH = re.compile(rf"^\s*{_WH}", re.I)


def question_parts(question: str) -> list[str]:
    """The question's parts, each opening with its question word; the whole question when it has one part (or does not
    open with a question word: "Is it open, and when?" is one yes-or-no question)."""
    if not OPENS_WITH_WH.match(question):
        return [question]
    parts = [p.strip(" ,;?") for p in PART_BREAK.split(question)]
    return [p for p in parts if p] or [question]


def part_supplied(part: str, question: str, cands: list[dict]) -> dict | None:
    """The best of `cands` supplying the kind of answer a part of the question asks for (None when none does, or the
    part asks for no kind a sentence can be tested for)."""
    kind = answer_type_of(part)
    if kind == "number":
        return next((c for c in cands if states_figure(c["clean"])), None)
    wanted = supplies(kind)
    return next((c for c in cands if supplies_beyond(wanted, c["clean"], question)), None) if wanted is not None else None
