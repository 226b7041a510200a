"""Following a topic end to end: a real uvicorn server, a real SMTP server (aiosmtpd) and real council documents.

The data directory holds the default corpus less one meeting (Halton, 20 January 2025). Two topics are followed
through the API; then that meeting is ingested with the CLI (as an operator's cron job would), a parish council's
minutes that mention one topic are uploaded through the server, and a county council's minutes about neither, and
each run must add exactly the items a reader would say mention the topic, to the feed and to the digest.
"""
from __future__ import annotations

import email
import email.policy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import httpx
import pytest
from aiosmtpd.controller import Controller

from tests.corpus_fixture import CORPUS, ingested_copy
from tests.live_server import server_env, serving

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"
TOKEN = "operator-token"
READY_TIMEOUT = 180

HALTON_NEW = "002_6e0a7cef810b3a72.txt"  # 20 Jan 2025: agency costs coming down, no 'finders fees' for agency staff
PARISH = "uk_milburn_parish-council_minutes_2021-01-26.pdf"  # cart roads: transfer, potholes, repairs budget
UNRELATED = "uk_kent_county-council_minutes_2025-01-09.pdf"  # English Devolution White Paper

# Labelled by reading the documents (and checked below against their text): the items that mention each topic.
AGENCY_ITEMS = {"Quarterly Monitoring Report Q2 2024-25"}
CART_ROAD_ITEMS = {"Discussion regarding the procurement of the Village Green", "Milburn Village Green Perimeter Roads",
                   "Finance"}


class Inbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        msg["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(msg)
        return "250 Message accepted for delivery"

    def take(self) -> list:
        out, self.messages = self.messages, []
        return out


@pytest.fixture(scope="module")
def smtp():
    from tests.live_server import free_port

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def _data_dir(tmp_path_factory) -> Path:
    """The ingested corpus less the 20 January 2025 meeting (removed the way `minutes remove` does it)."""
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    data = ingested_copy(tmp_path_factory, "follows")
    library = Library(Settings(data_dir=data))
    try:
        doc = next(d for d in library.store.documents() if d["name"] == HALTON_NEW)
        library.remove_document(doc["id"])
        ingest(library, [])  # brings the vector index in step
    finally:
        library.close()
    return data


@pytest.fixture(scope="module")
def server(tmp_path_factory, smtp):
    from tests.live_server import free_port

    data = _data_dir(tmp_path_factory)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(data, MINUTES_API_TOKEN=TOKEN, MINUTES_SMTP_HOST="127.0.0.1", MINUTES_SMTP_PORT=str(smtp[1]),
                     MINUTES_SMTP_FROM="minutes@example.org", MINUTES_PUBLIC_URL=base)
    with serving(env, port, data.parent / "uvicorn.log", READY_TIMEOUT), httpx.Client(base_url=base, timeout=600) as client:
        yield {"client": client, "base": base, "data": data, "env": env}


def _error(response, *statuses) -> str:
    assert response.status_code in statuses, (response.status_code, response.text)
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"], body
    return body["error"]


def _upload(client, path: Path) -> dict:
    with open(path, "rb") as f:
        r = client.post("/api/documents", files=[("files", (path.name, f, "application/pdf"))],
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    return r.json()


def _follow(client, query: str, email_to: str) -> dict:
    r = client.post("/api/follows", json={"query": query, "name": query.capitalize(), "email": email_to},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    return r.json()


def _titles(client, follow_id: str) -> list[str]:
    r = client.get(f"/api/follows/{follow_id}")
    assert r.status_code == 200, r.text
    return [m["item_title"] for m in r.json()["matches"]]


def _feed(client, follow_id: str):
    r = client.get(f"/feeds/{follow_id}.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def _digest_items(msg) -> list[str]:
    """The numbered citations in a digest's text."""
    return re.findall(r"^\d+\. (.+?)\r?$", msg.get_content(), flags=re.M)


def test_new_minutes_reach_exactly_the_feeds_and_digests_that_follow_them(server, smtp, tmp_path):
    client, base = server["client"], server["base"]
    inbox = smtp[0]
    agency = _follow(client, "agency staff costs", "scrutiny@example.org")
    roads = _follow(client, "cart roads", "parish@example.org")
    assert agency["matches"] == [] and roads["matches"] == []  # a follow reports what is new, not the past
    assert agency["digest"] is True and "email" not in agency and agency["secret"]

    # 1. the operator ingests the Halton meeting with the CLI: the agency follow gets its one item, the other nothing
    folder = tmp_path / "new-meeting"
    folder.mkdir()
    shutil.copy(CORPUS / HALTON_NEW, folder)
    shutil.copy(CORPUS / "manifest.json", folder)  # supplies the meeting's date and body
    run = subprocess.run([sys.executable, "-m", "api.cli", "ingest", str(folder), "--data-dir", str(server["data"]), "--json"],
                         cwd=ROOT, env=server["env"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout.strip().splitlines()[-1])["follow_matches"] == 1
    assert set(_titles(client, agency["id"])) == AGENCY_ITEMS
    assert _titles(client, roads["id"]) == []
    mail = inbox.take()
    assert len(mail) == 1 and mail[0]["X-Envelope-To"] == "scrutiny@example.org"
    assert mail[0]["From"] == "minutes@example.org" and "Agency staff costs" in mail[0]["Subject"]
    text = mail[0].get_content()
    match = client.get(f"/api/follows/{agency['id']}").json()["matches"][0]
    assert _digest_items(mail[0]) == [match["citation"]]
    assert match["citation"].startswith("Children Young People and Families Policy and Performance Board, 20 Jan 2025")
    assert match["href"] in text and f"{base}/feeds/{agency['id']}.atom" in text
    assert "finders fees" in match["quote"] or "agency" in match["quote"].lower()

    # 2. a parish council's minutes uploaded through the server: exactly the three items about its cart roads
    report = _upload(client, DOCUMENTS / PARISH)
    assert report["follow_matches"] == 3, report
    assert set(_titles(client, roads["id"])) == CART_ROAD_ITEMS
    assert set(_titles(client, agency["id"])) == AGENCY_ITEMS  # unchanged
    mail = inbox.take()
    assert [m["X-Envelope-To"] for m in mail] == ["parish@example.org"]
    roads_now = client.get(f"/api/follows/{roads['id']}").json()
    assert sorted(_digest_items(mail[0])) == sorted(m["citation"] for m in roads_now["matches"])
    # the label is what the minutes say: these items, and only these, mention cart roads
    items = client.get(f"/api/meetings/{roads_now['matches'][0]['meeting_id']}").json()["items"]
    texts = {i["title"]: " ".join(client.get(f"/api/items/{i['id']}").json()["text"].lower().split()) for i in items}
    assert {t for t, body in texts.items() if "cart road" in body} == CART_ROAD_ITEMS

    # 3. an unrelated meeting adds nothing anywhere, and mails nobody
    report = _upload(client, DOCUMENTS / UNRELATED)
    assert [f["status"] for f in report["files"]] == ["added"] and report["follow_matches"] == 0
    # 4. the same parish file again is unchanged: nothing runs
    report = _upload(client, DOCUMENTS / PARISH)
    assert [f["status"] for f in report["files"]] == ["unchanged"] and report["follow_matches"] == 0
    assert inbox.take() == []
    assert set(_titles(client, roads["id"])) == CART_ROAD_ITEMS and len(_titles(client, roads["id"])) == 3
    assert set(_titles(client, agency["id"])) == AGENCY_ITEMS and len(_titles(client, agency["id"])) == 1

    # the feeds: valid Atom, one entry per matching item, titled with its citation, linking to the passage
    for follow, expected in ((agency, AGENCY_ITEMS), (roads, CART_ROAD_ITEMS)):
        feed = _feed(client, follow["id"])
        matches = client.get(f"/api/follows/{follow['id']}").json()["matches"]
        assert len(feed.entries) == len(expected)
        assert {e.title for e in feed.entries} == {m["citation"] for m in matches}
        assert len({e.id for e in feed.entries}) == len(expected)
        for entry in feed.entries:
            assert entry.link.startswith(f"{base}/items/")
            page = client.get(entry.link)
            assert page.status_code == 200 and 'id="hl"' in page.text
            m = next(m for m in matches if m["citation"] == entry.title)
            assert entry.summary == m["quote"]


def test_follow_endpoints_are_documented(server):
    paths = server["client"].get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/follows"]
    assert {"get", "delete"} <= set(paths["/api/follows/{follow_id}"])
    assert "/feeds/{follow_id}.atom" in paths
    created = paths["/api/follows"]["post"]["responses"]["201"]["content"]["application/json"]["schema"]
    assert created["$ref"].endswith("/FollowCreated")


@pytest.mark.parametrize("body, status, words", [
    ({"query": ""}, 422, "query is empty"),
    ({"query": "   "}, 422, "query is empty"),
    ({}, 422, "query"),
    ({"query": "x" * 501}, 422, "query"),
    ({"query": "school transport", "filters": {"colour": "blue"}}, 422, "colour"),
    ({"query": "school transport", "ward": "north"}, 422, "ward"),
    ({"query": "school transport", "filters": {"from": "2024-31-01"}}, 400, "YYYY-MM-DD"),
    ({"query": "school transport", "filters": {"from": "2025-01-01", "to": "2024-01-01"}}, 400, "after"),
    ({"query": "school transport", "filters": {"outcome": "vetoed"}}, 400, "outcome"),
    ({"query": "school transport", "email": "not an address"}, 422, "email"),
])
def test_bad_follows_are_refused_with_a_message(server, body, status, words):
    r = server["client"].post("/api/follows", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert words in _error(r, status)


def test_a_digest_needs_the_operator(server):
    client = server["client"]
    r = client.post("/api/follows", json={"query": "school transport", "email": "someone@example.org"})
    assert "operator" in _error(r, 403)
    r = client.post("/api/follows", json={"query": "school transport", "email": "someone@example.org"},
                    headers={"Authorization": "Bearer wrong"})
    assert "operator" in _error(r, 403)
    r = client.post("/api/follows", json={"query": "school transport"})  # a feed-only follow is open to anyone
    assert r.status_code == 201 and r.json()["digest"] is False


def test_unknown_ids_are_404(server):
    client = server["client"]
    assert "no follow" in _error(client.get("/api/follows/nosuchfollow"), 404)
    assert "no follow" in _error(client.delete("/api/follows/nosuchfollow", headers={"X-Follow-Secret": "x"}), 404)
    assert "no follow" in _error(client.get("/feeds/nosuchfollow.atom"), 404)


def test_only_the_secret_or_the_operator_deletes(server):
    client = server["client"]
    mine = client.post("/api/follows", json={"query": "school transport"}).json()
    other = client.post("/api/follows", json={"query": "foster carers"}).json()
    assert "secret" in _error(client.delete(f"/api/follows/{mine['id']}"), 403)
    assert "secret" in _error(client.delete(f"/api/follows/{mine['id']}", headers={"X-Follow-Secret": other["secret"]}), 403)
    r = client.delete(f"/api/follows/{mine['id']}", headers={"X-Follow-Secret": mine["secret"]})
    assert r.status_code == 200 and r.json() == {"id": mine["id"], "deleted": True}
    assert client.get(f"/api/follows/{mine['id']}").status_code == 404
    assert client.get(f"/feeds/{mine['id']}.atom").status_code == 404
    r = client.delete(f"/api/follows/{other['id']}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    assert client.get(f"/api/follows/{other['id']}").status_code == 404
