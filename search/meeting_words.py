"""The words of a question that say which meeting it asks about ("on the La Puente Planning Commission agenda of
December 6, 2022", "at Tayport Community Council's meeting of 4 December 2023"), apart from what it asks.

Once retrieval keeps to the meeting the question dates (search/meeting_asked.py), they only pull up that meeting's
title block and front matter: it repeats the body's name and the date, and so looks, in words and in meaning, like
the answer to every question naming them."""
from __future__ import annotations

import re

from index.dates import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_WORD, NUMERIC, find_dates
from index.text import content_words
from search.named import BODY_WORD, named_phrases

MONTH_YEAR = re.compile(rf"\b{MONTH_WORD}\.?,?\s+(?:19|20)\d\d\b", re.I)
# what is left of the reference once its body and date are gone: "on the ... agenda of", "at its meeting of", "'s
# meeting of" (a meeting word alone, "how many minutes", "a special meeting on the budget", is what is asked)
# a meeting's own words after its body's name ("Tayport Community Council's meeting of")
MEETING_WORDS = (r"(?:(?:regular|special|ordinary|extraordinary|annual)\s+)?(?:meeting|agenda|minutes|docket)s?"
                 r"(?:\s+(?:of|for|on|dated)\b)?")
LEFT_OVER = re.compile(r"(?:\b(?:at|on|in|of|for|from|to|by|according\s+to)\s+(?:the\s+|its\s+|their\s+)?|(?<=\s))"
                       r"(?:(?:regular|special|ordinary|extraordinary|annual)\s+)?(?:meeting|agenda|minutes|docket)s?"
                       r"(?:\s+(?:of|for|on|dated))?(?=\s*(?:[,;?.)]|$))", re.I)

# ...and a preposition left with nothing after it ("the restaurant on the?")
DANGLING = re.compile(r"\s+(?:at|on|in|of|for|from|to|by)(?:\s+(?:the|its|their))?\s*(?=[,;?.)]|$)", re.I)


def without_meeting_reference(question: str, day: str | None = None) -> str:
    """The question without the bodies it names and the date of its meeting (`day`, as ISO; every written date
    without it), and the words that were left joining them; the question itself where fewer than two words of
    substance would be left ("who chaired the meeting of 4 March 2024" asks about the meeting)."""
    out = question
    for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC):
        out = rx.sub(lambda m: " " if day is None or any(iso == day for _, iso in find_dates(m.group(0))) else m.group(0), out)
    out = MONTH_YEAR.sub(lambda m: " " if day is None or any(iso[:7] == day[:7] for _, iso in find_dates(f"1 {m.group(0)}")) else m.group(0), out)
    for phrase in named_phrases(question):
        if BODY_WORD.search(phrase):
            words = [re.escape(w) for w in phrase.split()]
            out = re.sub(r"\b" + r"(?:['’]s)?[\s,.'’-]+".join(words) + rf"(?:['’]s)?\b(?:\s+{MEETING_WORDS})?", " ", out, flags=re.I)
    out = re.sub(r"\s{2,}", " ", out)
    out = LEFT_OVER.sub(" ", out)
    out = DANGLING.sub("", out)
    out = re.sub(r"\(\s*[,;]*\s*\)", " ", out)
    out = re.sub(r"[,;]+(?=[?.])", "", re.sub(r"\s+([,?;])", r"\1", re.sub(r"\s{2,}", " ", out))).strip(" ,;")
    return out if len(content_words(out)) >= 2 else question
