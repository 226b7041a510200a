"""Decisions through the HTTP API and the web pages (FastAPI TestClient): hits carry them, `decisions` and `outcome`
filter by them, the research table and exports describe them, the item page lists them escaped, and vote questions
are answered with a cited roll call. The corpus plus tests/fixtures/votes, really ingested and embedded."""
import csv
import io
import json
import re
import shutil

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from index.settings import Settings
from tests.corpus_fixture import VOTES, ingested_copy_with

DOC = "millbrook_city_council_2025-03-11.txt"
HOSTILE = "hostile_banner_minutes.txt"
HOSTILE_TEXT = """BANNER POLICY

The Council considered a request to fly a community banner over Main Street during the spring festival.

Motion by Councilmember Quill, seconded by Councilmember Roe, to approve the banner wording &lt;script&gt;alert(1)&lt;/script&gt;
as submitted by the festival committee. Motion carried by the following roll call vote:
AYES: Councilmembers Quill, Roe and Stone <i>(Chair)</i>
NOES: None
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    extra = tmp_path_factory.mktemp("decisions-docs") / "votes"
    shutil.copytree(VOTES, extra)
    (extra / HOSTILE).write_text(HOSTILE_TEXT, encoding="utf-8")
    manifest = json.loads((extra / "manifest.json").read_text(encoding="utf-8"))
    manifest[HOSTILE] = {"committee": "Millbrook City Council", "meeting_date": "2025-04-08", "title": "Banner policy"}
    (extra / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    app = create_app(Settings(data_dir=ingested_copy_with(tmp_path_factory, extra, "api-decisions")))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def hits(client, **params):
    r = client.get("/api/search", params={"k": 30, "page_size": 30, **params})
    assert r.status_code == 200, r.text
    return r.json()["hits"]


def error_of(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.text)
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"], body
    return body["error"]


# -- search ---------------------------------------------------------------------------------------------------

def test_search_hits_carry_decisions(client):
    found = hits(client, q="rezoning 1400 Harbor Boulevard")
    top = found[0]
    assert top["document"] == DOC and "Harbor Boulevard" in top["text"]
    item = client.get(f"/api/items/{top['item_id']}").json()
    assert top["decisions"] == item["decisions"]
    (d,) = [d for d in top["decisions"] if d["mover"] == "Nakamura"]
    assert d["outcome"] == "carried" and d["seconder"] == "Delgado"
    assert d["votes"]["ayes"] == 4 and d["votes"]["noes"] == 2
    assert sorted(d["names"]["noes"]) == ["Brennan", "Whitfield"]
    assert all(isinstance(h["decisions"], list) for h in found)


def test_decisions_filter(client):
    plain = hits(client, q="children in care monitoring")
    assert any(not h["decisions"] for h in plain)
    filtered = hits(client, q="children in care monitoring", decisions="true")
    assert filtered and all(h["decisions"] for h in filtered)
    for h in filtered[:5]:
        assert client.get(f"/api/items/{h['item_id']}").json()["decisions"]


def test_outcome_filter(client):
    plain = hits(client, q="parking meter rates rezoning", document=DOC)
    assert any(all(d["outcome"] != "failed" for d in h["decisions"]) for h in plain)
    failed = hits(client, q="parking meter rates rezoning", document=DOC, outcome="failed")
    assert failed and all(any(d["outcome"] == "failed" for d in h["decisions"]) for h in failed)
    assert "parking meter" in failed[0]["text"].lower()
    assert {h["passage_id"] for h in failed} == {h["passage_id"] for h in plain if any(d["outcome"] == "failed" for d in h["decisions"])}
    # across the whole store too, and with the decisions filter alongside
    anywhere = hits(client, q="parking meter rates", outcome="failed", decisions="true")
    assert anywhere and all(any(d["outcome"] == "failed" for d in h["decisions"]) for h in anywhere)


@pytest.mark.parametrize("path", ["/api/search", "/api/ask"])
def test_bad_outcome_is_a_4xx_with_a_message(client, path):
    message = error_of(client.get(path, params={"q": "parking", "outcome": "bogus"}), 400)
    assert "outcome must be one of" in message and "failed" in message and "bogus" in message
    error_of(client.get(path, params={"q": "parking", "decisions": "perhaps"}), 422)
    error_of(client.get(path, params={"q": "parking", "outcome": "x" * 100}), 422)


def test_ask_post_takes_the_decision_filters(client):
    message = error_of(client.post("/api/ask", json={"question": "parking meters", "outcome": "won"}), 400)
    assert "outcome must be one of" in message
    r = client.post("/api/ask", json={"question": "parking meter rates", "decisions": True, "outcome": "failed"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["passages"] and all(any(d["outcome"] == "failed" for d in p["decisions"]) for p in body["passages"])
    get = client.get("/api/ask", params={"q": "parking meter rates", "decisions": "true", "outcome": "failed"}).json()
    assert [p["passage_id"] for p in get["passages"]] == [p["passage_id"] for p in body["passages"]]


# -- vote questions -------------------------------------------------------------------------------------------

def test_ask_how_a_member_voted(client):
    body = client.get("/api/ask", params={"q": "How did Councilmember Whitfield vote on the rezoning of 1400 Harbor Boulevard?"}).json()
    assert body["abstained"] is False
    assert "Councilmember Whitfield voted against (noes)" in body["answer"] and body["answer"].endswith("[1]")
    (c,) = body["citations"]
    item = client.get(f"/api/items/{c['item_id']}").json()
    assert item["text"][c["start"]:c["end"]] == c["quote"]
    noes = re.search(r"^NOES:(.*)$", c["quote"], re.M).group(1)
    assert "Whitfield" in noes
    assert any(d["start"] - item["start"] == c["start"] and d["end"] - item["start"] == c["end"] for d in item["decisions"])
    assert c["document"] == DOC and any(p["passage_id"] == c["passage_id"] for p in body["passages"])


def test_ask_about_a_member_without_a_recorded_vote(client):
    body = client.post("/api/ask", json={"question": "How did Councilmember Fairbanks vote on the downtown parking meter rate increase?"}).json()
    assert body["abstained"] is False and "do not list Councilmember Fairbanks" in body["answer"]
    (c,) = body["citations"]
    assert "Motion failed" in c["quote"] and "Fairbanks" not in c["quote"]


# -- web pages and exports ------------------------------------------------------------------------------------

def test_research_csv_has_the_decisions_column(client):
    r = client.get("/research/export.csv", params={"q": "downtown parking meter rates", "decisions": "1"})
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and "decisions" in rows[0]
    assert all(row["decisions"] for row in rows)
    parking = [row for row in rows if row["document"] == DOC and "PARKING" in row["item_title"]]
    assert any("failed 2–4 (1 absent), moved Whitfield, seconded Brennan" in row["decisions"] for row in parking), parking
    md = client.get("/research/export.md", params={"q": "downtown parking meter rates", "outcome": "failed"}).text
    assert "Filters: decision outcome failed" in md
    assert re.search(r"^   Decisions: .*failed 2–4 \(1 absent\), moved Whitfield, seconded Brennan", md, re.M), md


def test_research_table_has_a_decision_column(client):
    r = client.get("/research", params={"q": "rezoning 1400 Harbor Boulevard", "decisions": "1", "outcome": "carried"})
    assert r.status_code == 200
    html = r.text
    assert re.search(r"<th scope=\"col\">Decision</th>", html)
    assert "carried 4–2 (1 absent), moved Nakamura, seconded Delgado" in html
    assert 'name="decisions" value="1" checked' in html and '<option value="carried" selected>' in html
    bad = client.get("/research", params={"q": "rezoning", "outcome": "bogus"})
    assert bad.status_code == 400 and "outcome must be one of" in bad.text


def test_item_page_lists_decisions_escaped(client):
    found = hits(client, q="community banner Main Street festival", document=HOSTILE)
    item_id = found[0]["item_id"]
    item = client.get(f"/api/items/{item_id}").json()
    (d,) = item["decisions"]
    assert "<script>alert(1)</script>" in d["text"]  # the markup is in the stored decision: the page must escape it
    assert any("<i>" in n for n in d["names"]["ayes"])
    page = client.get(f"/items/{item_id}")
    assert page.status_code == 200
    section = page.text[page.text.index('class="decisions"'):page.text.index('id="text-heading"')]
    assert "<script>alert(1)" not in section and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "<i>" not in section and "&lt;i&gt;" in section  # the name as extracted, markup and all, shown as text
    assert "moved Quill, seconded Roe" in section and "Carried" in section
    rezoning = hits(client, q="rezoning 1400 Harbor Boulevard")[0]["item_id"]
    section = client.get(f"/items/{rezoning}").text
    assert re.search(r"Against \(noes\) \(2\)</dt><dd>Brennan, Whitfield</dd>", section)


def test_ask_page_answers_a_vote_question(client):
    r = client.get("/", params={"q": "Who voted against the downtown parking meter rate increase?"})
    assert r.status_code == 200
    answer = r.text[r.text.index('id="answer"'):]
    assert "Nakamura, Pryor, Okafor and Delgado" in answer and 'href="#cite-1"' in answer
