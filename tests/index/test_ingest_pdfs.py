"""Ingest of real meeting PDFs: physical page spans and page citations."""
from __future__ import annotations

import re

import pytest

from index.catalog import list_documents
from index.library import Library
from index.readers import read_document
from index.settings import Settings
from search.retrieve import search
from tests.index.ingest_helpers import (
    CHICAGO,
    CUYAHOGA,
    assert_consistent,
    cli_json,
    items_json,
    statuses,
)

# -- real PDFs: physical pages ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_data(tmp_path_factory):
    for f in (CHICAGO, CUYAHOGA):
        assert f.is_file(), f"missing fixture PDF {f}"
    data = tmp_path_factory.mktemp("pdfs") / "data"
    code, report = cli_json("ingest", CHICAGO, CUYAHOGA, "--data-dir", data)
    return data, code, report


def test_pdfs_ingested_with_physical_page_spans(pdf_data, capsys):
    data, code, report = pdf_data
    assert code == 0
    assert statuses(report) == {CHICAGO.name: "added", CUYAHOGA.name: "added"}
    assert_consistent(data)
    lib = Library(Settings(data_dir=data))
    try:
        docs = {d["name"]: d for d in list_documents(lib.store)}
    finally:
        lib.close()
    assert docs[CHICAGO.name]["pages"] == 2 and docs[CUYAHOGA.name]["pages"] == 13

    cuy = items_json(capsys, data, "--document", CUYAHOGA.name)
    lib = Library(Settings(data_dir=data))
    rows = {r["id"]: r for r in lib.store.db.execute("SELECT id, page_start, page_end FROM items")}
    lib.close()
    spans = [(rows[it["id"]]["page_start"], rows[it["id"]]["page_end"]) for it in cuy]
    assert any(b > a for a, b in spans), spans
    assert spans[0][0] == 1 and spans[-1][1] == 13
    assert all(1 <= a <= b <= 13 for a, b in spans)
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert c in (b, b + 1), spans  # in order, no page skipped
    chi = items_json(capsys, data, "--document", CHICAGO.name)
    assert chi and rows[chi[0]["id"]]["page_start"] == 1 and rows[chi[-1]["id"]]["page_end"] == 2


@pytest.mark.parametrize("question,pdf", [
    ("Bathing Beach Monitoring Project Ohio Department of Health", CUYAHOGA),
    ("Ryan White Part A Program agencies amount to be paid", CUYAHOGA),
    ("Rocky River City School District school health services", CUYAHOGA),
    ("SSA received expected taxes TIF rebates", CHICAGO),
    ("Meeting adjourned", CHICAGO),
])
def test_citations_name_the_physical_pages(pdf_data, question, pdf):
    data = pdf_data[0]
    source = read_document(pdf, max_bytes=50_000_000)
    lib = Library(Settings(data_dir=data))
    try:
        hits = [h for h in search(lib, question, k=10) if h["document"] == pdf.name]
        assert hits
        for h in hits:
            p0, p1 = source.page_span(h["start"], h["end"])
            assert h["text"] == source.text[h["start"]:h["end"]]
            physical = str(p0) if p0 == p1 else f"{p0}-{p1}"
            assert h["pages"].split(" ")[0] == physical, (h["pages"], physical)
            assert re.search(rf"\bpp?\. {re.escape(physical)}\b", h["citation"]), (h["citation"], physical)
            assert 1 <= p0 <= p1 <= len(source.page_starts)
    finally:
        lib.close()


def test_first_page_passages_of_a_pdf_with_printed_numbers_cite_page_1():
    """Like hermosa_beach_agenda_1.pdf: no number printed on page 1, '2', '3' on the next pages.
    A passage on physical page 1 must cite page 1, not the item's printed '2'."""
    from index.catalog import pages_label
    from index.chunk import Chunker
    from index.prepare import passage_context
    from index.model import TokenCounter, bundled_model_dir
    from index.records import DocumentMeta, SourceText
    from index.segment import segment

    pages = ["CITY COUNCIL AGENDA\n\nThe Council will meet in the chamber. " + "Members of the public may attend. " * 30,
             "2\nPUBLIC COMMENT\n\n" + "Speakers are limited to three minutes each. " * 30,
             "3\nCONSENT CALENDAR\n\n" + "Items are approved by one motion of the council. " * 30]
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        text += page + "\n\f\n"
    source = SourceText(text=text, page_starts=starts, printed_pages=[None, "2", "3"])
    chunker = Chunker(TokenCounter(bundled_model_dir()), 160, 254)
    labels = []
    for item in segment(source, DocumentMeta()):
        for p in chunker.chunk(source, item, passage_context(item)):
            if p.page_end == 1:
                labels.append(pages_label(p.page_start, p.page_end, p.printed_pages, len(source.page_starts)))
    assert labels, "no passage on physical page 1"
    assert all(label.split(" ")[0] == "1" for label in labels), labels
