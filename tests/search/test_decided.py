"""Asked whether a body passed a motion, the answer is the motion's recorded outcome; a motion moved and debated
but never put to a vote is no answer (the minutes do not say whether it passed)."""
from index.outcomes import records_outcome
from search.answer import answer
from search.decided import NO_DECISION, NOT_DECIDED, asks_if_decided
from tests.search.conftest import library_of

# a library board's minutes: one motion carried on a roll call, the next debated and never voted on
MINUTES = """Millbrook Library District Board of Trustees
Minutes of the Regular Meeting held on Wednesday 17 June 2020 at 7pm

1. Call to order
The President called the meeting to order at 7:02 p.m.

2. New Business
a. Fine free policy
MOTION: Trustee Adams moved to approve the staff recommendation to become a fine free library from 1 July 2020. Trustee Baker seconded.
Ayes - Adams, Baker, Cole, Dunn
Nays - none
Motion carries

b. Employee compensation from 29 June 2020
MOTION: Trustee Cole moved to pay employees their regular rates of pay for actual hours worked and to require staff to use accrued paid time off for hours not worked. Trustee Dunn seconded.
Trustee Adams asked how employees feel about using their paid time off in this way.
The Director stated that only one employee had asked a question about how the time would be applied.
Trustee Baker asked whether overtime will be needed once the library reopens fully.

3. Any other business
Members are asked to consider a commendation for local swimmer Jo Okafor, who won the national championship in August.

4. Adjournment
The meeting adjourned at 8:15 p.m.
"""


def test_a_yes_no_question_about_a_decision_is_recognised():
    assert asks_if_decided("Did the board pass Trustee Cole's motion on pay?", "yes_no")
    assert asks_if_decided("Was the fine free policy adopted?", "yes_no")
    assert not asks_if_decided("Did the board discuss pay?", "yes_no")
    assert not asks_if_decided("What did the board approve?", "any")


def test_an_outcome_is_read_from_the_motion_to_the_next():
    text = "MOTION: Trustee Adams moved to approve the policy. Trustee Baker seconded.\nMotion carries\n"
    assert records_outcome(text, 0, len(text)) == text.index("Motion carries")
    debated = "MOTION: Trustee Cole moved to pay employees for hours worked. Trustee Dunn seconded.\nTrustee Adams asked a question.\n"
    assert records_outcome(debated, 0, len(debated)) is None
    assert records_outcome("RESOLVED: That the plan be approved.", 0, 36) == 0
    for wording in ("NOW, THEREFORE, BE IT RESOLVED that the city adopt the plan.", "The plan will be adopted by 2025.",
                    "He asked whether the complaint was resolved.", "The hearing moved 10:30 to 11:00."):
        assert records_outcome(wording, 0, len(wording)) is None, wording  # a motion's wording, a date, a question


def test_a_motion_never_voted_on_gets_no_yes(tmp_path):
    with library_of(tmp_path, {"millbrook_library_minutes_2020-06-17.txt": MINUTES}) as lib:
        unvoted = answer(lib, "Did the Millbrook library board pass Trustee Cole's motion that staff be paid only for hours "
                              "worked, using paid time off for the rest?")
        assert unvoted["abstained"]
        assert unvoted["answer"].startswith(NOT_DECIDED)
        assert "Trustee Cole moved" in unvoted["citations"][0]["quote"]  # what the minutes do say, cited

        voted = answer(lib, "Did the Millbrook library board pass Trustee Adams's motion to become a fine free library?")
        assert not voted["abstained"]
        quotes = " ".join(c["quote"] for c in voted["citations"])
        assert "Trustee Adams moved" in quotes and "Motion carries" in quotes  # the outcome is quoted with the motion


def test_a_matter_put_to_members_with_no_decision_recorded_gets_no_yes(tmp_path):
    with library_of(tmp_path, {"millbrook_library_minutes_2020-06-17.txt": MINUTES}) as lib:
        result = answer(lib, "Did the Millbrook library board formally award a commendation to swimmer Jo Okafor?")
        assert result["abstained"]
        assert result["answer"].startswith(NO_DECISION)
        assert "commendation" in result["citations"][0]["quote"]


# one item, two motions: the first carried, the second on a like subject debated and never voted on
HOURS = """Millbrook Library District Board of Trustees
Minutes of the Regular Meeting held on Wednesday 15 July 2020 at 7pm

1. Opening hours
MOTION: Trustee Adams moved to open the library on Saturday mornings from 1 September 2020. Trustee Baker seconded.
Ayes - Adams, Baker, Cole, Dunn
Nays - none
Motion carries

MOTION: Trustee Cole moved to open the library on Saturday afternoons from 1 September 2020. Trustee Dunn seconded.
Trustee Baker asked whether the library has the staff for Saturday afternoons.
The Director stated that two more part-time posts would be needed.

2. Budget
The Board approved the 2020/21 budget of $1,250,000 as presented by the Director.
"""


def test_the_motion_asked_about_decides_not_a_carried_one_beside_it(tmp_path):
    text = HOURS
    cole = text.index("MOTION: Trustee Cole")
    assert records_outcome(text, cole, len(text)) is None  # read from Cole's motion on: nothing carried...
    assert records_outcome(text, text.index("MOTION: Trustee Adams"), cole) is not None  # ...Adams's carried
    with library_of(tmp_path, {"millbrook_library_minutes_2020-07-15.txt": HOURS}) as lib:
        result = answer(lib, "Did the Millbrook library board pass Trustee Cole's motion to open the library on Saturday afternoons?")
        assert result["abstained"] and result["answer"].startswith(NOT_DECIDED), result["answer"]
        assert "Trustee Cole moved" in result["citations"][0]["quote"]

        stated = answer(lib, "Did the Millbrook library board approve the 2020/21 budget?")
        assert not stated["abstained"]  # the minutes say so in a sentence of their own, with no motion recorded
        assert "approved the 2020/21 budget" in " ".join(c["quote"] for c in stated["citations"])
