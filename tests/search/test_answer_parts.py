"""Answers that read past the best sentence and its kind: what follows it in its paragraph, a sentence for each part of
a question, and a meeting's header, which answers only questions about the meeting."""
from __future__ import annotations

import pytest

from search.answer import answer
from search.answer_types import supplies
from tests.search.conftest import answer_in_minutes


def test_the_date_asked_for_may_follow_the_best_sentence_in_its_paragraph(merton):
    """The best sentence names the subject (the shared bank account); the date follows two sentences on, sharing none
    of the question's words."""
    result = answer(merton, "By when will the pension fund have a bank account of its own, apart from the council's?")
    assert not result["abstained"]
    assert any("by 1 April 2010" in c["quote"] for c in result["citations"])


def test_a_sentence_opening_a_line_is_not_read_as_the_best_ones_paragraph():
    from search.answer_after import supplied_after

    hit = {"text": "Ms Wood presented the fire district tax rates.  She answered questions.\nThe Board joined a call at 11:00 on 5 May 2020."}
    spans = [(0, 46), (48, 71), (72, len(hit["text"]))]
    cands = [{"hit": hit, "s": s, "e": e, "clean": hit["text"][s:e]} for s, e in spans]
    dated = supplies("date")
    assert dated is not None
    assert supplied_after(cands, cands[0], lambda t: bool(dated.search(t)), 3) is None  # a new line: another minute
    assert supplied_after(cands, cands[0], lambda t: "answered" in t, 3) is cands[1]  # the same paragraph runs on


def test_who_moved_a_text_is_read_from_the_line_introducing_it():
    """The best sentence is an amendment's fifth clause; who proposed it is in the line setting the clauses out, past
    the amendment's own opening ("County Council is asked to:"), not in another item nor beyond the reach."""
    from search.answer_after import INTRODUCING_REACH, introduced_by

    person = supplies("person")
    assert person is not None
    lines = ["15) Mr Stratton proposed and Mr Soles seconded the following amendment to the motion set out in paragraph 5:",
             "“County Council is asked to:", "(1) Note the report;", "(5) Expects there to be as much transparency as possible.”"]
    hit = {"item_id": "a", "item_start": 0, "text": "\n".join(lines)}
    cands, at = [], 0
    for line in lines:
        cands.append({"hit": hit, "s": at, "e": at + len(line), "clean": line})
        at += len(line) + 1
    named = introduced_by(cands, cands[-1], lambda t: bool(person.search(t)))
    assert named is cands[0]
    assert introduced_by(cands, cands[-1], lambda t: "Treasurer" in t) is None  # it must supply what was asked
    other_item = [{**c, "hit": {**hit, "item_id": "b"}} if c is cands[0] else c for c in cands]
    assert introduced_by(other_item, other_item[-1], lambda t: bool(person.search(t))) is None
    far = [{**c, "hit": {**hit, "item_start": INTRODUCING_REACH + 200}} if c is cands[-1] else c for c in cands]
    assert introduced_by(far, far[-1], lambda t: bool(person.search(t))) is None


HEADED_MINUTES = ("Harbourside Town Council\n\nMeeting Date: Friday 8 February 2019 Time: 10.30am Venue: Council Chambers "
                  "Present: Mayor Alan Smith, Councillors Boag and Price\n\n"
                  "5. Election of Mayor\n\nThe election of the Mayor for the coming year was deferred to the next meeting.\n")


@pytest.mark.parametrize("question, header_quoted", [
    ("Who was elected Mayor at Harbourside's 8 February 2019 meeting?", False),  # the header's mayor was not elected there
    ("Who was present at Harbourside Town Council's meeting of 8 February 2019?", True),  # the header says who attended
])
def test_a_meetings_header_block_answers_only_questions_about_the_meeting(tmp_path, question, header_quoted):
    result = answer_in_minutes(tmp_path, "harbourside_town-council_minutes_2019-02-08.txt", HEADED_MINUTES, question)
    quoted = any("Venue:" in c["quote"] for c in result["citations"] if not result["abstained"])
    assert quoted is header_quoted, result["answer"]


TITLED_MINUTES = ("Parks and Amenities Committee Minutes\n\nParks and Amenities Committee Tuesday 13th March 2018 Westbury Town Hall\n\n"
                  "Present: Cllrs Hale (Chairman), Moss and Price.\n\n"
                  "57 Benches\n\nThe Committee considered locations for new benches from the 2018/19 budget.\n"
                  "It was agreed that the Mill Lane playing field and the shops on Station Road would be prioritised.\n\n"
                  "58 Allotments\n\nThe waiting list for allotments stands at forty names.\n")


