"""A question of several parts ("Where are the Family Hubs, when did they open, and how many people use them?") asks
for several kinds of answer: a place, a date and a number. Each part is read for its kind; the answer quotes a
sentence supplying each kind it can find among its best sentences (search/answer.py)."""
from __future__ import annotations

import re

_WH = r"(?:who|whom|whose|what|which|when|where|why|how)\b"
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
