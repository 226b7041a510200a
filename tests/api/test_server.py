"""One real uvicorn server process (`--factory api.app:app_from_env`) over a prepared data directory."""
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.corpus_fixture import ingested_copy
from tests.live_server import fetch, free_port, server_env, serving

QUESTION = "How many children were in the council's care at the time of the Q2 2025/26 monitoring report?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = ingested_copy(tmp_path_factory, "server")
    with serving(server_env(data_dir), free_port(), data_dir.parent / "uvicorn.log") as base:
        yield base


def test_ready_and_healthy(server):
    status, _, body = fetch(server + "/readyz")
    assert status == 200
    assert json.loads(body)["ready"] is True and json.loads(body)["passages"] > 100
    assert fetch(server + "/healthz")[0] == 200


def test_ask_returns_a_cited_answer(server):
    status, headers, body = fetch(server + "/api/ask?" + urllib.parse.urlencode({"q": QUESTION}))
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    result = json.loads(body)
    assert result["abstained"] is False
    assert "384" in result["answer"]
    assert result["citations"] and result["passages"]
    c = result["citations"][0]
    assert f"[{c['marker']}]" in result["answer"]
    status, _, item = fetch(server + "/api/items/" + urllib.parse.quote(c["item_id"]))
    assert status == 200
    assert json.loads(item)["text"][c["start"]:c["end"]] == c["quote"]


def test_post_ask(server):
    data = json.dumps({"question": QUESTION}).encode()
    status, _, body = fetch(server + "/api/ask", data=data, headers={"Content-Type": "application/json"})
    assert status == 200 and json.loads(body)["citations"]


@pytest.mark.parametrize("path", [
    "/api/ask?q=", "/api/search?q=care&k=0", "/api/search?q=care&from=2024-13-45", "/api/search?q=care&mode=bogus",
    "/api/items/no-such-item",
])
def test_bad_requests_get_4xx_json(server, path):
    status, headers, body = fetch(server + path)
    assert 400 <= status < 500, (status, body[:300])
    assert headers["content-type"].startswith("application/json")
    assert json.loads(body)["error"]


def test_bad_post_body(server):
    status, _, body = fetch(server + "/api/ask", data=b"{not json", headers={"Content-Type": "application/json"})
    assert 400 <= status < 500 and json.loads(body)["error"]


def test_uploads_are_disabled_without_a_token(server):
    boundary = "xyzboundary"
    data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\nsome minutes\r\n--{boundary}--\r\n").encode()
    status, _, body = fetch(server + "/api/documents", data=data,
                            headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-API-Token": "anything"})
    assert status == 403 and "disabled" in json.loads(body)["error"]
