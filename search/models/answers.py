"""A cited answer: sentences with citation markers, the citations (exact quotes with their offsets in the item),
per-meeting groups for a question followed across meetings, and the passages read (search/answer.py, across.py,
votes.py build them)."""
from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from search.models.hits import OPEN, AlsoIn, Decision, Hit, _fill_item_offsets


class Citation(BaseModel):
    """The exact span an answer sentence rests on: `quote` is the item's text from `start` to `end`."""

    model_config = OPEN

    marker: int = Field(description="The number the answer's sentences cite it by ([1], [2] ...).")
    passage_id: int = Field(description="The passage the quote comes from (listed in the answer's passages).")
    item_id: str = Field(description="The agenda item holding the quote (/items/{id}?hl=START-END shows it).")
    document: str = Field(description="File name of the document.")
    committee: str | None = Field(description="The body that met.")
    meeting_date: str | None = Field(description="The meeting's date, YYYY-MM-DD; null when unknown.")
    item_number: str | None = Field(description="The item's number as printed; null when unnumbered.")
    item_title: str = Field(description="The item's title.")
    pages: str = Field(description="Pages of the passage quoted (physical, with printed numbers beside them).")
    quote: str = Field(description="The quoted text, exactly as in the item (a sentence, a resolution or a passage).")
    start: int = Field(description="Quote start, a character offset into the item's text (not the document's).")
    end: int = Field(description="Quote end (exclusive), a character offset into the item's text.")
    start_in_item: int = Field(description="The same as start, named for what it counts from: the item's text.")
    end_in_item: int = Field(description="The same as end, named for what it counts from: the item's text.")
    label: str = Field(description="Readable citation label: body, date, item, page.")
    also_in: list[AlsoIn] = Field(default_factory=list, description="Other stored copies of the cited passage.")

    @model_validator(mode="before")
    @classmethod
    def _offsets(cls, data):
        return _fill_item_offsets(data, (("start_in_item", "start"), ("end_in_item", "end")))


class Sentence(BaseModel):
    """One sentence of the answer with the citations it rests on."""

    model_config = OPEN

    text: str = Field(description="The sentence (a quoted sentence, a table row with its labels, or a written answer).")
    markers: list[int] = Field(description="The markers of its citations.")


class MoreMeetings(BaseModel):
    """Meetings on the topic beyond those shown."""

    model_config = OPEN

    count: int = Field(description="How many more meetings discussed the topic.")
    research: str = Field(description="Link to the research view listing them all.")


class Group(BaseModel):
    """One meeting's point in an answer that follows a topic across meetings."""

    model_config = OPEN

    topic: str = Field(description="The topic (a question may follow two or more).")
    meeting_date: str | None = Field(description="The meeting's date, YYYY-MM-DD.")
    committee: str | None = Field(description="The body that met.")
    sentences: list[Sentence] = Field(description="The meeting's point (the same sentences as in the answer's list).")
    more: MoreMeetings | None = Field(None, description="On the topic's last group: meetings left out, and where to see them.")


class Vote(BaseModel):
    """What a question about how members voted asked and found (answers from recorded roll calls only)."""

    model_config = OPEN

    kind: str = Field(description="how (how did X vote) | did (did X vote for/against) | who (who voted ...).")
    member: str | None = Field(None, description="The member asked about, as the question names them.")
    topic: str = Field(description="What was voted on, as the question words it.")
    stance: str | None = Field(None, description="ayes | noes | abstain | absent, when the question names one.")
    found: bool = Field(description="Whether the minutes record what was asked (the member's position, or the names).")
    position: str | None = Field(None, description="The member's recorded position: ayes | noes | abstain | absent.")
    name: str | None = Field(None, description="The member's name as printed in the roll call.")
    names: list[str] | None = Field(None, description="For 'who': the names listed under the stance asked about.")
    decision: Decision = Field(description="The decision read.")
    item_id: str = Field(description="The item recording the decision.")


class Answer(BaseModel):
    """A cited answer (GET/POST /api/ask, `minutes ask --json`): each sentence cites exact spans, or it abstains."""

    model_config = OPEN

    question: str = Field(description="The question as asked.")
    answer: str = Field(description="The answer as one text, each sentence followed by its markers ([1]); when it "
                                    "abstains, what the minutes do not say (and the nearest they come, cited).")
    abstained: bool = Field(description="True when the minutes do not answer the question.")
    sentences: list[Sentence] = Field(description="The answer's sentences, each with its markers (empty when it abstains).")
    groups: list[Group] = Field(description="For a topic followed across meetings: one group per meeting, in date order.")
    citations: list[Citation] = Field(description="The cited spans, by marker.")
    passages: list[Hit] = Field(description="The passages read, best first; every cited passage is among them.")
    top_similarity: float | None = Field(description="Closeness in meaning of the best sentence read (null: none read).")
    generated: bool | None = Field(None, description="Present and true when a language model wrote the sentences "
                                                     "(each still cites whole passages).")
    topics: list[str] | None = Field(None, description="For a topic followed across meetings: the topics followed.")
    vote: Vote | None = Field(None, description="For a question about how members voted: what was asked and found.")