def test_a_meetings_title_line_is_no_answer_to_a_question_about_its_business(tmp_path):
    """The title line gives a place (the venue) and shares the question's words, but says nothing of the benches."""
    result = answer_in_minutes(tmp_path, "westbury_parks-committee_minutes_2018-03-13.txt", TITLED_MINUTES,
                               "Where will the Westbury Parks and Amenities Committee put its new benches, as agreed in March 2018?")
    assert not result["abstained"], result["answer"]
    assert any("Station Road" in c["quote"] for c in result["citations"]), result["answer"]
    assert all("Town Hall" not in c["quote"] for c in result["citations"]), result["answer"]


@pytest.mark.parametrize("question, parts", [
    ("Where are Halton's Family Hubs, when did they open, and how many people use them?",
     ["Where are Halton's Family Hubs", "when did they open", "how many people use them"]),
    ("Who moved and who seconded the consent calendar?", ["Who moved", "who seconded the consent calendar"]),
    ("How much did the flag poles cost, and how tall are they?", ["How much did the flag poles cost", "how tall are they"]),
    ("Is the library open, and when?", ["Is the library open, and when?"]),  # one yes-or-no question
    ("What was said about exclusions or agency costs?", ["What was said about exclusions or agency costs"]),
    # a question word after its preposition opens a part too
    ("To which company was the contract awarded, and for how much?", ["To which company was the contract awarded", "for how much"]),
    # ... but "which" after a preposition may go on a clause of the same part
    ("What was decided about the park, in which the council invested?", ["What was decided about the park, in which the council invested"]),
    ("Which roads, of which there are ten, were resurfaced?", ["Which roads, of which there are ten, were resurfaced"]),
])
def test_a_question_of_several_parts(question, parts):
    from search.question_parts import question_parts

    assert question_parts(question) == parts


LIBRARY_MINUTES = ("Greenvale Town Council minutes, 12 March 2024\n\n4. Community Library\n\n"
                   "Members said the community library was valued by the many people who use it.\n"
                   "Councillors asked how the community library could attract more people to use it.\n"
                   "About 300 people use the community library each week.\n"
                   "Members thanked the volunteers who run the community library.\n\n"
                   "5. Old Market Hall\n\nThe refurbished Old Market Hall on Bridge Street now houses the library, which opened in "
                   "September 2023.\n")


def test_each_part_of_a_question_gets_a_sentence_of_its_kind(tmp_path):
    """Asked where, when and how many, the answer quotes the sentence giving the place and date, though it scores
    below two sentences about the library's users."""
    result = answer_in_minutes(tmp_path, "greenvale_town-council_minutes_2024-03-12.txt", LIBRARY_MINUTES,
                               "Where is Greenvale's community library, when did it open, and how many people use it?")
    quotes = [c["quote"] for c in result["citations"]]
    assert not result["abstained"]
    assert any("300 people" in q for q in quotes) and any("opened in September 2023" in q for q in quotes), quotes


def test_a_month_is_no_place():
    place = supplies("place")
    assert place is not None
    assert not place.search("It was announced in April 2022 that the pilot would run")
    assert place.search("The Family Hubs were located in Runcorn at Halton Lodge")


def _cand(text: str, score: float, s: int) -> dict:
    hit = {"item_number": "CON-2014.18", "item_title": "Annual Asphalt, Contract 2-1401", "committee": "City Council",
           "meeting_date": "2014-03-31", "passage_id": 7}
    return {"hit": hit, "clean": text, "score": score, "s": s, "names_meeting_only": False}


def test_an_items_own_heading_is_not_quoted_beside_a_sentence_that_says_something():
    from index.settings import AnswerSettings
    from search.answer_pick import pick_sentences

    tuning = AnswerSettings()
    heading = _cand("CON-2014.18 Annual Asphalt, Contract 2-1401", 0.70, 0)
    award = _cand("That the tender of Capital Paving Inc. be accepted for Contract 2-1401 at $3,459,000.", 0.66, 50)
    assert [c["clean"] for c in pick_sentences(tuning, [heading, award])] == [award["clean"]]
    # far below the heading in score, a sentence does not displace it: the heading is all the minutes offer
    weak = _cand("Members noted the weather.", 0.30, 50)
    assert [c["clean"] for c in pick_sentences(tuning, [heading, weak])] == [heading["clean"]]


FIRE_DISTRICT = """Riverbend City Council Meeting Minutes December 10, 2018

1. Fire District presentation
Representatives from the Valley Fire District presented the State of the Fire District.
Fire Station 39 on 65th Avenue will begin construction soon and is projected to be completed by December 2019.

2. Parks
Council also bought a new four-acre park on the river for $7,000.
"""


