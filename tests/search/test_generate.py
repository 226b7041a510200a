"""Generated answers: the client's plumbing against a local OpenAI-compatible stand-in (the model is not under test),
then the whole answer path on the real corpus with the endpoint configured."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from search.generate import budget_passages, cited_sentences
from tests.corpus_fixture import ingested_copy


class _Endpoint(BaseHTTPRequestHandler):
    reply = ""
    requests: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        out = json.dumps({"choices": [{"message": {"role": "assistant", "content": type(self).reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    server = HTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Endpoint.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_uncited_and_out_of_range_sentences_are_dropped():
    got = cited_sentences("Fees were not paid [1]. An unsupported claim. Costs fell [2][3]. Invented source [9].", 3)
    assert got == [("Fees were not paid.", [1]), ("Costs fell.", [2, 3])]


def test_passages_are_budgeted_with_tiktoken():
    hits = [{"text": "minutes " * 300, "citation": "c"} for _ in range(10)]
    assert len(budget_passages(hits, 1000)) == 2  # ~340 tokens each
    assert budget_passages(hits, 100) == []


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return ingested_copy(tmp_path_factory, "generate")


def test_generated_answer_cites_real_passages(data_dir, endpoint):
    from index.catalog import get_item
    from index.library import Library
    from index.settings import Settings
    from search.answer import answer

    _Endpoint.reply = ("The Council did not pay finders fees for agency staff taken on full time [1]. "
                       "This sentence has no citation. Agency costs were coming down [1][2].")
    lib = Library(Settings(data_dir=data_dir, llm_base_url=endpoint, llm_api_key="k", llm_model="m"))
    try:
        result = answer(lib, "Does the council pay finders fees for agency staff?")
        assert result.get("generated") is True
        assert "no citation" not in result["answer"]
        assert [s["markers"] for s in result["sentences"]] == [[1], [1, 2]]
        request = _Endpoint.requests[0]
        assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer k"
        assert "finders" in request["body"]["messages"][1]["content"]
        for c in result["citations"]:
            assert get_item(lib.store, c["item_id"])["text"][c["start"]:c["end"]] == c["quote"]
        assert {c["passage_id"] for c in result["citations"]} <= {p["passage_id"] for p in result["passages"]}
    finally:
        lib.close()


def test_not_found_reply_and_dead_endpoint_fall_back_to_the_extractive_answer(data_dir, endpoint):
    from index.library import Library
    from index.settings import Settings
    from search.answer import answer

    _Endpoint.reply = "NOT FOUND"
    for url in (endpoint, "http://127.0.0.1:9/v1"):  # port 9: nothing listens
        lib = Library(Settings(data_dir=data_dir, llm_base_url=url))
        try:
            result = answer(lib, "Does the council pay finders fees for agency staff?")
            assert not result.get("generated") and result["citations"]
            assert "finders fees" in result["answer"]
        finally:
            lib.close()
