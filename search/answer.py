"""Extractive answers: the sentences that best answer a question, each cited to its meeting, item and page."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from index.clean import clean_text
from index.resolutions import find_resolutions
from index.terms import expansions_in
from index.text import content_words, sentence_spans, word_form
from index.tuning import AnswerSettings
from search.figures import MONEY, NUMBER, PARAGRAPH_NUMBER, PERCENT, PERCENT_QUESTION, states_figure, states_figure_near
from search.filters import Filters
from search.hits import public_hit
from search.meeting_asked import by_month_held, unheld_meeting
from search.meeting_moments import moment_asked, record_passages
from search.named import documents_named
from search.answer_after import introduced_by, supplied_after
from search.cited import abstention, citation_of, supporting_hits
from search.answer_types import ABOUT_THE_MEETING, CLOCK, MEETING_END, answering_text_for, header_block, lacks_message, supplies, supplies_beyond
from search.periods import Period, expected_then, names_other_years, period_agreement, period_of
from search.question import MONEY_QUESTION, answer_type_of, parse_question
from search.question_parts import part_supplied, question_parts
from search.retrieve import RESOLUTION_INTENT, search
from search.sentence_vectors import sentence_vectors
from search.quote_context import with_antecedent, with_context, with_reply
from search.table_rows import labelled_row

# Minutes often record that a figure was asked for and promised later: that is not an answer.
DEFERRAL = re.compile(r"\b(would (?:also )?be (?:reported back|sought|provided|circulated|confirmed|shared)|"
                      r"(?:was|were) not to hand|response would be sought|at a later date)\b", re.I)
# "What did the council direct / agree / award ...": asks for a decision, however it is worded in the minutes
DECISION_QUESTION = re.compile(r"\bwhat\s+did\b.{1,80}?\b(?:(?:decid|resolv|direct|agree|approv|award|determin|instruct)\w*|"
                               r"do\s+(?:about|with|regarding|on)|happen\w*\s+(?:to|with|about))\b|"
                               r"\bwhat\s+(?:happened|was\s+done)\s+(?:to|with|about)\b", re.I)
# a decision that only receives or notes a report: recorded, but not what a "what did they decide" question wants
RECEIPT = re.compile(r"\b(?:be|was|were|is|are|been)\s+(?:received|noted)\b|\bnote[sd]?\s+(?:the\s+)?(?:report|comments|update|contents|minutes)\b", re.I)
MORE_PARTS = re.compile(r";|\(\s*(?:\d+|[a-z]|[ivx]+)\s*\)|\band\s+(?:that|to)\b", re.I)


def asks_decision(question: str) -> bool:
    """Whether a question asks what was decided ("what did the board resolve", "what did the council do about X")."""
    return bool(RESOLUTION_INTENT.search(question) or DECISION_QUESTION.search(question))


def only_receipt(text: str) -> bool:
    """A decision that does nothing but receive or note a report (not "(1) the report be noted; (2) ...")."""
    return bool(RECEIPT.search(text)) and not MORE_PARTS.search(text)


# a directive sentence as councils record them: "Direct city staff to ...", "Approve the ...", "Authorise ..."
DIRECTION = re.compile(r"(?:[A-Z]\)\s*)?(?:direct|approve|authori[sz]e|instruct|request|agree|award|adopt|refer|defer|endorse)s?\b", re.I)

NOT_FOUND = "The minutes do not appear to cover this question."
OTHER_PERIOD = "The minutes do not appear to cover this for the period asked about."
NO_FIGURE = "The minutes do not appear to give this figure."
DEFERRED = "The minutes do not give an answer: they record only that it would be reported or provided later."


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
            in_decision = bool(resolutions and any(rs == s for rs, _ in resolutions)) or _records_decision(hit, s, e)
            cands.append({"hit": hit, "rank": rank, "s": s, "e": e, "clean": clean_text(hit["text"][s:e]), "decision": in_decision})
    tuning = library.settings.answer
    groups = word_groups(library, question)
    naming_of: dict[str, frozenset[str]] = {}
    title_words: dict[str, set[str]] = {}  # an item's title is the same for every sentence of it
    for c in cands:
        own = content_words(c["clean"])
        words = own | title_words.setdefault(c["hit"]["item_id"], content_words(c["hit"]["item_title"]))
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


def _merge_overlaps(chosen: list[dict]) -> list[dict]:
    """Sentences in document order with no span quoted twice (a sentence and a later one quoted with it)."""
    out: list[dict] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev and prev["hit"]["passage_id"] == c["hit"]["passage_id"] and c["s"] < prev["e"]:
            if c["e"] > prev["e"]:
                out[-1] = {**prev, "e": c["e"], "clean": clean_text(prev["hit"]["text"][prev["s"]:c["e"]])}
            continue
        out.append(c)
    return out


def _records_decision(hit: dict, s: int, e: int) -> bool:
    """Whether text[s:e] of a passage lies in one of its item's recorded decisions other than a note of receipt."""
    start, end = hit["start"] + s, hit["start"] + e
    return any(d.get("outcome") != "noted" and d.get("start", 0) < end and start < d.get("end", 0)
               for d in hit.get("decisions") or [])


