"""What counts as a figure, and where in a sentence it must stand to answer "how much"; a past year answers no
question about what will happen; a clock time answers "what time", and a header's opening time no question of when a
meeting closed."""
from __future__ import annotations

import pytest

from search.answer_types import AHEAD, CLOCK, MEETING_END, answering_text_for, without_past_years
from search.figures import MONEY, states_figure, states_figure_near
from search.question import answer_type_of
from index.text import content_words
from tests.search.conftest import answer_in_minutes


@pytest.mark.parametrize("text, figure", [
    ("Antibias Education Grant Program (I-1) Superintendent Calvin introduced the topic", False),  # an item's code
    ("S-56 Accept a grant from the Oregon Department of Transportation", False),
    ("Petition - Object to the Park being Sold (Document 19/56) The lead petitioners spoke", False),  # a paper's number
    ("Ordinance 184357 was passed", False),
    ("The ordinance passed (Y-5)", True), ("The motion failed (N-0)", True),  # a vote's count is a figure
    ("Two hundred people signed the petition", True),
    ("The report noted 45 objections", True),
])
def test_codes_and_paper_numbers_are_no_figures(text, figure):
    assert states_figure(text) is figure


# a consent agenda's entries run on in one "sentence": each entry's figure belongs to that entry
RUN_ON = ("52 Authorize a natural gas easement with the Gas Company (Y-5) 184356 53 Authorize Lease Agreement with the "
          "Yacht Club for property along the River (Second Reading Agenda 21) (Y-5) 184357 54 Authorize funding agreement "
          "with members of the Park Alliance for the benefit of the Park (Y-5) 184358 55 Authorize the Bureau to renew its "
          "sponsorship of the Child Nutrition Program (Y-5) 184359 56 Accept a grant in the amount of $2,445,563 from the "
          "Department of Transportation for the Sidewalk Infill project (Y-5) 184360")


def test_in_a_run_on_sentence_a_sum_must_stand_near_the_question_words():
    assert len(RUN_ON) > 400 and MONEY.search(RUN_ON)
    lease = content_words("How much rent will the Yacht Club pay under its lease of city property along the River?")
    grant = content_words("How much is the Department of Transportation grant for the Sidewalk Infill project?")
    assert not states_figure_near(RUN_ON, MONEY, lease)
    assert states_figure_near(RUN_ON, MONEY, grant)
    short = "The Yacht Club lease was approved. A grant of $2,445,563 was accepted."
    assert states_figure_near(short, MONEY, lease)  # a short sentence is read whole, as before
    assert states_figure_near(RUN_ON, MONEY, content_words("What did the harbour dredging cost?"))  # none of its words: whole


def test_a_year_before_the_meeting_is_blanked_only_for_its_own_meeting():
    assert AHEAD.search("When will construction of the reservoir replacement start?")
    assert not AHEAD.search("When was the reservoir installed?")
    said = "Installed in 1984 and expected to last 25 years; replacement planned for 2021."
    assert without_past_years(said, "2019-05-01") == "Installed in   and expected to last 25 years; replacement planned for 2021."
    assert without_past_years(said, None) == said
    ahead = answering_text_for("When will construction of the reservoir replacement start?", "date")
    assert ahead(said, "2019-05-01") == without_past_years(said, "2019-05-01")
    past = answering_text_for("When was the payment due?", "date")  # asked about the past, a past year answers
    assert past(said, "2019-05-01") == said


MINUTES = """Water Board
Minutes of the meeting held on 14 May 2019

1. Water Storage
The Kokila Reservoir was installed in 1984 and was expected to last 25 years. Good maintenance has extended its life
but the reservoir now needs to be replaced. The board discussed the options for the replacement of the reservoir.

2. Any Other Business
There was no other business.
"""


