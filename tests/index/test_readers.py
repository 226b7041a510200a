"""Readers: real meeting PDFs, HTML agenda pages and the bad inputs each must refuse clearly."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.errors import UnreadableDocument
from index.readers import read_document
from index.readers.html import read_html

PDFS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "pdfs"
CHICAGO = PDFS / "chicago_ssa21_commission_minutes_2018-01-29.pdf"
CUYAHOGA = PDFS / "cuyahoga_board_of_health_agenda_2019-04-24.pdf"
HERMOSA = PDFS / "hermosa_beach_agenda_1.pdf"
DUARTE = PDFS / "duarte_agenda_1.pdf"
BIG = 50_000_000



def refused(path: Path, max_bytes: int = BIG, **kwargs) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_document(path, max_bytes=max_bytes, **kwargs)
    return str(info.value)


def test_chicago_pages_and_page_at():
    source = read_document(CHICAGO, max_bytes=BIG)
    assert len(source.page_starts) == 2
    assert source.text.count("\f") == 1
    assert source.page_at(source.text.index("Perfunctory Business")) == 1
    assert source.page_at(source.text.index("Meeting adjourned at 11:25am")) == 2
    assert source.page_at(len(source.text) - 1) == 2
    # the running header and footer are dropped from page 2 and kept once, on page 1, where they name the body
    assert source.text[source.page_starts[1]:].lstrip().startswith("▪ S. Martin Newberry")
    assert source.text.count("Lincoln Square Special Service Area #21") == 1
    assert source.text.count("www.LincolnSquareRavenswood.org") == 1


def test_cuyahoga_pages_title_and_page_at():
    source = read_document(CUYAHOGA, max_bytes=BIG)
    assert len(source.page_starts) == 13
    assert len(source.printed_pages) == 13
    assert source.title == "CUYAHOGA COUNTY BOARD OF HEALTH"
    assert source.page_at(source.text.index("RESOLUTION (2019- 37)")) == 1
    assert source.page_at(source.text.index("RESOLUTION (2019-40)")) == 2
    assert source.page_at(source.text.index("SCHEDULE A")) == 4
    assert source.page_starts == sorted(source.page_starts)


def test_duarte_image_only_is_refused():
    reason = refused(DUARTE)
    assert "no text layer" in reason and "image-only" in reason and "OCR" in reason


def test_hermosa_glued_text_layer_is_ingested_and_respaced():
    source = read_document(HERMOSA, max_bytes=BIG)
    assert len(source.page_starts) == 12
    assert source.text.strip()
    assert "City of Hermosa Beach" in source.text  # the raw layer says "CityofHermosaBeach"
    assert source.printed_pages[1:4] == ["2", "3", "4"]  # footer "Page 2" etc.
    assert source.page_at(source.text.index("PUBLIC MEETING VIEWING OPTIONS")) == 2
    assert source.title == "Regular Meeting Agenda"  # metadata title minus the file name


def test_truncated_pdf_is_refused(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(CHICAGO.read_bytes()[:2000])
    assert "corrupt or truncated PDF" in refused(path)


def test_pdf_suffix_without_pdf_header_is_refused(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"<html>not a pdf</html>")
    assert "not a PDF file" in refused(path)


def test_encrypted_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(CHICAGO).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert refused(path) == "encrypted PDF: a password is required"


def test_owner_password_only_pdf_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(CHICAGO).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")  # opens without a password
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert "Perfunctory Business" in read_document(path, max_bytes=BIG).text


@pytest.mark.parametrize(
    "page, printed",
    [
        ("Agenda\nbody text\nPage 7\nCity of Hermosa Beach", "7"),
        ("Agenda\nbody\nPage7CityofHermosaBeach Printedon1/6/2023", "7"),  # glued text layer
        ("Minutes\nbody\n- 12 -", "12"),
        ("3 | P a g e\nMinutes\nbody", "3"),
        ("Minutes of 2019\n2019\nbody", None),  # a year is not a page number
        ("Minutes\nbody text only", None),
    ],
)
def test_printed_page_detection(page, printed):
    from index.readers.pdf import _printed_page

    assert _printed_page(page) == printed


def test_too_many_pages_is_refused():
    assert "13 pages; limit is 5" in refused(CUYAHOGA, max_pdf_pages=5)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert "empty file" in refused(path)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf"])
def test_binary_garbage_is_refused(tmp_path, suffix):
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(b"\x00\x01" + os.urandom(4096))
    reason = refused(path)
    assert "binary content" in reason or "not a PDF file" in reason


def test_non_utf8_text_is_refused(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(b"caf\xe9 minutes")
    assert "not valid UTF-8" in refused(path)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("minutes " * 100, encoding="utf-8")
    assert "file too large" in refused(path, max_bytes=100)


def test_unsupported_suffix_is_refused(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04")
    assert "unsupported file type '.docx'" in refused(path)


MODERNGOV = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Agenda item - Planning Committee - Wednesday, 5th June, 2024</title>
<script>var tracking = "do not index me";</script>
<style>.mgHeader { color: red; }</style>
</head><body>
<header><a href="/">Council home</a></header>
<nav><ul><li>Meetings</li><li>Committees</li></ul></nav>
<div id="modgov">
  <h1>Agenda item</h1>
  <h2 class="mgSubTitleTxt">Land at Mill Lane &ndash; 23/01234/FUL</h2>
  <div class="mgSectionTitle">Minutes:</div>
  <p>The Committee considered the officer&rsquo;s report.
     The applicant offered a contribution of &pound;25,000&nbsp;towards play space.</p>
  <p>RESOLVED: That planning permission be GRANTED.</p>
  <table>
    <tr><th>Councillor</th><th>Vote</th></tr>
    <tr><td>Cllr A Smith</td><td>For</td></tr>
    <tr><td>Cllr B Jones</td><td>Against</td></tr>
  </table>
  <div class="mgSectionTitle">Supporting documents:</div>
  <ul><li>Officer report, item 5 <span>PDF 310 KB</span></li></ul>
</div>
<footer>&copy; Example Council</footer>
<script>console.log("bye")</script>
</body></html>
"""


