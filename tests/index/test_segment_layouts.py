"""General segmenter on small synthetic layouts: how vote blocks, numbering and heading stacks are read."""
from __future__ import annotations

from tests.index.segment_helpers import filed as _filed, items_of as _items, numbered as _numbered


def test_vote_result_line_stays_with_the_item_above_and_is_no_section():
    text = ("PLANNING COMMISSION\nREGULAR MEETING MINUTES\nJanuary 27, 2020\n\n"
            "1. CALL TO ORDER\n\nThe meeting was called to order by the Chair at 7:07 p.m.\n\n"
            "2. APPROVAL OF THE AGENDA\n\nRESULT: APPROVED [UNANIMOUS]\nMOTION BY: Smith\nSECOND: Jones\n"
            "AYES: Smith, Jones, Brown\n\n3. PUBLIC COMMENT\n\nOne member of the public spoke about parking.\n\n"
            "4. ADJOURNMENT\n\nThe meeting was adjourned at 7:48 p.m.\n")
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "3", "4"]
    assert "MOTION BY: Smith" in text[items[1].start:items[1].end]
    assert all(it.section is None for it in items)


_MINUTES = {1: "Prayer", 2: "Apologies", 3: "Seal Register", 4: "Conflicts of Interest", 5: "Confirmation of Minutes",
            6: "Naming of the new arterial link", 7: "Petition about the park", 8: "Parking Controls"}


def _minute(n: int) -> str:
    return f"{n}.         {_MINUTES[n]}\nCouncillor Smith/Councillor Jones\nThat the report titled {_MINUTES[n]} be received.\nCARRIED\n"


def test_items_are_read_where_their_minutes_are_not_in_the_table_of_contents():
    contents = "".join(f"{n}.         {_MINUTES[n]}  {1 + n // 3}\n" for n in (1, 2, 3, 4, 5, 7, 6, 8))
    text = ("Minutes of Council Meeting - 31 January 2019\nTable of Contents\nItem   Page No.\n" + contents
            + "Present: the Mayor and all councillors.\n" + "".join(_minute(n) for n in (1, 2, 3, 4, 5, 7, 6, 8)))
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "3", "4", "5", "7", "6", "8"]
    body = text.index("Present:")
    assert all(it.start > body for it in items)
    assert all("CARRIED" in text[it.start:it.end] for it in items)


def test_item_taken_out_of_order_is_kept():
    text = "Minutes of Council Meeting - 31 January 2019\n\n" + "".join(_minute(n) for n in (1, 2, 3, 4, 5, 7, 6, 8))
    assert [it.number for it in _items(text)] == ["1", "2", "3", "4", "5", "7", "6", "8"]


def test_item_code_only_listed_before_it_is_printed_with_its_text_is_no_item():
    text = ("MINUTES OF THE CITY COUNCIL\nMonday, March 31, 2014\n\n"
            "CALL TO ORDER\n\nThe Mayor called the meeting to order and welcomed the members present.\n\n"
            "COUNCIL CONSENT AGENDA\n\nThe following items were extracted:\n\n"
            "CON-2014.20 APPROVAL OF THE MUNICIPAL HOME\n\n"
            "BALANCE OF CONSENT ITEMS\n\nMoved by Councillor Kovach, seconded by Councillor Guthrie, that the balance be adopted.\n\n"
            "CON-2014.18 ANNUAL ASPHALT CONTRACT\n\nThat the tender of the lowest bidder be accepted for the asphalt contract.\n\n"
            "CON-2014.20 APPROVAL OF THE MUNICIPAL HOME\n\nThe chief executive of the home explained the plan to the council.\n\n"
            "ADJOURNMENT\n\nThe meeting adjourned at 8:06 p.m. on the motion of Councillor Furfaro.\n")
    items = _items(text)
    assert [it.number for it in items].count("CON-2014.20") == 1
    listed = text.index("CON-2014.20")
    assert any(it.start < listed < it.end and it.title == "COUNCIL CONSENT AGENDA" for it in items)


def test_minutes_run_together_on_one_line_are_each_an_item():
    text = ("WEST PARISH COUNCIL\nMinutes of the meeting held on 1 June 2017\n\n"
            "70/17 Apologies for absence Apologies had been received from one member. 71/17 Declaration of Interest "
            "No declarations were made. 72/17 Use of social media No one present was recording the meeting.\n\n"
            "73/17 Minutes of the last meeting\nThe minutes were approved and signed.\n\n"
            "74/17 Matters Arising\nThere were none.\n")
    assert [it.number for it in _items(text)] == ["70/17", "71/17", "72/17", "73/17", "74/17"]


