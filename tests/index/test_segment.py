"""Segmenter on the real seed corpus (meetings, items, extracts, officer reports) and on unstructured text."""
from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

import pytest

from index.manifest import meta_for
from index.readers import read_document
from index.records import DocumentMeta, SourceText
from index.sections import SECTION_MAX_WORDS
from index.segment import segment

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SEEDS = {
    "000": "000_5b9979d2ae2891b0.txt",
    "001": "001_ca5e37797c0e9ba8.txt",
    "002": "002_6e0a7cef810b3a72.txt",
    "003": "003_67b2517192895757.txt",
    "004": "004_224113c98c2996fa.txt",
}
PPB = "Children Young People and Families Policy and Performance Board"


@lru_cache(maxsize=None)
def seed(key: str):
    path = CORPUS / SEEDS[key]
    assert path.is_file(), f"seed file missing: {path}"
    source = read_document(path, max_bytes=50_000_000)
    meta, _ = meta_for(path)
    return source, segment(source, meta)


def by_number(items):
    return {it.number: it for it in items if it.number}


def assert_covers(source: SourceText, items):
    """Items are in document order, do not overlap, and leave out nothing but white space."""
    assert items, "no items"
    text = source.text
    assert not text[: items[0].start].strip()
    for a, b in zip(items, items[1:]):
        assert a.start < a.end <= b.start, (a.title, b.title)
        assert not text[a.end:b.start].strip(), f"text lost between {a.title!r} and {b.title!r}"
    assert not text[items[-1].end:].strip()


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_items_cover_each_seed(key):
    source, items = seed(key)
    assert_covers(source, items)
    for it in items:
        assert it.title.strip()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", it.meeting_date or ""), (it.title, it.meeting_date)
        assert it.committee
        assert 1 <= it.page_start <= it.page_end <= len(source.page_starts)


def test_pack_minutes_items_cyp21_to_cyp27():
    _, items = seed("004")
    numbered = by_number(items)
    codes = [f"CYP{n}" for n in range(21, 28)]
    assert all(c in numbered for c in codes), sorted(numbered)
    in_order = [it.number for it in items if it.number in codes]
    assert in_order == codes
    for c in codes:
        it = numbered[c]
        assert it.meeting_date == "2024-01-22", (c, it.meeting_date)
        assert it.kind == "minutes", (c, it.kind)
        assert it.committee == PPB
    assert numbered["CYP25"].title == "HALTON FAMILY HUBS"
    assert numbered["CYP21"].title == "MINUTES"
    assert numbered["CYP22"].title == "PUBLIC QUESTION TIME"
    assert numbered["CYP23"].title.startswith("THE CORPORATE PLAN - THE BIG CONVERSATION")
    assert numbered["CYP26"].title.startswith("SUMMARY OF VALIDATED HALTON EDUCATIONAL PERFORMANCE")
    assert numbered["CYP27"].title == "PERFORMANCE MANAGEMENT REPORT - QUARTER 2"


def test_item_text_belongs_to_its_item():
    source, items = seed("004")
    numbered = by_number(items)
    cyp25 = source.text[numbered["CYP25"].start:numbered["CYP25"].end]
    assert cyp25.startswith("CYP25 HALTON FAMILY HUBS")
    assert "25,000 young people had used the Hubs so far" in cyp25
    assert "CYP26" not in cyp25 and "CYP24" not in cyp25
    cyp24 = source.text[numbered["CYP24"].start:numbered["CYP24"].end]
    assert "Educational Psychologists" in cyp24 and "Family Hubs were a universal offer" not in cyp24


def test_cyp23_resolution_keeps_both_numbered_points():
    _, items = seed("004")
    res = by_number(items)["CYP23"].resolutions
    assert len(res) == 1, res
    assert res[0].startswith("RESOLVED: That")
    assert "1) the report be noted" in res[0]
    assert "2) the Board continues to endorse the approach to facilitate the implementation of a new Corporate Plan." in res[0]
    assert "CYP24" not in res[0]


def test_other_cyp_resolutions():
    _, items = seed("004")
    numbered = by_number(items)
    assert numbered["CYP25"].resolutions == ["RESOLVED: That the Board receives the presentation."]
    assert numbered["CYP21"].resolutions == [] and numbered["CYP22"].resolutions == []
    cyp24 = numbered["CYP24"].resolutions
    assert len(cyp24) == 1 and "1) receive the presentation" in cyp24[0] and "2) note the key work" in cyp24[0]


