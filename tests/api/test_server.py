"""One real uvicorn server process (`--factory api.app:app_from_env`) over a prepared data directory."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.corpus_fixture import ingested_copy

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 120
QUESTION = "How many children were in the council's care at the time of the Q2 2025/26 monitoring report?"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 60):
    """(status, headers, body bytes) without raising on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = ingested_copy(tmp_path_factory, "server")
    log_path = data_dir.parent / "uvicorn.log"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTES_")}
    env.update(MINUTES_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_env", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:
                status, _, _ = fetch(base + "/readyz", timeout=5)
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"/readyz was not 200 within {READY_TIMEOUT} s:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


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
