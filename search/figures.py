"""What counts as a figure in a sentence: an amount, a count, a share, not a paragraph number, a year, a date, a
clock time or an identifier ("ISA 260", "Resolution No. 22-25"). A question asking how much is answered only by a
sentence that states one (search/answer.py)."""
from __future__ import annotations

import re

from index.text import WORD, content_words, word_form

# a figure: digits that are not part of a reference code (P6.5) or a year, money, a percentage, or a number word
NUMBER = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)\d|£|%|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                    r"hundred|thousand|million|half|quarter|double|twice)\b", re.I)
PERCENT_QUESTION = re.compile(r"\bwhat\s+(?:percentage|proportion|share|fraction)\b|\bhow\s+many\s+per\s*cent\b", re.I)
PERCENT = re.compile(r"%|\bper\s?cent\b|\bpercentage\b|\bproportion\b|\b\d+\s+(?:in|out\s+of)\s+(?:every\s+)?\d+\b|"
                     r"\b(?:half|third|quarter|fifth|majority|minority)\b", re.I)
# a sum: with a currency sign, a unit ("22k", "£1.2 million", "300 pounds", "50p") or pence ("510.24"), not a share
MONEY = re.compile(r"[£$€]\s?\d|\b\d[\d,]*(?:\.\d+)?\s?(?:k|million|billion|pounds?|dollars?|pence|euros?)\b|\b\d+p\b|"
                   r"\b\d[\d,]*\.\d\d\b(?!\s?%)", re.I)
PARAGRAPH_NUMBER = re.compile(r"^\s*(?:[A-Z]{0,4}\d+(?:\.\d+)*[a-z]?(?:/\d+)*|\(?[a-z]\)|\(\d{1,2}\))[\s.)–-]+")  # '8.5 ', 'P6.5 – ', 'P6.5/6 – ', '(a) ', '(3) '
# numbers that are not figures: a year range, a reference to an item, page or part of a law or paper ("Chapter 7 of
# Title 8"), a date, a clock time
NOT_A_FIGURE = re.compile(r"\b(?:19|20)\d\d\s*[/-]\s*\d{2,4}\b|\b(?:agenda\s+)?(?:item|page|minute|paragraph|section|chapter|article|part|division|clause|schedule|appendix|annex|attachment|exhibit|"
                          r"title|policy|rule|regulation|document|report|ordinance|resolution|by-?law|motion)s?\s+\d[\w.()]*(?:/\d[\w.()]*)*|"
                          r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:,?\s+\d{4})?|"
                          r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|"
                          r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|(?<![£$€])(?<![£$€]\s)\b\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?|"  # "£12.50" is no time
                          r"\b\d+\s?(?:st|nd|rd|th)\b", re.I)  # an ordinal places, it does not count ("the 3rd floor")
# a number that names rather than counts: after No. or #, or after an upper-case code ("ISA 260", "SSA #21") unless
# it goes on to count something ("SEND 120 children") or the capitals are a vote's words ("FOR 7, AGAINST 3"); or a
# small whole number closing a capitalised name inside a sentence ("Standard on Auditing 260", "at Key Stage 2")
IDENTIFIER = re.compile(r"(?:\b(?i:Nos?)\.?|#|\b(?i:file|ref)\s*:)\s*\d[\w.]*(?:[-/]\d[\w.]*)*|"
                        r"\b(?=[\d-]*\d{3})\d+(?:-\d+){2,}\b|\b[A-Z]+\d+-\d+\b|"  # codes: "1724-001-11", "R24-48" (a vote "4-1-0" counts)
                        r"\b(?![YN]-)[A-Z]{1,3}-\d+[a-z]?\b(?!-)|"  # an item's code ("(I-1)", "S-56"); a vote's "(Y-5)" counts
                        r"\b(?!(?:FOR|AGAINST|ABSTAIN\w*|TOTAL|AYES|NAYS|NOES|YES|NO)\b)[A-Z]{2,}[A-Z0-9]*"
                        r"\s*#?\s*\d[\w.]*(?![\w.])(?!\s+[a-z])|(?<=[a-z]\s)[A-Z][a-z]+\s+\d{1,3}\b(?![\d,%]|\.\d|\s+[a-z]|\s*per)")


