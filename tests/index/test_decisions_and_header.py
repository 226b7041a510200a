"""Decision and meeting-header readers on the shapes councils print them in (UK, US, Canadian, Australian)."""
from __future__ import annotations

import pytest

from index.decisions import classify_outcome, find_decisions
from index.header import read_header
from index.transcript import is_transcript, speakers_in, transcript_sections


def _decisions(text: str):
    return find_decisions(text, 0, len(text))


def test_us_motion_with_roll_call():
    text = ("6. CONSENT CALENDAR\nMOTION: Councilmember Armato moved, seconded by Mayor Pro Tem Fangary, to approve the consent "
            "calendar.\nThe motion carried by the following vote:\nAYES: Armato, Fangary, Massey, Campbell\nNOES: None\nABSENT: Detoy\n"
            "7. PUBLIC HEARING\nStaff presented the report.\n")
    (d,) = _decisions(text)
    assert (d.outcome, d.mover, d.seconder) == ("carried", "Armato", "Fangary")
    assert d.votes == {"ayes": 4, "noes": 0, "absent": 1}
    assert d.names["absent"] == ["Detoy"]
    assert text[d.start:d.end].endswith("ABSENT: Detoy")


def test_counts_in_the_outcome_and_failed_motions():
    (d,) = _decisions("Motion by Smith, seconded by Jones, to deny the appeal. Motion failed 2-3.")
    assert (d.outcome, d.mover, d.seconder, d.votes) == ("failed", "Smith", "Jones", {"ayes": 2, "noes": 3})


def test_uk_resolved_and_canadian_carried():
    text = ("RESOLVED: That the report be noted.\n\n"
            "Moved by Councillor Piper\nSeconded by Councillor Furfaro\n\nThat Council adopt the budget.\nCARRIED\n")
    first, second = _decisions(text)
    assert first.outcome == "noted"
    assert (second.outcome, second.mover, second.seconder) == ("carried", "Piper", "Furfaro")


def test_consensus_and_deferral():
    (agreed,) = _decisions("After discussion it was unanimously agreed that the grant be awarded.")
    assert agreed.outcome in ("carried", "approved")
    (deferred,) = _decisions("Cllr Mrs Hull proposed that the item be deferred to the next meeting, seconded by Cllr Hand. Carried.")
    assert deferred.outcome == "deferred" and deferred.mover == "Hull" and deferred.seconder == "Hand"


def test_agenda_motion_without_record_is_not_a_decision():
    assert _decisions("3. Motion to excuse absent Board Members.\n4. Approval of the Minutes.\n") == []


@pytest.mark.parametrize("words, outcome", [
    ("The motion was lost.", "failed"), ("Amendment carried as amended.", "amended"), ("Motion to table the item carried.", "deferred"),
    ("RESOLVED: That the Board approves the scheme.", "approved")])
def test_outcome_words(words, outcome):
    assert classify_outcome(words) == outcome


@pytest.mark.parametrize("header, date", [
    ("CITY OF EXAMPLE\nCITY COUNCIL\nREGULAR MEETING MINUTES\nTuesday, March 4, 2025 6:00 p.m.\n", "2025-03-04"),  # US
    ("Minutes of the meeting of Example Parish Council held on 4th March 2025 at 7.30pm\n", "2025-03-04"),  # UK
    ("Example Shire Council\nOrdinary Council Meeting\nDate: 2025-03-04\n", "2025-03-04"),  # ISO / Australian
    ("# Town of Example Monthly Meeting November 16,2020\n", "2020-11-16"),  # no space after the comma
    ("Minutes of Example City Council\nHeld in the Council Chambers on\nMonday, March 3, 2025 at 5:30 p.m.\n"
     "Approval of the minutes of the meeting held on February 10, 2025.\n", "2025-03-03"),  # Canadian, previous meeting later
    # a PDF's spaced superscript; the body's name before the date on its line dates this meeting, not the earlier
    # minutes the first item speaks of, nor a minute number "19.09.03" that reads as a date
    ("Example Parish Council   -  3  rd   September 2019\n\n Present\nCouncillors A Smith (Chair), B Jones\n\n"
     "19.09.01  Apologies\nNone\n\n19.09.03  Minutes\nThe minutes of the meeting held on the 2nd July 2019 had been "
     "circulated prior to this meeting.\n", "2019-09-03"),
    # the legal form, with a later date (a second reading) in the text below
    ("CITY OF EXAMPLE OFFICIAL MINUTES A REGULAR MEETING OF THE COUNCIL WAS HELD THIS 12TH DAY OF JANUARY, 2011 AT 9:30 A.M.\n"
     "41 Amend the code (Ordinance) PASSED TO SECOND READING JANUARY 19, 2011 AT 9:30 AM\n", "2011-01-12"),
])
def test_meeting_date_in_several_styles(header, date):
    assert read_header(header).date == date