def test_moderngov_html_page(tmp_path):
    path = tmp_path / "item.html"
    path.write_text(MODERNGOV, encoding="utf-8")
    source = read_document(path, max_bytes=BIG)
    text = source.text
    assert source.title == "Agenda item - Planning Committee - Wednesday, 5th June, 2024"
    assert text.startswith("Agenda item\n\nLand at Mill Lane – 23/01234/FUL\n\nMinutes:\n")
    assert "The Committee considered the officer’s report. The applicant offered a contribution of £25,000 towards play space." in text
    assert "Councillor\tVote\nCllr A Smith\tFor\nCllr B Jones\tAgainst" in text
    assert "Officer report, item 5 PDF 310 KB" in text
    for dropped in ("do not index me", "color: red", "bye", "Council home", "Committees", "Example Council"):
        assert dropped not in text
    assert "\n\n\n" not in text
    assert source.page_starts == [0]


def test_html_title_falls_back_to_h1_and_header_inside_article_is_kept():
    source = read_html(b"<article><header><h1>Budget  2024</h1></header><p>Approved.</p></article>")
    assert source.title == "Budget 2024"
    assert source.text == "Budget 2024\n\nApproved."


def test_html_declared_windows_1252_is_decoded():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Café € 5</p>'
    assert read_html(page.encode("cp1252")).text == "Café € 5"


def test_html_undeclared_non_utf8_is_refused():
    with pytest.raises(UnreadableDocument, match="not valid UTF-8"):
        read_html(b"<p>caf\xe9</p>")


