"""A question naming two or more months of meetings ("in January 2024 ... by February 2024") is answered meeting by
meeting, when the archive holds meetings in those months; otherwise the months date something else."""
from index.dates import days_of
from index.ingest import ingest
from index.library import Library
from index.settings import Settings
from search.answer import answer
from search.question import parse_question

JANUARY = """Greenvale Parish Council
Minutes of the meeting held on Tuesday 9 January 2024 at 7pm

1. Play area
The council noted that the play area fence had been damaged by a falling tree and agreed to seek two quotes for repair.

2. Lease
The council agreed to renew the village hall lease, which will end in June 2026.
"""
FEBRUARY = """Greenvale Parish Council
Minutes of the meeting held on Tuesday 13 February 2024 at 7pm

1. Play area
The clerk reported two quotes for the play area fence; the council accepted the lower quote of £1,450 from Oak Fencing.

2. Footpaths
Members reported that the footpath to the church was flooded again after heavy rain.
"""


def test_months_named_date_the_meetings_asked_about():
    q = parse_question("Who moved to adjourn the City Council meetings of February 1999 and January 2022, and what were the votes?")
    assert q.across and q.meeting_dates == ["1999-02", "2022-01"]
    assert q.topics == ["Who moved to adjourn the City Council meetings, and what were the votes"]
    assert parse_question("What was agreed about the fence in January 2024 and February 2024?", months=False).meeting_dates == []
    assert days_of("2024-02") == ("2024-02-01", "2024-02-29") and days_of("2018-12") == ("2018-12-01", "2018-12-31")
    assert days_of("2021-03-03") == ("2021-03-03", "2021-03-03")
    # a month bounding something, a span of months, or a month beside a meeting dated by its day: no meetings named
    for other in ("What did the council agree at its meeting of 9 January 2024 about the quotes due by February 2024?",
                  "How much did the fence repair cost between January 2024 and February 2024?",
                  "From January 2024 to February 2024, how much did the fence cost?",
                  "What did the council decide in March 2025 about the lease ending in June 2026?"):
        assert parse_question(other).meeting_dates == [], other
    assert parse_question("What was said in May 2023 and in June 2023 about parking?").topics == ["parking"]
    # months listed before the year they share; the meetings they date are no part of the topic
    listed = parse_question("Has the council bought a fireproof cabinet for its records? What was said at the November and "
                            "December 2020 meetings?")
    assert listed.across and listed.meeting_dates == ["2020-11", "2020-12"]
    assert listed.topics == ["Has the council bought a fireproof cabinet for its records?"]  # "What was said" only frames it
    handed = parse_question("How did the treasurer's job change hands between the December 2023 and February 2024 meetings?")
    assert handed.meeting_dates == ["2023-12", "2024-02"] and handed.topics == ["the treasurer's job"]
    assert parse_question("Will the works be finished by March and April 2025?").meeting_dates == []  # a bound
    # "November and December 2020" holds "December 2020": the topic is cut once
    assert parse_question("What was decided about parking at the November and December 2020 meetings of the council?"
                          ).topics == ["What was decided about parking of the council"]


def test_a_question_naming_two_months_of_meetings_gets_a_point_from_each(tmp_path):
    for name, text in (("greenvale_minutes_2024-01-09.txt", JANUARY), ("greenvale_minutes_2024-02-13.txt", FEBRUARY)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    lib = Library(Settings(data_dir=tmp_path / "data"))
    try:
        ingest(lib, sorted(tmp_path.glob("*.txt")))
        surveyed = answer(lib, "What did Greenvale Parish Council decide about the play area fence in January 2024, and what did it do in February 2024?")
        assert [g["meeting_date"] for g in surveyed["groups"]] == ["2024-01-09", "2024-02-13"], surveyed["answer"]
        # what has come of a subject since an event of a dated meeting: a point from each meeting from then on
        since = answer(lib, "What has Greenvale Parish Council arranged for the play area fence since the damage it discussed in January 2024?")
        assert "2024-02-13" in [g["meeting_date"] for g in since["groups"]], since["answer"]
        assert any("Oak Fencing" in c["quote"] for c in since["citations"])
        listed = answer(lib, "Has Greenvale Parish Council had the play area fence repaired? What was said at the January and "
                             "February 2024 meetings?")
        assert [g["meeting_date"] for g in listed["groups"]] == ["2024-01-09", "2024-02-13"], listed["answer"]
        # a month the archive holds no meeting in dates something else: one meeting's answer, not a survey
        single = answer(lib, "What did Greenvale Parish Council agree in January 2024 about the lease ending in June 2026?")
        assert single["groups"] == [] and not single["abstained"] and "June 2026" in single["answer"]
    finally:
        lib.close()
