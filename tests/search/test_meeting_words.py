"""Kept to the meeting a question dates, retrieval searches for what is asked, not for the words naming the meeting:
those only pull up the meeting's title block, which repeats its body's name and date. (The ranking itself is measured
in the README on the held-back sets: a small library does not reproduce it.)"""
import pytest

from search.answer import answer
from search.meeting_words import without_meeting_reference
from tests.search.conftest import library_of


@pytest.mark.parametrize("question, asked", [
    ("In which zone is 14270 Amar Road, the restaurant on the La Puente Planning Commission agenda of December 6, 2022?",
     "In which zone is 14270 Amar Road, the restaurant?"),
    ("How late can a resident email a comment to the City Clerk for the 13 December 2022 meeting?",
     "How late can a resident email a comment to the City Clerk?"),
    ("What did Tayport Community Council's meeting of 4 December 2023 say about the bus shelter?",
     "What did say about the bus shelter?"),
    ("Who chaired the meeting of 4 March 2024?", "Who chaired the meeting of 4 March 2024?"),  # nothing else is asked
])
def test_the_words_naming_a_meeting_are_set_apart(question, asked):
    assert without_meeting_reference(question) == asked


FRONT = """MILLBROOK PLANNING COMMISSION
REGULAR MEETING AGENDA
TUESDAY, {day} AT 7:00 P.M.
CITY HALL COUNCIL CHAMBERS, MILLBROOK

Public comment on any item of the Millbrook Planning Commission agenda of {day} may be emailed to the Planning
Secretary before 3:00 p.m. Agenda reports for the Millbrook Planning Commission meeting of {day} are available at City
Hall and on the city's website, and the meeting of {day} is broadcast on the city's cable channel.
"""
AGENDA_OCTOBER = FRONT.format(day="OCTOBER 18, 2022") + """
1. Call to order

2. Public hearing: conditional use permit CUP 22-01 for a bakery at 210 Oak Street in the C-2 (Community Commercial) zone.
"""
AGENDA_DECEMBER = FRONT.format(day="DECEMBER 6, 2022") + """
1. Call to order

2. Public hearing: conditional use permit CUP 22-02 and notice of exemption
A request to allow the sale of beer and wine (Type 41 license) for on-site consumption in an existing restaurant of
2,400 square feet with 60 seats, operating from 11:00 a.m. to 10:00 p.m. daily, in the C-1 (Neighborhood Commercial)
zone at 14270 Amar Road. The applicant proposes no change to the building or to its parking, and the project is exempt
from environmental review as an existing facility. Staff recommend approval with conditions on the hours of sale.

3. Staff communications
The Planning Manager reported on the housing element update and the next workshop.
"""
QUESTION = "In which zone is 14270 Amar Road, the restaurant on the Millbrook Planning Commission agenda of December 6, 2022?"


def test_kept_to_the_dated_meeting_retrieval_searches_for_what_is_asked(tmp_path, monkeypatch):
    import search.answer as answering

    searched = []
    real_search = answering.search

    def recording_search(library, query, k=10, filters=None, named=None):
        searched.append((query, filters.date_from if filters else None))
        return real_search(library, query, k=k, filters=filters, named=named)

    monkeypatch.setattr(answering, "search", recording_search)
    with library_of(tmp_path, {"millbrook_planning-commission_agenda_2022-10-18.txt": AGENDA_OCTOBER,
                               "millbrook_planning-commission_agenda_2022-12-06.txt": AGENDA_DECEMBER}) as lib:
        result = answer(lib, QUESTION)
        assert searched[0] == ("In which zone is 14270 Amar Road, the restaurant?", "2022-12-06")
        assert "Neighborhood Commercial" in " ".join(c["quote"] for c in result["citations"]), result["answer"]
        assert all(c["meeting_date"] == "2022-12-06" for c in result["citations"])
        searched.clear()
        answer(lib, "In which zone is 14270 Amar Road?")  # no meeting dated: the question as asked, the whole archive
        assert searched == [("In which zone is 14270 Amar Road?", None)]
