"""Shared text tools: sentences, word forms and stop words.

One component for the chunker, answers, vote questions, highlighting and answer evaluation, so that "a word the
question shares" and "a sentence" mean the same everywhere. Word forms are dictionary lemmas from simplemma (a
maintained library): 'exclusions' and 'exclusion' meet while 'exclusive' stays apart, which a suffix stemmer gets
wrong in both directions.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Punctuation outside ASCII that \w never matches (dashes, quotes, bullets, £, €, no-break space): made a space before
# splitting by byte table, so text whose only other characters are these takes the fast way.
NOT_WORD_MARKS = "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\xa3\u20ac\xa0\xb7"


def byte_table(keep_underscore: bool) -> bytes:
    """A translate() table: ASCII letters lower-cased, digits (and `_` if asked) kept, every other byte a space."""
    return bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or (keep_underscore and c == 95) else 32
                 for c in range(256))


def ascii_words(text: str, table: bytes) -> list[str] | None:
    """The lower-case words of `text` by a byte table and a split, a few times faster than a pattern; None when text
    other than NOT_WORD_MARKS is outside ASCII (lower() reads context there, a final sigma: the caller's pattern then)."""
    if not text.isascii():
        for ch in NOT_WORD_MARKS:
            if ch in text:
                text = text.replace(ch, " ")
        if not text.isascii():
            return None
    return text.encode("ascii").translate(table).decode("ascii").split()


# words too common in questions to search for
STOPWORDS = frozenset("""a about above after again all also am an and any are as at be been before being between both but by can
could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it
its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than
that the their them then there these they this those through to too under until up very was we were what when where which while
who whom why will with would you your said say tell told happened happen been""".split())
WORD = re.compile(r"[A-Za-z0-9£%][A-Za-z0-9£%'’.-]*[A-Za-z0-9%]|[A-Za-z0-9]")
MIN_WORD_CHARS = 3  # shorter words ("of", "Q1" aside) carry little topic

# A sentence ends at . ! ? or ; followed by space and a capital, digit or opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?;])[\"'’”)]?\s+(?=[\"‘“(]?[A-Z0-9£])")
# ...and in a passage also at a blank line and before a line that starts a list entry ('- ', '(3) ', 'P6.5 – ').
# Titles and abbreviations that a full stop does not end a sentence after ("Mr. Brennan", "Cllr. Wall", "No. 4").
NOT_AN_END = "".join(rf"(?<!\b{a}\.)" for a in ("Mr", "Mrs", "Ms", "Dr", "No", "Nos", "St", "Cllr", "Rev", "Hon", "Jr", "Sr", "vs", "approx", "etc",
                                                    "[A-Z]"))  # ...nor does a middle initial ("David L. Cox")
# (a closing quote or bracket after the stop stays with its sentence)
# "RESOLUTION NO. 22-25": a number sign in capitals ends no sentence before its number (it may end one before a word)
NUMBER_SIGN = r"(?!(?<=\bNOS\.)|(?<=\bNO\.)[ \t\u00a0]*\n?[ \t\u00a0]*\d)"
BOUNDARY = re.compile(r"(?:" + NOT_AN_END + r"(?<=[.!?;])" + NUMBER_SIGN + r"|(?<=[.!?;][\"'’”)]))(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)(?=[\"‘“(]?[A-Z0-9£])|\n[ \t]*\n|"
                      r"\n(?=[ \t]*(?:[-–•·*▪◦●■□➢►]\s|\(?\d{1,2}[).]\s|[A-Z]{1,5}\d[\w.]*\s*[–-]\s))")
MIN_SENTENCE_WORDS = 4

@lru_cache(maxsize=65536)
def word_form(word: str) -> str:
    """The word's dictionary form ('exclusions' -> 'exclusion', 'agencies' -> 'agency', 'children' -> 'child'),
    lower case; a word the dictionary does not know is kept as it is."""
    import simplemma  # here, not at import: 0.3 s the service's start does not need (the answer path warms it)

    low = word.lower().strip(".'’-")
    return simplemma.lemmatize(low, lang="en").lower() if low.isalpha() else low


LONGER_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")  # four characters or more, opening with a letter


def capitalised_share(text: str) -> float:
    """The share of a line's longer words that open with a capital: near 1 in a heading, a name or a roster ("Runcorn
    Town", "Executive Director of Children's Services"), low in a sentence; 0 for a line with no longer word."""
    words = LONGER_WORD.findall(text)
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def content_words(text: str) -> set[str]:
    """Dictionary forms of the words that carry a text's topic: not stop words, at least three characters."""
    return set(content_word_list(text))


def content_word_list(text: str) -> list[str]:
    """The same forms, in order of first appearance."""
    out: dict[str, None] = {}
    for w in WORD.findall(text):
        low = w.lower().strip(".'’-")
        if len(w) == 2 and w.isupper() and w.isalpha():
            out[w] = None  # a two-letter acronym ("IT", "HR") carries a topic, and is not the word "it"
        elif len(low) >= MIN_WORD_CHARS and low not in STOPWORDS:
            out[word_form(low)] = None
    return list(out)


def _blocks(text: str):
    """Runs of prose lines, and each table row (a line with a tab) on its own."""
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if "\t" in line.strip():  # interior tabs: a table row (trailing tabs are cell padding)
            if start is not None:
                yield start, pos
                start = None
            yield pos, end
        elif start is None:
            start = pos
        pos = end
    if start is not None:
        yield start, len(text)


# Words a line of prose does not end on when its sentence ends there: the line was wrapped
WRAPPED_AFTER = frozenset("a an and as at by for from in into of on or than that the to with".split())
LIST_MARKER = re.compile(r"[a-z]{1,3}[.)]\s")  # "a) ", "ii. ": a new item, not a wrapped line
TITLE_END = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Cr|Prof|Rev|St|No)\.$")  # "... to replace Ms.\n\nSinead Ryan"