def test_decided_sub_bullets_under_a_business_bullet_are_items():
    text = ("Neighbourhood Commission\nMinutes from Monday, January 29, 2018\n"
            "• Meeting called to order at 9:08am – A. Smith (motion), B. Jones (second)\n"
            "• Minutes from the last meeting approved\n"
            "• Updates\no Holiday decorations were taken down and stored\no Street works are under way\n"
            "• New Business\no APPROVED – 2018 Meetings Calendar\n"
            "o APPROVED – Revised 2018 budget – A. Smith (motion), B. Jones (second)\n▪ New funding for banners\n"
            "o C. Brown led the Commission in part three of its strategic planning\n▪ Four sites were presented\n"
            "• Announcements\no Next meeting on 15 February\n• Meeting adjourned at 11:25am\n")
    items = _items(text)
    titles = [it.title for it in items]
    assert titles[3:6] == ["2018 Meetings Calendar", "Revised 2018 budget",
                           "C. Brown led the Commission in part three of its strategic planning"]
    assert all(it.section == "New Business" for it in items[3:6]) and "Updates" in titles


def test_parent_whose_sub_items_restart_under_headings_stays_an_item():
    text = ("BOARD OF HEALTH\nREGULAR MEETING AGENDA\nApril 24, 2019\n\n1. Call to Order.\n\n2. Roll Call.\n\n"
            "3. Approval of Resolutions:\n\nREGULAR ACTIONS OF THE BOARD:\n\n"
            "A. RESOLUTION (2019-37) Accept the school travel grant.\n\nB. RESOLUTION (2019-38) Authorize the beach monitoring contract.\n\n"
            "FIRST READING:\n\nA. RESOLUTION (2019-46) Approval to amend the clinic fee schedule.\n\n"
            "4. Public Comments.\n\n5. Motion to adjourn the meeting.\n")
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "3", "A", "B", "A", "4", "5"]
    assert items[3].section == "3. Approval of Resolutions"


def test_item_filed_under_its_own_number_is_an_item_though_its_title_reads_as_a_sentence():
    text = ("CITY COUNCIL\nCOUNCIL MEETING MINUTES\nFebruary 22, 1999\n\n" + _filed(1, "Approving the agenda.")
            + _filed(2, "Approving the minutes of the last meeting.") + _filed(3, "Approving a grant application.")
            + "99-504 4. On the amendment to the Current City Budget and the Budget Estimate for fiscal year\n"
            "ending June 30, 2000. Moved by Smith to receive and file. Motion Carried 6-1.\n"
            "99-505 5. On the determination that the structure at 14 Main Street constitutes a public\n"
            "nuisance. Moved by Jones to adopt. Motion Carried 7-0.\n" + _filed(6, "Approving a contract for paving.")
            + _filed(7, "Approving a consultant selection."))
    assert [it.number for it in _items(text)] == ["1", "2", "3", "4", "5", "6", "7"]


def test_parent_under_a_section_heading_that_only_groups_its_sub_items_is_no_item():
    text = ("CITY COUNCIL\nCOUNCIL MEETING MINUTES\nFebruary 22, 1999\n\n" + _filed(1, "Approving the agenda.")
            + _filed(2, "Approving the minutes of the last meeting.")
            + "PUBLIC IMPROVEMENTS\n3. Resolution Ordering Construction of the following:\n"
            "99-503 (A) Elm Street Sanitary Sewer Cleaning and Televising, Receiving of Bids. Moved by Smith to adopt.\n"
            "99-504 (B) Savage Ballfield Drainage Improvements, Receiving of Bids. Moved by Smith to adopt.\n"
            + _filed(4, "Approving a contract for paving.") + _filed(5, "Approving a consultant selection."))
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "A", "B", "4", "5"]
    assert "PUBLIC IMPROVEMENTS" in text[items[2].start:items[2].end]