def test_a_year_before_the_one_asked_about_still_does_not_answer_when():
    from search.periods import expected_then, period_of

    reported = period_of("When is Fire Station 39 expected to be finished, as reported in December 2018?")
    assert expected_then(reported, "It is projected to be completed by December 2019.", "2018-12-10")
    assert not expected_then(reported, "It is projected to be completed by December 2019.", None)  # undated: unknown
    asked = period_of("When were the village hall roof repairs completed in 2023?")
    assert not expected_then(asked, "The roof repairs were completed in October 2021.", "2023-03-14")


def test_asked_when_the_year_named_may_date_the_report_not_the_answer(tmp_path):
    """"As reported in December 2018" dates the meeting; the date asked for lies in 2019."""
    result = answer_in_minutes(tmp_path, "riverbend_city-council_minutes_2018-12-10.txt", FIRE_DISTRICT,
                               "When is Fire Station 39 expected to be finished, as reported to Riverbend City Council in December 2018?")
    assert not result["abstained"], result["answer"]
    assert any("completed by December 2019" in c["quote"] for c in result["citations"])


TRANSCRIPT = """Greenvale City Council meeting transcript

**Chair:** Thank you all for coming tonight. We will start with the tree ordinance and the parks work.

**Member Ortiz:** We have had enough abuse of the tree permits, and we intend to advise citizens of the rules in advance.

**Clerk:** Right. So I had a question on the chat about the city arborist, which is Oakline Trees, and his name is Nick. So they are the, uh, contracted city arborist company.

**Chair:** Thank you. Moving on to the boat ramp design, which the engineers will present next month.
"""


def test_a_sentence_leaning_on_the_one_before_supplies_what_that_one_names(tmp_path):
    """Asked which company, the best sentence says only "they are the contracted city arborist company"; the sentence it
    leans on names the company, and both are quoted."""
    from search.quote_context import ANAPHOR

    assert ANAPHOR.match("So they are the, uh, contracted city arborist company.") and not ANAPHOR.match("Sometimes it rains.")
    result = answer_in_minutes(tmp_path, "greenvale_city-council_transcript.md", TRANSCRIPT,
                               "Which company is Greenvale's contracted city arborist?")
    assert not result["abstained"], result["answer"]
    assert any("Oakline Trees" in c["quote"] for c in result["citations"])


QUESTIONS_AND_REPLIES = """MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF EXAMPLE WEST HELD ON WEDNESDAY, 7TH JANUARY, 2015

1.

Adoption of Minutes:

The draft Minutes of the December Meeting were taken as read and adopted.

QUESTIONS

2.

Question submitted by Councillor J. Byrne

***I will ask at the next Meeting if immediate action could be taken to mend the very significant pot holing evident at
Mill Lane, Example West, in the interests of safety.***

**REPLY:**

The lane in question, even though utilised by the public, is in private ownership.

Accordingly, the Council is not in a position to carry out the works as proposed.

3.

Question submitted by Councillor M. Walsh

***I will ask at the next Meeting for an update on the bridge repairs at the Creamery.***

**REPLY:**

Repair works to the bridge parapet walls were carried out recently by the roads crew.
"""


def test_a_question_put_to_officers_is_quoted_with_the_reply_labelled_below_it(tmp_path):
    """Minutes that print a councillor's question ("I will ask at the next Meeting if ...") and the officers' labelled
    reply: asked why, the answer quotes the reply with the question it answers."""
    from search.quote_context import with_context

    result = answer_in_minutes(tmp_path, "example-west_minutes_2015-01-07.md", QUESTIONS_AND_REPLIES,
                               "Why did the council say it could not fix the potholes in Mill Lane?")
    assert not result["abstained"], result["answer"]
    assert any("in private ownership" in c["quote"] for c in result["citations"]), result["answer"]
    text = "I will ask if the hall can open on Sundays.\n\n**REPLY:**\n\nThe hall will open on Sundays from May. It will close at 4pm."
    asked = {"hit": {"text": text}, "s": 0, "e": text.index("\n"), "clean": "I will ask if the hall can open on Sundays."}
    assert text[:with_context(asked)["e"]].endswith("from May.")  # the label and the reply's first sentence
    plain = "I will ask if the hall can open on Sundays.\n\nThe hall will open on Sundays from May."
    assert with_context({**asked, "hit": {"text": plain}})["e"] == asked["e"]  # no reply label: nothing added
    timed = "I will ask if the hall can open on Sundays.\n\nResponse-times to bookings fell in May. The hall is busy."
    assert with_context({**asked, "hit": {"text": timed}})["e"] == asked["e"]  # a word, not a label


