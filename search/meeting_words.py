"""The words of a question that say which meeting it asks about ("on the La Puente Planning Commission agenda of
December 6, 2022", "at Tayport Community Council's meeting of 4 December 2023"), apart from what it asks.

Once retrieval keeps to the meeting the question dates (search/meeting_asked.py), they only pull that meeting's
title block and front matter up: it repeats the body's name and the date, and so looks, in words and in meaning, like
the answer to every question naming them."""
from __future__ import annotations

import re

from index.dates import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_WORD, NUMERIC
from index.text import content_words
from search.named import BODY_WORD, named_phrases

MONTH_YEAR = re.compile(rf"\b{MONTH_WORD}\.?,?\s+(?:19|20)\d\d\b", re.I)
# what is left of the reference once its body and date are gone: "on the ... agenda of", "at its meeting of"
LEFT_OVER = re.compile(r"(?:\b(?:at|on|in|of|for|from|to|by|according\s+to)\s+)?(?:\b(?:the|its|their)\s+)?"
                       r"(?:\b(?:regular|special|ordinary|extraordinary|annual)\s+)?\b(?:meeting|agenda|minutes|docket)s?"
                       r"(?:\s+(?:of|for|on|dated))?\b", re.I)


def without_meeting_reference(question: str) -> str:
    """The question without the body it names or the meeting's date; the question itself where fewer than two words
    of substance would be left ("who chaired the meeting of 4 March 2024" asks about the meeting)."""
    out = question
    for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC, MONTH_YEAR):
        out = rx.sub(" ", out)
    for phrase in named_phrases(question):
        if BODY_WORD.search(phrase):
            words = [re.escape(w) for w in phrase.split()]
            out = re.sub(r"\b" + r"(?:['’]s)?[\s,.'’-]+".join(words) + r"(?:['’]s)?\b", " ", out, flags=re.I)
    out = LEFT_OVER.sub(" ", out)
    out = re.sub(r"\(\s*[,;]*\s*\)", " ", out)
    out = re.sub(r"\s+([,?;])", r"\1", re.sub(r"\s{2,}", " ", out)).strip(" ,;")
    return out if len(content_words(out)) >= 2 else question
