"""A question about one dated meeting the archive does not hold is answered by saying so, not by quoting another."""
import pytest

from search.meeting_asked import dated_meeting, dates_a_sitting
from tests.search.conftest import answer_in_minutes, library_of

MINUTES = """Greenvale Community Council

Minutes of the General Meeting held on Monday 3 March 2025 at 7pm

1. Minutes of the previous meeting
The minutes of the meeting held on 3 February 2025 were confirmed as a true record.

2. The Lyceum
The Treasurer reported that the Lyceum lease had been offered to the council for five years.
The council will decide whether to take on the Lyceum lease at its meeting in April.
It was agreed to ask the landlord for the full terms of the Lyceum lease.
"""


@pytest.mark.parametrize("question, date", [
    ("What did Greenvale Community Council decide about the Lyceum at its general meeting of 7 April 2025?", "2025-04-07"),
    ("Did the board adopt the exemption at its public hearing on July 26, 2018?", "2018-07-26"),
    ("What did the commissioners decide about their May 18, 2020 regular meeting?", "2020-05-18"),
    ("What was agreed at the meeting held on Monday, 7 April 2025?", "2025-04-07"),
    ("How much money did the council have in the bank at 30 June 2013?", None),  # a date, but not a meeting's
    ("Who was present at the meetings of 22 February 1999 and 14 January 2022?", None),  # several: answered one by one
    ("What was decided about the Lyceum?", None),
    ("List the payments on the board's consent agenda of April 15, 2020.", "2020-04-15"),  # the agenda of a meeting
    ("What do the minutes of 3 March 2025 say about the lease?", "2025-03-03"),
])
def test_the_meeting_a_question_dates(question, date):
    assert dated_meeting(question) == date


def test_a_meeting_not_held_is_said_to_be_missing_not_answered_from_another(tmp_path):
    result = answer_in_minutes(tmp_path, "greenvale_community-council_minutes_2025-03-03.txt", MINUTES,
                               "What did Greenvale Community Council decide about the Lyceum lease at its meeting of 7 April 2025?")
    assert result["abstained"]
    assert "no meeting on 7 April 2025, nor mention one" in result["answer"]
    assert "The nearest they come" in result["answer"] and result["citations"]  # what the minutes do say, cited


ANNOUNCING = MINUTES + """
3. Date of next meeting
The next meeting will be held on 7 April 2025 in the Lyceum.

4. Summer fair
It was agreed to cancel the summer fair meeting of 14 July 2025, as the fair will not be held this year.
"""


def test_a_later_meeting_an_earlier_one_only_announces_is_not_held(tmp_path):
    """"The next meeting will be held on 7 April 2025" is no record of what that meeting decided."""
    result = answer_in_minutes(tmp_path, "greenvale_community-council_minutes_2025-03-03.txt", ANNOUNCING,
                               "What did Greenvale Community Council decide about the Lyceum lease at its meeting of 7 April 2025?")
    assert result["abstained"]
    assert "no meeting on 7 April 2025: earlier minutes only announce it" in result["answer"], result["answer"]


def test_asked_about_a_later_meeting_itself_an_earlier_one_answers(tmp_path):
    """Asked what was decided *about* a later meeting, not at it, the earlier minutes that decided it answer."""
    result = answer_in_minutes(tmp_path, "greenvale_community-council_minutes_2025-03-03.txt", ANNOUNCING,
                               "What did Greenvale Community Council decide about the summer fair meeting of 14 July 2025?")
    assert not result["abstained"], result["answer"]
    assert "cancel the summer fair meeting" in result["answer"]


def test_a_meeting_held_or_mentioned_is_answered(tmp_path):
    (tmp_path / "held").mkdir()
    (tmp_path / "mentioned").mkdir()
    held = answer_in_minutes(tmp_path / "held", "greenvale_community-council_minutes_2025-03-03.txt", MINUTES,
                             "What did Greenvale Community Council agree about the Lyceum lease at its meeting of 3 March 2025?")
    assert not held["abstained"] and "landlord" in held["answer"]
    mentioned = answer_in_minutes(tmp_path / "mentioned", "greenvale_community-council_minutes_2025-03-03.txt", MINUTES,
                                  "Were the minutes of the meeting of 3 February 2025 confirmed?")
    assert not mentioned["abstained"] and "true record" in mentioned["answer"]


COMMISSION = """EXAMPLE CITY PLANNING COMMISSION REGULAR MEETING MINUTES
January 27, 2020, 7:00 p.m.
Government Center, Council Chamber

1. CALL TO ORDER AND ROLL CALL
The meeting was called to order by Commissioner Robert Sherwood at 7:07 p.m.
Present: Commissioners Allen, Garcia, Mendez and Sherwood.

2. APPROVAL OF THE AGENDA
The agenda was approved as presented.

3. ELECTION OF CHAIR AND VICE CHAIR
Commissioner Allen made a motion, seconded by Commissioner Mendez, to postpone the election of Chair and Vice Chair
to July 2020. The motion carried unanimously.

4. MEETING CALENDAR
Commissioner Garcia moved to approve the Planning Commission meeting calendar for 2020 as amended. Carried.

5. ADJOURNMENT
The meeting was adjourned at 7:48 p.m.
"""


def test_asked_who_opened_a_meeting_its_call_to_order_answers(tmp_path):
    result = answer_in_minutes(tmp_path, "example_planning-commission_minutes_2020-01-27.txt", COMMISSION,
                               "Who opened the Example City Planning Commission meeting of 27 January 2020?")
    assert not result["abstained"]
    quotes = [c["quote"] for c in result["citations"]]
    assert len(quotes) == 1 and "called to order by Commissioner Robert Sherwood" in quotes[0], quotes


