"""General segmenter on small synthetic layouts: sub-items under numbered items, however they are lettered or numbered
(lettered again under a heading, alone on their lines, lower-case roman, Legistar's file numbers, titles in capitals)
and a list printed in two columns that is no run of items."""
from __future__ import annotations

from tests.index.segment_helpers import filed as _filed, items_of as _items, numbered as _numbered


def test_lettered_sub_items_restarting_under_an_upper_case_heading_are_sub_items():
    text = ("BOARD OF HEALTH\nREGULAR MEETING AGENDA\nApril 24, 2019\n\n1. Call to Order.\n\n2. Roll Call.\n\n"
            "3. Approval of Resolutions:\n\nREGULAR ACTIONS OF THE BOARD:\n\n"
            "A. RESOLUTION (2019-37) Accept the school travel grant.\n\nB. RESOLUTION (2019-38) Authorize the beach monitoring contract.\n\n"
            "BOARD ORDERS OR REGULATIONS:\n\nA. RESOLUTION (2019-21) To grant a variance for a building sewer.\n\n"
            "B. RESOLUTION (2019-23) To grant a second variance for a building sewer.\n\n"
            "FIRST READING:\n\nA. RESOLUTION (2019-46) Approval to amend the clinic fee schedule.\n\n"
            "4. Public Comments.\n\n5. Motion to adjourn the meeting.\n")
    numbers = [it.number for it in _items(text)]
    assert numbers[-2:] == ["4", "5"]
    assert numbers.count("A") == 3 and numbers.count("B") == 2


def test_heading_with_lettered_sub_items_below_is_no_sentence_running_on():
    text = ("WEST PARISH COUNCIL\nMinutes of the meeting held on 1 June 2017\n\n"
            "83/17 Parish Assets\nThe bench by the pond has been repaired.\n\n"
            "84/17 Internal Affairs and Policies\nThe expenses policy was reviewed.\n\n"
            "85/17 To receive further reports/items of business for items at the next Parish Council meeting.\n\n"
            "a) members reported concerns about speeding through the village.\n\n"
            "86/17 Date of Next Meeting\nThursday 6th July.\n\n87/17 Open Forum\nNo members of the public spoke.\n")
    assert [it.number for it in _items(text)] == ["83/17", "84/17", "85/17", "86/17", "87/17"]


def test_lone_lettered_sub_item_filed_under_its_own_number_is_an_item():
    text = ("CITY COUNCIL\nCOUNCIL MEETING MINUTES\nFebruary 22, 1999\n\n" + _filed(1, "Approving the agenda.")
            + _filed(2, "Approving the minutes of the last meeting.")
            + "99-503 3. Approving recognised neighborhood status for the East Village. Moved by Jones to adopt,\n"
            "and recommend the neighborhood group work with the east side development board on the plan.\n"
            "Motion Carried 5-1-1. Nays: Brown. Pass: Green.\n"
            "99-504 (A) Communication from Neighborhood Revitalization Board. Moved by Jones to receive and file.\n"
            "Motion Carried 5-1-1.\n" + _filed(4, "Approving a contract for paving.") + _filed(5, "Approving a consultant selection."))
    assert [it.number for it in _items(text)] == ["1", "2", "3", "A", "4", "5"]


def test_lettered_sub_items_alone_on_their_lines_are_titled_by_the_next_line():
    text = ("MINUTES OF THE MEETING OF THE COUNCIL\nMonday, 28th September, 2015\n\n"
            "1.\n\nDisposal of Land\n\nThe disposal of land at the site was approved on the proposal of two members.\n\n"
            "2.\n\nFinance and ICT\n\nThe head of finance reported on the matters below, each circulated to the members with the agenda.\n\n"
            "(a)\n\nFixing of Date – Budget Meeting\n\nIt was agreed that the budget meeting be held on 23rd November.\n\n"
            "(b)\n\nLocal Property Tax\n\nThe report on the local adjustment factor was noted by the members.\n\n"
            "3.\n\nCorrespondence\n\nThe correspondence was noted by the members present at the meeting.\n")
    assert _numbered(text) == [
        ("1", "Disposal of Land"), ("2", "Finance and ICT"), ("a", "Fixing of Date – Budget Meeting"), ("b", "Local Property Tax"),
        ("3", "Correspondence")]


