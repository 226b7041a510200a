"""Candidate sentences for an answer: every sentence of the passages read, scored by closeness in meaning to the
question, its share of the question's words, its passage's rank, the period asked about and the kind of answer."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from index.clean import clean_text
from index.resolutions import find_resolutions
from index.terms import expansions_in
from index.text import content_words, sentence_spans, word_form
from index.tuning import AnswerSettings
from search.answer_types import CLOCK
from search.figures import PARAGRAPH_NUMBER, states_figure
from search.periods import Period, period_agreement, period_of
from search.question import answer_type_of
from search.retrieve import RESOLUTION_INTENT
from search.sentence_vectors import sentence_vectors

# "What did the council direct / agree / award ...": asks for a decision, however it is worded in the minutes
DECISION_QUESTION = re.compile(r"\bwhat\s+(?:[\w-]+\s+){0,2}?did\b.{1,80}?\b(?:(?:decid|resolv|direct|agree|approv|award|determin|instruct|adopt)\w*|"
                               r"do\s+(?:about|with|regarding|on)|happen\w*\s+(?:to|with|about))\b|"
                               r"\bwhat\s+(?:happened|was\s+done)\s+(?:to|with|about)\b", re.I)
# a decision that only receives or notes a report: recorded, but not what a "what did they decide" question wants
RECEIPT = re.compile(r"\b(?:be|was|were|is|are|been)\s+(?:received|noted)\b|\bnote[sd]?\s+(?:the\s+)?(?:report|comments|update|contents|minutes)\b", re.I)
# a sentence about the person the one before names: "Mr. Sam DeSarno addressed the Board ... He would like his service
# moved to Orange Vale Water Company"
PERSONAL_PRONOUN = re.compile(r"\s*(?:He|She|His|Her)\b")
NAME_WORD = re.compile(r"\b[A-Z][a-z][\w'’-]+")
MORE_PARTS = re.compile(r";|\(\s*(?:\d+|[a-z]|[ivx]+)\s*\)|\band\s+(?:that|to)\b", re.I)


def asks_decision(question: str) -> bool:
    """Whether a question asks what was decided ("what did the board resolve", "what did the council do about X")."""
    return bool(RESOLUTION_INTENT.search(question) or DECISION_QUESTION.search(question))


def only_receipt(text: str) -> bool:
    """A decision that does nothing but receive or note a report (not "(1) the report be noted; (2) ...")."""
    return bool(RECEIPT.search(text)) and not MORE_PARTS.search(text)


# an outcome recorded in the course of a sentence ("The Members stated that they did not have enough information to
# make a decision and deferred the item to a future Meeting"; "it was agreed that ..."), not a motion's wording
OUTCOME_STATED = re.compile(r"\b(?:it\s+was\s+(?:unanimously\s+)?(?:agreed|resolved|decided)|(?:members|councillors|council|committee|board)\s+"
                            r"(?:unanimously\s+)?(?:agreed|resolved|decided)\s+(?:to|that)|deferred\s+(?:the|this|consideration)|"
                            r"(?:was|were)\s+deferred|(?:motion|proposal|recommendation)\s+(?:was\s+)?(?:carried|adopted|defeated|rejected|lost))\b", re.I)
# a directive sentence as councils record them: "Direct city staff to ...", "Approve the ...", "Authorise ..."
DIRECTION = re.compile(r"(?:[A-Z]\)\s*)?(?:direct|approve|authori[sz]e|instruct|request|agree|award|adopt|refer|defer|endorse)s?\b", re.I)


def relevance(tuning: AnswerSettings, cos: float, overlap: float) -> float:
    """How well a sentence matches: closeness in meaning and share of the question's words (rank bonus aside)."""
    return tuning.meaning_weight * cos + tuning.words_weight * overlap




def word_groups(library, question: str) -> list[tuple[str, set[str]]]:
    """The question's content words, each with the corpus words standing in for it when the minutes never use it
    ('handsets' is met by 'phones')."""
    from search.expand import unknown_word_neighbours

    neighbours = {word_form(w): n for w, n in unknown_word_neighbours(library, question).items()}
    return [(w, content_words(" ".join(neighbours.get(w, []))) - {w}) for w in content_words(question)]


