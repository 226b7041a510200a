"""A real uvicorn server on loopback: uploads bounded from their headers, heavy requests shed, a page bomb stopped,
and a CLI ingest into the served directory picked up without a restart (no duplicate vectors)."""
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.api.test_server import QUESTION
from tests.live_server import fetch, free_port, server_env, serving
from tests.corpus_fixture import ingested_copy
from tests.reliability.page_bomb import page_bomb

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"
TOKEN = "reliability-token"
BODY_LIMIT = 3_000_000
FOLLOW_TIMEOUT = 60  # generous bound for polling only; nothing asserts on how fast


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = ingested_copy(tmp_path_factory, "live")
    port = free_port()
    env = server_env(data_dir, MINUTES_API_TOKEN=TOKEN, MINUTES_READ_BUDGET_S="2", MINUTES_MAX_HEAVY_REQUESTS="1",
                     MINUTES_HEAVY_QUEUE="0", MINUTES_MAX_UPLOAD_REQUEST_BYTES=str(BODY_LIMIT))
    with serving(env, port, data_dir.parent / "uvicorn.log") as base:
        yield base, port, data_dir


def multipart(name: str, data: bytes, ctype: str = "text/plain") -> tuple[bytes, str]:
    boundary = "reliabilityboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: {ctype}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def upload(base, name, data, auth=f"Bearer {TOKEN}", ctype="text/plain"):
    body, content_type = multipart(name, data, ctype)
    return fetch(base + "/api/documents", data=body, headers={"Content-Type": content_type, "Authorization": auth}, timeout=300)


