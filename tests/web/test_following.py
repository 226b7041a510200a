"""The Following page in headless Chromium: "Follow this" in the research view, new matches after an ingest of real
minutes, marked new until the next visit, the secret link, unfollow, and the timeline's newest meeting."""
from __future__ import annotations

import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.conftest import _build_app, _free_port

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
PARISH = ROOT / "tests" / "fixtures" / "documents" / "uk_milburn_parish-council_minutes_2021-01-26.pdf"
CART_ROAD_ITEMS = {"Discussion regarding the procurement of the Village Green", "Milburn Village Green Perimeter Roads",
                   "Finance"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Its own server over its own copy of the corpus: these tests ingest a document and must not disturb others."""
    import uvicorn

    from tests.corpus_fixture import ingested_copy

    app = _build_app(ingested_copy(tmp_path_factory, "following-web"))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-following-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.1)
    yield app, f"http://127.0.0.1:{port}", tmp_path_factory.mktemp("following-new")
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site[1])
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    # e.g. a Content-Security-Policy violation (a 4xx page asked for on purpose is logged too, and is not one)
    assert not [e for e in errors if "Failed to load resource" not in e], errors
    context.close()


def follow_from_research(page, query: str, name: str = ""):
    page.goto(f"/research?q={query.replace(' ', '+')}")
    if name:
        page.get_by_label("Name (optional)").fill(name)
    with page.expect_navigation():
        page.get_by_role("button", name="Follow this").click()
    assert page.url.endswith("/following")


def test_follow_this_then_new_minutes_appear_marked_new_once(site, page, screenshots):
    app, base, scratch = site
    follow_from_research(page, "cart roads")
    follow_from_research(page, "village green", name="The village green")
    sections = page.locator("section.follow")
    expect(sections).to_have_count(2)
    expect(page.get_by_role("heading", name="cart roads")).to_be_visible()
    expect(page.get_by_role("heading", name="The village green")).to_be_visible()
    expect(page.locator(".match")).to_have_count(0)  # nothing new yet: the corpus was there before the follows
    expect(page.get_by_text("Nothing new yet").first).to_be_visible()

    # a parish council's minutes are ingested by the running service (as an upload would)
    from index.ingest import ingest

    shutil.copy(PARISH, scratch)
    report = ingest(app.state.library, [scratch / PARISH.name])
    assert [f.status for f in report.files] == ["added"] and report.follow_matches >= 3

    page.reload()
    roads = page.locator("section.follow", has=page.get_by_role("heading", name="cart roads"))
    links = roads.locator(".match a.match-title").all_inner_texts()  # "21.01.06 Milburn Village Green Perimeter Roads"
    assert {t.split(" ", 1)[1] for t in links} == CART_ROAD_ITEMS, links
    expect(roads.locator(".match")).to_have_count(3)
    expect(roads.locator(".match .badge-new")).to_have_count(3)
    expect(roads.locator(".follow-meta")).to_contain_text("3 new")
    expect(roads.get_by_role("link", name="Atom feed")).to_have_attribute("href", re.compile(r"^/feeds/[\w-]+\.atom$"))
    page.screenshot(path=str(screenshots / "following.png"), full_page=True)

    # a match opens its item with the passage highlighted
    with page.expect_navigation():
        roads.locator(".match a.match-title").first.click()
    expect(page.locator("mark#hl")).to_be_visible()
    # seen: the next visit shows the same matches without the New badge
    page.goto("/following")
    expect(page.locator(".match")).to_have_count(6)
    expect(page.locator(".match .badge-new")).to_have_count(0)

    # unfollow
    roads = page.locator("section.follow", has=page.get_by_role("heading", name="cart roads"))
    with page.expect_navigation():
        roads.get_by_role("button", name=re.compile("Unfollow")).click()
    expect(page.locator("section.follow")).to_have_count(1)
    expect(page.get_by_role("heading", name="cart roads")).to_have_count(0)


def test_secret_link_adds_a_follow_to_another_browser(site, page):
    import httpx

    created = httpx.post(site[1] + "/api/follows", json={"query": "foster carers"}).json()
    page.goto("/following")
    expect(page.locator("section.follow")).to_have_count(0)
    page.goto(created["manage_url"].replace("http://testserver", site[1]))
    assert page.url.endswith("/following")
    expect(page.get_by_role("heading", name="foster carers")).to_be_visible()
    page.goto(f"/following/add?id={created['id']}&key=wrong")
    expect(page.locator("#error")).to_contain_text("does not match")


def test_research_timeline_marks_the_newest_meeting(site, page):
    page.goto("/research?q=agency+staff+costs")
    newest = page.locator("svg.timeline g.bar-newest")
    expect(newest).to_have_count(1)
    expect(newest).to_contain_text("newest")
    expect(newest.locator("title")).to_contain_text("the newest meeting")


def test_forms_posted_from_another_site_are_refused(site):
    import httpx

    r = httpx.post(site[1] + "/following", data={"q": "cart roads"}, headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 403 and "this site" in r.text and "set-cookie" not in r.headers
    r = httpx.post(site[1] + "/following", data={"q": "  "})
    assert r.status_code == 400 and "type a topic" in r.text