def shared_share(groups: list[tuple[str, set[str]]], words: set[str], stand_ins: bool = True,
                 naming: frozenset[str] = frozenset()) -> float:
    """Share of the question's words that `words` holds (or, with `stand_ins`, a word standing in for one). Words in
    `naming` (the body and date of the sentence's own meeting) are left out: "the Kent County Council meeting of 9
    January 2025" says which meeting to read, and every sentence of that meeting would share it."""
    topical = [(w, others) for w, others in groups if w not in naming]
    met = sum(1 for w, others in topical if w in words or (stand_ins and others & words))
    return met / max(1, len(topical))


MEETING_WORDS = frozenset({"meeting", "meet", "minute", "agenda"})  # "meeting" reads as "meet"


def meeting_naming_words(hit: dict) -> frozenset[str]:
    """The words that name a hit's meeting: its body, its date (day, month, year) and the words for a meeting."""
    from datetime import date

    when = ""
    try:
        when = date.fromisoformat(hit["meeting_date"] or "").strftime("%A %d %B %b %Y")  # "Thursday 09 January Jan 2025"
    except ValueError:
        pass
    return MEETING_WORDS | frozenset(content_words(f"{hit['committee'] or ''} {when}"))


def item_neighbours(library, hits: list[dict], read: int) -> list[tuple[dict, int]]:
    """(hit, rank) for the other passages of the best hits' items, each ranked below its item's best hit."""
    from search.hits import load_hits

    tuning = library.settings.answer

    seen = {h["passage_id"] for h in hits[:read]}
    first: dict[str, int] = {}
    for rank, h in enumerate(hits[:read]):
        if len(first) < tuning.items_read:
            first.setdefault(h["item_id"], rank)
    ids = library.store.passage_ids_of_items(list(first), tuning.item_passages_read)
    extra = [pid for item_id in first for pid in ids[item_id] if pid not in seen]
    return [(h, first[h["item_id"]] + tuning.item_rank_penalty) for h in load_hits(library.store, [(pid, 0.0) for pid in extra])]