def raw_exchange(port: int, head: str, chunks=()) -> bytes:
    """Send a request head (and maybe chunks) over a socket and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(head.encode())
        try:
            for c in chunks:
                s.sendall(c)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: what we want
        out = b""
        while True:
            try:
                part = s.recv(65536)
            except ConnectionResetError:
                break
            if not part:
                break
            out += part
            if b"\r\n\r\n" in out and b'"error"' in out:
                break
    return out


def upload_head(port, extra: str) -> str:
    return (f"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: multipart/form-data; boundary=x\r\n{extra}\r\n")


def test_upload_without_token_is_refused_from_its_headers(served):
    _, port, _ = served
    # a 1 GiB body announced, none sent: an answer can only come from the headers
    answer = raw_exchange(port, upload_head(port, "Content-Length: 1073741824\r\n"))
    assert answer.startswith(b"HTTP/1.1 403") and b"token" in answer


def test_oversized_upload_is_refused_from_its_content_length(served):
    _, port, _ = served
    answer = raw_exchange(port, upload_head(port, f"Authorization: Bearer {TOKEN}\r\nContent-Length: 1073741824\r\n"))
    assert answer.startswith(b"HTTP/1.1 413") and b"too large" in answer


def test_oversized_chunked_upload_is_cut_off_while_streaming(served):
    _, port, data_dir = served
    body, content_type = multipart("big.txt", b"minutes " * (2 * BODY_LIMIT // 8))  # valid multipart, twice the limit
    chunks = [f"{len(body[i:i + 65536]):x}\r\n".encode() + body[i:i + 65536] + b"\r\n" for i in range(0, len(body), 65536)]
    head = (f"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
            f"Authorization: Bearer {TOKEN}\r\nTransfer-Encoding: chunked\r\n\r\n")
    answer = raw_exchange(port, head, chunks + [b"0\r\n\r\n"])
    assert answer.startswith(b"HTTP/1.1 413") and b"too large" in answer
    assert not list((data_dir / "uploads").glob("*.part")) if (data_dir / "uploads").is_dir() else True


def test_lower_case_bearer_and_a_300_character_name(served):
    base, _, data_dir = served
    name = "minutes-" + "n" * 292 + ".txt"
    text = (DOCUMENTS / "nz_napier_city-council_minutes_2019-02-08.txt").read_bytes()
    status, _, body = upload(base, name, text, auth=f"bearer {TOKEN}")
    assert status == 200, body[:500]
    report = json.loads(body)
    assert report["files"][0]["status"] in ("added", "duplicate") and report["files"][0]["path"].endswith(".txt")
    assert not list((data_dir / "uploads").glob("*.part"))


def test_options_ask_lists_post_and_k_is_honoured(served):
    base, port, _ = served
    answer = raw_exchange(port, "OPTIONS /api/ask HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    allow = [line for line in answer.split(b"\r\n") if line.lower().startswith(b"allow:")]
    assert allow and b"POST" in allow[0], answer[:300]
    status, _, body = fetch(base + "/api/search?" + urllib.parse.urlencode({"q": "children in care", "k": 3, "page_size": 10}))
    assert status == 200 and len(json.loads(body)["hits"]) == 3


def test_openapi_documents_the_error_statuses(served):
    base, _, _ = served
    paths = json.loads(fetch(base + "/openapi.json")[2])["paths"]
    assert {"400", "403", "413", "503"} <= set(paths["/api/documents"]["post"]["responses"])
    assert {"400", "503"} <= set(paths["/api/search"]["get"]["responses"])
    assert {"400", "503"} <= set(paths["/api/ask"]["post"]["responses"])
    assert "404" in paths["/api/items/{item_id}"]["get"]["responses"]


def test_heavy_requests_are_shed_with_retry_after(served):
    base, _, _ = served
    url = base + "/api/ask?" + urllib.parse.urlencode({"q": QUESTION})
    start = threading.Barrier(12)
    results = []

    def ask():
        start.wait()
        status, headers, _ = fetch(url, timeout=120)
        results.append((status, headers.get("Retry-After") or headers.get("retry-after")))

    threads = [threading.Thread(target=ask) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = [s for s, _ in results]
    assert set(statuses) <= {200, 503}, statuses  # never a 500, never an unbounded queue
    assert 200 in statuses and 503 in statuses, statuses
    assert all(retry for s, retry in results if s == 503)


def test_page_bomb_upload_fails_within_the_budget_and_the_next_succeeds(served):
    base, _, _ = served
    status, _, body = upload(base, "bomb.pdf", page_bomb(pages=200, operators=20_000), ctype="application/pdf")
    assert status == 422, body[:500]
    assert "took longer than 2 s" in json.loads(body)["files"][0]["detail"]
    text = (DOCUMENTS / "nz_hastings_district-council_minutes_2019-01-31.txt").read_bytes()
    status, _, body = upload(base, "hastings.txt", text)
    assert status == 200, body[:500]


def db_passages(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "minutes.db") as db:
        return db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]


def test_cli_ingest_into_the_served_directory_is_followed(served, tmp_path):
    base, _, data_dir = served
    folder = tmp_path / "more"
    folder.mkdir()
    for name in ("us_nash-county_board-of-commissioners_minutes_2020-05-05.pdf", "uk_west-dereham_parish-council_minutes_2017-06-01.html"):
        shutil.copy(DOCUMENTS / name, folder / name)
    before = json.loads(fetch(base + "/readyz")[2])["passages"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTES_")}
    cli = subprocess.run([sys.executable, "-m", "api.cli", "ingest", "--json", "--data-dir", str(data_dir), str(folder)],
                         cwd=ROOT, env=env, capture_output=True, timeout=600)
    assert cli.returncode == 0, cli.stdout[-2000:] + cli.stderr[-2000:]
    stored = db_passages(data_dir)
    assert stored > before
    deadline = time.monotonic() + FOLLOW_TIMEOUT
    while json.loads(fetch(base + "/readyz")[2])["passages"] != stored and time.monotonic() < deadline:
        time.sleep(0.5)
    assert json.loads(fetch(base + "/readyz")[2])["passages"] == stored
    hits = json.loads(fetch(base + "/api/search?" + urllib.parse.urlencode(
        {"q": "West Dereham parish council", "mode": "dense", "k": 10}))[2])["hits"]
    assert any("dereham" in h["document"].lower() for h in hits)
    # then an upload through the server: it starts from the CLI's index, so nothing is added twice
    status, _, body = upload(base, "milburn.pdf", (DOCUMENTS / "uk_milburn_parish-council_minutes_2021-01-26.pdf").read_bytes(),
                             ctype="application/pdf")
    assert status == 200, body[:500]
    check = subprocess.run([sys.executable, "-m", "api.cli", "check", "--json", "--data-dir", str(data_dir)],
                           cwd=ROOT, env=env, capture_output=True, timeout=600)
    report = json.loads(check.stdout)
    assert check.returncode == 0 and report["duplicate_vectors"] == 0, report
    assert report["vectors"] == report["passages"] == db_passages(data_dir)
    assert json.loads(fetch(base + "/readyz")[2])["passages"] == report["passages"]


def test_schemathesis_finds_no_5xx_and_no_undocumented_status(served, tmp_path):
    base, _, _ = served
    st = Path(sys.executable).with_name("st")
    run = subprocess.run([str(st), "run", base + "/openapi.json", "--checks", "not_a_server_error,status_code_conformance",
                          "--max-examples", "10", "--phases", "coverage,fuzzing", "--seed", "1", "--workers", "1"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=900)  # its cache folder stays out of the repo
    assert run.returncode == 0, run.stdout[-4000:]
    cases = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert cases and cases[1] == cases[2] and int(cases[1]) > 100, run.stdout[-2000:]  # every generated case passed


def test_rebuild_of_the_served_directory_is_followed(served):
    """Last in this module: `minutes rebuild` moves the directory aside and builds a new one; the server reopens it."""
    base, _, data_dir = served
    with sqlite3.connect(data_dir / "minutes.db") as db:  # one file moved away: the rebuilt database lacks it
        gone_path, gone_name = db.execute("SELECT path, name FROM documents WHERE path NOT LIKE ? AND duplicate_of IS NULL "
                                          "ORDER BY id LIMIT 1", (f"{data_dir}%",)).fetchone()
    assert gone_name in {d["name"] for d in json.loads(fetch(base + "/api/documents")[2])["documents"]}
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTES_")}
    aside = Path(gone_path).with_name(Path(gone_path).name + ".aside")
    Path(gone_path).rename(aside)
    try:
        run = subprocess.run([sys.executable, "-m", "api.cli", "rebuild", "--data-dir", str(data_dir)], cwd=ROOT, env=env,
                             capture_output=True, timeout=900)
    finally:
        aside.rename(gone_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    stored = db_passages(data_dir)
    assert stored > 0
    deadline = time.monotonic() + FOLLOW_TIMEOUT
    while json.loads(fetch(base + "/readyz")[2])["passages"] != stored and time.monotonic() < deadline:
        time.sleep(0.5)
    assert json.loads(fetch(base + "/readyz")[2])["passages"] == stored
    assert gone_name not in {d["name"] for d in json.loads(fetch(base + "/api/documents")[2])["documents"]}  # the new database
    hits = json.loads(fetch(base + "/api/search?" + urllib.parse.urlencode({"q": "agency staff", "mode": "dense", "k": 3}))[2])["hits"]
    with sqlite3.connect(data_dir / "minutes.db") as db:  # the ids served are the new database's, with its text
        for h in hits:
            assert db.execute("SELECT text FROM passages WHERE id=?", (h["passage_id"],)).fetchone()[0] == h["text"]
