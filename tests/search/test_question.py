"""Reading questions: topics without their framing, several topics, surveys across meetings, the answer wanted."""
import pytest

from search.question import parse_question


def test_framing_words_are_not_the_subject_and_two_topics_are_two():
    q = parse_question("What was said about exclusions or agency costs across meetings?")
    assert q.topics == ["exclusions", "agency costs"]
    assert q.across


@pytest.mark.parametrize("question, topic", [
    ("What has the Board been told over the years about attendance at the referral unit?", "attendance at the referral unit"),
    ("What has the council been doing about the shortage of foster carers?", "the shortage of foster carers"),
    ("How has the timeliness of care plans changed since 2022?", "the timeliness of care plans"),
    ("Tell me what was discussed regarding school transport", "school transport"),
])
def test_surveys_are_read_across_meetings(question, topic):
    q = parse_question(question)
    assert q.across and q.topics == [topic]


def test_an_ordinary_question_stays_whole():
    q = parse_question("How many children were in care at the time of the Q2 monitoring report?")
    assert not q.across and q.topics == ["How many children were in care at the time of the Q2 monitoring report"]
    assert q.answer_type == "number"


@pytest.mark.parametrize("question, kind", [
    ("Who was appointed as the independent chair?", "person"),
    ("When will the new school open?", "date"),
    ("On what date will the Christmas lights be switched on?", "day"),  # a day, not a month
    ("Between which dates can residents inspect the accounts?", "day"),
    ("Where will the family hub be built?", "place"),
    ("What overall judgement did the inspectors give?", "judgement"),
    ("Why are staff leaving?", "reason"),
    ("What reasons were given for social workers leaving?", "reason"),  # not a list of named things
    ("Does the council pay finders fees?", "yes_no"),
    ("Which schools are oversubscribed?", "list"),
    ("Which four Opportunity Sites did the consultants identify?", "list"),  # a count before the things asked for
    ("What 3 options were given?", "list"),
    ("How much did the scheme cost?", "number"),
])
def test_answer_types(question, kind):
    assert parse_question(question).answer_type == kind


@pytest.mark.parametrize("question, years, quarters", [
    ("How has spending on agency staff changed between 2023/24 and 2025/26?", {2023, 2024, 2025, 2026}, set()),
    ("By how much did exclusions fall in the Quarter 1 2025-26 report?", {2025, 2026}, {1}),
    ("What was reported for the third quarter of 2024?", {2024}, {3}),
    ("What was said about exclusions across meetings?", set(), set()),
])
def test_the_period_a_question_names(question, years, quarters):
    from search.periods import period_of

    period = period_of(question)
    assert set(period.years) == years and set(period.quarters) == quarters


def test_a_sentence_or_its_item_from_another_period_disagrees():
    from search.periods import period_agreement, period_of, within

    asked = period_of("How many children were excluded by the end of Quarter 4 2023/24?")
    assert period_agreement(asked, "The number has increased to 44.", "Performance Report for Quarter 4 2023/24") == 1
    # the sentence's year fits, but its item is the third quarter's report
    assert period_agreement(asked, "17 children excluded until the end of autumn term 2023", "Report for Quarter 3 2023/24") == -1
    assert period_agreement(asked, "The number has increased to 44.", "Q1 2025-26 Monitoring Report") == -1
    assert period_agreement(period_of("What was said about exclusions?"), "In 2020 it rose.", "Q1 2025-26") == 0
    between = period_of("How has agency spend changed between 2023/24 and 2025/26?")
    assert within(between, "2024-07-15") and within(between, "2027-01-20") and not within(between, "2022-06-13")
    assert parse_question("How has agency spend changed between 2023/24 and 2025/26?").topics == ["agency spend"]


def test_since_a_year_means_that_year_and_every_later_one():
    from search.periods import agreement, names_other_years, period_of, within

    since = period_of("How has the timeliness of plans changed since 2022?")
    assert since.open_end and within(since, "2025-11-10") and within(since, "2022-06-13") and not within(since, "2021-12-01")
    assert agreement(since, period_of("Quarter 2 2024/25 report")) == 1
    assert agreement(since, period_of("the 2020/21 outturn")) == -1
    assert not names_other_years(since, "In 2024 the rate rose.") and names_other_years(since, "In 2019 the rate rose.")
    assert period_of("from 2023 onwards").open_end
    spanned = period_of("What changed between 2021 and 2024?")
    assert set(spanned.years) == {2021, 2022, 2023, 2024} and not spanned.open_end
    assert not period_of("from 2023/24 to 2025/26").open_end


def test_a_sentence_naming_years_either_side_of_the_asked_one_spans_it():
    from search.periods import names_other_years, period_of

    asked = period_of("Who was appointed on the January 2024 consent agenda?")
    term = "appointing Judith Alexander for an unexpired term, which began on June 1, 2023 and continues through May 31, 2025."
    assert not names_other_years(asked, term)  # a term running from 2023 to 2025 includes 2024
    assert names_other_years(asked, "In 2022 and 2023 the rate rose.")  # both before: other years
    assert names_other_years(asked, "The 2025 and 2026 budgets were set.")  # both after
    assert names_other_years(asked, "£40,000 in 2023 against a forecast £50,000 in 2025")  # two years, no span between