def test_an_undated_meeting_may_be_the_one_asked_about(tmp_path):
    """A transcript that never says its date: the archive cannot say it holds no meeting on the date asked about."""
    transcript = ("Greenvale City Council regular session transcript\n\n"
                  "Chair: Let's take a vote on Chris Barton as the mayor of the City of Greenvale.\n"
                  "Clerk: Four to zero. Chris Barton is the new mayor of the City of Greenvale.\n")
    result = answer_in_minutes(tmp_path, "greenvale_city-council_transcript.md", transcript,
                               "Who became Mayor of Greenvale at the council's meeting of 12 February 2024?")
    assert "no meeting on 12 February 2024" not in result["answer"]
    assert not result["abstained"] and "Chris Barton" in result["answer"]


OPENED = """Greenvale Parish Council
Minutes of the meeting held on Tuesday 9 April 2024

1. Welcome
The meeting opened at 7pm.

2. Footpaths
Works commenced on the footpath to the church in March, and the new path was opened by Mr Davies on 2 April.
"""


def test_only_a_line_about_the_meeting_records_who_opened_it(tmp_path):
    """"The new path was opened by Mr Davies" names who opened a path, not the meeting."""
    result = answer_in_minutes(tmp_path, "greenvale_parish-council_minutes_2024-04-09.txt", OPENED,
                               "Who opened the Greenvale Parish Council meeting of 9 April 2024?")
    assert all("Mr Davies" not in c["quote"] for c in result["citations"] if not result["abstained"]), result["answer"]


@pytest.mark.parametrize("question, dates_it", [
    ("What did the supervisors vote to offer the new treasurer at their November 2020 meeting?", True),
    ("What was decided at the meeting of 12 May 2024?", True),
    ("At the 2019 annual meeting, who was elected chair?", True),
    ("What was the 2016 local property tax rate?", False),  # the year dates what is asked about
    ("What did the council agree in 2019 about the budget for 2020?", False),
])
def test_whether_a_year_the_question_names_dates_a_meeting(question, dates_it):
    assert dates_a_sitting(question) is dates_it


TOWNSHIP = """Town of Brookfield
Monthly Meeting November 16, 2020

1. UNFINISHED BUSINESS
Supervisor Hale reports they received one application for the open Treasurer position.
Supervisor Dale Orr makes a motion to offer Anna Pike the Treasurer elect position, which includes a new printer and the transfer of the Clerk's laptop after the Clerk retires on 1/31/2021. Supervisor Hale seconds the motion. Motion passed unanimously.
The Clerk will post the offer letter this week.
"""


def test_what_a_dated_meeting_settled_for_a_later_year_is_still_what_happened_at_it(tmp_path):
    """The motion names the year after the meeting ("retires on 1/31/2021"); the year in the question dates the
    meeting, not what was asked about, so the motion still answers."""
    result = answer_in_minutes(tmp_path, "brookfield_town-board_minutes_2020-11-16.txt", TOWNSHIP,
                               "What did the Brookfield supervisors vote to offer Anna Pike at their November 2020 meeting, "
                               "and what did the offer include?")
    assert not result["abstained"], result["answer"]
    assert any("makes a motion to offer Anna Pike" in c["quote"] for c in result["citations"]), result["answer"]


APRIL = """Greenvale Library Board
Minutes of the Regular Meeting held on Wednesday 15 April 2020 at 7pm

1. Consent agenda
Approve payment of invoices in the amount of $38,614.57 for the period of March 19 to April 15, 2020.
Approve transfer of $150,000 from the checking account to the money market account.
"""
JUNE = """Greenvale Library Board
Minutes of the Regular Meeting held on Wednesday 17 June 2020 at 7pm

1. Consent agenda
Approve payment of invoices in the amount of $64,997.19 for the period of May 21 to June 17, 2020.
Approve transfer of $120,000 from the checking account to the money market account.
"""


def test_a_question_dating_a_meeting_the_archive_holds_is_answered_from_it(tmp_path):
    from search.answer import answer
    from search.filters import Filters
    from search.meeting_asked import held_meeting_filters

    with library_of(tmp_path, {"greenvale_library_minutes_2020-04-15.txt": APRIL, "greenvale_library_minutes_2020-06-17.txt": JUNE}) as lib:
        question = "List the payments and transfers on the Greenvale Library Board's consent agenda of June 17, 2020."
        result = answer(lib, question)
        assert {c["meeting_date"] for c in result["citations"]} == {"2020-06-17"}, result["answer"]
        assert "$64,997.19" in result["answer"]
        # a day a meeting sat, named alone, dates that meeting too
        transfer = answer(lib, "How much did the Greenvale Library Board decide on April 15, 2020 to transfer to the money market account?")
        assert {c["meeting_date"] for c in transfer["citations"]} == {"2020-04-15"}, transfer["answer"]
        assert "$150,000" in transfer["answer"]
        assert held_meeting_filters(lib.store, question.replace("June 17", "June 18"), None) is None  # not held: no filter
        assert held_meeting_filters(lib.store, question, Filters(date_from="2020-07-01")) is None  # the user's filters stand
        # a day that bounds something, not what a meeting did, dates no meeting
        for bound in ("What has the board paid since June 17, 2020?", "Which invoices were due before June 17, 2020?",
                      "What was in the account on June 17, 2020?"):
            assert held_meeting_filters(lib.store, bound, None) is None, bound
