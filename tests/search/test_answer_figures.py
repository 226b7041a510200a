"""A figure plainly the one asked for answers however it scores: a number of the thing counted, a table row labelled
with the question's words, a sum for the period asked about."""
from __future__ import annotations

import pytest

from index.text import content_words
from search.figures import MONEY, counted_noun, labelled_row_of, rate_unit
from tests.search.conftest import answer_in_minutes


def _cites(result: dict, text: str) -> bool:
    """Whether the answer was given and one of its quotes holds `text`."""
    return not result["abstained"] and any(text in c["quote"] for c in result["citations"])


@pytest.mark.parametrize("question, noun", [
    ("How many valid public submissions did the council receive on the property tax rate?", "submission"),
    ("How many people use the Family Hubs?", "people"),
    ("How many children in care per 10,000 were there?", "child"),
    ("What was the rate of exclusions?", None),
])
def test_what_a_how_many_question_counts(question, noun):
    assert counted_noun(question) == noun


def test_a_number_of_the_thing_asked_about_answers_how_many(tmp_path):
    """Asked how many submissions, the sentence counting submissions answers, not the best-scoring sentence with some
    other figure in it (a rate cut by 15%)."""
    minutes = ("Riverside County Council\nMinutes of the meeting held on 28 September 2015\n\n"
               "5. Local Property Tax\n"
               "The public consultation on the Local Property Tax rate for 2016 closed on 19 August 2015. "
               "A total of 14 valid submissions were received from the public. "
               "Councillor Byrne proposed to vary the Local Property Tax basic rate downwards by 15% for 2016. "
               "Councillor Walsh proposed that the Local Property Tax basic rate for 2016 be varied downwards by 10%. "
               "The Council agreed to vary the Local Property Tax basic rate downwards by 10% for 2016.\n")
    result = answer_in_minutes(tmp_path, "riverside_county-council_minutes_2015-09-28.txt", minutes,
                               "How many valid public submissions did Riverside receive on the 2016 Local Property Tax rate?")
    assert _cites(result, "14 valid submissions"), result["answer"]


BUDGET_RESOLUTION = """Riverside Financing Authority
Minutes of the annual meeting held on 17 April 2025

4. Budget resolution
BE IT RESOLVED BY THE COMMISSIONERS OF THE RIVERSIDE MUNICIPAL UTILITY FINANCING AUTHORITY:
Section 1. This resolution may be referred to as the 2025 Riverside Municipal Utility Financing Authority (RFA) Budget Resolution and includes the budgets of its four power plants.
Section 2. There is hereby appropriated from the Revenue Fund, Operating Fund, Debt Service Fund, and other funds as appropriate, sufficient monies for the payment of demands against the Authority which relate to obligations incurred for the purposes and within the amount specified for such purposes in the following projection of the Authority's programs for the period January 1, 2025, through December 31, 2025.

Operation and Maintenance                             $252,404,000

Administrative & General                              $ 16,380,000

Principal and Interest                                $ 17,332,000

Capital Expenditures                                  $ 33,399,000

Section 3. There shall be deemed added to the line items a 20% increase with no limit to a decrease.
"""


def test_a_table_row_labelled_with_the_questions_words_gives_the_figure_asked_for(tmp_path):
    """Each row printed on its own line, as a budget resolution's text layer gives it: "Operation and Maintenance
    $252,404,000" shares two of the question's words and ranks far down, but its label is the question's own words."""
    topic = content_words("What is the 2025 operation and maintenance budget of the authority?")
    assert labelled_row_of("Operation and Maintenance $252,404,000", MONEY, topic)
    assert not labelled_row_of("Capital Expenditures $ 33,399,000", MONEY, topic)  # another row
    assert not labelled_row_of("Total $ 33,399,000", MONEY, {"total", "budget"})  # one word names too little
    result = answer_in_minutes(tmp_path, "riverside_financing-authority_minutes_2025-04-17.txt", BUDGET_RESOLUTION,
                               "What is the 2025 operation and maintenance budget of the Riverside Municipal Utility "
                               "Financing Authority (RFA)?")
    assert _cites(result, "$252,404,000"), result["answer"]
    assert any(c["quote"].startswith("Operation and Maintenance") for c in result["citations"])


ROBOTICS_LEASE = """Riverside School District Board of Education
Meeting transcript, 12 March 2026

[0:24:31] President: All right, next on our agenda is the robotics center lease.
[0:24:54] Director Lee: We've been working with an outside realtor to help our robotics team go through different options in the market locally in terms of the potential space for them to house their program.
[0:25:40] Director Lee: So we've looked at about six or seven different spaces at this point.
[0:26:10] Director Lee: It's on Meyer Drive, but it's a fairly large facility that has ample electrical connections and large spaces for a lot of the robotic programming.
[0:26:45] Trustee Park: Would it be for all the robotics teams in the district?
[0:27:01] Director Lee: That's the goal, and the teams have toured it twice already with their coaches and parents.
[0:27:53] Director Lee: So this one is going to come in around the $90,000 a year mark.
[0:28:20] Trustee Park: And the parking at the site is shared with two other tenants on the same block.
"""


def test_a_sum_for_the_period_asked_about_answers_an_annual_rent(tmp_path):
    """"What annual rent" shares no word with "$90,000 a year", said further down the same discussion: a sum for the
    period the question names, in the best sentence's own meeting, gives the figure."""
    assert rate_unit("what annual rent") == rate_unit("around the $90,000 a year mark") == "year"
    assert rate_unit("a monthly stipend") == "month" and rate_unit("the total cost") is None
    result = answer_in_minutes(tmp_path, "riverside_school-district_transcript_2026-03-12.txt", ROBOTICS_LEASE,
                               "Roughly what annual rent is Riverside School District looking at for the new robotics space?")
    assert _cites(result, "$90,000 a year"), result["answer"]