def test_lower_case_roman_sub_items_under_a_numbered_item_are_items():
    text = ("BOUGHTON PARISH COUNCIL\nMinutes of the Annual Parish Meeting held on 4th May 2012\n\n"
            "5. Chairman’s Report\n\nThe Chairman thanked the Vice Chairman and the Clerk for their support during the year.\n\n"
            "6. Councillors Reports\n\ni. Fen Report – M Pogmore\n\nOver 150 metres of boardwalk were installed on the fen walk this spring.\n\n"
            "ii. Highways – D Cooper\n\nThe potholes on the main road were reported to the county council in March.\n\n"
            "7. Financial Report\n\nThe accounts for the year were presented by the Clerk and approved by the members.\n")
    items = _items(text)
    assert [(i.number, i.title) for i in items] == [
        ("5", "Chairman’s Report"), ("i", "Fen Report – M Pogmore"), ("ii", "Highways – D Cooper"), ("7", "Financial Report")]
    assert items[1].section == items[2].section == "6. Councillors Reports"  # with no text of its own, item 6 groups them


LEGISTAR_AGENDA = (
    "CITY OF SEA VIEW\nCITY COUNCIL AGENDA\nTuesday, January 10, 2023\n\n"
    "VII. PROCLAMATIONS / PRESENTATIONS\n"
    "a) 23-0015 RECOGNIZING JUNIOR LIFEGUARDS FOR THEIR LIFESAVING EFFORTS\n"
    "b) 23-0018 ANNOUNCEMENT OF THE WINNER OF THE ANNUAL ART CONTEST\n"
    "VIII. CITY MANAGER REPORT\n"
    "The City Manager reports on the matters of the month and the work of the departments.\n\n"
    "IX. MUNICIPAL MATTERS\n"
    "a) REPORT\n23-0002\nAWARD OF PROFESSIONAL SERVICES AGREEMENTS FOR PLAN CHECKING\n"
    "(Public Works Director)\nRecommendation: Staff recommends City Council award two contracts.\n"
    "b) REPORT\n23-0008\nAPPROVAL OF SECOND AMENDMENT TO AN AGREEMENT WITH A PLANNING FIRM\n"
    "Recommendation: Staff recommends City Council approve the amendment.\n"
    "X. ADJOURNMENT\n")


def test_lower_case_lettered_sub_items_with_file_numbers_are_items_titled_past_the_number():
    numbered = _numbered(LEGISTAR_AGENDA)
    assert ("a", "RECOGNIZING JUNIOR LIFEGUARDS FOR THEIR LIFESAVING EFFORTS") in numbered
    assert ("b", "ANNOUNCEMENT OF THE WINNER OF THE ANNUAL ART CONTEST") in numbered
    # the Legistar report layout: the letter, a type label, the file number and the title each on a line of their own
    assert ("a", "AWARD OF PROFESSIONAL SERVICES AGREEMENTS FOR PLAN CHECKING") in numbered
    assert ("b", "APPROVAL OF SECOND AMENDMENT TO AN AGREEMENT WITH A PLANNING FIRM") in numbered
    assert [n for n, _ in numbered if n in ("VIII", "X")] == ["VIII", "X"]


def test_lower_case_lettered_lines_in_sentence_case_without_file_numbers_stay_in_their_item():
    bare = LEGISTAR_AGENDA.replace("23-0015 ", "").replace("23-0018 ", "").replace("REPORT\n23-0002\n", "").replace("REPORT\n23-0008\n", "")
    bare = bare.replace("a) RECOGNIZING JUNIOR LIFEGUARDS", "a) Recognizing junior lifeguards").replace(
        "b) ANNOUNCEMENT OF THE WINNER", "b) Announcement of the winner").replace(
        "a) AWARD OF PROFESSIONAL", "a) Award of professional").replace("b) APPROVAL OF SECOND", "b) Approval of second")
    assert [n for n, _ in _numbered(bare) if n in ("a", "b")] == []


def test_lower_case_letters_over_titles_in_capitals_are_sub_items_and_over_sentences_are_not():
    text = ("CITY COUNCIL MINUTES\nMay 17, 2022\n\n"
            "1.\tOPENING\n"
            "a.\tPLEDGE OF ALLEGIANCE\n\nb.\tROLL CALL - all Councilmembers were in attendance.\n\n"
            "c.\tPresentation by the transportation authority on the year's road projects.\n\n"
            "2.\tPUBLIC HEARING\n\n"
            "a.\tCONDUCT PUBLIC HEARING AND ADOPT AN ORDINANCE ON SINGLE-USE FOODWARE\n\nThe Council heard the staff report and adopted the ordinance.\n\n"
            "b.\tADOPT RESOLUTIONS CONFIRMING ASSESSMENT REPORTS FOR THE DISTRICT\n\nThe Council adopted both resolutions after the hearing.\n\n"
            "3.\tADJOURNMENT at 8:43 p.m.\n")
    numbered = _numbered(text)
    assert ("a", "CONDUCT PUBLIC HEARING AND ADOPT AN ORDINANCE ON SINGLE-USE FOODWARE") in numbered
    assert ("b", "ADOPT RESOLUTIONS CONFIRMING ASSESSMENT REPORTS FOR THE DISTRICT") in numbered
    assert not any(title.startswith(("PLEDGE", "ROLL CALL", "Presentation")) for _, title in numbered)  # a list mixing sentences