def candidates(library, question: str, hits: list[dict], read: int, extra: Sequence[tuple[dict, int]] = (),
               asked: Period | None = None, sharing_only: bool = False, acronyms: dict[str, str] | None = None) -> list[dict]:
    """Every sentence of the top passages (and of `extra` passages at their given rank) with its semantic and keyword
    score; `asked` is the period the question names when `question` is only its topic. With `sharing_only`, a
    sentence sharing none of the question's words (nor its item title) is dropped before embedding: reading wide,
    most sentences are far from the topic and embedding them is most of the cost. With
    `acronyms`, a sentence using one the minutes define ("EHCP") holds the words of its expansion ("education, health
    and care plan") for the word share that ranks it and that the cross-meeting on-topic bar reads (never for the
    exact share that a single-meeting answer's abstention trusts)."""
    cands: list[dict[str, Any]] = []
    for hit, rank in [*((h, r) for r, h in enumerate(hits[:read])), *extra]:
        resolutions = find_resolutions(hit["text"], 0, len(hit["text"])) if hit["is_resolution"] else []
        seen: set[tuple[int, int]] = set()
        for s, e in sentence_spans(hit["text"]):
            # a sentence inside a resolution stands for the whole resolution: quote all of it
            s, e = next(((rs, re_) for rs, re_ in resolutions if rs <= s < re_), (s, e))
            if (s, e) in seen:
                continue
            seen.add((s, e))
            clean = clean_text(hit["text"][s:e])
            in_decision = bool(resolutions and any(rs == s for rs, _ in resolutions)) or records_decision(hit, s, e) \
                or bool(OUTCOME_STATED.search(clean))
            cands.append({"hit": hit, "rank": rank, "s": s, "e": e, "clean": clean, "decision": in_decision})
    tuning = library.settings.answer
    groups = word_groups(library, question)
    naming_of: dict[str, frozenset[str]] = {}
    title_words: dict[str, set[str]] = {}  # an item's title is the same for every sentence of it
    # the sentences a sentence opening "He" or "She" may be about: the one before it, back to the last that opens otherwise
    # (their names are read only when such a sentence comes: most never do)
    before: list[str] = []
    for i, c in enumerate(cands):
        own = content_words(c["clean"])
        words = own | title_words.setdefault(c["hit"]["item_id"], content_words(c["hit"]["item_title"]))
        if i > 0 and cands[i - 1]["hit"] is c["hit"] and PERSONAL_PRONOUN.match(c["clean"]):
            words = words | content_words(" ".join(NAME_WORD.findall(" ".join(before))))
            before.append(c["clean"])
        else:
            before = [c["clean"]]
        naming = naming_of.setdefault(c["hit"]["meeting_id"], meeting_naming_words(c["hit"]))
        spelled = content_words(expansions_in(c["clean"], acronyms)) if acronyms else set()
        c["overlap"] = shared_share(groups, words | spelled, naming=naming)
        c["exact_overlap"] = shared_share(groups, words, stand_ins=False, naming=naming)  # what abstention trusts
        # a line made only of the words naming its meeting ("Stoke Ferry Parish Council Minutes July 2013") says
        # which meeting this is and nothing else
        c["names_meeting_only"] = own <= naming
        c["own_words"] = own  # read again when picking: a line of only its item's heading is no answer
    if sharing_only:
        cands = [c for c in cands if c["overlap"] > 0]
    if not cands:
        return []
    # each embedded alone and remembered: a sentence's vector depends on its text only (search/sentence_vectors.py)
    vecs = sentence_vectors(library).embed([question] + [c["clean"] for c in cands])
    cos = vecs[1:] @ vecs[0]
    # a sentence leaning on the one before ("the works would cost £42,000") shares some of its relevance
    for i in range(1, len(cands)):
        if cands[i]["hit"] is cands[i - 1]["hit"]:
            cos[i] = max(cos[i], tuning.leaning_share * cos[i - 1])
    wants_resolution = asks_decision(question)
    asks_for = answer_type_of(question)
    wants_quantity = asks_for == "number"  # a quantity is answered by a sentence that states one (a time by a clock's)
    wants_time = asks_for == "time"
    asked = asked if asked is not None else period_of(question)
    for c, sim in zip(cands, cos):
        c["cos"] = float(sim)
        overlap = c["overlap"]
        c["score"] = relevance(tuning, float(sim), overlap) + tuning.rank_bonus / (1 + c["rank"])
        c["period"] = period_agreement(asked, c["clean"], c["hit"]["item_title"])
        c["score"] += tuning.period_weight * c["period"]
        if (wants_quantity and states_figure(c["clean"])) or (wants_time and CLOCK.search(c["clean"])):
            c["score"] += tuning.figure_bonus
        if wants_resolution and not only_receipt(c["clean"]):  # "the report be received" decides nothing
            if c["hit"]["is_resolution"] and re.match(r"\s*(RESOLVED|That\b|\(?\d+\))", c["clean"], re.I):
                c["score"] += tuning.resolution_bonus
            elif c["decision"] or DIRECTION.match(PARAGRAPH_NUMBER.sub("", c["clean"])):
                c["score"] += tuning.decision_bonus
    return sorted(cands, key=lambda c: -c["score"])


def records_decision(hit: dict, s: int, e: int) -> bool:
    """Whether text[s:e] of a passage lies in one of its item's recorded decisions other than a note of receipt."""
    return decision_holding(hit, s, e, receipts=False) is not None


def decision_holding(hit: dict, s: int, e: int, receipts: bool = True) -> dict | None:
    """The first of its item's recorded decisions that text[s:e] of a passage lies in (notes of receipt too, unless
    not `receipts`)."""
    start, end = hit["start"] + s, hit["start"] + e
    return next((d for d in hit.get("decisions") or []
                 if (receipts or d.get("outcome") != "noted") and d.get("start", 0) < end and start < d.get("end", 0)), None)