def states_figure(text: str, figure: re.Pattern | None = None) -> bool:
    """Whether a sentence states a figure (or, with `figure`, that kind of figure), paragraph numbers, years, item
    numbers, dates, times and identifiers ("ISA 260", "No. 4") aside."""
    text = IDENTIFIER.sub(" ", NOT_A_FIGURE.sub(" ", PARAGRAPH_NUMBER.sub("", text)))
    return bool((figure or NUMBER).search(text))


LONG_SENTENCE = 400  # characters: past this a "sentence" is mostly a run-on list (a consent agenda's items in one line)
NEAR = 200  # ...where a figure answers only if it stands this near the question's words


def states_figure_near(text: str, figure: re.Pattern, topic: set[str]) -> bool:
    """states_figure, but in a long run-on sentence only within NEAR characters of where the question's words
    (`topic`, as content_words gives them) gather: "Authorize lease with the Yacht Club ... (Y-5) 184357" stands
    in the same line as another item's "$2,445,563", which prices no lease."""
    if len(text) <= LONG_SENTENCE:
        return states_figure(text, figure)
    spots = [m.start() for m in WORD.finditer(text) if word_form(m.group()) in topic]
    if not spots:
        return states_figure(text, figure)
    # the stretch of 2 * NEAR characters holding most of them (spots are in order: one pass, two ends)
    best, most, lo = 0, 0, 0
    for hi, spot in enumerate(spots):
        while spot - spots[lo] > 2 * NEAR:
            lo += 1
        if hi - lo + 1 > most:
            best, most = lo, hi - lo + 1
    middle = (spots[best] + spots[best + most - 1]) // 2
    return states_figure(text[max(0, middle - NEAR):middle + NEAR], figure)


# "how many valid public submissions did ... receive": the thing counted is the last word before the verb
HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[\w'’-]+\s+){0,4}?[\w'’-]+?)\s+(?:did|do|does|were|was|are|is|has|have|had|will|would|"
                      r"could|can|should|must|may|might|in|of|at|on|for|from|to|by|with|under|per)\b", re.I)
HOW_MANY_FIRST = re.compile(r"\bhow\s+many\s+([\w'’-]+)", re.I)
COUNT = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\b)(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                   r"twenty|thirty|forty|fifty|hundred)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)


def counted_noun(question: str) -> str | None:
    """The dictionary form of what a "how many" question counts ("submissions" -> "submission"), or None."""
    m = HOW_MANY.search(question)
    if m:
        return word_form(m.group(1).split()[-1])
    first = HOW_MANY_FIRST.search(question)  # "how many people use ...": the word after it
    return word_form(first.group(1)) if first else None


def counts(text: str, noun: str) -> bool:
    """Whether a sentence gives a number of `noun` ("A total of 14 valid submissions"): the number is followed, within
    three words, by the noun."""
    return any(noun in {word_form(w) for w in m.group(1).split()} for m in COUNT.finditer(text))


# a table row: a label of words, then its figure ("Operation and Maintenance        $252,404,000")
ROW = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z &'’/,-]{3,80}?)[\s.:–-]*(?P<figure>[£$€]?\s*\d[\d,.]*\s*(?:%|k|m|million)?)\s*$")
ROW_LABEL_WORDS = 2  # a one-word label ("Total") names too little to be the row asked for


def labelled_row_of(text: str, figure: re.Pattern, topic: set[str]) -> bool:
    """Whether a line is a table row whose label is made of the question's words (two or more) and whose figure is
    of the kind asked for: "Operation and Maintenance $252,404,000" answers "what is the operation and maintenance
    budget", however little else of the question it shares."""
    m = ROW.match(text)
    if not m or not figure.search(m.group("figure")):
        return False
    label = content_words(m.group("label"))
    return len(label) >= ROW_LABEL_WORDS and label <= topic


# the period a sum is for: "annual rent" is answered by "$90,000 a year", "a monthly stipend" by "$500 per month"
RATE_UNITS = {
    "year": re.compile(r"\b(?:annual|annually|yearly|per\s+(?:year|annum)|a\s+year|each\s+year)\b", re.I),
    "month": re.compile(r"\b(?:monthly|per\s+month|a\s+month|each\s+month)\b", re.I),
    "week": re.compile(r"\b(?:weekly|per\s+week|a\s+week|each\s+week)\b", re.I),
    "hour": re.compile(r"\b(?:hourly|per\s+hour|an\s+hour|each\s+hour)\b", re.I),
}


def rate_unit(text: str) -> str | None:
    """The period a text prices by ("annual", "per month"), or None."""
    return next((unit for unit, rx in RATE_UNITS.items() if rx.search(text)), None)