def test_previous_and_next_meeting_dates_are_not_the_meeting():
    head = ("Minutes approved at the meeting of 12 June 2024\nNext meeting: 9 September 2024\n"
            "EXAMPLE TOWN COUNCIL\nMinutes of the meeting held on Monday 8 July 2024 at 7pm\n")
    assert read_header(head).date == "2024-07-08"
    # an agenda's item approving earlier minutes, their date on a line of its own under it
    agenda = ("Regular Meeting of the Board of Trustees\nExample Community College District\nThursday, September 26, 2019\n"
              "1:30 p.m.\n\nAGENDA\n\nI. ROLL CALL\n\nII. APPROVAL OF THE MINUTES\n  June 25, 2019\n")
    assert read_header(agenda).date == "2019-09-26"
    revised = "CITY OF EXAMPLE\nREVISED AGENDA\nMonday, March 4, 2024\n6:00 p.m.\nPacket prepared February 28, 2024\n"
    assert read_header(revised).date == "2024-03-04"  # a revised agenda's own date, under "REVISED AGENDA"


def test_body_type_and_place():
    header = read_header("CITY OF EXAMPLE\nCITY COUNCIL\nSPECIAL MEETING MINUTES\nTuesday, March 4, 2025\nLocation: City Hall, Council Chambers\n")
    assert header.body == "City of Example City Council"
    assert header.meeting_type == "special"
    assert header.place == "City Hall, Council Chambers"
    # a page label printed above the title is no part of the body's name
    assert read_header("Page 1\nRegular Council -\nPublic Hearing Minutes\nCity Hall\nMONDAY, JANUARY 15, 2024\n").body == "Council"


def test_transcript_turns_and_speakers():
    turns = [f"[0:0{i % 10}:00] {name}: {text}" for i, (name, text) in enumerate([
        ("Chair Lewis", "We always start our meeting with the Pledge of Allegiance."),
        ("Clerk", "Roll call shows five members present."),
        ("Chair Lewis", "That brings us to item 5, which is the general consent agenda. " + "It has many parts. " * 20),
        ("Member Ortiz", "I move approval of the consent agenda."),
        ("Chair Lewis", "All in favour? The motion passes 5-0."),
        ("Chair Lewis", "The next item on our agenda is the budget update. " + "The figures are below target. " * 20),
        ("Finance Director", "Revenue is down two percent."),
        ("Member Ortiz", "Thank you for the report."),
    ])]
    text = "\n".join(turns)
    assert is_transcript(text)
    sections = transcript_sections(text)
    titles = [t for _, t in sections]
    assert titles[0].startswith("Pledge of Allegiance") and "General consent agenda" in titles and "Budget update" in titles
    budget = next(s for s, t in sections if t == "Budget update")
    assert speakers_in(text, budget, len(text)) == ["Chair Lewis", "Finance Director", "Member Ortiz"]
    assert not is_transcript("RESOLVED: That the report be noted.\nAYES: Smith, Jones\nNOES: None\n" * 3)
    # a Markdown transcript prints each speaker in bold ("**Alan Stone:** [00:04:00] ...")
    bold = "\n\n".join(f"**{t.split('] ', 1)[1].replace(': ', ':** ', 1)}" for t in turns)
    assert is_transcript(bold) and "Budget update" in [t for _, t in transcript_sections(bold)]
    assert speakers_in(bold, 0, len(bold))[:2] == ["Chair Lewis", "Clerk"]
    outside = bold.replace(":** ", "**: ")  # the colon after the bold name
    assert speakers_in(outside, 0, len(outside))[:2] == ["Chair Lewis", "Clerk"]


