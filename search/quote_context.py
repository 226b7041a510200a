"""What a quoted sentence needs beside it: the sentence it leans on, what a lead-in introduces, the reply to a question.

Every addition stays an exact span of one passage's text, so each citation's quote is still `text[start:end]`.
"""
from __future__ import annotations

import re

from index.clean import clean_text
from index.text import sentence_spans

LIST_LEAD = re.compile(r"\b(?:as\s+follows|the\s+following(?:\s+\w+){0,3}|namely|includ(?:e|es|ed|ing))\s*:\s*$", re.I)
LIST_LINES = 4  # lines of a list a lead-in opens, quoted with it
LIST_LINE_WORDS = 15  # a list entry is short; the prose after a list is not
# a sentence opening with a word that stands for something named before it; in speech, perhaps after a filler word
# ("So they are the, uh, contracted city arborist company.")
# ...or with a connective pointing back to it ("In light of that, there was no scope to reduce the rate")
ANAPHOR = re.compile(r"^\W*(?:(?:so|and|but|well|now|then|um|uh|yes|yeah|right|okay|ok)\b[\s,]*)?"
                     r"(?:it|this|that|these|those|they|such|he|she|(?:the|this) figure|in\s+(?:the\s+)?light\s+of\s+(?:this|that|these)|"
                     r"as\s+a\s+(?:result|consequence)|for\s+(?:this|that|these)\s+reasons?|therefore|consequently|hence|accordingly|"
                     r"because\s+of\s+(?:this|that))\b", re.I)


# the label a question put to officers gets before its answer ("REPLY:", "**Response:**"), and a question put in words
# ("I will ask at the next Meeting if ...", "asked whether ...") whose reply may open the next passage
REPLY_LABEL = re.compile(r"[\s*_#>]*(?:reply|response|answer|officers?['’]?s?\s+(?:reply|response))[*_]*(?::|\s+[-–]\s)[\s*_]*", re.I)
ASKS = re.compile(r"\b(?:will|would|shall|wish\s+to)\s+ask\b|\basked\s+(?:whether|if|why|what|how|when)\b", re.I)


def with_antecedent(c: dict) -> dict:
    """A sentence leaning on the one before ("This will reduce the number of permanent exclusions") is quoted with it,
    when both are prose of one paragraph of the passage; the quote stays one exact span."""
    if not ANAPHOR.match(c["clean"]):
        return c
    text = c["hit"]["text"]
    before = sentence_spans(text[:c["s"]])
    if not before:
        return c
    ps, pe = before[-1]
    if "\n\n" in text[pe:c["s"]] or "\t" in text[ps:c["e"]].strip():
        return c
    return {**c, "s": ps, "clean": clean_text(text[ps:c["e"]])}


def with_context(c: dict) -> dict:
    """A sentence quoted with what a reader needs beside it: the sentence it leans on, the one a lead-in ending in a
    colon introduces ("Street lighting maintenance contract: It was agreed to accept the tender ... at £165.96"), and
    the reply to a question the minutes record ("Why was a £6000 additional fee required? This was the first time ...")."""
    c = with_antecedent(c)
    text = c["hit"]["text"]
    label = REPLY_LABEL.match(text, c["e"])
    if label:  # "I will ask at the next Meeting if ..." / "REPLY:" / "The lane is in private ownership."
        after = sentence_spans(text[label.end():])
        if after and not after[0][0]:
            end = label.end() + after[0][1]
            return {**c, "e": end, "clean": clean_text(text[c["s"]:end])}
        return c
    if not c["clean"].rstrip().endswith((":", "?")):
        return c
    after = sentence_spans(text[c["e"]:])
    if not after or "\t" in text[c["e"]:c["e"] + after[0][1]].strip():
        return c
    if c["clean"].rstrip().endswith("?") and not _may_reply(text[c["e"]:c["e"] + after[0][0]], text[c["e"] + after[0][0]:c["e"] + after[0][1]]):
        return c  # a question followed by another question, or by the next item's heading: no reply to quote
    end = c["e"] + after[0][1]
    if LIST_LEAD.search(c["clean"]):  # "dates were fixed as follows:": the short lines of the list it opens
        for s, e in after[1:LIST_LINES]:
            if len(text[c["e"] + s:c["e"] + e].split()) > LIST_LINE_WORDS or text[end:c["e"] + s].strip() or "\t" in text[c["e"] + s:c["e"] + e]:
                break
            end = c["e"] + e
    return {**c, "e": end, "clean": clean_text(text[c["s"]:end])}


def with_reply(store, chosen: list[dict]) -> list[dict]:
    """Each chosen question the minutes record ("Why was a £6000 additional fee required?") that ends its passage,
    followed by the reply that opens the next passage of the same item (cited to that passage)."""
    out: list[dict] = []
    for c in chosen:
        out.append(c)
        asked = c["clean"].rstrip().endswith("?")
        if (asked or ASKS.search(c["clean"])) and not sentence_spans(c["hit"]["text"][c["e"]:]):
            reply = _reply_after(store, c["hit"], labelled=not asked)  # a question put in words: only a reply so labelled
            if reply is not None:
                out.append(reply)
    return out


def _reply_after(store, hit: dict, labelled: bool = False) -> dict | None:
    """The first sentence of the item's next passage that begins after `hit` ends, unless it asks a question too."""
    from search.hits import load_hits

    ids = store.passage_ids_of_items([hit["item_id"]], 100_000)[hit["item_id"]]
    at = ids.index(hit["passage_id"]) if hit["passage_id"] in ids else -1
    if at < 0 or at + 1 >= len(ids):
        return None
    following = load_hits(store, [(ids[at + 1], 0.0)])
    if not following:
        return None
    nxt = following[0]
    fresh = max(0, hit["end"] - nxt["start"])  # passages may overlap: what this passage already holds is not the reply
    for s, e in sentence_spans(nxt["text"]):
        if s < fresh:
            continue
        if not _may_reply(nxt["text"][fresh:s], nxt["text"][s:e]) or (labelled and not REPLY_LABEL.match(nxt["text"][fresh:s])):
            return None
        return {"hit": nxt, "rank": 0, "s": s, "e": e, "clean": clean_text(nxt["text"][s:e]), "decision": False, "score": 0.0, "cos": 0.0}
    return None


# the next item's heading: "7. Planning applications", "(b) Budget", "PLANNING APPLICATIONS", "Planning applications"
# on a line of its own
HEADING_LINE = re.compile(r"^\W*(?:\d+(?:\.\d+)*|[A-Za-z]|[ivxIVX]{1,4})[.)]\s|^[^a-z\n]{4,80}(?:\n|$)|"
                          r"^[A-Z][^.!?:;\n]{0,60}\n")


def _may_reply(between: str, sentence: str) -> bool:
    """Whether `sentence`, after a question and `between` it, can be the question's reply: nothing but space between
    them (an item number is not), not another question, not the next item's heading."""
    return (not between.strip() or bool(REPLY_LABEL.fullmatch(between))) and not sentence.rstrip().endswith("?") \
        and not HEADING_LINE.match(sentence.strip())