def _wrapped(text: str, m: re.Match) -> bool:
    """Whether a blank-line break is only a wrapped line: some converters put a blank line after every line of a page
    ("... to replace Ms.\n\nSinead Ryan who had ..."). It is when the line before ends mid-sentence (on a comma or a
    word like "the") or the line after goes on in lower case."""
    if "\n" not in m.group().strip(" \t\u00a0")[1:]:
        return False  # a sentence end followed by a line break, not a blank line
    # the line's end is all this reads (not the whole text), past Markdown emphasis ("... the Budget for***")
    before = text[max(0, m.start() - 80):m.start()].rstrip().rstrip("*_").rstrip()
    if not before or (before[-1] in ".!?:;\"'’”)" and not TITLE_END.search(before)):
        return False
    after = text[m.end():m.end() + 12].lstrip().lstrip("*_")
    last = before.rsplit(None, 1)[-1].lower()
    return (bool(after) and after[0].islower() and not LIST_MARKER.match(after)) or before[-1] == "," or last in WRAPPED_AFTER \
        or bool(TITLE_END.search(before))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of sentences, list items and table rows in `text`, trimmed of whitespace and list markers;
    fragments under MIN_SENTENCE_WORDS words are left out. A blank line that only wraps a line is not a break."""
    spans = []
    for b0, b1 in _blocks(text):
        pos = b0
        for m in BOUNDARY.finditer(text, b0, b1):
            if _wrapped(text, m):
                continue
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, b1))
    out = []
    for s, e in spans:
        while s < e and (text[s].isspace() or text[s] in "-–•·*▪◦●■□➢►"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(text[s:e].split()) >= MIN_SENTENCE_WORDS:
            out.append((s, e))
    return out


def sentence_bounds(text: str, start: int, end: int):
    """Every sentence of text[start:end], untrimmed and with nothing left out, for packing passages."""
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        yield pos, m.start() + len(m.group(0).rstrip())
        pos = m.end()
    if pos < end:
        yield pos, end


# Breaks for widening a position to its sentence in raw document text (decisions): abbreviations before a full stop
# ("Mr.", "Cllr.", "No.") do not end one, a line ending in a colon or a heading line does.
CLAUSE_BREAK = re.compile(r"\n(?=[ \t]*(?:[•▪◦·]|o[ \t]|\d{1,2}[.)][ \t]|[a-z][.)][ \t]))|(?<!\bNo)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bCllr)(?<!\bSt)(?<![A-Z])[.!?][\"”’)]?(?=\s)|\n[ \t]*\n|:[ \t]*\n")


_HEADING_LINE = re.compile(r"^[ \t*#]*(?:[\dA-Za-z]{1,6}[.)]?[ \t]+)?[A-Z][A-Z0-9 ,&'’/()–-]{2,80}[ \t*]*\n", re.M)


def sentence_start_before(text: str, pos: int, floor: int) -> int:
    """Where the sentence holding `pos` begins (not before `floor`): after a full stop, a blank line, a colon ending a
    line or a heading line. Used to widen a decision's cue ("carried", "RESOLVED") to its whole sentence."""
    last = floor
    lo = max(floor, pos - 600)
    for m in CLAUSE_BREAK.finditer(text, lo, pos):
        last = m.end()
    for m in _HEADING_LINE.finditer(text, lo, pos):
        last = max(last, m.end())
    return last


def sentence_end_after(text: str, pos: int, ceil: int) -> int:
    """Where the sentence holding `pos` ends (not after `ceil`), by the same breaks."""
    m = CLAUSE_BREAK.search(text, pos, ceil)
    if m is None:
        return ceil
    return m.start() + 1 if text[m.start()] in ".!?:" else m.start()