def test_a_slash_between_two_headings_is_not_a_mover_and_seconder():
    from index.decisions import find_decisions

    text = "Risks/Opportunities\nThe risks are set out in the report and were discussed.\n"
    assert find_decisions(text, 0, len(text)) == []
    moved = "That the report be received.\nCouncillor Kerr/Councillor Lawson\nCARRIED\n"
    [d] = find_decisions(moved, 0, len(moved))
    assert (d.mover, d.seconder, d.outcome) == ("Kerr", "Lawson", "carried")


def test_abstentions_are_counted_under_their_own_label():
    from index.decisions import find_decisions

    text = ("Moved by Councillor Hale, seconded by Councillor Ford, that the budget be approved.\n"
            "For: Hale, Ford, Marsh\nAgainst: Owen\nAbstentions: Pike\nThe motion was carried.\n")
    [d] = find_decisions(text, 0, len(text))
    assert d.votes.get("abstain") == 1 and d.names.get("abstain") == ["Pike"]
    assert d.votes.get("ayes") == 3 and d.votes.get("noes") == 1


def test_an_outcome_after_the_motion_on_the_same_line():
    from index.decisions import find_decisions

    text = "Motion by Trustee Ruiz to buy a new mower. Second by Trustee Lind. Defeated 2-3. Next the board heard a report.\n"
    [d] = find_decisions(text, 0, len(text))
    assert d.outcome == "failed" and d.votes.get("ayes") == 2 and d.votes.get("noes") == 3


def test_the_authority_printed_above_a_body_name_says_whose_board_it_is():
    head = ("San Juan Unified School District\nBoard of Education\n3738 Walnut Avenue, Carmichael, California 95608\n\n"
            "Board of Education Minutes\nSeptember 12, 2023\n")
    assert read_header(head).body == "San Juan Unified School District Board of Education"
    # a body that already says whose keeps its own name
    head = "CITY OF EXAMPLE\nCity of Example Planning Commission\nMarch 4, 2025\n"
    assert read_header(head).body == "City of Example Planning Commission"


def test_the_authority_may_stand_lines_above_and_the_meetings_own_words_are_no_part_of_the_name():
    head = "City of Boston\nMayor Michelle Wu\nLicensing Board\nCommissioners:\nVoting Hearing Agenda\nOctober 6, 2022\n"
    assert read_header(head).body == "City of Boston Licensing Board"
    head = "SAN JUAN WATER DISTRICT\nBoard of Director’s Special Board Meeting Minutes\nJanuary 12, 2022 – 6:00 p.m.\n"
    assert read_header(head).body == "San Juan Water District Board of Directors"
    # a body word repeated inside a name is kept: only the one between a meeting's kind and "Meeting" goes
    assert read_header("Board of Trustees of the Police Pension Board\nMarch 3, 2024\n").body.endswith("Pension Board")
    assert read_header("Board of Trustees of the Police Pension Board Meeting Minutes\nMarch 3, 2024\n").body.endswith("Pension Board")


def test_a_body_name_broken_across_header_lines_is_read_whole():
    head = "MINUTES OF PROCEEDINGS AT MEETING OF LIMERICK CITY AND\nCOUNTY\nCOUNCIL\nHELD ON 28th SEPTEMBER, 2015\n"
    assert read_header(head).body == "Limerick City and County Council"
    head = "BOARD OF WATER AND POWER\nCOMMISSIONERS\nREGULAR MEETING AGENDA\nTuesday, January 25, 2022, at 10:00 A.M.\n"
    assert read_header(head).body == "Board of Water and Power Commissioners"