def _heading_only(c: dict) -> bool:
    """A line saying only which item or meeting this is: its words all in the item's number and title, or naming the meeting."""
    hit = c["hit"]
    own = c["own_words"] if "own_words" in c else content_words(c["clean"])
    return c["names_meeting_only"] or own <= content_words(f"{hit.get('item_number') or ''} {hit.get('item_title') or ''}") | meeting_naming_words(hit)


def _pick(tuning: AnswerSettings, cands: list[dict]) -> list[dict]:
    """The first sentence and up to `max_sentences` - 1 more, each near it in score, in document order. The first is
    not always the best scoring: a sentence of the kind asked for leads (a name, for "who")."""
    best = cands[0]["score"]
    near = [c for c in cands if c["score"] >= tuning.pick_share * best]
    said = [c for c in near if not _heading_only(c)]
    cands = said or near  # the item's own heading is no answer where a sentence near it in score says something
    chosen: list[dict] = []
    for c in cands:
        if len(chosen) >= tuning.max_sentences:
            break
        if any(c["clean"] == o["clean"] for o in chosen):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c["hit"]["passage_id"], c["s"]))


def _with(needed: Sequence[dict | None], chosen: list[dict], most: int) -> list[dict]:
    """The chosen sentences holding every `needed` one (in place of the weakest when full), in document order."""
    held: list[dict] = []
    for n in needed:
        if n is not None and len(held) < most and all(n["clean"] != h["clean"] for h in held):
            held.append(n)
    new = sum(1 for h in held if all(h["clean"] != c["clean"] for c in chosen))  # each one not chosen yet adds a quote
    if not new:
        return chosen
    rest = [c for c in sorted(chosen, key=lambda c: -c["score"]) if all(c["clean"] != h["clean"] for h in held)]
    return sorted([*held, *rest[:max(0, min(most, len(chosen) + new) - len(held))]],
                  key=lambda c: (c["hit"]["passage_id"], c["s"]))


def _generated(library, question, hits, public_hits, k, cands) -> dict | None:
    """A model-written answer when an endpoint is configured; None (extractive answer) if it fails or declines."""
    from search.generate import generate

    try:
        sentences = generate(library.settings, question, hits)
    except Exception as exc:  # an unreachable or faulty endpoint must not cost the user their answer
        import logging

        logging.getLogger(__name__).warning("generated answer failed, using the extractive answer: %s", exc)
        return None
    if not sentences:
        return None
    citations, out, cited = [], [], {}
    for text, passages in sentences:
        numbers = []
        for p in passages:
            if p["passage_id"] not in cited:
                cited[p["passage_id"]] = {"hit": p, "s": 0, "e": len(p["text"])}  # the whole passage is the quote
                citations.append(citation_of(len(cited), cited[p["passage_id"]]))
            numbers.append(list(cited).index(p["passage_id"]) + 1)
        out.append({"text": text, "markers": numbers})
    text = " ".join(f"{s['text']} " + "".join(f"[{m}]" for m in s["markers"]) for s in out)
    return {"question": question, "answer": text, "abstained": False, "sentences": out, "groups": [], "generated": True,
            "citations": citations, "passages": supporting_hits(public_hits, list(cited.values()), k), "top_similarity": cands[0]["cos"]}


