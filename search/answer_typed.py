"""Sentences that supply the kind of answer a question asks for lead it: a figure for "how much", a name for "who",
a recorded decision for "what did they decide", a reason for "why". Where nothing near the best sentence supplies the
figure or kind asked for, `figure_supplying` and `kind_led` return None and the caller abstains (never for a reason)."""
from __future__ import annotations

import re

from index.text import content_words
from index.tuning import AnswerSettings
from search.answer_after import introduced_by, supplied_after
from search.answer_types import answering_text_for, supplies, supplies_beyond
from search.figures import (MONEY, NUMBER, PERCENT, PERCENT_QUESTION, counted_noun, counts, labelled_row_of, rate_unit,
                            states_figure, states_figure_near)
from search.meeting_moments import Moment
from search.question import MONEY_QUESTION
from search.quote_context import with_antecedent


def figure_supplying(tuning: AnswerSettings, question: str, cands: list[dict]) -> dict | None:
    """The best sentence giving the figure a "how much / how many" question asks for, near the best sentence in
    score or following it in its paragraph; a share is answered by a share, and a sum of money by a sum of money."""
    figure = PERCENT if PERCENT_QUESTION.search(question) else MONEY if MONEY_QUESTION.search(question) else NUMBER
    topic = content_words(question)
    precise = _precise_figure(tuning, question, figure, topic, cands)
    if precise is not None:
        return precise
    figures = [c for c in cands[:tuning.kind_window] if states_figure_near(c["clean"], figure, topic)]
    if figures and figures[0]["score"] >= tuning.kind_share * cands[0]["score"]:
        return figures[0]
    return supplied_after(cands, cands[0], lambda t: states_figure_near(t, figure, topic), tuning.sentences_after)


def _precise_figure(tuning: AnswerSettings, question: str, figure: re.Pattern, topic: set[str], cands: list[dict]) -> dict | None:
    """A sentence whose figure is plainly the one asked for, however it scores among the first sentences read: a
    number of the thing counted ("how many submissions": "14 valid submissions"), a table row labelled with the
    question's words ("Operation and Maintenance $252,404,000"), a sum for the period asked about in the best
    sentence's own meeting ("what annual rent": "$90,000 a year")."""
    wide = cands[:tuning.kind_window * 3]
    noun = counted_noun(question) if figure is NUMBER else None
    if noun:
        counting = next((c for c in cands[:tuning.kind_window * 2] if counts(c["clean"], noun)), None)
        if counting is not None:
            return counting
    row = next((c for c in wide if labelled_row_of(c["clean"], figure, topic)), None)
    if row is not None:
        return row
    unit = rate_unit(question) if figure is MONEY else None
    if unit:
        meeting = cands[0]["hit"]["meeting_id"]
        return next((c for c in wide if c["hit"]["meeting_id"] == meeting and states_figure(c["clean"], MONEY)
                     and rate_unit(c["clean"]) == unit), None)
    return None


def kind_led(tuning: AnswerSettings, question: str, answer_type: str, wanted: re.Pattern, cands: list[dict],
             moment: Moment | None) -> tuple[list[dict], dict | None] | None:
    """The candidates with those supplying the kind asked for (a person, a date, a place ...: the test `wanted`)
    first, and a sentence that must be quoted (one after or introducing the best, supplying it); None when none
    supplies it."""
    answering = answering_text_for(question, answer_type)
    share = tuning.kind_share * cands[0]["score"]

    def fits(text: str, hit: dict) -> bool:
        return supplies_beyond(wanted, answering(text, hit["meeting_date"]), question)

    if moment:  # the meeting's record of the moment answers, however few of the question's words it shares
        fitting = [c for c in cands if c["hit"]["meeting_id"] == cands[0]["hit"]["meeting_id"] and fits(c["clean"], c["hit"])
                   and moment.recorded_in(c["clean"])][:1]
    else:  # (a sentence leaning on the one before supplies what that one names: "... the city arborist is Oakline
        # Trees. So they are the contracted arborist company.")
        fitting = [c for c in cands[:tuning.kind_window] if fits(with_antecedent(c)["clean"], c["hit"])]
    supplying = None
    if not fitting or (fitting[0]["score"] < share and not moment):
        # the best sentence names the subject; what was asked may follow it in the same paragraph
        supplying = supplied_after(cands, cands[0], lambda t: fits(t, cands[0]["hit"]), tuning.sentences_after) \
            or introduced_by(cands, cands[0], lambda t: fits(t, cands[0]["hit"]))  # ...or introduce it
        if supplying is None:
            return None
        fitting = []
    # the clearest form first where it is near the best ("Mr Cooke" before a bare name or a body)
    clearest = supplies(answer_type, clearest=True) or wanted
    fitting = sorted(fitting, key=lambda c: not (c["score"] >= share and clearest.search(c["clean"])))
    # (asked when a meeting closed or who opened it, that record is the whole answer: what else scores higher is not)
    return (fitting if moment and fitting else fitting + [c for c in cands if c not in fitting]), supplying


def decision_led(tuning: AnswerSettings, cands: list[dict]) -> list[dict]:
    """Asked what was decided, the item's recorded decision leads where it is near the best sentence (a note of the
    papers circulated shares more of the question's words than "it was agreed to defer this item"); in the best
    sentence's own item, a decision among the first candidates leads whatever its score: that item is what was asked
    about."""
    if cands[0]["decision"]:
        return cands
    decided = [c for c in cands[:tuning.kind_window] if c["decision"] and (c["score"] >= tuning.kind_share * cands[0]["score"]
                                                                          or c["hit"]["item_id"] == cands[0]["hit"]["item_id"])]
    return [decided[0]] + [c for c in cands if c is not decided[0]] if decided else cands


# A sentence giving a reason: "because", "due to", "reasons such as ...", "in light of that" (the reason said before it)
REASON = re.compile(r"\b(?:because|due\s+to|owing\s+to|on\s+account\s+of|as\s+a\s+(?:result|consequence)|reasons?|why|caused\s+by|"
                    r"resulting\s+from|result(?:ed|s)?\s+(?:of|from)|attributed\s+to|in\s+(?:the\s+)?light\s+of|in\s+order\s+to|so\s+that|"
                    r"so\s+as\s+to|given\s+that|since\s+(?:the|it|they|there|this|we|he|she)|"
                    r"concerns?\s+(?:that|about|over|were|was))\b", re.I)


def reason_led(tuning: AnswerSettings, cands: list[dict]) -> list[dict]:
    """Asked why, a sentence giving a reason leads where it is near the best one in score (never an abstention: a
    reason is often given without a word saying so)."""
    share = tuning.kind_share * cands[0]["score"]
    giving = next((c for c in cands[:tuning.kind_window] if c["score"] >= share and REASON.search(c["clean"])), None)
    return [giving] + [c for c in cands if c is not giving] if giving is not None else cands