def test_filed_sub_item_with_a_sentence_for_a_title_is_an_item():
    text = ("CITY COUNCIL\nCOUNCIL MEETING MINUTES\nFebruary 22, 1999\n\n" + _filed(1, "Approving the agenda.")
            + _filed(2, "Approving the minutes of the last meeting.")
            + "99-503 3. Amending Chapter 15 of the Municipal Code regarding signs in public cemeteries. Moved by Smith that\n"
            "this ordinance be considered and given first vote for passage, after the sign vendors were heard.\n"
            "Motion Carried 7-0.\n"
            "99-504 (A) Final consideration of ordinance above, (waiver requested by Legal Department),\n"
            "requires 6 votes. Moved by Smith that the rule be suspended. Motion Carried 7-0.\n"
            + _filed(4, "Approving a contract for paving.") + _filed(5, "Approving a consultant selection."))
    assert [it.number for it in _items(text)] == ["1", "2", "3", "A", "4", "5"]


def test_number_kept_in_sequence_without_business_is_no_item():
    text = ("CITY COUNCIL\nCOUNCIL MEETING MINUTES\nFebruary 22, 1999\n\n" + _filed(1, "Approving the agenda.")
            + _filed(2, "Approving the minutes of the last meeting.") + "99-503 3. NUMBER NOT USED.\n"
            + _filed(4, "Approving a contract for paving.") + _filed(5, "Approving a consultant selection."))
    assert [it.number for it in _items(text)] == ["1", "2", "4", "5"]


def test_title_case_heading_with_a_colon_between_numbered_items_is_an_item():
    text = ("STOKE PARISH COUNCIL\nMinutes of the meeting held on 10 July 2013\n\n"
            "1. Those Attending\n\nSix councillors and the clerk.\n\n"
            "2. Apologies for Absence\n\nApologies were received from two councillors.\n\n"
            "Police Matters:\n\nThe Chairman welcomed the PCSO. There had been one incident in the last four weeks, a fire "
            "in Bridge Road. A councillor asked why it took so long for the police to arrive at the scene when the fire "
            "service were there quite quickly. There being no further issues the PCSO left the meeting.\n\n"
            "3. Minutes of the Last Meeting\n\nThe minutes were approved and signed.\n\n"
            "4. Matters Arising\n\nNone.\n\n5. Correspondence\n\nA letter from the borough council was noted.\n")
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", None, "3", "4", "5"]
    assert items[2].title == "Police Matters"
    # "And Resolved:" joins a motion to its wording, however long the wording: no heading
    resolved = text.replace("Police Matters:", "Proposed by Councillor Daly;\n\nAnd Resolved:")
    assert [it.number for it in _items(resolved)] == ["1", "2", "3", "4", "5"]


def test_filed_items_numbered_again_from_one_after_the_run_are_items():
    text = ("CITY COUNCIL\nCOUNCIL MEETING MINUTES\nFebruary 22, 1999\n\n" + _filed(1, "Approving the agenda.")
            + _filed(2, "Approving the minutes of the last meeting.") + _filed(3, "Approving a grant application.")
            + _filed(4, "Approving a contract for paving.") + "\nEXTRA ITEMS\nThese extra items were filed late and included "
            "upon the amended agenda by the City Clerk.\n"
            "99-536 1. Setting Date of Hearing on the Urban Renewal Plan amendment. SPONSOR: Brown\n"
            "99-537 (A) Requesting approval for acquisition of a parcel in the business park. Moved by Smith to adopt.\n"
            "Motion Carried 5-2.\n")
    assert [it.number for it in _items(text)] == ["1", "2", "3", "4", "1", "A"]


def test_file_number_before_an_upper_case_title_files_an_unnumbered_item():
    text = ("CITY COUNCIL\nCOUNCIL MEETING MINUTES\nFebruary 22, 1999\n\n" + _filed(1, "Approving the agenda.")
            + _filed(2, "Approving the minutes of the last meeting.") + _filed(3, "Approving a grant application.")
            + _filed(4, "Approving a contract for paving.") + "99-538 MOTION TO ADJOURN.\n"
            "Moved by Smith to adjourn at 7:51 P.M. Motion Carried 7-0.\n")
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "3", "4", None]
    assert items[-1].title == "MOTION TO ADJOURN"


def _number_alone(number: str, title: str, body: str) -> str:
    """An item whose number was printed in a column of its own, extracted as a line of its own above the title."""
    return f"{number} \n\n{title} \n\n{body}\n\n"