def test_a_scanned_header_with_its_name_and_date_broken_over_lines_is_read_whole():
    """OCR reads a superscript "th" as "™" or a quote mark; a narrow column breaks the body's name inside its words
    and the date over lines, one word a line; the previous meeting's date in the first item dates nothing."""
    adoption = "\n1. Adoption of Minutes\n(a) Special Meeting of the Municipal District held on 8 January, 2015.\n"
    scanned = ("MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL\nDISTRICT OF EXAMPLE-KILBRIDE HELD IN THE PASTORAL\n"
               "CENTRE, EXAMPLE, ON THURSDAY,\n19™ FEBRUARY, 2015 AT 3.00PM.\n\nPRESENT IN THE CHAIR: Councillor A. Byrne.\n")
    header = read_header(scanned + adoption)
    assert (header.body, header.date) == ("Municipal District of Example-Kilbride", "2015-02-19")
    narrow = ("MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT\n\nOF EXAMPLE WEST HELD IN THE CIVIC OFFICES,\n\n"
              "ON\n\nWEDNESDAY,\n\n4TH\n\nFebruary,\n\n2015,\n\nAT\n\n10.00AM.\n\nPRESENT IN THE CHAIR: Councillor B. Walsh.\n"
              "\n1. Adoption of Minutes\nCirculated, copy of draft Minutes of the Meeting held\non 7th January, 2015.\n")
    header = read_header(narrow)
    assert (header.body, header.date) == ("Municipal District of Example West", "2015-02-04")
    assert read_header('CENTRE, ON THURSDAY, 15” JANUARY,\n2015, AT 3.30PM.\n' + adoption).date == "2015-01-15"
    # a date's parts on lines that are not short stay apart: the year below belongs to a sentence of its own, and a
    # short line after a long one is not the rest of the date
    assert read_header("Meeting of the Example Board on 3 March\nThe board members reviewed the budget figures at length and"
                       " adopted them.\n2024\n").date is None
    assert read_header("Meeting of the Example Board on 3 March\n2025 budget figures were reviewed at length by the board members.\n"
                       ).date is None


def test_a_body_name_is_read_past_field_labels_meeting_numbers_people_and_sibling_bodies():
    # Markdown front matter: the field's label and the meeting's number are not the body's name
    head = "---\ntitle: The 5th Meeting of the Planning and Environment Committee\ndate: 2025-03-18\n---\nMarch 18, 2025, at 1:00 PM\n"
    assert read_header(head).body == "Planning and Environment Committee"
    # a person's line in the attendance list names another body, not the one that met
    head = ("BOARD MEETING\nDate: Wednesday 27 March 2019\nMembers: Kevin Atkinson (Chair)\nIn Attendance: Kevin Snee\n"
            "John Gommans and Jules Arthur, Co-Chairs of Clinical Council\n")
    assert read_header(head).body == "Board"
    # two bodies meeting jointly are two names, both kept
    head = ("Joint Annual Meetings of\nNorthern California Energy Authority\nNorthern California Gas Authority Number 1\n"
            "April 17, 2025\n")
    assert read_header(head).body == "Northern California Energy Authority and Northern California Gas Authority"


def test_a_whole_body_name_is_not_run_on_into_the_meetings_name_below_it():
    head = ("     KENT COUNTY COUNCIL\n\n\nCOUNTY COUNCIL\n\n\nMINUTES of a meeting of the County Council held in the Council "
            "Chamber,\nSessions House, County Hall, Maidstone on Thursday, 9 January 2025.\n")
    assert read_header(head).body == "Kent County Council"
    head = ("Recess Meeting May 5, 2020\n(Budget Work Session)\nA recess meeting of the Nash County Board of Commissioners was "
            "held at 9:00\nAM, May 5, 2020 in the Commissioners' Room.\n")
    assert read_header(head).body == "Nash County Board of Commissioners"


