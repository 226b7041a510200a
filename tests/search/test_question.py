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
    ("How has the timeliness of care plans changed since 2022?", "the timeliness of care plans since 2022"),
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
    ("Where will the family hub be built?", "place"),
    ("What overall judgement did the inspectors give?", "judgement"),
    ("Why are staff leaving?", "reason"),
    ("Does the council pay finders fees?", "yes_no"),
    ("Which schools are oversubscribed?", "list"),
    ("How much did the scheme cost?", "number"),
])
def test_answer_types(question, kind):
    assert parse_question(question).answer_type == kind