def test_numbers_alone_on_their_line_title_the_items_below_them_and_page_numbers_do_not():
    # InfoCouncil-style PDF text: the item number in its own column, extracted as a line of its own; "8.1" reports
    # under item 8; the running header "11 JUNE 2019" and a page number under a page rule are neither item 11 nor 4
    item = _number_alone
    text = ("ORDINARY COUNCIL MEETING MINUTES \n\n11 JUNE 2019 \n\nMINUTES OF THE DISTRICT COUNCIL\n\n"
            + item("1", "KARAKIA", "Given by Cr M Bird.")
            + item("2", "APOLOGIES FOR ABSENCE", "None.")
            + "---\n4\n\n**Council workshops**\n\nWorkshop on Monday, 19th October.\n\n"
            + item("3", "MINUTES OF THE PREVIOUS MEETING", "Moved: Cr Bird\nSeconded: Cr Harker\nThat the minutes be confirmed.")
            + "ORDINARY COUNCIL MEETING MINUTES \n\n11 JUNE 2019 \n\n"
            + item("4", "GENERAL ITEMS", "")
            + item("4.1", "CEO REPORT (APRIL) 2019", "That Council receive the report.")
            + item("4.2", "LIBRARY POLICY", "That Council adopt the Library Policy.")
            + item("4.3", "FEES AND CHARGES 2019-20", "That Council adopt the fees and charges.")
            + item("5", "PUBLIC EXCLUDED ITEMS", "The meeting went into public excluded session."))
    items = _items(text)
    numbers = [it.number for it in items]
    assert numbers[:3] == ["1", "2", "3"]
    assert {"4.1", "4.2", "4.3", "5"} <= set(numbers)
    assert "11" not in numbers and numbers.count("4") <= 1
    assert [it.title for it in items][:2] == ["KARAKIA", "APOLOGIES FOR ABSENCE"]


def test_roman_numbers_alone_on_their_line_title_the_items_below_them():
    # a board's minutes as its publishing system prints them: "I." in one column, "Call to Order" in the next
    item = _number_alone
    text = ("BOARD OF DIRECTORS MEETING\nNovember 28, 2017 at 5:30 PM\n\n"
            + item("I.", "Call to Order", "Chair Hoy called the meeting to order at 5:30 p.m.")
            + item("II.", "Pledge of Allegiance", "Chair Hoy asked everyone to stand.")
            + item("III.", "Roll Call - Determination of Quorum", "Twelve directors were present.")
            + item("IV.", "Retiree Awards", "Three retirees were honoured for their service.")
            + item("V.", "Public Participation", "Two members of the public spoke about fares.")
            + item("VI.", "Adjourn", "The meeting adjourned at 8:02 p.m."))
    items = _items(text)
    assert [it.number for it in items] == ["I", "II", "III", "IV", "V", "VI"]
    assert [it.title for it in items][:2] == ["Call to Order", "Pledge of Allegiance"]


def test_items_numbered_again_from_one_under_each_section_heading_are_all_items():
    # each section numbers its items from one; a list inside an item, numbered from one with no heading above it, is
    # no item (one run by value took 1 and 2 from the consent agenda and 3 from the committee reports)
    text = ("CITY COUNCIL MEETING MINUTES\nDecember 10, 2018\n\nCALL TO ORDER AND ROLL CALL\nThe Mayor called the meeting "
            "to order at 7:00 p.m.\n\nUNFINISHED BUSINESS\n1. Review of Notice of Decision for a development permit\n"
            "Councilor Bahr moved to approve the notice. The motion passed 5-0.\n"
            "2. Continuation of the hearing on the tree ordinance\nThe hearing was continued to January.\n"
            "3. Resolution 259-2018: Fee Schedule\nThe resolution was adopted 5-0.\n\n"
            "CONSENT AGENDA\n1. Minutes from the November 14, 2018 City Council Meeting\n"
            "Councilor Tuttle moved to approve the minutes with one amendment:\n"
            "1. Note that there was an inconsistency in the duplex plans presented.\n"
            "2. Financials – November 2018\nThe financial report was accepted.\n\n"
            "COMMITTEE REPORTS\n1. Transportation\nThe committee met twice.\n2. Parks\nThe park clean-up is set for May.\n"
            "3. Giving\nDonations were received for the food bank.\n\nADJOURNMENT\nThe meeting adjourned at 9:02 p.m.\n")
    items = _items(text)
    titles = [it.title for it in items if it.number]
    assert titles == ["Review of Notice of Decision for a development permit", "Continuation of the hearing on the tree ordinance",
                      "Resolution 259-2018: Fee Schedule", "Minutes from the November 14, 2018 City Council Meeting",
                      "Financials – November 2018", "Transportation", "Parks", "Giving"], titles


