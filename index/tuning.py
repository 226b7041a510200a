"""The named weights and limits that steer answers, as nested settings (MINUTES_ANSWER__<NAME> sets one).

They were fitted on the tune half of the dev question set and checked on its check half and on other councils'
questions (README, "Answers"); change one only with those figures in hand.
"""
from __future__ import annotations

from pydantic import BaseModel, Field


class AnswerSettings(BaseModel):
    # what is read
    passages_read: int = Field(8, description="Top passages whose sentences compete for a single-meeting answer.")
    items_read: int = Field(3, description="The items of the best hits read whole: the best sentence may sit outside the retrieved passage.")
    item_passages_read: int = Field(12, description="Passages read of each of those items.")
    item_rank_penalty: int = Field(2, description="A passage read only for its item ranks this far below the item's best hit.")
    # how a sentence is scored
    meaning_weight: float = Field(0.55, description="Weight of a sentence's cosine similarity to the question.")
    words_weight: float = Field(0.3, description="Weight of the share of the question's words the sentence (or its item title) holds.")
    rank_bonus: float = Field(0.15, description="Bonus for coming from a high-ranked passage, divided by 1 + the passage's rank.")
    leaning_share: float = Field(0.85, description="A sentence keeps at least this share of the previous sentence's similarity "
                                                  "(it may lean on it: 'the works would cost £42,000').")
    period_weight: float = Field(0.1, description="Added for a sentence from the period the question names, taken off for one from another.")
    figure_bonus: float = Field(0.1, description="For a sentence stating a figure when the question asks for a quantity.")
    resolution_bonus: float = Field(0.15, description="For the opening of a resolution when the question asks what was decided.")
    decision_bonus: float = Field(0.1, description="For a sentence inside a recorded decision, or a directive, when the question asks what was decided.")
    # what is quoted, and when to abstain
    max_sentences: int = Field(3, description="Most sentences quoted in a single-meeting answer.")
    pick_share: float = Field(0.85, description="A further sentence is quoted only when it scores this share of the best.")
    kind_share: float = Field(0.8, description="A sentence of the kind asked for (a figure, a name, the period asked) must score this "
                                               "share of the best sentence, or the answer abstains.")
    sentences_after: int = Field(3, description="Sentences after the best one, in its paragraph, searched for the kind asked for when "
                                              "none near the best in score supplies it.")
    kind_window: int = Field(10, description="Best sentences searched for one of the kind the question asks for.")
    meaning_window: int = Field(5, description="Best sentences whose similarity is compared with the abstain threshold.")
    trusted_overlap: float = Field(0.5, description="A best sentence holding this share of the question's own words is not abstained "
                                                    "on, however low its similarity.")
    sentence_cache: int = Field(20_000, description="Sentence vectors remembered between questions (about 1.5 KB each); the "
                                                   "same passages are read question after question.")
    nearest_min_cos: float = Field(0.3, description="An abstention quotes the nearest sentence only when at least this close (or sharing a word).")
    # answers across meetings
    across_passages: int = Field(150, description="Passages retrieved per topic of a cross-meeting question before grouping by meeting.")
    passages_per_meeting: int = Field(10, description="A meeting's best passages whose sentences compete for its point.")
    meetings_read: int = Field(10, description="Meetings read per topic.")
    max_points: int = Field(6, description="Points shown per topic; the rest are counted and linked to the research view.")
    items_per_meeting: int = Field(2, ge=1, description="Agenda items of one meeting quoted in its point: an agenda pack's several "
                                                         "reports on the topic each add their best sentence.")
    on_topic_share: float = Field(0.5, description="A meeting's point must score at least this share of the best meeting's.")
    on_topic_bar: float = Field(0.36, description="A sentence's meaning and word scores together must clear this to be on the topic.")
    informative_bonus: float = Field(0.15, description="For a point stating a figure, one inside a decision, and one stating a change when asked.")


class RetrievalSettings(BaseModel):
    rrf_k: int = Field(10, description="Reciprocal-rank fusion constant: a small k lets the top of each ranking dominate.")
    dense_weight: float = Field(0.5, description="Weight of the dense ranking in fusion (keyword 1.0): MiniLM alone ranks below "
                                                 "BM25 on minutes; it breaks ties and rescues paraphrases.")
    candidates: int = Field(100, description="Passages each leg returns for fusion (at least 3 x k).")
    resolution_boost: float = Field(1.3, description="Fused score multiplier for a passage stating a resolution when the "
                                                     "question asks what was resolved or decided.")
    named_boost: float = Field(1.5, gt=0, description="Fused score multiplier for a passage of a document holding a name the "
                                                      "question gives (search/named.py); 1 turns it off.")
    twin_share: float = Field(0.8, gt=0, description="Two passages of different documents sharing this share of the shorter one's "
                                               "5-word runs are one text, listed once with its copies.")
    expansion_neighbours: int = Field(3, description="Corpus words searched for each question word the minutes never use.")
    expansion_min_similarity: float = Field(0.6, description="Below this cosine, a word's corpus neighbours are mostly noise.")
