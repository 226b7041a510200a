"""Extractive answers: the sentences that best answer a question, each cited to its meeting, item and page."""
from __future__ import annotations

import re

from index.tuning import AnswerSettings
from search.answer_pick import merge_overlaps, pick_sentences, with_needed
from search.answer_typed import decision_led, figure_supplying, kind_led, reason_led
from search.answer_types import ABOUT_THE_MEETING, MEETING_END, fields_not_asked, lacks_message, meeting_header, supplies
from search.candidates import asks_decision, candidates, item_neighbours
from search.cited import abstention, citation_of, supporting_hits
from search.decided import NO_DECISION, NOT_DECIDED, asks_if_decided, motion_asked
from search.filters import Filters
from search.generate import generated_answer
from search.hits import public_hit
from search.meeting_asked import by_month_held, dates_a_sitting, held_meeting_filters, unheld_meeting
from search.meeting_moments import moment_asked, record_passages
from search.meeting_words import without_meeting_reference
from search.named import documents_named
from search.periods import expected_then, names_other_years, period_of
from search.question import answer_type_of, parse_question
from search.question_parts import part_supplied, question_parts
from search.quote_context import with_context, with_reply
from search.retrieve import search
from search.table_rows import labelled_row

# Minutes often record that a figure was asked for and promised later: that is not an answer.
DEFERRAL = re.compile(r"\b(would (?:also )?be (?:reported back|sought|provided|circulated|confirmed|shared)|"
                      r"(?:agreed|undertook|promised) to (?:(?:confirm|find out|check)\s+(?:whether|if|with|for|at|by|what|when|how)|"
                      r"report back|come back (?:to|with))|"
                      r"(?:was|were) not to hand|response would be sought|at a later date)\b", re.I)

NOT_FOUND = "The minutes do not appear to cover this question."
OTHER_PERIOD = "The minutes do not appear to cover this for the period asked about."
NO_FIGURE = "The minutes do not appear to give this figure."
DEFERRED = "The minutes do not give an answer: they record only that it would be reported or provided later."


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
    boosted = named if query == question else None
    # a question dating a meeting the archive holds is answered from that meeting's minutes
    on_day = held_meeting_filters(library.store, question, filters) if not parsed.across else None
    # (kept to that meeting, the words naming it would only pull up its title block)
    hits = search(library, without_meeting_reference(query, on_day.date_from), k=k, filters=on_day, named=boosted) if on_day else []
    hits = hits or search(library, query, k=k, filters=filters, named=boosted)
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
    # ...and a row of labelled fields answers only a question about one of its labels
    cands = [c for c in cands if not c["names_meeting_only"] and (about_meeting or not meeting_header(c))
             and not fields_not_asked(c["hit"]["text"][c["s"]:c["e"]], question)] or cands
    supplying = None  # the best sentence giving the figure asked for: an answer to "how much" quotes it
    if parsed.answer_type == "number":
        supplying = figure_supplying(tuning, question, cands)
        if supplying is None:
            return _abstain_nearest(tuning, question, NO_FIGURE, public_hits[:k], cands)
    if DEFERRAL.search(cands[0]["clean"]):
        return abstention(question, DEFERRED, supporting_hits(public_hits, cands[:1], k), cands, [citation_of(1, cands[0])])
    asked_period = period_of(question)
    if asked_period:  # a sentence about other years does not answer a question about this one...
        # ...but asked when, the years a question names may date the report ("when is the station expected to be
        # finished, as reported in December 2018?"), and the answer lies in another ("by December 2019")
        # ...and a meeting the question dates ("at their November 2020 meeting") may settle what happens later
        looks_ahead = parsed.answer_type in ("date", "day") or dates_a_sitting(question)
        in_period = [c for c in cands if not names_other_years(asked_period, c["clean"])
                     or looks_ahead and expected_then(asked_period, c["clean"], c["hit"]["meeting_date"])]
        if not in_period or in_period[0]["score"] < tuning.kind_share * cands[0]["score"]:
            return _abstain_nearest(tuning, question, OTHER_PERIOD, public_hits[:k], cands)
        cands = in_period
    wanted = supplies(parsed.answer_type)
    if wanted is not None:
        led = kind_led(tuning, question, parsed.answer_type, wanted, cands, moment)
        if led is None:
            return _abstain_nearest(tuning, question, lacks_message(parsed.answer_type), public_hits[:k], cands)
        cands, supplying = led[0], supplying or led[1]
    elif asks_if_decided(question, parsed.answer_type):  # "did the board pass the motion": its outcome answers
        record = motion_asked(library, tuning, cands)
        if record is not None:
            first = [record.motion] + ([record.outcome] if record.outcome is not None else [])
            cands = first + [c for c in cands if all(c is not f for f in first)]
            if not record.recorded:
                return _abstain_nearest(tuning, question, NOT_DECIDED if record.moved else NO_DECISION, public_hits[:k], cands)
            supplying = supplying or record.outcome
    elif asks_decision(question):
        cands = decision_led(tuning, cands)
    elif parsed.answer_type == "reason":
        cands = reason_led(tuning, cands)
    if library.settings.llm_base_url:
        generated = generated_answer(library, question, hits, public_hits, k, cands)
        if generated:
            return generated
    if supplying is not None and all(c is not supplying for c in cands):
        supplying = None  # the period asked about ruled it out
    # a question of several parts ("where are they, when did they open, and how many use them"): a sentence for each
    # (the kind the whole question is read for is served above)
    parts = question_parts(question)
    others = [part for part in parts if answer_type_of(part) != parsed.answer_type] if len(parts) > 1 else []
    needed = [supplying, *(part_supplied(part, question, cands[:tuning.kind_window]) for part in others)]
    chosen = merge_overlaps(with_reply(library.store, [with_context(c) for c in with_needed(needed, pick_sentences(tuning, cands), tuning.max_sentences)]))
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
