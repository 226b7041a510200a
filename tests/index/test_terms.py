"""Acronyms the minutes define, and their expansions found again where a text uses them."""
from index.terms import expansions_in, find_acronyms, spelled_out


def test_acronyms_are_found_either_way_round():
    found = find_acronyms("attendance at the PRU (pupil referral unit) rose; an Education, Health and Care Plan (EHCP) "
                          "was issued. The ICB met.")
    assert found == {"PRU": "pupil referral unit", "EHCP": "education health and care plan"}


def test_the_expansions_a_text_uses_are_spelled_out_as_indexing_finds_them():
    acronyms = {"PRU": "pupil referral unit", "EHCP": "education health and care plan", "SEN": "special educational needs"}
    text = "Two PRUs reported; EHCP completions improved. Sent to the SENCO. Attendance (PRU) up."
    assert spelled_out(text, acronyms) == "pupil referral unit education health and care plan"
    assert set(spelled_out(text, acronyms).split()) == set(expansions_in(text, acronyms).split())
    assert spelled_out("no acronyms here at all", acronyms) == ""