def test_a_letter_heading_without_its_space_is_an_item_and_a_clock_time_is_not():
    text = ("CITY COUNCIL AGENDA\nMeeting: 6:00 PM\n1.30pm on Wednesday the Council will meet.\n\n"
            "CONSENT CALENDAR:\n\nA.Motion to Waive Full Reading\nRecommendation: Adopt a motion to waive reading.\n\n"
            "B.Approval of Minutes (Takaoka)\nRecommendation: Approve the Minutes of November 15, 2022.\n\n"
            "C.Registers of Demands (Mata)\nRecommendation: Adopt the resolution allowing claims.\n\n"
            "D.Consideration of the street lighting contract\nRecommendation: Award the contract.\n")
    items = _items(text)
    assert [it.number for it in items] == ["A", "B", "C", "D"]
    assert items[0].title.startswith("Motion to Waive")


def test_a_votes_label_between_items_records_a_decision_and_is_no_item():
    votes = ("Additional Votes:\n\n> Moved by S. Lewis\n> Seconded by P. Cuddy\n\n"
             + "Motion to open the public participation meeting. Yeas: (8): S. Lewis, P. Cuddy, S. Stevenson, "
               "J. Pribil, S. Trosow, A. Hopkins, C. Rahman and D. Ferreira. Motion Passed (8 to 0)\n\n" * 2)
    text = ("PLANNING AND ENVIRONMENT COMMITTEE REPORT\nMarch 18, 2025\n\n"
            "1. Disclosures of Pecuniary Interest\n\nThat it BE NOTED that no pecuniary interests were disclosed.\n\n"
            "2. 50 Rollingwood Circle (Z-25006)\n\nThat the application BE APPROVED.\n\n" + votes
            + "3. 2634 Barn Swallow Place (Z-25006)\n\nThat the application BE REFUSED.\n\n" + votes
            + "4. Adjournment\n\nThe meeting adjourned at 4:22 PM.\n")
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "3", "4"]
    assert "Additional Votes" in text[items[1].start:items[1].end]


def test_an_item_printed_at_the_top_of_a_page_is_found_after_its_form_feed():
    text = ("REGULAR MEETING AGENDA\nApril 17, 2025\n\n"
            "1.      Approval of the Agenda.\n\nComments from the public are welcome.\n\n"
            "2.      Approval of the minutes of the special meeting of December 12, 2024.\n\n"
            "\f3.      Review of activities and performance during the 2024 calendar year.\n\nPresenter: Pedro Juarez\n\n"
            "4.      Items not on the agenda.\n\nMembers of the public may address the Commission.\n")
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "3", "4"]
    assert items[2].title.startswith("Review of activities")


def test_numbers_alone_listed_in_the_agenda_and_again_over_their_minutes_stay_items():
    listing = "".join(f"{n} \n\n{t} \n\n" for n, t in (("8.1", "CEO REPORT"), ("8.2", "LIBRARY POLICY"), ("8.3", "FEES AND CHARGES")))
    body = "".join(f"{n} \n\n{t} \n\nThat Council receive the report on {t.lower()}.\n\n"
                   for n, t in (("8.1", "CEO REPORT"), ("8.2", "LIBRARY POLICY"), ("8.3", "FEES AND CHARGES")))
    text = "COUNCIL MINUTES\n11 JUNE 2019\n\nAGENDA\n\n" + listing + "MINUTES\n\n" + body
    items = _items(text)
    assert [it.number for it in items][-3:] == ["8.1", "8.2", "8.3"]
    assert "receive the report on fees" in text[items[-1].start:items[-1].end]