def test_a_body_name_is_read_past_document_words_and_venue_fields():
    head = ("ORDINARY COUNCIL MEETING MINUTES\n\n11 JUNE 2019\n\n  MINUTES OF WAIROA DISTRICT COUNCIL\n\nORDINARY COUNCIL MEETING\n\n"
            "ON TUESDAY, 11 JUNE 2019 AT 1.35PM\n")
    assert read_header(head).body == "Wairoa District Council"  # not "Minutes of ...", nor "... Council Council"
    assert read_header("SUMMARY OF DES MOINES CITY COUNCIL\nFebruary 22, 1999\n").body == "Des Moines City Council"
    # the venue field may name another body's building: the meeting is not that body's
    head = ("Extraordinary Meeting of Council\nMeeting Date:\nFriday\n8 February 2019\nVenue\nCouncil\nChambers\n"
            "Hawke's Bay Regional Council\n159 Dalton Street\nNapier\nPresent\nDeputy Mayor White\n")
    assert read_header(head).body == "Council"
    # a sentence above a bare "Board" does not name it
    assert read_header("Matters raised with the Clerk\nBoard\n14 July 2025\n").body == "Board"


def test_a_body_name_is_not_run_into_the_room_below_and_may_be_read_from_a_sentence_about_its_meetings():
    head = "PARKS AND RECREATION BOARD\nCity Council Chambers\n275 E. Olive Ave.\nNOVEMBER 10, 2022\n06:00 P.M.\n"
    assert read_header(head).body == "Parks and Recreation Board"  # not "... Board City Council"
    head = ("August 24, 2020\nZoom Meeting - click the following link to join:\n2:00 pm\n     AGENDA\nGENERAL INFORMATION\n"
            "The Napa County Commission on Aging regularly meets the fourth Monday of each\nmonth at 2:00 p.m.\n")
    assert read_header(head).body == "Napa County Commission on Aging"
    head = "NOTICE OF SPECIAL MEETING OF THE\nCONDUIT FINANCING COMMITTEE MEMBERS OF THE ILLINOIS FINANCE AUTHORITY\n"
    assert read_header(head).body == "Conduit Financing Committee of Illinois Finance Authority"


def test_a_city_council_takes_its_city_from_the_street_address_in_the_header():
    head = "Tuesday, May 17, 2022\nCITY HALL\n1666 N. MAIN STREET, WALNUT CREEK\n\nCITY COUNCIL REGULAR MEETING AT 6:00 PM\n"
    assert read_header(head).body == "Walnut Creek City Council"
    head = "BOARD MEETING\nVenue: DHB Administration Building\n24 Omahu Road, Hastings\n"
    assert read_header(head).body == "Board"  # a board may meet in a town that is not its name: only a city's council takes it


def test_a_date_alone_under_the_title_dates_the_meeting_and_a_joining_list_above_the_title_does_not_hide_it():
    head = ("City of Boston\nLicensing Board\nVoting Hearing Agenda\nOctober 6, 2022\n(All Commissioners Present)\n"
            "Licensed Premise Inspection Hearing on Tuesday, October 4, 2022\n1. The Next Place, LLC\n")
    assert read_header(head).date == "2022-10-06"  # the hearing of the 4th is what this meeting votes on
    joining = ("How to Watch or Listen to the Library Commission Meeting\n" + "Please watch in one of these ways:\n" * 30
               + "1. Listen on your cell phone via Zoom\n2. Watch via the Internet\n\nLIBRARY COMMISSION\n"
               "Thursday September 3, 2020\n5:00 p.m.\n\nAGENDA\n\n1. Call to Order\n")
    assert read_header(joining, joining.index("1. Listen")).date == "2020-09-03"


