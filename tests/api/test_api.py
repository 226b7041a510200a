"""The JSON API in-process (FastAPI TestClient) over the ingested corpus: shapes, spans, pagination, errors, uploads."""
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from index.limits import LimitSettings
from index.settings import Settings
from tests.corpus_fixture import CORPUS_FILES, ingested_copy

LIMITS = LimitSettings()
MAX_K, MAX_PAGE_SIZE, MAX_QUESTION = LIMITS.max_k, LIMITS.max_page_size, LIMITS.max_question

ROOT = Path(__file__).resolve().parents[2]
DEV = [json.loads(line) for line in (ROOT / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
TOKEN = "tok"

QUESTION = "How many social workers were trained in house, as reported to the Board for Quarter 1 2025-26?"
CROSS_QUESTION = "How has spending on agency social care staff changed between 2023/24 and 2025/26?"
CITATION_KEYS = {"marker", "passage_id", "item_id", "document", "committee", "meeting_date", "item_number", "item_title",
                 "pages", "quote", "start", "end", "label"}
HIT_KEYS = {"passage_id", "text", "score", "document", "committee", "meeting_date", "item_number", "item_title", "pages", "citation"}
ROUTES = {"/api/ask", "/api/search", "/api/meetings", "/api/meetings/{meeting_id}", "/api/items/{item_id}", "/api/documents",
          "/healthz", "/readyz"}

UPLOAD_TEXT = """Environment and Urban Renewal Policy and Performance Board - Monday, 3rd March, 2025

1. FLAMINGO POND RESTORATION

Minutes:

The Board received a report on the restoration of the flamingo pond in Victoria Park. Members were told the works
would cost £42,000 and be finished by the summer. Councillor Wharton asked whether the pond would be fenced.

RESOLVED: That the report be noted.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(Settings(data_dir=ingested_copy(tmp_path_factory, "api"), api_token=TOKEN))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def error_of(response, *statuses):
    """A 4xx JSON body with a readable 'error' message."""
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"], body
    return body["error"]


# -- health, docs ---------------------------------------------------------------------------------------------

def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["ready"] is True and r.json()["passages"] > 100


def test_not_ready_before_start(tmp_path):
    app = create_app(Settings(data_dir=tmp_path / "data"))
    c = TestClient(app)  # no `with`: the lifespan (model and index load) has not run
    assert c.get("/healthz").status_code == 200
    r = c.get("/readyz")
    assert r.status_code == 503 and r.json()["ready"] is False


def test_docs_and_openapi(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    spec = client.get("/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert ROUTES <= set(paths), ROUTES - set(paths)
    assert {"get", "post"} <= set(paths["/api/ask"]) and {"get", "post"} <= set(paths["/api/documents"])


# -- ask ------------------------------------------------------------------------------------------------------

def check_answer(client, body):
    assert {"answer", "citations", "abstained", "passages"} <= set(body)
    assert body["abstained"] is False and body["citations"]
    for c in body["citations"]:
        assert CITATION_KEYS <= set(c), CITATION_KEYS - set(c)
        assert f"[{c['marker']}]" in body["answer"]
        item = client.get(f"/api/items/{c['item_id']}")
        assert item.status_code == 200
        item = item.json()
        assert item["text"][c["start"]:c["end"]] == c["quote"]
        assert item["document"] == c["document"] and item["meeting_date"] == c["meeting_date"]
        assert any(p["id"] == c["passage_id"] for p in item["passages"])
    for p in body["passages"]:
        assert HIT_KEYS <= set(p)
        assert not {"clean", "text_hash", "duplicate_of"} & set(p)


def test_ask_get(client):
    r = client.get("/api/ask", params={"q": QUESTION})
    assert r.status_code == 200
    body = r.json()
    check_answer(client, body)
    assert "189" in body["answer"]


def test_ask_post_matches_get(client):
    r = client.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 200
    body = r.json()
    check_answer(client, body)
    get = client.get("/api/ask", params={"q": QUESTION}).json()
    assert body["answer"] == get["answer"] and body["citations"] == get["citations"]


@pytest.mark.parametrize("qid", ["d003", "d008", "d021", "d034"])
def test_ask_dev_questions_cite_exact_spans(client, qid):
    q = next(q for q in DEV if q["id"] == qid)
    check_answer(client, client.get("/api/ask", params={"q": q["question"]}).json())


def test_ask_with_filters(client):
    r = client.post("/api/ask", json={"question": "agency social workers", "from": "2025-01-01", "to": "2025-12-31"})
    assert r.status_code == 200
    body = r.json()
    assert body["passages"]
    assert all("2025-01-01" <= p["meeting_date"] <= "2025-12-31" for p in body["passages"])
    assert all("2025-01-01" <= c["meeting_date"] <= "2025-12-31" for c in body["citations"])
    r = client.get("/api/ask", params={"q": "monitoring report", "resolutions": "true", "committee": "Children"})
    assert r.status_code == 200
    assert all(p["is_resolution"] and "Children" in p["committee"] for p in r.json()["passages"])


def test_ask_cross_meeting_groups(client):
    body = client.get("/api/ask", params={"q": CROSS_QUESTION}).json()
    check_answer(client, body)
    dates = [g["meeting_date"] for g in body["groups"]]
    assert len(set(dates)) >= 2 and dates == sorted(dates)


def test_ask_far_off_question_abstains(client):
    body = client.get("/api/ask", params={"q": "What is the recipe for lasagne?"}).json()
    assert body["abstained"] is True
    assert "do not appear to cover" in body["answer"]
    assert body["citations"] == [] and body["passages"]


# -- search ---------------------------------------------------------------------------------------------------

def test_search_fields(client):
    r = client.get("/api/search", params={"q": "PED02 04", "k": 5})
    assert r.status_code == 200
    body = r.json()
    assert body["page"] == 1 and body["hits"]
    for h in body["hits"]:
        assert HIT_KEYS <= set(h), HIT_KEYS - set(h)
        assert not {"clean", "text_hash", "duplicate_of"} & set(h)
        assert h["committee"] in h["citation"]
    assert "PED02 04" in body["hits"][0]["text"]


def test_search_pagination(client):
    params = {"q": "children in care", "k": 20, "page_size": 5}
    p1 = client.get("/api/search", params={**params, "page": 1}).json()
    p2 = client.get("/api/search", params={**params, "page": 2}).json()
    ids1 = [h["passage_id"] for h in p1["hits"]]
    ids2 = [h["passage_id"] for h in p2["hits"]]
    assert len(ids1) == len(ids2) == 5
    assert not set(ids1) & set(ids2)
    assert p2["page"] == 2 and p2["page_size"] == 5
    # pages are consecutive slices of one ranking
    whole = client.get("/api/search", params={"q": "children in care", "k": 20, "page_size": 10}).json()
    assert [h["passage_id"] for h in whole["hits"]] == ids1 + ids2
    assert [h["score"] for h in whole["hits"]] == sorted((h["score"] for h in whole["hits"]), reverse=True)
    # beyond the end: an empty page, not an error
    far = client.get("/api/search", params={"q": "children in care", "page": 100, "page_size": MAX_PAGE_SIZE})
    assert far.status_code == 200 and far.json()["hits"] == []


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "dense"])
def test_search_modes_and_filters(client, mode):
    r = client.get("/api/search", params={"q": "school admission arrangements", "mode": mode, "committee": "Executive",
                                          "from": "2024-01-01", "to": "2024-12-31", "k": 20, "page_size": 20})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert hits
    assert all(h["committee"] == "Executive Board" and h["meeting_date"].startswith("2024") for h in hits)
    doc = CORPUS_FILES[3]
    hits = client.get("/api/search", params={"q": "agency staff", "mode": mode, "document": doc}).json()["hits"]
    assert hits and {h["document"] for h in hits} == {doc}


# -- meetings, items, documents -------------------------------------------------------------------------------

def test_meetings(client):
    meetings = client.get("/api/meetings").json()["meetings"]
    assert len(meetings) >= len(CORPUS_FILES)
    dates = [m["meeting_date"] for m in meetings]
    assert dates == sorted(dates)
    for m in meetings[:3] + meetings[-2:]:
        r = client.get(f"/api/meetings/{m['id']}")
        assert r.status_code == 200
        detail = r.json()
        assert detail["id"] == m["id"] and detail["meeting_date"] == m["meeting_date"]
        assert len(detail["items"]) == m["items"] >= 1
        for item in detail["items"]:
            assert item["meeting_id"] == m["id"] and item["title"]
            got = client.get(f"/api/items/{item['id']}")
            assert got.status_code == 200 and got.json()["id"] == item["id"]


def test_item_detail(client):
    hit = client.get("/api/search", params={"q": "Ofsted focused visit"}).json()["hits"][0]
    item = client.get(f"/api/items/{hit['item_id']}").json()
    assert hit["text"] in item["text"]
    assert {"id", "document", "committee", "meeting_date", "number", "title", "pages", "text", "passages", "resolutions",
            "meeting_items", "previous", "next"} <= set(item)


@pytest.mark.parametrize("path", ["/api/items/nope", "/api/items/00000000-999", "/api/meetings/no-such-meeting-2020-01-01"])
def test_unknown_ids_are_404_json(client, path):
    assert "no " in error_of(client.get(path), 404)


def test_documents_list(client):
    docs = client.get("/api/documents").json()["documents"]
    assert set(CORPUS_FILES) <= {d["name"] for d in docs}
    assert all("path" not in d for d in docs)  # server paths are not disclosed


# -- invalid requests: 4xx JSON with an error message, never 500 ---------------------------------------------

BAD_SEARCHES = [
    ({"q": ""}, 422),
    ({"q": "x" * 2000}, 422),
    ({"q": "   "}, 400),
    ({"q": "care", "k": 0}, 422),
    ({"q": "care", "k": 1000}, 422),
    ({"q": "care", "k": "ten"}, 422),
    ({"q": "care", "page": 0}, 422),
    ({"q": "care", "page_size": 1000}, 422),
    ({"q": "care", "from": "2024-13-45"}, 400),
    ({"q": "care", "to": "yesterday"}, 400),
    ({"q": "care", "from": "2025-01-01", "to": "2024-01-01"}, 400),
    ({"q": "care", "mode": "bogus"}, 422),
    ({"q": "care", "resolutions": "maybe"}, 422),
    ({"q": "care", "committee": "x" * 300}, 422),
    ({}, 422),
]


@pytest.mark.parametrize("params,status", BAD_SEARCHES, ids=lambda v: str(v)[:40])
def test_bad_search_requests(client, params, status):
    error_of(client.get("/api/search", params=params), status)


@pytest.mark.parametrize("params,status", [
    ({"q": ""}, 422), ({"q": "x" * 2000}, 422), ({"q": " "}, 400), ({"q": "care", "from": "2024-13-45"}, 400),
    ({"q": "care", "from": "2025-06-01", "to": "2025-01-01"}, 400), ({}, 422),
], ids=lambda v: str(v)[:40])
def test_bad_ask_get_requests(client, params, status):
    error_of(client.get("/api/ask", params=params), status)


@pytest.mark.parametrize("body,status", [
    ({}, 422), ({"question": ""}, 422), ({"question": None}, 422), ({"question": 5}, 422), ({"question": "x" * 2000}, 422),
    ({"question": "care", "from": "2024-13-45"}, 400), ({"question": "care", "from": "2025-02-01", "to": "2025-01-01"}, 400),
    ([], 422), ("just a string", 422),
], ids=lambda v: str(v)[:40])
def test_bad_ask_post_bodies(client, body, status):
    error_of(client.post("/api/ask", json=body), status)


@pytest.mark.parametrize("content,ctype", [
    (b"not json", "application/json"), (b"{\"question\": ", "application/json"), (b"\xff\xfe\x00", "application/json"),
    (b"question=care", "application/x-www-form-urlencoded"), (b"", "application/json"), (b"care", "text/plain"),
])
def test_non_json_ask_bodies(client, content, ctype):
    error_of(client.post("/api/ask", content=content, headers={"content-type": ctype}), 400, 415, 422)


@pytest.mark.parametrize("method,path", [("get", "/api/nothing-here"), ("delete", "/api/documents"), ("put", "/api/ask")])
def test_unknown_api_routes_and_methods_are_json(client, method, path):
    error_of(getattr(client, method)(path), 404, 405)


def test_limits_are_the_documented_ones(client):
    assert client.get("/api/search", params={"q": "x" * MAX_QUESTION, "k": MAX_K, "page_size": MAX_PAGE_SIZE}).status_code == 200
    error_of(client.get("/api/search", params={"q": "x" * (MAX_QUESTION + 1)}), 422)


@pytest.mark.parametrize("q", ['"unbalanced', "NEAR(a b)", "*", "OR AND NOT", "care'; DROP TABLE passages; --", "\x00",
                              "💥 🐑", "PED02*", "^care", "col:value", "-care", "(((", "£%", "a" * 500])
def test_awkward_queries_never_fail(client, q):
    for path in ("/api/search", "/api/ask"):
        r = client.get(path, params={"q": q})
        assert r.status_code in (200, 400), (path, q, r.status_code, r.text[:300])
        if r.status_code == 400:
            error_of(r, 400)
    assert client.get("/readyz").status_code == 200  # the database survived


# -- uploads --------------------------------------------------------------------------------------------------

def upload(client, name, data, headers=None, ctype="text/plain"):
    return client.post("/api/documents", files={"files": (name, data, ctype)}, headers=headers or {})


def test_upload_requires_the_token(client):
    assert "token" in error_of(upload(client, "x.txt", UPLOAD_TEXT.encode()), 403)
    assert "token" in error_of(upload(client, "x.txt", UPLOAD_TEXT.encode(), {"X-API-Token": "wrong"}), 403)
    assert "token" in error_of(upload(client, "x.txt", UPLOAD_TEXT.encode(), {"Authorization": "Bearer wrong"}), 403)
    assert "token" in error_of(upload(client, "x.txt", UPLOAD_TEXT.encode(), {"Authorization": "Bearer "}), 403)
    assert "x.txt" not in {d["name"] for d in client.get("/api/documents").json()["documents"]}


def test_upload_minutes_then_search_them(client):
    r = upload(client, "park-minutes.txt", UPLOAD_TEXT.encode(), {"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    report = r.json()
    assert [(f["path"], f["status"]) for f in report["files"]] == [("park-minutes.txt", "added")]
    assert report["files"][0]["passages"] >= 1 and report["embedded"] >= 1
    assert report["counts"] == {"added": 1}

    docs = {d["name"]: d for d in client.get("/api/documents").json()["documents"]}
    assert "park-minutes.txt" in docs and docs["park-minutes.txt"]["passages"] >= 1

    hits = client.get("/api/search", params={"q": "flamingo pond restoration"}).json()["hits"]
    assert hits and hits[0]["document"] == "park-minutes.txt" and "flamingo" in hits[0]["text"]
    ans = client.get("/api/ask", params={"q": "How much will the flamingo pond restoration cost?"}).json()
    assert not ans["abstained"]
    assert ans["citations"][0]["document"] == "park-minutes.txt"
    assert "flamingo pond" in ans["citations"][0]["quote"]
    check_answer(client, ans)

    again = upload(client, "park-minutes.txt", UPLOAD_TEXT.encode(), {"X-API-Token": TOKEN})
    assert again.status_code == 200 and again.json()["files"][0]["status"] == "unchanged"
    assert client.get("/readyz").json()["passages"] == client.get("/readyz").json()["passages"]


def test_upload_of_unsupported_files_is_reported_failed(client):
    r = upload(client, "setup.exe", b"MZ\x90\x00\x03", {"X-API-Token": TOKEN}, "application/octet-stream")
    assert r.status_code == 422
    report = r.json()
    assert report["files"][0]["path"] == "setup.exe" and report["files"][0]["status"] == "failed"
    assert "unsupported" in report["files"][0]["detail"]
    assert report["counts"] == {"failed": 1}
    assert "setup.exe" not in {d["name"] for d in client.get("/api/documents").json()["documents"]}

    r = upload(client, "fake.pdf", b"this is not a pdf", {"X-API-Token": TOKEN}, "application/pdf")
    assert r.status_code == 422 and r.json()["files"][0]["status"] == "failed" and r.json()["files"][0]["detail"]


def test_upload_mixed_batch_is_partial(client):
    files = [("files", ("bad.exe", b"MZ", "application/octet-stream")),
             ("files", ("../../escape-minutes.txt", UPLOAD_TEXT.replace("flamingo", "pelican").encode(), "text/plain"))]
    r = client.post("/api/documents", files=files, headers={"X-API-Token": TOKEN})
    assert r.status_code == 207, r.text
    statuses = {f["path"]: f["status"] for f in r.json()["files"]}
    assert statuses == {"bad.exe": "failed", "escape-minutes.txt": "added"}
    assert r.json()["counts"] == {"failed": 1, "added": 1}
    data_dir = Path(client.app.state.library.settings.data_dir)
    stored = list((data_dir / "uploads").glob("*-escape-minutes.txt"))
    assert len(stored) == 1 and stored[0].parent == data_dir / "uploads"  # the name is stripped of its directories
    assert not (data_dir.parent.parent / "escape-minutes.txt").exists()
    assert not list((data_dir / "uploads").glob("*.part"))


def test_two_different_files_with_one_name_are_both_kept(client):
    first = upload(client, "agenda.txt", UPLOAD_TEXT.replace("flamingo", "heron").encode(), {"X-API-Token": TOKEN})
    second = upload(client, "agenda.txt", UPLOAD_TEXT.replace("flamingo", "kingfisher").encode(), {"X-API-Token": TOKEN})
    assert first.json()["files"][0]["status"] == second.json()["files"][0]["status"] == "added"
    for bird in ("heron", "kingfisher"):
        hits = client.get("/api/search", params={"q": f"{bird} pond restoration", "k": 3}).json()["hits"]
        assert hits[0]["document"] == "agenda.txt" and bird in hits[0]["text"]


def test_upload_without_files_is_an_error(client):
    error_of(client.post("/api/documents", headers={"X-API-Token": TOKEN}), 422)


def test_uploads_disabled_without_a_configured_token(tmp_path_factory):
    app = create_app(Settings(data_dir=ingested_copy(tmp_path_factory, "api-no-token"), api_token=None))
    with TestClient(app, raise_server_exceptions=False) as c:
        for headers in ({}, {"X-API-Token": TOKEN}, {"Authorization": "Bearer "}, {"X-API-Token": ""}):
            assert "disabled" in error_of(upload(c, "x.txt", UPLOAD_TEXT.encode(), headers), 403)
        assert c.get("/api/ask", params={"q": QUESTION}).status_code == 200


def test_unknown_page_gets_an_html_404_with_the_security_policy(client):
    r = client.get("/no-such-page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/api/no-such-route").json() == {"error": "Not Found"}
