"""A cross-meeting answer reads every agenda item of a meeting: an agenda pack whose several reports discuss the topic
gives its point a sentence from each (up to `items_per_meeting`), never the same paragraph twice, nor a signature line."""
from index.catalog import get_item
from index.library import Library
from index.settings import Settings
from index.tuning import AnswerSettings
from search.across import _distinct_items
from search.answer_types import title_line
from search.answer import answer
from tests.search.conftest import library_of

MARCH = """Minutes of the meeting held on Monday 4 March 2024 at 7pm

1. Library opening hours
The council discussed the library opening hours and agreed to consult residents on Saturday opening.
"""
# one pack, three reports: two on the library's hours (each repeating the same background paragraph), one not
JULY = """Millbrook Town Council
Agenda pack for the meeting held on Monday 8 July 2024 at 7pm

1. Library services report
The library opening hours consultation is a review of when the town library opens to residents each week.
The consultation on library opening hours received 412 responses, and 71% asked for Saturday opening.
Head of Library Services

2. Budget monitoring report
The library opening hours consultation is a review of when the town library opens to residents each week.
Extending library opening hours to Saturdays would cost £18,500 a year in staff time, met from reserves.

3. Allotments
The allotment waiting list has 23 names and two new plots will be marked out in the autumn.
"""


def test_title_line_is_a_heading_or_signature_not_a_statement():
    assert title_line("Head of Library Services")
    assert title_line("Executive Director of Children's Services")
    assert not title_line("Library Opening Hours; Annual Budget: 1,530; Actual Spend: 1,563")  # a table row states figures
    assert not title_line("The council agreed to consult residents on Saturday opening.")


def _sentence(item: str, text: str) -> dict:
    return {"clean": text, "names_meeting_only": False, "hit": {"item_id": item, "item_number": "", "item_title": "Report", "meeting_date": "",
                                                               "committee": "", "title": "", "document": ""}}


def test_a_meeting_quotes_its_best_sentence_then_other_items_saying_something_new():
    background = "The opening hours consultation is a review of when the town library opens to residents each week."
    ranked = [_sentence("a", background), _sentence("b", background.replace("each week", "every week")),
              _sentence("a", "The consultation received 412 responses."), _sentence("b", "Saturday opening would cost £18,500 a year."),
              _sentence("c", "Head of Library Services"), _sentence("c", "Two new plots will be marked out in the autumn.")]
    assert [c["clean"] for c in _distinct_items(ranked, 2)] == [background, "Saturday opening would cost £18,500 a year."]
    assert [c["hit"]["item_id"] for c in _distinct_items(ranked, 3)] == ["a", "b", "c"]
    assert "Head of Library Services" not in [c["clean"] for c in _distinct_items(ranked, 3)]
    assert _distinct_items(ranked, 1) == ranked[:1]


def test_a_pack_with_two_reports_on_the_topic_quotes_each_once(tmp_path):
    with library_of(tmp_path, {"millbrook_minutes_2024-03-04.txt": MARCH, "millbrook_agenda_2024-07-08.txt": JULY}) as lib:
        result = answer(lib, "What has the council said about the library opening hours over time?")
        assert [g["meeting_date"] for g in result["groups"]] == ["2024-03-04", "2024-07-08"], result["answer"]
        july = result["groups"][1]["sentences"]
        quoted = " ".join(s["text"] for s in july)
        assert 1 < len(july) <= AnswerSettings().items_per_meeting, result["answer"]
        assert "412 responses" in quoted and "£18,500" in quoted, result["answer"]
        assert "Head of Library Services" not in result["answer"] and "allotment" not in quoted.lower()
        assert result["answer"].count("is a review of when the town library opens") <= 1
        # one line per meeting, each sentence with its own citation, every citation exact
        assert len(result["answer"].splitlines()) == 2
        # a meeting whose header names no body is dated alone, with no "(None)" for its body
        assert result["groups"][0]["committee"] is None and result["answer"].startswith("4 Mar 2024: "), result["answer"]
        by_marker = {c["marker"]: c for c in result["citations"]}
        for s in july:
            (marker,) = s["markers"]
            citation = by_marker[marker]
            assert citation["meeting_date"] == "2024-07-08"
            item = get_item(lib.store, citation["item_id"])
            assert item["text"][citation["start"]:citation["end"]] == citation["quote"]
        one = Library(Settings(data_dir=tmp_path / "data", answer=AnswerSettings(items_per_meeting=1)))
        try:
            single = answer(one, "What has the council said about the library opening hours over time?")
            assert [len(g["sentences"]) for g in single["groups"]] == [1, 1], single["answer"]
        finally:
            one.close()


OTHER_TOWN = """Oakford Parish Council
Minutes of the meeting held on Monday {day} May 2024 at 7pm

1. Library opening hours
The parish council discussed the library opening hours and asked the county to keep Saturday opening.
"""


def test_a_question_naming_a_body_reads_only_that_bodys_meetings(tmp_path):
    # another council's three meetings: a name held by most of a library singles nothing out (search/named.py)
    documents = {"millbrook_minutes_2024-03-04.txt": "Millbrook Town Council\n" + MARCH, "millbrook_agenda_2024-07-08.txt": JULY}
    documents |= {f"oakford_minutes_2024-05-{day:02d}.txt": OTHER_TOWN.format(day=day) for day in (6, 13, 20)}
    with library_of(tmp_path, documents) as lib:
        asked = answer(lib, "What has Millbrook Town Council said about the library opening hours over time?")
        assert [g["meeting_date"] for g in asked["groups"]] == ["2024-03-04", "2024-07-08"], asked["answer"]
        both = answer(lib, "What has been said about the library opening hours over time?")
        assert {"2024-03-04", "2024-05-06", "2024-07-08"} <= {g["meeting_date"] for g in both["groups"]}, both["answer"]
