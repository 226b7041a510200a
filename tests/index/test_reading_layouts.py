"""Readers on the layouts other publishers use: Markdown references, linked item titles, text made from PDFs."""
from __future__ import annotations

from pathlib import Path

from index.readers import parse_document, read_document

BIG = 50_000_000


def test_markdown_character_references_are_read_as_characters_and_plain_text_keeps_them():
    data = "# 2.1&nbsp;&nbsp;&nbsp;The 2nd Report\n\nAT&T paid &pound;5 &amp; the O&#8217;Brien fee.\n".encode()
    md = parse_document(data, ".md").text
    assert md.startswith("# 2.1   The 2nd Report")
    assert "AT&T paid £5 & the O’Brien fee." in md
    assert "&nbsp;" in parse_document(data, ".txt").text  # a plain text file says what it says


def test_agenda_item_titles_that_link_to_the_video_are_kept_and_the_site_chrome_is_not():
    # a Granicus minutes page: every item title links into the video index, which boilerplate removal takes for links
    page = Path(__file__).resolve().parents[1] / "fixtures" / "documents_heldback4" / "us_walnut-creek_city-council_minutes_2022-05-17.html"
    text = read_document(page, BIG).text
    assert "d.\tCONSIDERATION OF URGENCY ORDINANCE PERTAINING TO CONTINUATION OF THE REBOUND PROGRAM" in text
    assert "a.\tCITY COUNCIL 2021-2022 PRIORITIES UPDATE" in text
    assert text.index("CONSIDERATION OF URGENCY ORDINANCE") < text.index("Motion by Wilk, second by Haskew, carried unanimously, to WAIVE READING AND ADOPT URGENCY")


def test_text_of_a_pdf_drops_its_running_header_and_page_numbers_but_keeps_an_item_number_at_a_page_top():
    page = "ORDINARY COUNCIL MEETING MINUTES\n\n11 JUNE 2019\n\n{body}\n\nPage {n}\n"
    bodies = ["1\n\nKARAKIA\n\nGiven by Cr Bird.", "8.2\n\nPRIORITY BUILDINGS\n\nThat Council receive the report.",
              "8.3\n\nLIBRARY POLICY\n\nThat Council adopt the policy."]
    data = "\f".join(page.format(body=b, n=n) for n, b in enumerate(bodies, 1)).encode()
    text = parse_document(data, ".txt").text
    assert text.count("ORDINARY COUNCIL MEETING MINUTES") == 1  # the first page keeps its header
    assert "Page 2" not in text and "Page 3" not in text
    assert "\f\n8.2\n\nPRIORITY BUILDINGS" in text and "\f\n8.3\n\nLIBRARY POLICY" in text  # pages joined as a PDF's are
    assert parse_document(b"Minutes\n\n1. Apologies\n\nNone.\n", ".txt").text == "Minutes\n\n1. Apologies\n\nNone.\n"


def test_an_outcome_that_ends_every_page_is_business_not_a_running_footer():
    from index.readers.layout import drop_running_lines

    pages = [f"Licensing Board Voting Minutes\n\n{n}. Application of Cafe {n} for a common victualler licence.\n\nGranted"
             for n in range(1, 5)]
    kept = drop_running_lines(pages)
    assert all(page.endswith("Granted") for page in kept)
    assert all("Licensing Board Voting Minutes" not in page for page in kept[1:])  # the running header still goes


def test_a_markdown_files_front_matter_keeps_what_describes_the_meeting_and_drops_the_site_settings():
    """A static site's post (Grav, Jekyll, Hugo) opens with YAML front matter: its title, subtitle and date say which
    meeting this is; its template, author and taxonomy are the website's, not the minutes'."""
    data = ("---\ntemplate: article\ntitle: June 2018 Minutes\nsubtitle: Regular Meeting of the Harbour Board\n"
            "date: 06/28/2018\nauthor: /webmaster\nbody_classes: roman\ntaxonomy:\n    tag:\n        - minutes\n---\n\n"
            "# CALL TO ORDER\n\nThe President called the meeting to order at 2:00.\n").encode()
    text = parse_document(data, ".md").text
    assert text.startswith("June 2018 Minutes\nRegular Meeting of the Harbour Board\n06/28/2018\n\n")
    assert "# CALL TO ORDER" in text and "The President called the meeting to order" in text
    assert not any(word in text for word in ("template", "article", "webmaster", "roman", "taxonomy"))
    jekyll = parse_document(b"---\nlayout: post\ndate: 2025-03-03\n---\n\n**MINUTES**\n", ".md").text
    assert jekyll.startswith("2025-03-03\n\n") and "layout" not in jekyll  # a date YAML reads as a date stays, as written
    # a rule under a first line, or a block that is no mapping, is text, kept as it is
    for kept in ("---\nMINUTES OF THE MEETING\n---\nItem 1\n", "---\n- a\n- b\n---\nbody\n"):
        assert parse_document(kept.encode(), ".md").text == kept
    assert parse_document(data, ".txt").text.startswith("---\ntemplate: article")  # plain text is not Markdown
    # keys in any case; a yes/no is no header line; a date YAML cannot read is text, kept as written
    hugo = parse_document(b"---\nTitle: Budget Meeting\nDraft: false\nDate: 2019-02-30\n---\nbody\n", ".md").text
    assert hugo.startswith("Budget Meeting\n2019-02-30\n\n") and "False" not in hugo and "Draft" not in hugo
    # an attendance block between two rules is the minutes' own text
    present = "---\nPresent: Cllr A. Smith, Cllr B. Jones\nApologies: Cllr C. Brown\n---\n\n1. Minutes\n"
    assert parse_document(present.encode(), ".md").text == present
