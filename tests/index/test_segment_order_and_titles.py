"""Items whose numbers stand alone on their lines may share a title: a councillor submits two questions, or two
notices of motion ("Question submitted by Councillor X"). They are items, as the running header a page number stands
over on every page is not. The item taken first out of its order is still an item."""
from __future__ import annotations

from tests.index.segment_helpers import items_of


def _item(number: str, title: str, body: str) -> str:
    return f"{number}.\n\n{title}\n\n{body}\n\n"


def test_two_numbers_alone_over_one_title_are_two_items():
    text = ("MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF EXAMPLE WEST\n\n"
            "ON WEDNESDAY, 7TH JANUARY, 2015, AT 10.00 A.M.\n\n"
            + _item("1", "Adoption of Minutes:", "The draft Minutes were taken as read and adopted.")
            + "QUESTIONS\n\n"
            + _item("2", "Question submitted by Councillor J. Byrne", "I will ask at the next Meeting if the lane can be repaired.\n\n"
                    "**REPLY:**\n\nThe lane is in private ownership.")
            + _item("3", "Question submitted by Councillor M. Walsh", "I will ask at the next Meeting for an update on the bridge.\n\n"
                    "**REPLY:**\n\nThe parapet walls were repaired in December.")
            + _item("4", "Question submitted by Councillor M. Walsh", "I will ask at the next Meeting that a footpath be laid.\n\n"
                    "**REPLY:**\n\nThe footpath will be considered under the 2015 roads budget.")
            + _item("5", "Question submitted by Councillor J. Byrne", "I will ask at the next Meeting if signs can be erected.\n\n"
                    "**REPLY:**\n\nThe signs will be erected once delivered."))
    items = items_of(text)
    assert [it.number for it in items] == ["1", "2", "3", "4", "5"], [(it.number, it.title) for it in items]
    assert [it.title for it in items][1:3] == ["Question submitted by Councillor J. Byrne", "Question submitted by Councillor M. Walsh"]
    assert all("The lane is in private ownership." not in it.title for it in items)


def test_numbers_alone_over_a_running_header_on_every_page_are_page_numbers():
    page = "EXAMPLE DISTRICT COUNCIL MINUTES 11 JUNE 2019\n\n"
    text = ("EXAMPLE DISTRICT COUNCIL\n\nOrdinary meeting held on 11 June 2019\n\n"
            + _item("1", "APOLOGIES", "None were received.")
            + "2\n\n" + page + _item("2", "MINUTES OF THE PREVIOUS MEETING", "That the minutes be confirmed.")
            + "3\n\n" + page + _item("3", "LIBRARY POLICY", "That Council adopt the Library Policy.")
            + "4\n\n" + page + _item("4", "FEES AND CHARGES", "That Council adopt the fees and charges."))
    items = items_of(text)
    assert [it.number for it in items] == ["1", "2", "3", "4"], [(it.number, it.title) for it in items]
    assert "EXAMPLE DISTRICT COUNCIL MINUTES 11 JUNE 2019" not in [it.title for it in items]


def test_a_reply_label_running_into_its_text_stays_with_the_question_above():
    text = ("MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF EXAMPLE WEST\n\n"
            "ON THURSDAY, 19TH FEBRUARY, 2015, AT 3.00PM.\n\n"
            "QUESTIONS\n\nReplies to the following Questions were circulated to all Members.\n\n"
            "5. Question submitted by Councillor Byrne\n\nI will ask at the next Meeting if community groups can remove public bins.\n\n"
            "REPLY: It is not appropriate for community groups to remove public bins.\n\n"
            "6. Question submitted by Councillor Walsh\n\nI will ask at the next Meeting for an update on the old store.\n\n"
            "REPLY: The Council will examine the possibility of improving the building.\n\n"
            "7. Question submitted by Councillor Walsh\n\nI will ask at the next Meeting when the road will be resurfaced.\n\n"
            "REPLY: The road will be resurfaced in the summer.\n\n")
    items = items_of(text)
    assert [it.number for it in items] == ["5", "6", "7"], [(it.number, it.title) for it in items]
    for it in items[1:]:
        assert text[it.start:].startswith(f"{it.number}. Question"), text[it.start:it.start + 40]


def test_the_second_item_taken_first_leaves_the_first_an_item():
    text = ("MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF EXAMPLE WEST\n\n"
            "ON THURSDAY, 15TH JANUARY, 2015, AT 3.30PM.\n\n"
            "At the outset it was agreed to take Item 2 at this point.\n\n"
            "2. Deputation\n\nMr. Ryan, for the residents association, gave a presentation on their priorities.\n\n"
            "1. Adoption of Minutes:\n\nThe draft Minutes of the December Meeting were taken as read and adopted.\n\n"
            "3. Question submitted by Councillor Walsh\n\nI will ask at the next Meeting when the road will be resurfaced.\n\n"
            "4. Question submitted by Councillor Byrne\n\nI will ask at the next Meeting if signs can be erected.\n\n")
    assert [it.number for it in items_of(text)] == ["2", "1", "3", "4"]


def test_two_page_numbers_over_a_running_header_naming_the_body_are_no_items():
    # pages 4 and 5 would go on the run of items 1-3, but the line they stand over says whose minutes these are
    page = "EXAMPLE DISTRICT COUNCIL MINUTES\n\n"
    text = ("EXAMPLE DISTRICT COUNCIL\n\nOrdinary meeting held on 11 June 2019\n\n"
            + _item("1", "APOLOGIES", "None were received.")
            + _item("2", "MINUTES OF THE PREVIOUS MEETING", "That the minutes be confirmed.")
            + _item("3", "LIBRARY POLICY", "That Council adopt the Library Policy. " * 20)
            + "4\n\n" + page + "The policy was adopted after a long discussion of opening hours. " * 20 + "\n\n"
            + "5\n\n" + page + "Members thanked the librarian for her work over the year. " * 20 + "\n\n")
    assert [it.number for it in items_of(text)] == ["1", "2", "3"], [(it.number, it.title) for it in items_of(text)]


def test_markdown_escaping_an_items_stop_leaves_it_an_item():
    """Markdown converted from HTML escapes the stop after a number ("1\\.") so it is not read as a list."""
    text = ("Meeting Minutes: October 19, 2017\n\n**Order of Business**\n\n"
            "**1\\. Call to Order & Roll Call**\n\nThe meeting was called to order at 6:03 p.m.\n\n"
            "**2\\. General Public Comment**\n\nNone.\n\n"
            "**3\\. Approval of Minutes of Previous Meeting**\n\nThis item was postponed to the next meeting.\n\n"
            "**4\\. Member Reports**\n\nChair Jerdonek reported on the contract.\n\n"
            "**5\\. Adjournment**\n\nThe meeting was adjourned at 8:01 p.m.\n")
    items = items_of(text)
    assert [it.number for it in items] == ["1", "2", "3", "4", "5"], [(it.number, it.title) for it in items]
    assert items[0].title == "Call to Order & Roll Call"