def test_a_resolution_whose_wording_is_printed_after_its_result_holds_that_wording():
    text = ("8.9\n\nFEES AND CHARGES 2019-20\n\nRESOLUTION  2019/26\n\nMoved:\nSeconded:  Cr Charles Lambert\n\nCr Michael Bird\n\n"
            "CARRIED\n\nThat Council adopts the fees and charges schedule attached as Appendix 1, prices to be effective\n"
            "from 1 July 2019.\n\n8.10\n\nLIBRARY POLICY\n\nThe Library Policy was presented.\n")
    decisions = find_decisions(text, 0, len(text))
    assert len(decisions) == 1
    d = decisions[0]
    assert "That Council adopts the fees and charges" in text[d.start:d.end]
    assert "LIBRARY POLICY" not in text[d.start:d.end]
    assert d.outcome == "carried"


def test_a_result_under_its_own_wording_does_not_take_the_next_motion():
    text = ("The report be received.\nCARRIED\n\nThat Council adopts the revised fees schedule for 2019.\nLOST\n")
    decisions = find_decisions(text, 0, len(text))
    assert [d.outcome for d in decisions] == ["carried", "failed"]


def test_an_outcome_after_a_dash_and_a_motion_moved_to_do_something_are_decisions():
    text = ("Consent Calendar Approved (G-1/G-6)\n"
            "Purchase orders and service agreements and change orders – approved as submitted.\n\n"
            "Trustee Davis moved to submit a letter of opposition to AB 84 on behalf of the Board;\n"
            "Trustee Lefkovitz seconded. The motion carried 7-0.\n\n"
            "The item was moved to the next meeting.\n")
    decisions = find_decisions(text, 0, len(text))
    spans = [text[d.start:d.end] for d in decisions]
    assert any("approved as submitted" in s for s in spans)
    assert any("moved to submit a letter" in s for s in spans)
    assert not any("moved to the next meeting" in s for s in spans)


def test_a_formal_resolution_that_something_be_and_is_hereby_made_is_a_decision():
    text = ("Litter Management Plan 2015-2018\n\nCirculated, copy of the draft Plan.\n\n"
            "On the proposal of Councillor Sheahan, seconded by Councillor Ryan, it was:\n\n"
            "“That the Litter Management Plan 2015-2018 be and is hereby made.”\n")
    spans = [text[d.start:d.end] for d in find_decisions(text, 0, len(text))]
    assert any("be and is hereby made" in s for s in spans)


def test_a_note_between_a_result_and_its_wording_printed_after_it_is_part_of_the_decision():
    text = ("8.12\n\nADOPTION OF THE ANNUAL PLAN 2019/20\n\nRESOLUTION  2019/27\n\nMoved:\nSeconded:  Cr Michael Bird\n\n"
            "Cr Jeremy Harker\n\nCARRIED\n\nCouncil notes the changes in capital subsidies did not impact its financial strategy.\n\n"
            "That Council adopts the Annual Plan 2019/20 attached as Appendix 1.\n\n8.13\n\nORDER OF NAMES\n")
    d = find_decisions(text, 0, len(text))[0]
    assert "That Council adopts the Annual Plan" in text[d.start:d.end] and "ORDER OF NAMES" not in text[d.start:d.end]


def test_a_hearings_findings_on_their_own_lines_are_decisions():
    text = ("1. The Next Place, LLC\nNotice: Assault and battery patron on staff in violation of M.G.L. ch. 138 s. 64.\nNo Violation\n"
            "______\n2. Tremont Restaurant Corporation\nNotice: Affray in violation of M.G.L. ch. 138 s. 64.\nViolation - Written Warning\n"
            "______\n3. Change of Manager of Record to Kui Sun. Hours of operation 9:00 AM - 9:00 PM. Granted\n")
    found = find_decisions(text, 0, len(text))
    assert [d.outcome for d in found] == ["carried", "carried", "approved"]
    assert text[found[1].start:found[1].end].endswith("Violation - Written Warning")  # the rule line under it is no part of it