def test_a_sub_item_letter_printed_twice_does_not_end_the_list():
    text = ("BOARD OF EDUCATION MINUTES\nJuly 15, 2025\n\n"
            "1. Approval of Minutes\n\nThe minutes of the regular meeting were approved as presented.\n\n"
            "2. New Business - Other\n\n"
            "A. Sale of the Portables to the Neighbouring District\n\nThe board approved the sale of the portables.\n\n"
            "B. Resolution in Support of a Safe Learning Environment\n\nThe board adopted the resolution unanimously.\n\n"
            "B. Pending Legislation - Assembly Bill 84\n\nThe board took a position of support on the bill.\n\n"
            "D. Appointment of Youth Board Member\n\nThe board appointed the youth member for the coming year.\n\n"
            "3. Adjournment\n\nThe meeting was adjourned at 8:10 p.m.\n")
    titles = [t for _, t in _numbered(text)]
    assert "Pending Legislation - Assembly Bill 84" in titles and "Appointment of Youth Board Member" in titles


def test_a_list_printed_in_two_columns_is_no_run_of_items_and_a_first_sub_item_on_its_parents_line_is_no_sentence():
    text = ("JOINT ANNUAL MEETING OF THE COMMISSIONS\nApril 17, 2025\n\n"
            "   1.      Approval of the Agenda.\n\n"
            "   2.      Approval of the minutes of the joint special meetings of December 12, 2024.\n\n"
            "   3.      Review of activities and performance during the 2024 calendar year.\n\n"
            "   4.      a.      Review the financial performance for the first authority.\n"
            "           b.      Review the financial performance for the second authority.\n\n"
            "   5.      Items not on the agenda.\n\n"
            "STAFF REPORT\nThe report reviews the year's activities of the authority in some detail for the members.\n\n"
            "ROUTING\n"
            "   1.     Josh Langdon                                                          6.\n\n"
            "   2.     Lora Anguay                                                           7.\n\n"
            "   3.     Scott Martin                                                          8.\n\n"
            "   4.                                                                           9.    Legal\n\n"
            "   5.                                                                           10.   CEO & General Manager\n")
    numbered = _numbered(text)
    assert [n for n, _ in numbered] == ["1", "2", "3", "4", "5"]
    assert numbered[3][1].startswith("Review the financial performance for the first")
    assert not any("Langdon" in t or "Legal" in t for _, t in numbered)


def test_years_and_ranges_after_a_lower_case_letter_are_no_file_numbers():
    text = ("PARISH COUNCIL MINUTES\nMay 4, 2024\n\n1. Apologies\n\nApologies were received from two members of the council.\n\n"
            "2. Finance\n\na) 2024-25 budget was reviewed by the members and agreed.\n"
            "b) 10-12 members of the public attended the finance session.\nc) 2023-24 accounts were signed by the chair.\n\n"
            "3. Planning\n\nNo applications had been received since the last meeting.\n\n4. Close\n\nThe meeting closed at 9pm.\n")
    assert [n for n, _ in _numbered(text)] == ["1", "2", "3", "4"]


def test_lower_case_letters_over_capitals_never_make_a_documents_own_run():
    text = "BOARD MINUTES\nMay 4, 2024\n\n" + "".join(
        f"{letter}. ITEM {letter.upper()} OF THE BUSINESS LIST\n\nThe board considered the matter and noted it.\n\n" for letter in "abcdef")
    assert not any(n in ("a", "b", "c") for n, _ in _numbered(text))


THREE_LEVELS = """Regular Meeting of the Board of Trustees
Example Community College District
Thursday, September 26, 2019

AGENDA

I. ROLL CALL

II. APPROVAL OF THE MINUTES

III. COMMITTEE REPORTS

A. COMMUNITY AFFAIRS

B. MANAGEMENT
1. Approval of the Life Insurance Agreement
2. Approval of the Prescription Services Agreement
3. Authorization to Finance the Replacement of Technology Equipment
4. Purchase of Audio Visual Equipment for the Conference Rooms
5. Approval of the Guaranteed Maximum Price for the Laboratory Renovations

IV. ADJOURNMENT
"""


def test_a_longer_list_inside_one_item_is_that_items_list_and_the_enclosing_run_the_items():
    """Five numbered approvals under "B. MANAGEMENT" outnumber the four Roman items, but all lie inside "III.": the
    Roman numerals number the agenda, the letters its sections' sub-items and the numbers the lists under them."""
    got = _numbered(THREE_LEVELS)
    assert [n for n, _ in got] == ["I", "II", "III", "A", "B", "1", "2", "3", "4", "5", "IV"]
    assert got[5] == ("1", "Approval of the Life Insurance Agreement")


