"""Fast checks of the web helpers: escaping around highlights, the timeline SVG and the exports."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from api.export import CSV_COLUMNS, export_filename, to_csv, to_markdown
from api.timeline import timeline_svg
from api.views import mark_spans, question_terms, sort_hits, term_spans
from api.web import Form

HIT = {"meeting_date": "2025-01-20", "committee": "Board <b>", "item_number": "3", "item_title": "Fees & <i>charges</i>",
       "document": "a.txt", "pages": "2-3", "citation": "Board, 20 Jan 2025, item 3, pp. 2-3",
       "text": "=HYPERLINK(\"x\") <script>alert(1)</script>", "is_resolution": False, "also_in": []}


def test_mark_spans_escapes_each_part_and_marks_raw_offsets():
    text = "a <p>b</p> & <script>x</script> end"
    start = text.index("<script>")
    html = str(mark_spans(text, [(start, start + len("<script>x</script>"))], mark_id="hl"))
    assert html == 'a &lt;p&gt;b&lt;/p&gt; &amp; <mark id="hl" tabindex="-1">&lt;script&gt;x&lt;/script&gt;</mark> end'


def test_mark_spans_merges_and_clamps():
    assert str(mark_spans("abcdef", [(4, 99), (0, 2), (1, 3)])) == "<mark>abc</mark>d<mark>ef</mark>"
    assert str(mark_spans("abc", [(2, 2)])) == "abc"


def test_question_terms_and_spans():
    terms = question_terms("What was said about finders fees for agency staff?")
    assert terms == ["finder", "fee", "agency", "staff"]
    text = "The Council did not pay ‘finders fees’ for agency staffing."
    assert [text[a:b] for a, b in term_spans(text, terms)] == ["finders", "fees", "agency", "staffing"]


def test_form_rejects_bad_dates_and_sorts():
    import pytest

    from index.errors import MinutesError

    with pytest.raises(MinutesError):
        Form(q="x", date_from="2025-02-30").filters()
    with pytest.raises(MinutesError):
        Form(q="x", sort="up").filters()
    assert Form(q="x", date_from="2025-01-01", resolutions=True).url("/research") == "/research?q=x&from=2025-01-01&resolutions=1"


def test_sort_hits_by_date_keeps_undated_last():
    hits = [{"meeting_date": "2025-01-01"}, {"meeting_date": None}, {"meeting_date": "2024-01-01"}]
    assert [h["meeting_date"] for h in sort_hits(hits, "date")] == ["2024-01-01", "2025-01-01", None]
    assert [h["meeting_date"] for h in sort_hits(hits, "-date")] == ["2025-01-01", "2024-01-01", None]


def test_timeline_counts_per_date_and_escapes():
    hits = [{"meeting_date": "2025-01-20"}, {"meeting_date": "2025-01-20"}, {"meeting_date": "2024-07-15"}, {"meeting_date": None}]
    svg = timeline_svg(hits, href_for=lambda d: f"/research?q=<x>&from={d}", title="Results <for> \"you\"")
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}rect")) == 3
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "2" in texts and "1" in texts and "15 Jul" in texts and "20 Jan" in texts and "undated" in texts
    assert "<x>" not in svg and "&lt;x&gt;" in svg
    assert root.find(f"{ns}title").text == 'Results <for> "you"'
    assert ET.fromstring(timeline_svg([])).find(f"{ns}desc").text == "No results to chart."


def test_csv_export_columns_and_formula_guard():
    rows = list(csv.reader(io.StringIO(to_csv([HIT, {**HIT, "text": "- a bullet"}]))))
    assert rows[0] == CSV_COLUMNS
    assert rows[1][CSV_COLUMNS.index("text")].startswith("'=HYPERLINK")
    assert rows[2][CSV_COLUMNS.index("text")] == "- a bullet"
    assert rows[1][CSV_COLUMNS.index("pages")] == "2-3"


def test_markdown_export_lists_citations():
    md = to_markdown([HIT], "fees *and* charges")
    assert md.startswith("# Research: fees \\*and\\* charges")
    assert "Board, 20 Jan 2025, item 3, pp. 2-3" in md
    assert "<script>" not in md and "\\<script\\>" in md


def test_export_filename_is_ascii():
    assert export_filename("What about “finders” fees?", "csv") == "minutes-what-about-finders-fees.csv"
    assert export_filename("", "md") == "minutes-results.md"


def test_html_error_page_has_csp_and_escapes():
    from types import SimpleNamespace

    from api.web import CONTENT_SECURITY_POLICY, html_error

    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace()))  # no library: the form still renders
    response = html_error(request, 404, "no page at /<script>")
    assert response.status_code == 404
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert b"/&lt;script&gt;" in response.body and b"<script>" not in response.body.replace(b'<script src="/static/app.js"', b"")


DECISION = {"text": "Motion by Councilmember <b>Reyes</b>, seconded by Councilmember Ito. Motion carried 5-2.", "outcome": "carried",
            "mover": "Reyes", "seconder": "Ito", "votes": {"ayes": 5, "noes": 2}, "names": {"noes": ["Cole", "=Dunn"]},
            "start": 100, "end": 180}


def test_exports_describe_decisions():
    hit = {**HIT, "decisions": [DECISION], "start": 90, "end": 200}
    rows = list(csv.DictReader(io.StringIO(to_csv([hit, {**HIT, "decisions": []}]))))
    assert "decisions" in CSV_COLUMNS
    assert rows[0]["decisions"] == "carried 5–2, moved Reyes, seconded Ito; noes: Cole, =Dunn"
    assert rows[1]["decisions"] == ""
    md = to_markdown([hit], "banner", Form(q="banner", decisions=True, outcome="carried").filters())
    assert "Filters: items with decisions, decision outcome carried" in md
    assert "Decisions: carried 5–2, moved Reyes, seconded Ito; noes: Cole, =Dunn" in md


def test_form_carries_the_decision_filters():
    import pytest

    from index.errors import MinutesError

    form = Form(q="x", decisions=True, outcome="failed")
    assert form.url("/research") == "/research?q=x&decisions=1&outcome=failed"
    assert form.has_filters and Form(q="x", outcome="noted").has_filters
    f = form.filters()
    assert f.decisions is True and f.outcome == "failed"
    assert "i.n_decisions > 0" in f.sql()[0]
    with pytest.raises(MinutesError, match="outcome must be one of"):
        Form(q="x", outcome="won").filters()


def test_framing_words_are_not_marked_and_passages_show_no_markup():
    from api.views import readable

    assert question_terms("What was said about exclusions across meetings?") == ["exclusion"]
    assert readable("**High Needs Capital Grant Funding**\n<p>costs \\$4.49 each</p>") == "High Needs Capital Grant Funding\ncosts $4.49 each"
