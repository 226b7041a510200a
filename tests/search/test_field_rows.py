"""A row of labelled fields ("City Council District: 2   Plan Area: Pacific Beach   Staff: Bryan Hudson") answers a
question about one of its labels, and nothing else; a line of an item's own heading ("ITEM 1: 3903 HAINES STREET")
says only which item this is. (Their effect on answers is measured on the held-back sets, README: a small library does
not rank a row of fields first.)"""
from search.answer_pick import heading_only
from search.answer_types import field_labels, fields_not_asked

ROW = "City Council District:  2   Plan Area:  Pacific Beach\n              Staff:  Bryan Hudson"


def test_a_row_of_fields_is_read_by_its_printed_spacing():
    assert field_labels(ROW) == ["City Council District", "Plan Area", "Staff"]
    assert field_labels("Date: 22 October 2009\nTime: 19:15\nVenue: Cabinet Meeting Room, 1st Floor") == ["Date", "Time", "Venue"]
    assert field_labels("The council agreed: the hall will open on Sundays from May.") is None
    assert field_labels("Resolved: 19.51 Moved: Cr Tim Chote Seconded: Cr Tim Aitken That the minutes be received") is None


def test_a_row_of_fields_answers_only_a_question_about_its_labels():
    asked_other = "What does the 3903 Haines Street project in Pacific Beach propose to build, on the San Diego Planning Commission agenda of 29 September 2022?"
    assert fields_not_asked(ROW, asked_other)
    # a label's word in the words naming the meeting asks nothing of the row ("Staff Review Committee" is no "Staff")
    assert fields_not_asked(ROW, "What would the 3903 Haines Street project build, on the Staff Review Committee agenda of 29 September 2022?")
    assert not fields_not_asked(ROW, "What would the 3903 Haines Street project build, and which staff member handles it?")
    assert not fields_not_asked("Action:  Approved   Vote:  4-1", "Did the commission approve the parking plan?")  # a decision
    assert not fields_not_asked(ROW, "Which staff member handles the 3903 Haines Street project?")
    assert not fields_not_asked("The site is in the Pacific Beach plan area.", asked_other)  # a sentence, not fields


def test_an_items_heading_line_says_only_which_item_it_is():
    hit = {"item_number": "1", "item_title": "3903 HAINES STREET – PROJECT NO. 669397", "committee": "Planning Commission",
           "meeting_date": "2022-09-29", "document": "sd", "title": ""}
    assert heading_only({"clean": "ITEM 1: 3903 HAINES STREET – PROJECT NO. 669397", "names_meeting_only": False, "hit": hit})
    assert not heading_only({"clean": "The project would subdivide the lot into three lots.", "names_meeting_only": False, "hit": hit})


def test_where_only_a_heading_is_near_the_best_the_next_sentence_saying_something_is_quoted():
    from index.tuning import AnswerSettings
    from search.answer_pick import pick_sentences

    hit = {"passage_id": 7, "item_number": "2", "item_title": "AT&T RANCHO BERNARDO SWIM AND TENNIS – PROJECT NO. 667476",
           "committee": "Planning Commission", "meeting_date": "2022-09-22", "document": "sd", "title": ""}

    def cand(text: str, score: float, at: int) -> dict:
        return {"clean": text, "score": score, "s": at, "names_meeting_only": False, "hit": hit}

    heading = cand("ITEM 2: AT&T RANCHO BERNARDO SWIM AND TENNIS – PROJECT NO. 667476", 0.62, 0)
    saying = cand("A Wireless Communication Facility consisting of a 55-foot tall faux pine tree.", 0.52, 80)
    far = cand("The meeting will be broadcast on City TV.", 0.30, 200)
    tuning = AnswerSettings()
    assert [c["clean"] for c in pick_sentences(tuning, [heading, saying, far])] == [saying["clean"]]
    assert pick_sentences(tuning, [heading, far]) == [heading]  # nothing near enough: the heading is all there is