def test_a_list_inside_a_sub_items_own_text_is_not_items():
    """A sub-item that says something before its list ("may be made as follows:") owns the list as its text."""
    text = THREE_LEVELS.replace("B. MANAGEMENT\n", "B. PUBLIC PARTICIPATION\nComments on any item may be made in any of the "
                                "following ways, and will be read into the record by the Clerk:\n")
    assert [n for n, _ in _numbered(text)] == ["I", "II", "A", "B", "IV"]  # "III." only groups A and B: their section


def test_markdown_headings_are_the_items_where_a_numbered_list_sits_under_one_of_them():
    """A port district's minutes as a website's Markdown: '#' and '##' mark the items, and the speakers numbered under
    "# PUBLIC COMMENT" are that item's text. "# OLD BUSINESS", with nothing of its own, groups the items under it."""
    from index.readers import parse_document
    from index.records import DocumentMeta
    from index.segment import segment

    speakers = "".join(f"{n}. Speaker {n}, Waldport\n" for n in range(1, 8))
    text = ("Regular Meeting of the Harbour Board\n06/28/2018\n\n# CALL TO ORDER\n\nThe President called the meeting to "
            "order at 2:00.\n\n# APPROVAL OF THE CONSENT CALENDAR\n\nThe consent calendar was approved 5-0.\n\n"
            f"# PUBLIC COMMENT\n\nThe President opened the floor to the public. The following members of the public spoke "
            f"against the proposal to lease the marina:\n\n{speakers}\n# OLD BUSINESS\n\n"
            "## Food Carts\n\nThe manager reported on the food cart permits.\n\n## Website\n\nThe new website is live.\n\n"
            "# ADJOURNMENT\n\nThe meeting adjourned at 3:30.\n")
    items = [it for it in segment(parse_document(text.encode(), ".md"), DocumentMeta()) if it.kind != "preamble"]
    assert [it.title for it in items] == ["CALL TO ORDER", "APPROVAL OF THE CONSENT CALENDAR", "PUBLIC COMMENT", "Food Carts",
                                          "Website", "ADJOURNMENT"]
    assert "Speaker 7" in text[items[2].start:items[2].end]
    assert items[3].section == "OLD BUSINESS"


def test_numbered_items_under_a_markdown_heading_that_only_groups_them_stay_the_items():
    """"## Business" over items 1 to 4, with nothing of its own before them: the numbered items are the agenda."""
    from index.readers import parse_document
    from index.records import DocumentMeta
    from index.segment import segment

    business = "".join(f"{n}. {title}\nThe council discussed the {title.lower()} and agreed the recommendation.\n\n"
                       for n, title in enumerate(["Minutes of the last meeting", "Planning applications", "Finance report",
                                                   "Village hall repairs"], 1))
    text = ("# Example Parish Council\n\nMinutes of the meeting held on 3 March 2020\n\n## Present\n\nCllrs A, B and C.\n\n"
            f"## Business\n\n{business}## Date of next meeting\n\n7 April 2020.\n")
    items = [it for it in segment(parse_document(text.encode(), ".md"), DocumentMeta()) if it.kind != "preamble"]
    assert [it.number for it in items if it.number] == ["1", "2", "3", "4"]


def test_lower_case_letters_over_bold_titles_are_sub_items_and_over_plain_sentences_are_not():
    """Minutes converted to Markdown from a word processor: "a)  **Lyceum**" under "4.  MATTERS ARISING" is a
    sub-item; "a)  the hall roof is leaking" in an item's text is a list."""
    text = ("Greenvale Community Council\nMinutes of the meeting held on 3 March 2025\n\n"
            "1.  MINUTES OF THE FEBRUARY MEETING\n\nThe minutes were approved.\n\n"
            "2.  MATTERS ARISING FROM THE FEBRUARY MINUTES\n\n"
            "a)  **Active Travel consultation on road changes**\n\n> The Secretary noted a further consultation meeting.\n\n"
            "b)  **Lyceum**\n\n> The Chair had not yet met the two elected members.\n\n"
            "3.  NEW ISSUES\n\nMembers raised two points:\n\n"
            "a)  the hall roof is leaking again after the storms\n\nb)  the bus shelter glass is broken\n\n"
            "4.  DATE OF NEXT MEETING\n\nThe next meeting will be on 7 April 2025.\n")
    numbered = _numbered(text)
    assert ("a", "Active Travel consultation on road changes") in numbered, numbered
    assert ("b", "Lyceum") in numbered
    assert [n for n, _ in numbered].count("a") == 1  # the plain list under NEW ISSUES stays in its item
    assert [n for n, _ in numbered if n and n.isdigit()] == ["1", "3", "4"]  # item 2 only groups its sub-items...
    assert {it.section for it in _items(text) if it.number in ("a", "b")} == {"2. MATTERS ARISING FROM THE FEBRUARY MINUTES"}  # ...as their section
