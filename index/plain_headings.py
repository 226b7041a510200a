"""Headings printed without numbers: upper-case or bold lines, run-in headings ("PUBLIC COMMENT: ...") and bullets.

In a document with no numbered run these are its items; between numbered items they are the sections that group
them (index/generic.py).
"""
from __future__ import annotations

import re

from index.headings import uppercase_share
from index.numbering import NOT_TITLE, Candidate, short_title

VOTE_WORD = re.compile(r"^(?:ayes?|noes?|nays?|yeas?|for|against|abstain\w*|absent|excused|recused|result|motion\s+by|second(?:ed)?|"
                       r"roll\s+call\s+vote|vote)$", re.I)
DECISION_WORD = re.compile(r"^(?:resolved|agreed|carried|lost|result|motion|moved|seconded|ayes|noes|nays|yeas|absent|abstain\w*|voting|votes?|"
                           r"vote|decision|recommendation|action|note)\b", re.I)
UNNUMBERED = re.compile(r"^(?:[ \t*#_•▪◦·]|o(?=[ \t]))*(?P<t>[A-Z][^\n]{2,120}?)[ \t*_:]*$", re.M)
# A run-in heading: "APPROVAL OF MINUTES: Motion to approve ..." (upper case, then a colon or dash and the text)
RUN_IN = re.compile(r"^[ \t*#_•]*(?P<t>[A-Z][A-Z0-9 &/,'’()-]{2,70}?)[ \t]*(?::|[ \t][–—-])[ \t]+(?=\S)", re.M)
# "Highway Commissioner – See attached report", "Youth: Trustee A stated ..." (title-case, then a dash or colon)
# (or a colon or semicolon ending its line: "Planning:" over the applications listed under it)
RUN_IN_MIXED = re.compile(r"^[ \t]*(?P<t>[A-Z][A-Za-z’']*(?:[ \t]+(?:[A-Z][A-Za-z’']*|and|of|the|for|&)){0,4})[ \t]*"
                          r"(?:(?:[–—]|[ \t]-|[:;])[ \t]+(?=\S)|[:;][ \t]*$)", re.M)
# a roll call's answer ("Smith: Aye"), not a label's "nothing to report" ("Police Matters: No questions")
VOTE_ANSWER = re.compile(r"[ \t]*(?:yes|no|aye|nay|yea|abstain|absent|present)\b"
                         r"(?![ \t]+(?:questions?|comments?|reports?|matters?|issues?|update|business|items?|objections?)\b)", re.I)
MEMBER_NAME = re.compile(r"^(?:Councill?or|Cllr|Trustee|Commissioner|Supervisor|Mayor|Alderman|Director|Chair\w*|Mr|Mrs|Ms|Dr|Clerk)\.?\s+[A-Z]", re.I)
MIN_RUN_IN = 3
SHOUTING_SCORE = 2.0  # the heading score of an upper-case line (a styled one scores less)
LABEL_SCORE = 1.2  # the heading score of a title-case run-in label ("Planning:", "Police Matters: No questions")
ATTENDANCE = re.compile(r"^(?:present|absent|also\s+present|staff(?:\s+present)?|attendees|attendance|members(?:\s+present)?|in\s+attendance|"
                        r"others\s+present|guests|public|note|notes|n\.?b|re|subject|(?:meeting\s+)?(?:date|time|place|venue|location|id)|"
                        r"from|to|cc)$", re.I)
TIME_SUFFIX = re.compile(r"\s*(?:[(\[]\s*)?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s*[)\]]?\s*$", re.I)
CODE = re.compile(r"^(?P<code>[A-Z]{1,6}[-.]?\s?\d{2,4}(?:[./-]\s?\d{1,4})?)\s+(?=[A-Z])")


def unnumbered_headings(text: str, styled: set[int]) -> list[Candidate]:
    """Upper-case or styled lines that stand alone: section names, or the items of an unnumbered agenda.
    A reference code in front ("CAFE-2014.5 Property Tax Policy") is the item's number."""
    out = []
    for m in UNNUMBERED.finditer(text):
        line_start = m.start()
        title = TIME_SUFFIX.sub("", m.group("t").strip())  # "Call to Order (5:30 p.m.)"
        code = CODE.match(title)
        number = re.sub(r"\s+", "", code.group("code")) if code else ""
        if code:
            title = title[code.end():]
        shouting = uppercase_share(title) > 0.8 and sum(c.isalpha() for c in title) >= 4
        if not (shouting or line_start in styled) or len(title.split()) > 12 or NOT_TITLE.match(title):
            continue
        if title.endswith((".", ",", ";")) or re.search(r"\d{1,2}[:.]\d{2}|\b(?:page|p\.)\s*\d", title, re.I) or DECISION_WORD.match(title):
            continue
        out.append(Candidate(line_start, "heading", 0, number, title, SHOUTING_SCORE if shouting else 1.5))
    seen = {c.start for c in out}
    for m in RUN_IN.finditer(text):
        title = m.group("t").strip(" ,-")
        if m.start() in seen or uppercase_share(title) < 0.9 or sum(c.isalpha() for c in title) < 4 or len(title.split()) > 8:
            continue
        if DECISION_WORD.match(title) or ATTENDANCE.match(title) or VOTE_WORD.match(title):
            continue
        out.append(Candidate(m.start(), "heading", 0, "", title, 1.8))
        seen.add(m.start())
    mixed = [m for m in RUN_IN_MIXED.finditer(text) if m.start() not in seen and not VOTE_ANSWER.match(text, m.end())
             and not DECISION_WORD.match(m.group("t")) and not ATTENDANCE.match(m.group("t")) and not MEMBER_NAME.match(m.group("t"))
             and not VOTE_WORD.match(m.group("t").strip())]
    if len(mixed) >= MIN_RUN_IN:  # a habit of the document, not a stray dash
        out.extend(Candidate(m.start(), "heading", 0, "", m.group("t").strip(), LABEL_SCORE) for m in mixed)
    return sorted(out, key=lambda c: c.start)


BULLET = re.compile(r"^[ \t]*(?P<glyph>[•▪◦·●○■□➢►\-–*o])[ \t]+(?P<t>\S[^\n]*)$", re.M)
MIN_BULLETS = 3


def bullet_headings(text: str) -> list[Candidate]:
    """Bulleted minutes: the outermost bullet glyph marks the items when deeper glyphs hold their detail."""
    by_glyph: dict[str, list[re.Match]] = {}
    for m in BULLET.finditer(text):
        by_glyph.setdefault(m.group("glyph"), []).append(m)
    if len(by_glyph) < 2:
        return []
    indent = {g: min(len(m.group(0)) - len(m.group(0).lstrip()) for m in ms) for g, ms in by_glyph.items()}
    top = min(by_glyph, key=lambda g: (indent[g], -len(by_glyph[g]) if g not in "-–*o" else 0))
    if len(by_glyph[top]) < MIN_BULLETS:
        return []
    out = []
    for m in by_glyph[top]:
        title = short_title(m.group("t").strip())
        if len(re.sub(r"[^A-Za-z]", "", title)) < 3:
            continue  # "• A:" labels a figure, not an item
        out.append(Candidate(m.start(), "bullet", 0, "", title, 1.5))
    return out
