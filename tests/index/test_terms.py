"""Acronyms the minutes define, and their expansions found again where a text uses them."""
from index.terms import expansions_in, find_acronyms


def test_acronyms_are_found_either_way_round():
    found = find_acronyms("attendance at the PRU (pupil referral unit) rose; an Education, Health and Care Plan (EHCP) "
                          "was issued. The ICB met.")
    assert found == {"PRU": "pupil referral unit", "EHCP": "education health and care plan"}


def test_the_expansions_a_text_uses_are_found_by_its_upper_case_tokens():
    acronyms = {"PRU": "pupil referral unit", "EHCP": "education health and care plan", "SEN": "special educational needs"}
    text = "Two PRUs reported; EHCP completions improved. Sent to the SENCO. Attendance (PRU) up."
    assert expansions_in(text, acronyms) == "pupil referral unit education health and care plan"
    assert expansions_in("no acronyms here at all", acronyms) == ""