def test_executive_board_extracts():
    _, items = seed("004")
    numbered = by_number(items)
    ex76, ex91 = numbered["76"], numbered["91"]
    assert ex76.title == "SCHOOL ADMISSION ARRANGEMENTS 2025/26"
    assert ex76.meeting_date == "2024-01-18"
    assert ex91.meeting_date == "2024-02-22"
    assert "FAMILY HUBS DIGITAL SOLUTION" in ex91.title
    for ex in (ex76, ex91):
        assert ex.kind == "executive_extract"
        assert ex.committee == "Executive Board"
        assert len(ex.resolutions) == 1, ex.resolutions
        assert ex.resolutions[0].startswith("RESOLVED: That")
    assert "Coordinated Scheme for Admission to Primary Schools" in ex76.resolutions[0]
    assert "Family Hub Digital Solution" in ex91.resolutions[0]
    # the extracts sit inside the 'Executive Board Minutes' report, after it
    report = next(it for it in items if it.kind == "officer_report" and it.title == "Executive Board Minutes")
    assert report.end <= ex76.start < ex91.start


def test_officer_reports_numbered_from_toc_with_printed_pages():
    _, items = seed("004")
    reports = [it for it in items if it.kind == "officer_report"]
    assert len(reports) >= 5
    for r in reports:
        assert r.meeting_date == "2024-07-15", (r.title, r.meeting_date)
        assert r.committee == PPB
        assert r.number and re.fullmatch(r"\d{1,2}(\([A-Z]\))?", r.number), (r.title, r.number)
        assert r.printed_pages and re.fullmatch(r"\d+(-\d+)?", r.printed_pages), (r.title, r.printed_pages)
    numbered = by_number(reports)
    assert numbered["5(C)"].title == "Children's Social Care"
    assert numbered["5(C)"].printed_pages == "17-24"
    assert numbered["5(D)"].title == "SEND Improvement Plan Update"
    assert numbered["5(D)"].printed_pages == "25-73"
    assert numbered["6(A)"].title == "Performance Management Report for Quarter 3 2023/24"
    assert numbered["6(B)"].title == "Performance Management Report for Quarter 4 2023/24"
    assert numbered["3"].title == "Public Question Time"
    # printed page ranges increase through the pack
    firsts = [int(r.printed_pages.split("-")[0]) for r in reports]
    assert firsts == sorted(firsts)
    # no report was mistaken for minutes of the January meeting
    assert not any(it.meeting_date == "2024-01-22" and it.kind == "officer_report" for it in items)


def test_june_2022_minutes_items():
    _, items = seed("003")
    numbered = by_number(items)
    assert [n for n in (it.number for it in items) if n] == ["1", "2", "3", "4", "5", "6"]
    for n in "123456":
        assert numbered[n].meeting_date == "2022-06-13"
        assert numbered[n].kind == "minutes"
        assert numbered[n].committee == PPB
    assert numbered["5"].resolutions == ["RESOLVED: That the Board notes the report and comments made."]
    assert numbered["5"].title == "Halton Local Area SEND Strategy 2021-25"
    assert numbered["4"].resolutions == []
    assert numbered["6"].resolutions == ["RESOLVED: That the quarter 3 and 4 performance management reports be received."]


@pytest.mark.parametrize("key,date,title", [
    ("000", "2025-09-08", "Children and Young People (CYP) Q1 2025-26 Monitoring Report"),
    ("001", "2025-11-10", "Children's Services Directorate Quarterly Monitoring Report (Q2 2025/26)"),
    ("002", "2025-01-20", "Quarterly Monitoring Report Q2 2024-25"),
])
def test_single_item_pages_dated_from_manifest(key, date, title):
    source, items = seed(key)
    assert len(items) == 1, [it.title for it in items]
    it = items[0]
    assert it.meeting_date == date
    assert it.title == title
    assert it.committee == PPB
    assert it.kind == "minutes"
    assert len(it.resolutions) == 1 and it.resolutions[0].startswith("RESOLVED: That")
    assert (it.start, it.end) == (0, len(source.text.rstrip()))


# -- fallback: text no rule recognises ---------------------------------------------------------

WORDS = ("council budget housing school transport planning library park road waste officer members report "
         "review consultation residents funding service scheme proposal").split()
HEADINGS = ["BUDGET OVERVIEW", "HOUSING AND REGENERATION", "SCHOOLS CAPITAL PROGRAMME", "TRANSPORT STRATEGY",
            "WASTE COLLECTION", "LIBRARY SERVICES", "PARKS AND OPEN SPACES", "CONSULTATION RESULTS"]