DEFERRED = """Example West Municipal District
Minutes of the meeting held on Wednesday 7 January 2015 at 10.00 a.m.

1. Travel and Transportation: Proposed Removal of On-Street Parking, Main Street

Circulated, report of the Director, Travel and Transportation, regarding the proposal that on-street car parking be
removed from Main Street, Kilbrack, to improve traffic flow at the junction with Church Road.

The proposal involved the removal of 70 metres of car parking space on the southern side of Main Street, Kilbrack.

A discussion took place with some Members expressing concern about the loss of parking for local shops. It was
proposed that a Meeting would be held on-site with the Planners and the Senior Executive Engineer to discuss the issue
in the context of the overall Traffic Management Plan for the town. The Members stated that they did not have enough
information and deferred the item to a future Meeting.

2. Christmas lights

The Members thanked the local traders for funding the Christmas lights.

3. Public lighting

The Members raised the condition of public lighting in the town. Mr P. Byrne agreed to confirm for the next Meeting,
with the Public Lighting Section, that the yellow street lights on Church Road would be replaced by white lights.
"""


def test_an_outcome_recorded_mid_sentence_answers_what_was_decided(tmp_path):
    """Asked what members decided, "... and deferred the item to a future Meeting" answers, though the report's
    description shares more of the question's words."""
    result = answer_in_minutes(tmp_path, "example-west_minutes_2015-01-07.txt", DEFERRED,
                               "What did the members decide about the proposal to remove car parking from Main Street, Kilbrack?")
    assert any("deferred the item" in c["quote"] for c in result["citations"]), result["answer"]
    from search.candidates import OUTCOME_STATED

    assert OUTCOME_STATED.search("It was agreed that the next Meeting be held in March.")
    assert OUTCOME_STATED.search("The motion was carried.")
    assert not OUTCOME_STATED.search("Councillor Byrne proposed that the item be deferred if no report was received.")
    assert not OUTCOME_STATED.search("The report set out the options for the car park.")


def test_a_promise_to_confirm_later_is_no_answer(tmp_path):
    """An officer who "agreed to confirm for the next Meeting" that the lights would be replaced has not said they
    were: the answer says the minutes record only a promise, and quotes it."""
    from search.answer import DEFERRED as DEFERRED_MESSAGE

    result = answer_in_minutes(tmp_path, "example-west_minutes_2015-01-07.txt", DEFERRED,
                               "Has the council replaced the yellow street lights on Church Road, Kilbrack, with white lights?")
    assert result["abstained"] and result["answer"].startswith(DEFERRED_MESSAGE)
    assert "agreed to confirm" in result["citations"][0]["quote"]
    from search.answer import DEFERRAL

    assert not DEFERRAL.search("The Committee agreed to confirm Tree Preservation Order 3/2021 without modification.")
    assert not DEFERRAL.search("Members agreed to confirm the appointment of Ms Jane Doe as Clerk.")
    assert DEFERRAL.search("The Clerk undertook to find out whether the grant could be extended.")


def test_a_title_block_with_its_hour_or_its_members_names_is_no_answer():
    from search.answer_types import meeting_header

    def cand(text: str, kind: str = "minutes") -> dict:
        return {"clean": text, "hit": {"meeting_date": "2017-11-16", "kind": kind}}

    title = ("MEETING MINUTES Open Source Voting System Technical Advisory Committee of the San Francisco Elections Commission "
             "Thursday, November 16, 2017 6:00 p.m. City Hall, Room 421 1 Dr. Carlton B. Goodlett Place San Francisco, California 94102")
    assert meeting_header(cand(title))
    roster = "Open Source Voting System Technical Advisory Committee Christopher Jerdonek, Chair Larry Bafundo, Vice Chair Carl Hage"
    assert meeting_header(cand(roster, "preamble"))
    assert not meeting_header(cand(roster))  # a line of names inside an item may be what was asked (who was appointed)
    assert not meeting_header(cand("Vice Chair Bafundo introduced Ms. Jessie Posilkin, who was invited to speak at 6:30 p.m.",
                                   "preamble"))


def test_what_things_a_body_did_adopt_asks_for_a_decision():
    from search.candidates import asks_decision

    assert asks_decision("What licences did the committee adopt for its code in November 2017?")
    assert asks_decision("What did the council decide about the lease?")
    assert not asks_decision("What licences does the committee's code use?")