def test_an_agreement_opening_its_sentence_says_what_was_agreed_and_takes_nothing_above_it():
    text = ("7.1 The Grounds Maintenance contract with CGM was discussed. It was agreed to continue with CGM for the 2015 season.\n\n"
            "7.2 That the minutes be adopted as published. Carried.\n")
    found = find_decisions(text, 0, len(text))
    assert text[found[0].start:found[0].end] == "It was agreed to continue with CGM for the 2015 season."
    assert text[found[1].start:found[1].end].startswith("7.2 That the minutes be adopted")  # a bare result takes its paragraph


def test_a_nomination_seconded_is_a_motion_and_its_vote_may_stand_a_blank_line_below_the_result():
    text = ("Trustee Keefer nominated Mariana Corona Sabeniano to serve as Board President for\nthe 2025-2026 term; second by "
            "Trustee Davis. There were no additional nominations.\n\nFinal Resolution: Motion Carried\n\n"
            "Yes: Lefkovitz, Keefer, Fong, Davis, Corona Sabeniano, Caigoy, Brown\n\n\n\nTrustee Corona Sabeniano was elected.\n")
    found = find_decisions(text, 0, len(text))
    assert len(found) == 1 and text[found[0].start:].startswith("Trustee Keefer nominated")
    assert found[0].votes.get("ayes") == 7 and found[0].outcome == "carried"
    bracketed = ("It was moved by Ms. Kravchuk, seconded by Mr. Avey, that the minutes be approved.\nMOTION CARRIED UNANIMOUSLY "
                 "[AYES: Creason, Costa, Hernandez, Avey, Villescaz, Kravchuk; NOES: None;\nABSTAIN: None].\n")
    assert find_decisions(bracketed, 0, len(bracketed))[0].votes == {"ayes": 6, "noes": 0, "abstain": 0}


def test_a_motion_in_quoted_lines_keeps_its_wording_and_a_proposed_by_law_is_no_motion():
    text = ("> Moved by E. Peloza\n\n> Seconded by S. Hillier\n\nThat the following actions be taken with respect to the "
            "application relating to the property located at 50 Rollingwood Circle:\n\nb)    the proposed by-law as appended to the "
            "staff report BE INTRODUCED at the Municipal Council meeting;\n\n> |Yeas:|\n> |S. Lewis|\n\n> **Motion Passed (5 to 0)**\n\n"
            "That it BE NOTED that no pecuniary interests were disclosed.\n")
    found = find_decisions(text, 0, len(text))
    assert len(found) == 2
    first = text[found[0].start:found[0].end]
    assert "50 Rollingwood Circle" in first and first.endswith("**Motion Passed (5 to 0)**")  # one motion, by-law and all
    assert found[1].outcome == "noted" and "no pecuniary interests" in text[found[1].start:found[1].end]


def test_lookalikes_of_this_rounds_rules_are_left_alone():
    # a wrapped line ending on "acknowledged", a violation named in a resolution, a note after a blank line
    assert find_decisions("The Chair acknowledged\nthe work of the volunteers over the year.\n", 0, 60) == []
    text = "RESOLVED: That the report on the alleged violation of the Code of Conduct be noted.\n"
    assert [d.outcome for d in find_decisions(text, 0, len(text))] == ["noted"]
    text = "The report was received.\nCARRIED\n\nFor information - the library will close on Monday.\n"
    assert "library" not in text[find_decisions(text, 0, len(text))[0].start:find_decisions(text, 0, len(text))[0].end]
    # a doubled place name, a committee's line with a comma, a street address followed by a room
    assert read_header("WALLA WALLA CITY COUNCIL\nRegular Meeting\nMarch 4, 2025\n").body == "Walla Walla City Council"
    assert read_header("Personnel Committee, Executive Session\nMarch 4, 2025\n").body == "Personnel Committee"
    assert read_header("CITY COUNCIL REGULAR MEETING\nMarch 4, 2025\n100 N. Main Street, Council Chambers\n").body == "City Council"
    # a council over its own committee is not a joint meeting
    assert read_header("WILTSHIRE COUNCIL\nWILTSHIRE PENSION FUND COMMITTEE\nMarch 4, 2025\n").body == "Wiltshire Council Wiltshire Pension Fund Committee"