def test_resolutions_numbered_within_their_year_are_items_titled_by_their_wording():
    text = ("MINUTES\nTOWNSHIP OF EXAMPLE\nTuesday, September 15, 2020\n\n"
            "A regular meeting of the Township of Example Council was held on Tuesday, September 15, 2020.\n\n"
            "R2020-170 L. Andersen, J. Scott: That the minutes of the meeting held September 1, 2020 be adopted. Carried.\n\n"
            "R2020-171 T. Marchant, L. Moore: That we pass By-Law No. 2020-41, being a By-law to provide for fees.\n"
            "Read a first, second and third time and passed this 15th day of September, 2020. Carried.\n\n"
            "R2020-172 J. Scott, L. Andersen: That we accept the correspondence as presented. Carried.\n\n"
            "R2020-173 L. Moore, T. Marchant: That the meeting be adjourned at 8:15 p.m. Carried.\n")
    items = [i for i in _items(text) if i.kind != "preamble"]
    assert [i.number for i in items] == ["R2020-170", "R2020-171", "R2020-172", "R2020-173"]
    assert items[1].title.startswith("That we pass By-Law No. 2020-41")  # past the mover and seconder, and "No." ends nothing
    assert items[0].committee == "Township of Example Council"  # "A regular meeting of the ...": no article in the name
    # a result opening its own sentence closes the motion of its paragraph
    decision = items[1].decisions[0]
    assert decision.outcome == "carried" and "That we pass By-Law" in text[decision.start:decision.end]


def test_dates_and_year_ranges_opening_lines_are_not_resolution_numbers():
    text = ("MINUTES\n\n2024-02-13 Regular meeting of the board\n\n2024-03-12 Regular meeting of the board\n\n"
            "2024-04-09 Regular meeting of the board\n\n2024-25 Capital Programme\n\n2025-26 Capital Programme\n")
    assert not [i for i in _items(text) if i.number and i.number.startswith("20")]


def test_opening_business_in_capitals_before_the_numbered_items_is_items():
    text = ("PARKS AND RECREATION BOARD\nNOVEMBER 10, 2022\n\nFLAG SALUTE\n\nROLL CALL\n\nPUBLIC COMMENT\n\n"
            "Members of the public may speak on any item for up to three minutes each.\n\nTHE NEXT REGULAR MEETING IS LISTED BELOW\n\n"
            "1. DeBell Golf Course Annual Report\n\nStaff will present the report.\n\n2. Tennis Center Annual Report\n\nStaff will present it.\n\n"
            "3. Approval of Minutes\n\nThe minutes of October are attached.\n")
    items = _items(text)
    assert [(i.number, i.title) for i in items[:3]] == [(None, "FLAG SALUTE"), (None, "ROLL CALL"), (None, "PUBLIC COMMENT")]
    assert [i.number for i in items[3:]] == ["1", "2", "3"]  # a heading that is not opening business stays in the text
    # a line of the header's timetable ("PROCLAMATIONS - 4:00 P.M.") is not an item of its own
    timed = text.replace("FLAG SALUTE\n", "PROCLAMATIONS - 4:00 P.M.\n")
    assert [i.title for i in _items(timed)][:2] == ["ROLL CALL", "PUBLIC COMMENT"]


def test_closing_business_in_capitals_after_the_numbered_items_is_items_unless_an_item_already_closes():
    text = ("PARKS AND RECREATION BOARD\nNOVEMBER 10, 2022\n\n1. DeBell Golf Course Annual Report\n\nStaff will present it.\n\n"
            "2. Tennis Center Annual Report\n\nStaff will present it.\n\n3. Approval of Minutes\n\nThe minutes are attached.\n\n"
            "TABLED ITEMS\n\nNone at this time.\n\nADJOURNMENT\n\nThe meeting will adjourn to the next regular meeting.\n")
    assert _numbered(text)[3:] == [(None, "TABLED ITEMS"), (None, "ADJOURNMENT")]
    closed = text.replace("3. Approval of Minutes", "3. Adjournment")  # the agenda's own last item: a later heading is a paper's
    assert [i.title for i in _items(closed)][-2:] == ["Adjournment", "TABLED ITEMS"]


def test_item_codes_printed_after_their_titles_number_the_items():
    text = ("Board of Education Minutes\nSeptember 12, 2023\n\n"
            "Open Session/Call to Order (A)\nThe regular meeting was called to order by the president at 5:30 p.m.\n\n"
            "Visitor comments: Closed Session (A-1)\nThere were no closed session visitor comments at this meeting.\n\n"
            "Minutes Approved (D)\nIt was moved and seconded that the minutes of the August 22 meeting be approved.\n\n"
            "Consent Calendar Approved (G-1/G-6)\nIt was moved and seconded that consent items G-1 through G-6 be approved.\n\n"
            "Personnel (G-1)\nAppointments, leaves of absence and separations were approved as submitted.\n\n"
            "Gifts (G-4)\nAcceptance of a gift to the Family and Community Engagement office was approved.\n\n"
            "Denisha Bland spoke about Sacramento Area Youth Speaks (SAYS), and the grant it gives to schools.\n\n"
            "Adjournment (I)\nThe meeting was adjourned at 9:10 p.m. by the president of the board.\n")
    assert _numbered(text) == [
        ("A", "Open Session/Call to Order"), ("A-1", "Visitor comments: Closed Session"), ("D", "Minutes Approved"),
        ("G-1/G-6", "Consent Calendar Approved"), ("G-1", "Personnel"), ("G-4", "Gifts"), ("I", "Adjournment")]