def answer(library, question: str, filters: Filters | None = None, k: int = 10) -> dict:
    from search.across import answer_across
    from search.votes import answer_vote

    voted = answer_vote(library, question, filters, k)  # "how did Councillor X vote on Y": read from the recorded votes
    if voted is not None:
        return voted
    parsed = parse_question(question)
    if parsed.across and not by_month_held(library.store, parsed):  # "in March 2025 ... ending in June 2026": one meeting
        parsed = parse_question(question, months=False)
    if parsed.across:  # "what was said about X (or Y) across meetings": one point per meeting, per topic
        surveyed = answer_across(library, parsed, filters, k)
        if surveyed is not None:
            return surveyed
    query = " ".join(parsed.topics) if parsed.across else question
    named = documents_named(library.store, question)  # looked up once: retrieval boosts them, the answer keeps to them
    hits = search(library, query, k=k, filters=filters, named=named if query == question else None)
    public_hits = [public_hit(h) for h in hits]
    tuning = library.settings.answer
    read = tuning.passages_read
    # a sentence using an acronym the minutes define ("PRU") meets the question's words for it ("referral unit")
    extra = item_neighbours(library, hits, read)
    moment = moment_asked(question, parsed.answer_type)
    if moment:  # asked when a meeting closed or who opened it: read that meeting's record of it
        extra += record_passages(library, moment, hits[:read], tuning.item_rank_penalty)
    cands = candidates(library, question, hits, read, extra, acronyms=library.store.known_acronyms())
    if named:  # a question naming whose minutes it asks about ("LADWP") is answered from those documents
        cands = [c for c in cands if c["hit"]["document"] in named] or cands
    unheld = unheld_meeting(library.store, question, hits, cands)
    if unheld:  # asked about a meeting the archive does not hold: other meetings' sentences answer something else
        return _abstain_nearest(tuning, question, unheld, public_hits[:k], cands)
    # weak evidence: no sentence near the question in meaning, and none sharing most of its words
    if not cands or (max(c["cos"] for c in cands[:tuning.meaning_window]) < library.settings.abstain_threshold
                     and cands[0]["exact_overlap"] < tuning.trusted_overlap):
        return _abstain_nearest(tuning, question, NOT_FOUND, public_hits[:k], cands)
    # a line only naming the meeting, or its header block ("Meeting Date: ... Time: ... Venue ..."), answers only a
    # question about the meeting itself (who attended, where and when it sat)
    about_meeting = bool(ABOUT_THE_MEETING.search(question)) and not (parsed.answer_type == "time" and MEETING_END.search(question))
    cands = [c for c in cands if not c["names_meeting_only"] and (about_meeting or not header_block(c["clean"]))] or cands
    window, share = tuning.kind_window, tuning.kind_share
    supplying = None  # the best sentence giving the figure asked for: an answer to "how much" quotes it
    if parsed.answer_type == "number":
        # a share is answered by a share, and a sum of money by a sum of money
        figure = PERCENT if PERCENT_QUESTION.search(question) else MONEY if MONEY_QUESTION.search(question) else NUMBER
        topic = content_words(question)
        figures = [c for c in cands[:window] if states_figure_near(c["clean"], figure, topic)]
        supplying = figures[0] if figures and figures[0]["score"] >= share * cands[0]["score"] else \
            supplied_after(cands, cands[0], lambda t: states_figure_near(t, figure, topic), tuning.sentences_after)
        if supplying is None:
            return _abstain_nearest(tuning, question, NO_FIGURE, public_hits[:k], cands)
    if DEFERRAL.search(cands[0]["clean"]):
        return abstention(question, DEFERRED, supporting_hits(public_hits, cands[:1], k), cands, [citation_of(1, cands[0])])
    asked_period = period_of(question)
    if asked_period:  # a sentence about other years does not answer a question about this one...
        # ...but asked when, the years a question names may date the report ("when is the station expected to be
        # finished, as reported in December 2018?"), and the answer lies in another ("by December 2019")
        in_period = [c for c in cands if not names_other_years(asked_period, c["clean"])
                     or parsed.answer_type == "date" and expected_then(asked_period, c["clean"], c["hit"]["meeting_date"])]
        if not in_period or in_period[0]["score"] < share * cands[0]["score"]:
            return _abstain_nearest(tuning, question, OTHER_PERIOD, public_hits[:k], cands)
        cands = in_period
    wanted = supplies(parsed.answer_type)
    if wanted is not None:
        answering = answering_text_for(question, parsed.answer_type)

        def fits(text: str, hit: dict) -> bool:
            return supplies_beyond(wanted, answering(text, hit["meeting_date"]), question)

        if moment:  # the meeting's record of the moment answers, however few of the question's words it shares
            fitting = [c for c in cands if c["hit"]["meeting_id"] == cands[0]["hit"]["meeting_id"] and fits(c["clean"], c["hit"])
                       and moment.recorded_in(c["clean"])][:1]
        else:  # (a sentence leaning on the one before supplies what that one names: "... the city arborist is Oakline
            # Trees. So they are the contracted arborist company.")
            fitting = [c for c in cands[:window] if fits(with_antecedent(c)["clean"], c["hit"])]
        if not fitting or (fitting[0]["score"] < share * cands[0]["score"] and not moment):
            # the best sentence names the subject; what was asked may follow it in the same paragraph
            supplying = supplied_after(cands, cands[0], lambda t: fits(t, cands[0]["hit"]), tuning.sentences_after) \
                or introduced_by(cands, cands[0], lambda t: fits(t, cands[0]["hit"]))  # ...or introduce it
            if supplying is None:
                return _abstain_nearest(tuning, question, lacks_message(parsed.answer_type), public_hits[:k], cands)
            fitting = []
        # the clearest form first where it is near the best ("Mr Cooke" before a bare name or a body)
        clearest = supplies(parsed.answer_type, clearest=True) or wanted
        fitting = sorted(fitting, key=lambda c: not (c["score"] >= share * cands[0]["score"] and clearest.search(c["clean"])))
        # (asked when a meeting closed or who opened it, that record is the whole answer: what else scores higher is not)
        cands = fitting if moment and fitting else fitting + [c for c in cands if c not in fitting]
    elif asks_decision(question) and not cands[0]["decision"]:
        # asked what was decided, the item's recorded decision leads where it is near the best sentence (a note of the
        # papers circulated shares more of the question's words than "it was agreed to defer this item")
        # (in the best sentence's own item, a decision among the first candidates leads whatever its score: that item
        # is what was asked about)
        decided = [c for c in cands[:window] if c["decision"] and (c["score"] >= share * cands[0]["score"]
                                                                   or c["hit"]["item_id"] == cands[0]["hit"]["item_id"])]
        if decided:
            cands = [decided[0]] + [c for c in cands if c is not decided[0]]
    if library.settings.llm_base_url:
        generated = _generated(library, question, hits, public_hits, k, cands)
        if generated:
            return generated
    if supplying is not None and all(c is not supplying for c in cands):
        supplying = None  # the period asked about ruled it out
    # a question of several parts ("where are they, when did they open, and how many use them"): a sentence for each
    # (the kind the whole question is read for is served above)
    parts = question_parts(question)
    others = [part for part in parts if answer_type_of(part) != parsed.answer_type] if len(parts) > 1 else []
    needed = [supplying, *(part_supplied(part, question, cands[:window]) for part in others)]
    chosen = _merge_overlaps(with_reply(library.store, [with_context(c) for c in _with(needed, _pick(tuning, cands), tuning.max_sentences)]))
    public_hits = supporting_hits(public_hits, chosen, k)
    citations, sentences = [], []
    for i, c in enumerate(chosen, 1):
        citations.append(citation_of(i, c))
        sentences.append({"text": labelled_row(library.store, c) or c["clean"], "markers": [i]})
    text = " ".join(f"{s['text']} [{s['markers'][0]}]" for s in sentences)
    return {"question": question, "answer": text, "abstained": False, "sentences": sentences, "groups": [],
            "citations": citations, "passages": public_hits, "top_similarity": cands[0]["cos"]}


def _abstain_nearest(tuning: AnswerSettings, question: str, message: str, hits: list[dict], cands: list[dict]) -> dict:
    """Abstain, saying what the minutes do say nearest to the question, cited."""
    if not cands or (cands[0]["cos"] < tuning.nearest_min_cos and cands[0]["exact_overlap"] == 0):
        return abstention(question, message, hits, cands)  # nothing near enough to be worth quoting
    nearest = cands[0]
    said = f"{message} The nearest they come: “{nearest['clean']}” [1]"
    return abstention(question, said, supporting_hits(hits, [nearest], len(hits)), cands, [citation_of(1, nearest)])