def test_asked_when_something_will_start_a_past_year_is_no_answer(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ahead = answer_in_minutes(tmp_path / "a", "water.txt", MINUTES, "When will construction of the Kokila Reservoir replacement start?")
    assert ahead["abstained"] and "date" in ahead["answer"]
    past = answer_in_minutes(tmp_path / "b", "water.txt", MINUTES, "When was the Kokila Reservoir installed?")
    assert not past["abstained"] and any("1984" in c["quote"] for c in past["citations"])


@pytest.mark.parametrize("text, clock", [
    ("the meeting be adjourned at 4:12 p.m.", True), ("The meeting closed at 9.15pm", True), ("starting at 7pm", True),
    ("at noon", True), ("at 1930 hrs", True),
    ("The Chair 03.10.14 Active Member", False),  # a date written with stops
    ("rates rose 4.25%", False), ("paragraph 12.30 of the report", False), ("see item 5.10", False),  # a share, references
    ("tickets cost £12.50", False), ("volunteers gave 2000 hours", False),  # a sum, a count of hours
])
def test_a_clock_time(text, clock):
    assert bool(CLOCK.search(text)) is clock


def test_what_time_asks_for_a_clock_and_a_closing_time_is_not_the_headers():
    assert answer_type_of("At what time did the Panel meeting of October 30, 2019 adjourn?") == "time"
    assert answer_type_of("What time did the public part of the meeting close?") == "time"
    assert answer_type_of("When did the meeting close?") == "date"
    assert MEETING_END.search("What time did the meeting adjourn?")
    assert not MEETING_END.search("What time did the council go into closed session?")
    assert answer_type_of("What time limit applies to public speakers?") != "time"
    header = "Panel Wednesday, October 30, 2019 Time: 3:30 p.m."
    closing = answering_text_for("At what time did the meeting adjourn?", "time")
    assert not CLOCK.search(closing(header, "2019-10-30"))
    assert CLOCK.search(answering_text_for("At what time did the meeting start?", "time")(header, "2019-10-30"))
    assert CLOCK.search(closing("Time: 7.00pm - 9.15pm", None)) and CLOCK.search(closing("Closing time: 9.15pm", None))
    # a sentence saying only when the board met says nothing of when it rose
    assert not CLOCK.search(closing("The Board met on November 17, 2022 for its monthly meeting at 1:01 p.m. in person", None))
    assert CLOCK.search(closing("At 3:39 p.m. the meeting adjourned on a motion by Breitbarth", None))


TIMED = """Village Hall Committee
Minutes of the meeting held on Tuesday 3 March 2020
Time: 7.00pm

1. Hall Roof
The committee discussed the quotes for repairing the hall roof and agreed to seek a third quote before deciding.

2. Close of Meeting
There being no further business the Chairman closed the meeting at 9.15pm.
"""


def test_asked_when_a_meeting_closed_the_closing_time_is_quoted(tmp_path):
    (tmp_path / "a").mkdir()
    result = answer_in_minutes(tmp_path / "a", "hall.txt", TIMED, "At what time did the Village Hall Committee meeting close?")
    assert not result["abstained"]
    assert any("closed the meeting at 9.15pm" in c["quote"] for c in result["citations"])


BOARD = """EXAMPLE PUBLIC RECORDS BOARD
November 17, 2022
Unapproved Minutes
The Board met on November 17, 2022 for its monthly meeting at 1:01 p.m. in the 3rd floor Conference Room with the
following members participating: Ann Able, Carl Baker, Dana Cole.

1. Adoption of the agenda
On a motion by Able, second by Baker, the agenda was unanimously adopted 3-0.

2. Cases
The Board reviewed the complaint against the Northfield School Board and dismissed it as legally insufficient.
The Board reviewed the complaint against the Southvale Library Trustees and accepted it for further investigation.

3. Executive Director search
The chair reported that applications for the post will open around December 15, 2022.

At 3:39 p.m. the meeting adjourned on a motion by Baker and a second by Cole.
"""


def test_asked_when_a_meeting_ended_its_record_of_ending_answers_not_when_it_met(tmp_path):
    (tmp_path / "b").mkdir()
    result = answer_in_minutes(tmp_path / "b", "example_board_minutes_2022-11-17.txt", BOARD,
                               "What time did the Example Public Records Board's meeting of November 17, 2022 end?")
    assert not result["abstained"]
    assert "3:39 p.m." in result["citations"][0]["quote"]
    assert all("1:01" not in c["quote"] for c in result["citations"])
