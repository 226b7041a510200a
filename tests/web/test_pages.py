"""End-to-end: the ask, item and research pages in headless Chromium against a real uvicorn server."""
from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from api.export import CSV_COLUMNS

pytestmark = pytest.mark.browser

QUESTION = "Does the council pay finders fees for agency staff?"


def ask_by_keyboard(web, question: str = QUESTION):
    page = web.page
    response = web.goto("/")
    assert response.status == 200
    q = page.get_by_label("Your question")
    expect(q).to_be_focused()  # autofocus: type straight away
    q.type(question)
    with page.expect_navigation():
        q.press("Enter")
    expect(page.locator("#answer")).to_be_visible()
    return page


def test_ask_page_answers_with_citations(web, screenshots):
    page = ask_by_keyboard(web)
    query = parse_qs(urlparse(page.url).query)
    assert query["q"] == [QUESTION]  # a GET form: the URL carries the question

    answer = page.locator("#answer")
    expect(answer).not_to_have_class(re.compile("abstained"))
    expect(answer.locator(".answer-text").first).to_contain_text("finders fees")
    markers = answer.locator("a.marker")
    assert markers.count() >= 1
    first_marker = markers.first.get_attribute("href")
    assert re.fullmatch(r"#cite-\d+", first_marker)
    citation = page.locator(first_marker)
    expect(citation).to_be_visible()
    expect(citation).to_contain_text("Children Young People and Families Policy and Performance Board")
    expect(citation).to_contain_text("20 Jan 2025")
    expect(citation).to_contain_text("Quarterly Monitoring Report Q2 2024-25")
    expect(citation).to_contain_text("p. 1")
    expect(citation.locator("a.cite-link")).to_have_attribute("href", re.compile(r"^/items/[^?]+\?hl=\d+-\d+#hl$"))

    passages = page.locator(".passage")
    assert 1 <= passages.count() <= 10
    marks = page.locator(".passage-text mark")
    assert marks.count() > 0
    assert {m.lower() for m in marks.all_inner_texts()} & {"finders", "fees", "agency", "staff"}

    # keyboard: the marker link is reachable and moves to its citation
    markers.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(first_marker) + "$"))  # waits: the fragment lands after the key press
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "ask.png"))
    assert not web.console_errors, web.console_errors


def test_html_responses_carry_csp(web):
    response = web.goto("/?q=" + "agency+staff")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["content-type"].startswith("text/html")
    # no inline scripts at all: the only script is the static enhancement file
    scripts = web.page.locator("script")
    assert scripts.count() == 1
    assert scripts.first.get_attribute("src") == "/static/app.js"
    assert web.page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


def test_citation_click_lands_on_highlighted_span(web):
    page = ask_by_keyboard(web)
    link = page.locator("#answer a.cite-link").first
    with page.expect_navigation():
        link.click()
    assert urlparse(page.url).path.startswith("/items/")
    assert page.url.endswith("#hl")
    hl = page.locator("mark#hl")
    expect(hl).to_have_count(1)
    expect(hl).to_be_visible()
    expect(hl).to_be_in_viewport()
    expect(hl).to_contain_text("finders fees")
    # item page context: source document, pages, resolutions, meeting date
    facts = page.locator(".item-facts")
    expect(facts).to_contain_text("002_6e0a7cef810b3a72.txt")
    expect(facts).to_contain_text("20 Jan 2025")
    expect(page.locator(".resolutions li").first).to_contain_text("RESOLVED")


def test_item_page_links_to_neighbours_and_meeting(web):
    page = web.page
    web.goto("/research?q=performance+management+report&from=2024-07-15&to=2024-07-15")  # an eight-item meeting
    page.locator("table.results tbody tr td a").first.click()
    page.wait_for_url(re.compile(r"/items/"))
    nav = page.locator("nav.item-nav")
    expect(nav).to_be_visible()
    links = nav.locator("a")
    assert links.count() >= 1
    others = page.locator(".meeting-items li")
    assert others.count() > 1
    expect(page.locator('.meeting-items [aria-current="page"]')).to_have_count(1)
    # following "next"/"previous" reaches another item of the same meeting
    before = page.url
    with page.expect_navigation():
        links.first.click()
    assert page.url != before and "/items/" in page.url
    expect(page.locator("h1")).to_be_visible()