def test_the_year_in_a_laws_name_is_not_a_period():
    from search.periods import names_other_years, period_of, years_in

    charge = "a uniform annual general charge under the Local Government (Rating) Act 2002 of $774.60 (incl GST)"
    assert years_in(charge) == set()
    assert not names_other_years(period_of("What is the uniform annual general charge for 2019/20?"), charge)
    assert years_in("under Section 48(1) of the Meetings Act 1987, in 2019") == {2019}


def test_the_year_ending_a_reviews_name_is_not_a_period():
    """Asked what a council adopted following its "Annual Risk Management Review 2018", the resolution dated 2019
    answers: the year names the review, not the period asked about."""
    from search.periods import period_of, years_in

    assert not period_of("What did the council adopt following its Annual Risk Management Review 2018?").years
    assert years_in("the Residents Survey 2023 and the budget for 2024") == {2024}
    assert years_in("the review in 2018") == {2018}  # a year after a lower-case word is a period


@pytest.mark.parametrize("question, topic", [
    ("What concerns have been raised about SEND transport?", "SEND transport"),
    ("What updates has the Board received on foster carer recruitment?", "foster carer recruitment"),
    ("How often has the Board discussed agency staff?", "agency staff"),
    ("Summarise the discussion of exclusions.", "exclusions"),
    ("What is known about the foster carer shortage?", "the foster carer shortage"),
    # a body's own meetings, and a subject the question says was discussed
    ("What was said about agency costs across the Council's meetings?", "agency costs"),
    ("How has the cost of school transport been discussed across the Board’s meetings?", "the cost of school transport"),
    ("How have complaints about bin collections been reported?", "complaints about bin collections"),
])
def test_survey_framing_in_other_words_is_still_framing(question, topic):
    q = parse_question(question)
    assert q.across and q.topics == [topic] and q.answer_type == "any"


@pytest.mark.parametrize("question", [
    "What was the cost of the new school?",
    "What did the Board decide about the admissions policy?",
    "What is the rate of children in care per 10,000?",
    "How has the figure been calculated?",
])
def test_a_question_about_a_thing_is_not_a_survey(question):
    assert not parse_question(question).across


def test_a_change_question_is_marked_as_one():
    assert parse_question("How has agency spend changed since 2022?").change is True
    assert parse_question("What was said about exclusions across meetings?").change is False


@pytest.mark.parametrize("question", [
    "What rough estimate did the councillor get for resurfacing the roads?",
    "What Use of Resources score did the auditors give the council?",
    "What did Fire Guard bid for the clothing contract?",
    "What precept did the parish council resolve to apply for?",
])
def test_asking_for_an_estimate_a_score_or_a_bid_asks_for_a_number(question):
    assert parse_question(question).answer_type == "number"


def test_an_attendance_list_names_people():
    from search.answer_types import PERSON

    assert PERSON.search("1. ROLL CALL: Present: Daniels, Coleman, Flagg and Hensley.")
    assert PERSON.search("RESOLVED that Mr Cooke be elected to Chair the meeting.")
    assert not PERSON.search("An independent chair was appointed.")


def test_a_question_dating_two_meetings_is_asked_of_each():
    q = parse_question("Who was present at the roll call of the City Council meetings of 22 February 1999 and 14 January 2022?")
    assert q.across and q.meeting_dates == ["1999-02-22", "2022-01-14"] and q.answer_type == "person"
    assert q.topics == ["Who was present at the roll call of the City Council meetings"]
    compared = parse_question("Compare what was said about parking at the meetings of March 3, 2021 and April 7, 2021")
    assert compared.meeting_dates == ["2021-03-03", "2021-04-07"] and compared.topics == ["parking at the meetings"]
    assert parse_question("What was decided on 3 May 2023?").meeting_dates == []


def test_what_has_come_of_a_subject_since_a_dated_event_is_asked_of_every_meeting():
    q = parse_question("What has the parish council arranged for its emergency generator since the power cut it discussed in October 2024?")
    assert q.across and q.topics == ["its emergency generator"] and q.answer_type == "any"
    assert parse_question("What has the council done about parking since 2022?").topics == ["parking"]
    assert not parse_question("What has the council arranged for the generator since the power cut?").across  # no date: one answer


@pytest.mark.parametrize("sentence, supplied", [
    ("They were planning a similar event in either July or early August 2015.", False),
    ("The Air Show of 2014 celebrated the 75th anniversary of the first crossing.", False),
    ("The workshop is at the Arts Centre on 14th February.", True),
    ("Tournaments are planned for May 27-29 and September 2-3.", True),
    ("The lights will be switched on on Saturday.", True),
    ("Comments by 03/04/2024 please.", True),
])
def test_asked_on_what_date_a_day_answers_and_a_month_does_not(sentence, supplied):
    from search.answer_types import supplies

    check = supplies(parse_question("On what date will it take place?").answer_type)
    assert check is not None and bool(check.search(sentence)) is supplied


def test_a_day_centre_or_day_to_day_work_asks_for_no_day():
    for question in ("Which day centres will close?", "What day-to-day repairs did the clerk report?", "What day care places are funded?"):
        assert parse_question(question).answer_type != "day", question