def test_html_without_text_is_refused(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x()</script></head><body><div> </div></body></html>", encoding="utf-8")
    assert refused(path) == "no text found in the HTML page"


def test_an_empty_html_heading_does_not_mark_the_paragraph_after_it():
    from index.readers.html import read_html

    page = (b"<html><body><h1>Minutes of the Parish Council</h1><h2></h2><p>Present: Cllr Ames, Cllr Bell.</p>"
            b"<h2>1. Apologies</h2><p>None were received.</p></body></html>")
    src = read_html(page)
    heads = {src.text[o:src.text.find("\n", o) if "\n" in src.text[o:] else None] for o in src.heading_offsets}
    assert "Present: Cllr Ames, Cllr Bell." not in heads and "1. Apologies" in heads


def test_minutes_in_a_table_cell_are_read_whole():
    """A village site prints its minutes in a table, every paragraph of the business in one cell; the main-content
    extractor joins that cell into one line, and the page's own lines are still found inside it: the business is
    kept, the site's menus are not."""
    page = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "html" / "uk_northwold_parish-council_minutes_2015-02.html"
    text = read_document(page, 10**9).text
    assert "Public Forum – LGA 1972, Section 100(1):" in text
    assert "contractually bound to clear this footway four times a year" in text
    assert "declared the meeting closed at 21:05pm" in text
    assert "Councillors present: Cllr. R. Crisp" in text and "Total\t£1,103.91" in text
    # short lines the extractor joined to their neighbours (item numbers, run-in headings) are kept too
    assert "15/02/1" in text.split("\n") and "Local Authority Reports:" in text.split("\n")
    assert "Wereham Parish Council" not in text  # the site's menu of parish councils
    assert len(text) > 10_000  # it kept 627 characters before


def test_a_mostly_scanned_pdf_is_read_with_a_warning(tmp_path):
    """Pages without a text layer are not silently lost: the typed pages are indexed and the ingest result says
    how many were not, and which."""
    from pypdf import PdfReader, PdfWriter

    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    writer = PdfWriter()
    writer.add_page(PdfReader(CHICAGO).pages[0])
    for _ in range(3):
        writer.add_blank_page(width=612, height=792)  # what a scanned page is to a text extractor
    path = tmp_path / "mostly_scanned.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    source = read_document(path, BIG)
    assert "Lincoln Square" in source.text  # the typed page is read
    assert source.notes == ["3 of 4 pages have no text layer (scanned images?; pages 2, 3, 4): only the other pages are "
                            "searchable; run OCR on the file to index them"]
    assert read_document(CHICAGO, BIG).notes == []  # a typed document has nothing to say
    library = Library(Settings(data_dir=tmp_path / "data"))
    try:
        result = ingest(library, [path]).files[0]
    finally:
        library.close()
    assert result.status == "added" and result.passages > 0 and "3 of 4 pages have no text layer" in result.detail


def test_a_running_footer_goes_but_the_same_words_in_the_page_body_stay():
    """Running headers and footers are removed where they run (a page's first and last lines); a lone number at a
    page's edge stays unless it is a page number, and lines whose numbers change otherwise than with the page are
    business, not a header."""
    from index.readers.layout import drop_running_lines

    def page(top: str, bottom: str, n: int) -> str:
        body = [f"Business line {n}.{k} of the meeting" for k in range(14)]
        body[7] = "Detroit, MI 48226"  # the footer's words in a table of meeting places, mid-page
        return "\n".join([top, *body, bottom])

    footer = "Detroit, MI 48226"
    kept = drop_running_lines([page("Meeting notice", f"{footer}\n- {n} -", n) for n in range(1, 4)])
    assert all(p.count(footer) == 1 for p in kept[1:])  # the edge copy goes, the copy inside the page stays
    assert all(f"- {n} -" not in p for n, p in enumerate(kept, 1))  # page numbers go everywhere
    years = drop_running_lines([page("Capital forecast", str(year), n) for n, year in enumerate((2024, 2025, 2026), 1)])
    assert all(str(year) in p for year, p in zip((2024, 2025, 2026), years))  # a year is not a page number
    motions = drop_running_lines([page(f"R2024-0{m} T. Butler, S. Kirkey:", "Carried", n) for n, m in enumerate((42, 50, 57), 1)])
    assert "R2024-050 T. Butler, S. Kirkey:" in motions[1] and "R2024-057 T. Butler, S. Kirkey:" in motions[2]
    footers = drop_running_lines([page("Agenda", f"Audit Committee 22 October 2009 Page {n}", n) for n in range(1, 4)])
    assert all("Audit Committee" not in p for p in footers[1:])  # a footer counting with the page still goes
    # an agenda pack: each report counts its own pages ("Page 2 of 3", then "Page 1 of 4")
    pack = [page("Report", f"Cabinet 12 March 2024 Page {x} of {y}", n)
            for n, (x, y) in enumerate([(1, 3), (2, 3), (3, 3), (1, 4), (2, 4), (3, 4)], 1)]
    assert all("Cabinet 12 March 2024" not in p for p in drop_running_lines(pack)[1:])


def test_typeset_ligatures_are_spelled_out():
    from index.readers.pdf import _normalise

    assert _normalise("a certi\ufb01cate of the of\ufb01ce") == "a certificate of the office"


def test_an_unclosed_dropped_element_does_not_hide_the_rest_of_the_page():
    """A <nav> left open (browsers close it at its parent's end tag) must not swallow the page's content."""
    page = ("<html><body><div class='menu'><nav><a href='/'>Home</a><a href='/x'>Events</a></div>"
            "<main><h1>Regular Commission Meeting</h1><p>The commission approved the library budget of $4.2 million.</p>"
            "</main></body></html>").encode()
    text = read_html(page).text
    assert "approved the library budget of $4.2 million" in text and "Regular Commission Meeting" in text
    assert "Events" not in text  # the navigation itself is still dropped


def test_a_filled_in_form_is_read():
    """A notice whose date, place and agenda are typed into form fields: text extraction skips fields, the reader
    adds their values (after the field's name) below the page's printed text."""
    text = read_document(PDFS / "chicago_police_district_council_001_notice_2023-06-06.pdf", BIG).text
    assert "NOTICE AND AGENDA OF DISTRICT COUNCIL MEETING" in text  # the printed form
    assert "DateTime: June 6, 530pm" in text and "Maggie Daley Fieldhouse" in text
    assert "337 E Randolph St" in text  # a free-text annotation typed onto the page
    assert "Discussions: Introductions\nDistrict Council Overview" in text
    assert "Check Box" not in text and "/On" not in text  # ticked boxes are not text


def test_fake_bold_glyphs_printed_twice_are_read_once():
    from index.readers.pdf import _normalise

    assert _normalise("CCHHIICCAAGGOO  CCOOMMMMIISSSSIIOONN  OONN  HHUUMMAANN  RREELLAATTIIOONNSS") == "CHICAGO COMMISSION ON HUMAN RELATIONS"
    assert _normalise("LLOOCCAATTIIOONN:: 740 N. Sedgwick St\nJJAANNUUAARRYY  1100") == "LOCATION: 740 N. Sedgwick St\nJANUARY 10"
    assert _normalise("The total was 1100 for the bookkeeper") == "The total was 1100 for the bookkeeper"  # no doubled word: as printed


def test_a_word_the_extractor_split_in_two_is_joined_again():
    from index.readers.pdf import _normalise

    assert _normalise("assets were saf eguarded and the an imal shelter") == "assets were safeguarded and the animal shelter"
    assert _normalise("Hea lth and Traini ng report") == "Health and Training report"
    assert _normalise("income in come tax, the rapist") == "income in come tax, the rapist"  # both halves words: left alone
    assert _normalise("Mr Mc Kenzie") == "Mr Mc Kenzie"  # a capital after the gap starts a new word
    assert _normalise("the assets were saf eguarded, and public hea lth") == "the assets were safeguarded, and public health"
    assert _normalise("Ki te pū o te tonga") == "Ki te pū o te tonga"  # two short words of another language


def test_paragraphs_left_open_do_not_pile_up():
    """Old generated pages leave every <p> open; a new one closes the last, as browsers do, so the parser's stack of
    open elements stays shallow (each end tag's work was the depth of that stack) and the text is unchanged."""
    from index.readers.html import _parse

    page = "<html><body><div>" + "".join(f"<p>Para {i} <b>bold</b> text" for i in range(1000))  # the page ends there
    parser = _parse(page)
    assert len(parser.open) <= 4  # html, body, div and the last paragraph: not a thousand paragraphs
    text = "".join(parser.out)
    assert "Para 0 bold text" in text and "Para 999 bold text" in text


def test_a_form_filled_in_on_every_page_is_read_on_every_page(tmp_path):
    """The same form on every page gives the same field values at the foot of every page: they are what the form
    says, not a running footer, and a bare number in a field is not a page number."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_page(PdfReader(PDFS / "chicago_police_district_council_001_notice_2023-06-06.pdf").pages[0])
    path = tmp_path / "three_notices.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    source = read_document(path, BIG)
    assert source.text.count("DateTime: June 6, 530pm") == 3
    assert source.text.count("Public Comment Limit: 20") == 3