def test_date_filter_limits_results(web):
    page = web.page
    web.goto("/research")
    page.get_by_label("Question or search words").fill("agency staff costs")
    page.get_by_label("From date").fill("2025-01-01")
    page.get_by_label("To date").fill("2025-12-31")
    with page.expect_navigation():
        page.get_by_label("Question or search words").press("Enter")
    query = parse_qs(urlparse(page.url).query)
    assert query["from"] == ["2025-01-01"] and query["to"] == ["2025-12-31"]
    dates = [d for d in page.locator("table.results tbody tr").evaluate_all("rows => rows.map(r => r.dataset.date)")]
    assert dates, "expected results in 2025"
    assert all("2025-01-01" <= d <= "2025-12-31" for d in dates), dates

    # the ask page honours the same filters
    web.goto("/?q=agency+staff+costs&from=2025-01-01&to=2025-12-31")
    dates = page.locator(".passage").evaluate_all("els => els.map(e => e.dataset.date)")
    assert dates and all("2025-01-01" <= d <= "2025-12-31" for d in dates), dates
    expect(page.get_by_label("From date")).to_have_value("2025-01-01")


@pytest.mark.parametrize("path, status, message", [
    ("/?q=agency&from=2025-13-45", 400, "YYYY-MM-DD"),
    ("/?q=agency&from=2025-06-01&to=2025-01-01", 400, "after"),
    ("/research?q=agency&to=yesterday", 400, "YYYY-MM-DD"),
    ("/research?q=agency&sort=sideways", 400, "sort"),
    ("/research?from=2025-01-01", 400, "question"),
    ("/research/export.csv?q=agency&from=nope", 400, "YYYY-MM-DD"),
    ("/items/no-such-item", 404, "no item"),
])
def test_bad_input_renders_an_error_page(web, path, status, message):
    response = web.goto(path)
    assert response.status == status
    assert response.headers["content-type"].startswith("text/html")
    alert = web.page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(message)
    expect(web.page.locator("form.search-form, h1").first).to_be_visible()


def test_bad_highlight_offsets(web, base_url):
    web.goto("/research?q=finders+fees")
    href = web.page.locator("table.results tbody tr td a").first.get_attribute("href")
    assert web.goto(href + "?hl=abc").status == 400
    expect(web.page.get_by_role("alert")).to_contain_text("START-END")
    ok = web.goto(href + "?hl=5-99999999")  # clamped to the item's end, not an error
    assert ok.status == 200
    expect(web.page.locator("mark#hl")).to_have_count(1)


def test_research_view_table_sort_timeline_and_screenshot(web, screenshots):
    page = web.page
    web.goto("/research?q=agency+staff+costs")
    rows = page.locator("table.results tbody tr")
    assert 1 <= rows.count() <= 20
    for header in ("Meeting date", "Committee", "Item"):
        expect(page.locator("table.results thead")).to_contain_text(header)
    svg = page.locator("figure.timeline-figure svg.timeline")
    expect(svg).to_be_visible()
    dates = rows.evaluate_all("rows => rows.map(r => r.dataset.date)")
    assert svg.locator("rect").count() == len(set(dates))
    expect(svg.locator("desc")).to_contain_text(f"{len(dates)} result")
    page.screenshot(path=str(screenshots / "research.png"))

    # sortable date column, by links
    with page.expect_navigation():
        page.locator("thead a.sort-link").first.click()
    assert parse_qs(urlparse(page.url).query)["sort"] == ["date"]
    ascending = rows.evaluate_all("rows => rows.map(r => r.dataset.date)")
    assert ascending == sorted(ascending)
    expect(page.locator("thead th").first).to_have_attribute("aria-sort", "ascending")
    with page.expect_navigation():
        page.locator("thead a.sort-link").first.click()
    descending = rows.evaluate_all("rows => rows.map(r => r.dataset.date)")
    assert descending == sorted(descending, reverse=True)
    assert sorted(descending) == sorted(dates)