META = DocumentMeta("Scrutiny Panel", "2024-03-04", None)


def _paragraph(rng: random.Random, n: int) -> str:
    sentences = []
    while n > 0:
        k = min(n, rng.randint(8, 20))
        s = " ".join(rng.choice(WORDS) for _ in range(k))
        sentences.append(s[0].upper() + s[1:] + ".")
        n -= k
    return " ".join(sentences)


def _check_fallback(text: str, items, min_items: int):
    assert len(items) >= min_items, [(it.title, len(text[it.start:it.end].split())) for it in items]
    assert_covers(SourceText(text), items)
    for it in items:
        assert len(text[it.start:it.end].split()) <= SECTION_MAX_WORDS
        assert it.meeting_date == "2024-03-04" and it.committee == "Scrutiny Panel"
        assert it.title


def test_fallback_all_caps_headings_give_sections():
    rng = random.Random(7)
    text = "\n\n".join(h + "\n\n" + "\n\n".join(_paragraph(rng, 125) for _ in range(5)) for h in HEADINGS)
    assert len(text.split()) >= 5000
    items = segment(SourceText(text), META)
    _check_fallback(text, items, len(HEADINGS))
    assert [it.title for it in items] == HEADINGS
    assert {it.kind for it in items} == {"minutes"}  # unnumbered upper-case headings are the items
    for it, h in zip(items, HEADINGS):
        assert text[it.start:it.end].startswith(h)


def test_fallback_paragraphs_without_headings_give_several_sections():
    rng = random.Random(11)
    text = "\n\n".join(_paragraph(rng, 100) for _ in range(50))
    assert len(text.split()) == 5000
    _check_fallback(text, segment(SourceText(text), META), 4)


def test_fallback_single_lines_without_blank_lines():
    rng = random.Random(13)
    text = "\n".join(_paragraph(rng, 100) for _ in range(50))
    _check_fallback(text, segment(SourceText(text), META), 4)


def test_fallback_wall_of_text_without_line_breaks():
    rng = random.Random(17)
    text = " ".join(_paragraph(rng, 100) for _ in range(50))
    assert "\n" not in text
    _check_fallback(text, segment(SourceText(text), META), 4)


def test_short_unstructured_text_is_one_item_titled_from_meta():
    text = "Notes of the informal session.\n\nMembers discussed the play areas at length and agreed to visit them."
    items = segment(SourceText(text), DocumentMeta("Scrutiny Panel", "2024-03-04", "Play areas visit"))
    assert len(items) == 1
    assert items[0].title == "Play areas visit" and items[0].kind == "minutes"
    assert (items[0].start, items[0].end) == (0, len(text))


def test_moderngov_meeting_page_saved_as_html_splits_into_items(tmp_path):
    """The same 'Agenda and minutes' page as 003, as the council website serves it: items sit in table rows."""
    page = tmp_path / "meeting.html"
    page.write_text(
        "<html><head><title>Agenda and minutes</title></head><body><nav>Home</nav>"
        "<h2>Children Young People and Families Policy and Performance Board - Monday, 13th June, 2022 6.30 p.m.</h2>"
        "<p>Venue: Council Chamber, Runcorn Town Hall.</p><table><tr><th>No.</th><th>Item</th></tr>"
        "<tr><td>1.</td><td><a>MINUTES</a> <img alt='pdf icon'> PDF 95 KB<p>Minutes:</p>"
        "<p>The Minutes of the meeting held on 24 January 2022 were taken as read and signed as a correct record.</p></td></tr>"
        "<tr><td>2.</td><td><a>Halton Local Area SEND Strategy 2021-25</a><p>Minutes:</p>"
        "<p>The Board considered a report of the Strategic Director on the SEND Strategy and the pressures on provision.</p>"
        "<p>RESOLVED: That the Board notes the report and comments made.</p></td></tr></table></body></html>",
        encoding="utf-8")
    items = [it for it in segment(read_document(page, 10**7), DocumentMeta()) if it.number]
    assert [(it.number, it.title) for it in items] == [("1", "MINUTES"), ("2", "Halton Local Area SEND Strategy 2021-25")]
    assert {it.meeting_date for it in items} == {"2022-06-13"}
    assert items[1].resolutions == ["RESOLVED: That the Board notes the report and comments made."]