def test_bold_table_cells_far_outnumbering_upper_case_headings_are_no_items():
    """A transcript whose motion prints its appointments as a table in bold: the upper-case lines are the items, the
    bold cells (position, councillor) are not."""
    from index.records import DocumentMeta, SourceText
    from index.segment import segment

    lines = ["COUNCIL OF THE CITY OF EXAMPLE", "Wednesday, November 6, 2013", "", "ROLL CALL", "The Clerk called the roll.", "",
             "INTRODUCTION OF GUESTS", "The Mayor welcomed the guests of members to the chamber.", "",
             "APPOINTMENT OF COMMITTEES", "Councillor Lee moved Motion No. 1, printed as follows:"]
    cells = [f"Standing Committee on Matter {n}" if n % 2 else f"Councillor Member{chr(65 + n)}" for n in range(16)]
    lines += [cell for cell in cells] + ["The motion was carried.", "", "ADJOURNMENT", "The meeting rose at 4:10 p.m."]
    text = "\n".join(lines) + "\n"
    styled = {text.index(cell) for cell in cells}
    items = [it for it in segment(SourceText(text, heading_offsets=styled), DocumentMeta()) if it.kind != "preamble"]
    assert [it.title for it in items] == ["ROLL CALL", "INTRODUCTION OF GUESTS", "APPOINTMENT OF COMMITTEES", "ADJOURNMENT"]


LABELLED = """Greenvale Community Council
MINUTES OF THE MEETING HELD IN THE VILLAGE HALL ON MONDAY 4th DECEMBER 2023 AT 19:00 HRS
Present: Chair: Mr A Brown: Secretary: Mr C Green
Apologies: Mrs S White
Declarations of Interest: Mr D Black – Foodbank
Minutes: The Minutes of the meeting held on Monday 6th November 2023 were agreed.
Police Matters: No questions but comment on disturbing police figures for the village
Treasurer’s Report ; The Christmas Lights Event raised a sum of £467.33 from drinks and a raffle.
Correspondence:
1.   The community council forum was held on 29th November in the Larick Centre and various projects were covered.
2.   Thanks to everyone who helped to make the Christmas Lights Night such a success, to the choir and to Santa.
3.   One complaint was received about the length of time taken to install the crossing by the tennis courts.
Planning:
1.   23/01561/NMV2 Erection of a two storey extension to the rear of 39 High Street requires planning permission.
Questions for the District Council :
1.   The loose kerbstone at Maitland Street near the church hall needs to be repaired as soon as possible.
2.   Can the flooding and dangerous trees at the south side of the common be looked into by the council.
3.   There is a large blue container that has been dumped at the car park for a long time, can it be removed.
"""


def test_points_numbered_again_under_title_case_labels_belong_to_the_labels_which_are_the_items():
    """"Correspondence:" / "1. ..." / "Planning:" / "1. ...": the lists restart under each label, so the labels are the
    items and the numbered lines their points; a run-in label ("Apologies: Mrs S White") holds its text on its line."""
    items = _items(LABELLED)
    titles = [it.title for it in items]
    assert titles == ["Apologies", "Declarations of Interest", "Minutes", "Police Matters", "Treasurer’s Report", "Correspondence",
                      "Planning", "Questions for the District Council"], titles
    questions = items[-1]
    assert "large blue container" in LABELLED[questions.start:questions.end]
    assert "Mrs S White" in LABELLED[items[0].start:items[0].end]


def test_points_numbered_once_under_labels_stay_items():
    """One numbered list after the labels, numbered through: its lines are the items as before."""
    text = LABELLED.split("Correspondence:")[0] + "".join(
        f"{n}.   {title}\nThe council discussed this at some length and agreed to return to it at the next meeting.\n"
        for n, title in enumerate(["Correspondence", "Planning", "Questions for the District Council", "Any other business"], 1))
    assert [it.number for it in _items(text)][-4:] == ["1", "2", "3", "4"]