def test_timeline_svg_endpoint(web):
    response = web.page.request.get(web.base_url + "/research/timeline.svg?q=agency+staff+costs")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.text())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.findall(".//{http://www.w3.org/2000/svg}rect")


def test_research_export_csv_download(web):
    page = web.page
    web.goto("/research?q=agency+staff+costs")
    n_rows = page.locator("table.results tbody tr").count()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "minutes-agency-staff-costs.csv"
    with open(download.path(), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) - 1 == n_rows
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert all(r["citation"] and r["text"] and r["document"] for r in body)
    assert any("agency" in r["text"].lower() for r in body)

    response = page.request.get(web.base_url + "/research/export.csv?q=agency+staff+costs")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="minutes-agency-staff-costs.csv"'


def test_research_export_markdown(web):
    response = web.page.request.get(web.base_url + "/research/export.md?q=agency+staff+costs&from=2024-01-01")
    assert response.status == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="minutes-agency-staff-costs.md"'
    text = response.text()
    assert text.startswith("# Research: agency staff costs")
    assert "Filters: from 1 Jan 2024" in text
    assert re.search(r"^1\. \*\*", text, re.M)


def test_markup_in_documents_is_shown_as_text(web):
    page = web.page
    for path in ("/?q=skatepark+floodlighting+contractor+submission", "/research?q=skatepark+floodlighting"):
        web.goto(path)
        # passages are shown from their clean text: the minutes' literal markup is removed, never run or shown raw
        expect(page.locator("main")).to_contain_text("alert(1)")
        expect(page.locator("main")).to_contain_text("<script>alert(3)</script>")  # titles are shown escaped
        assert page.locator("main script, main img, main b, main p.passage-text p").count() == 0
    item_link = page.locator("table.results tbody tr td a").first
    with page.expect_navigation():
        item_link.click()
    expect(page.locator(".item-text")).to_contain_text('<img src=x onerror="alert(2)">')
    expect(page.locator("h1")).to_contain_text("<script>alert(3)</script>")
    assert page.locator("script").count() == 1  # only /static/app.js
    assert page.locator("main img").count() == 0
    page.wait_for_timeout(300)
    assert web.dialogs == []


def test_abstains_clearly_and_lists_nearest_passages(web):
    web.goto("/?q=" + "What+is+the+orbital+period+of+the+planet+Neptune%3F")
    answer = web.page.locator("#answer")
    expect(answer).to_have_class(re.compile("abstained"))
    expect(answer).to_contain_text("The minutes do not appear to cover this question")
    expect(web.page.get_by_role("heading", name="Nearest passages")).to_be_visible()
    assert web.page.locator(".passage").count() >= 1


def test_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "/")
        page.get_by_label("Your question").fill(QUESTION)
        with page.expect_navigation():
            page.get_by_role("button", name="Ask").click()
        expect(page.locator("#answer .citation").first).to_be_visible()
        with page.expect_navigation():
            page.locator("#answer a.cite-link").first.click()
        expect(page.locator("mark#hl")).to_be_in_viewport()
    finally:
        context.close()


def test_keyboard_focus_is_visible(web):
    page = web.page
    web.goto("/")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'q'", timeout=5000)  # autofocus applied
    page.keyboard.press("Tab")  # from the autofocused question box to the Ask button
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Ask"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    # every form control has a label
    unlabelled = page.evaluate("""[...document.querySelectorAll('input, select, button')]
        .filter(e => !(e.labels && e.labels.length) && e.tagName !== 'BUTTON').map(e => e.id || e.name)""")
    assert unlabelled == []


@pytest.mark.parametrize("path", ["/?q=agency+staff+costs", "/research?q=agency+staff+costs"])
def test_phone_width_has_no_horizontal_scroll(browser, base_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, width
    finally:
        context.close()
