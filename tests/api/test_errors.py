"""One error path (api/errors.py): the same errors as JSON for /api and /feeds and as the HTML error page for pages,
and the request limits read from the settings (index/limits.py). The app is not started (no model or index): the
errors here are raised before either is needed."""
import logging

import pytest
from fastapi import Query
from fastapi.testclient import TestClient

from api.app import create_app
from api.errors import SERVER_ERROR
from index.errors import NotFound
from index.limits import SEARCH_MODES, LimitSettings
from index.settings import Settings

SHORT = 40


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("errors-data"), limits=LimitSettings(max_question=SHORT)))
    for prefix in ("/api/test", "/feeds/test", "/test"):
        @app.get(f"{prefix}/missing", response_model=None)
        def missing():
            raise NotFound("no minute book called 'Domesday'")

        @app.get(f"{prefix}/broken", response_model=None)
        def broken():
            raise RuntimeError("secret internals at /srv/minutes/db")

        @app.get(f"{prefix}/number", response_model=None)
        def number(n: int = Query(...)):
            return {"n": n}
    return app


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, raise_server_exceptions=False)  # no `with`: the model and index are not loaded


def is_html_page(r, status: int, message: str):
    assert r.status_code == status and r.headers["content-type"].startswith("text/html"), (r.status_code, r.text[:200])
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert 'role="alert"' in r.text and message in r.text and "Traceback" not in r.text


@pytest.mark.parametrize("prefix", ["/api/test", "/feeds/test"])
def test_a_minutes_error_is_json_for_the_api_and_feeds(client, prefix):
    r = client.get(f"{prefix}/missing")
    assert r.status_code == 404 and r.json() == {"error": "no minute book called 'Domesday'"}


def test_the_same_minutes_error_is_an_html_page_for_a_page(client):
    is_html_page(client.get("/test/missing"), 404, "no minute book called &#39;Domesday&#39;")


def test_validation_errors_by_path(client):
    r = client.get("/api/test/number", params={"n": "many"})
    assert r.status_code == 422 and r.json()["error"].startswith("invalid request: n: ")
    is_html_page(client.get("/test/number", params={"n": "many"}), 422, "invalid request: n: ")


def test_an_unexpected_error_is_a_500_without_its_traceback(client, caplog):
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        r = client.get("/api/test/broken")
    assert r.status_code == 500 and r.json() == {"error": SERVER_ERROR}
    assert "secret" not in r.text and "Traceback" not in r.text
    logged = [rec for rec in caplog.records if rec.name == "api.errors"]
    assert logged and logged[0].exc_info and "/api/test/broken" in logged[0].getMessage()
    page = client.get("/test/broken")
    is_html_page(page, 500, SERVER_ERROR)
    assert "secret" not in page.text


def test_unknown_routes_and_methods_by_path(client):
    assert client.get("/api/nothing").json() == {"error": "Not Found"}
    assert client.get("/feeds/x/y").json() == {"error": "Not Found"}
    is_html_page(client.get("/nothing"), 404, "There is no page at this address.")
    r = client.put("/api/ask")
    assert r.status_code == 405 and r.json() == {"error": "Method Not Allowed"}
    is_html_page(client.put("/research"), 405, "Method Not Allowed")


def test_a_question_over_the_limit_is_refused_by_the_api_and_the_pages(client):
    long = "x" * (SHORT + 1)
    for r in (client.get("/api/ask", params={"q": long}), client.post("/api/ask", json={"question": long}),
              client.get("/api/search", params={"q": long})):
        assert r.status_code == 422 and f"at most {SHORT} characters" in r.json()["error"], r.text
    for path in ("/", "/research", "/research/export.csv"):
        page = client.get(path, params={"q": long})
        is_html_page(page, 400, f"at most {SHORT}")
        # the Ask and Research pages show their form again, with what was sent
        assert 'class="search-form"' in page.text and f'value="{long}"' in page.text and f'maxlength="{SHORT}"' in page.text


def test_modes_and_bounds_come_from_the_settings(client):
    schema = client.get("/openapi.json").json()
    params = {p["name"]: p["schema"] for p in schema["paths"]["/api/search"]["get"]["parameters"]}
    assert params["q"]["maxLength"] == SHORT
    limits = LimitSettings()
    assert params["k"]["anyOf"][0]["maximum"] == limits.max_k and params["page_size"]["maximum"] == limits.max_page_size
    assert tuple(params["mode"]["enum"]) == SEARCH_MODES
    r = client.get("/api/search", params={"q": "care", "mode": "bogus"})
    assert r.status_code == 422 and "mode" in r.json()["error"]


def test_limits_are_settable_by_env(monkeypatch, tmp_path):
    monkeypatch.setenv("MINUTES_LIMITS__MAX_QUESTION", "12")
    monkeypatch.setenv("MINUTES_LIMITS__MAX_PAGE_SIZE", "7")
    settings = Settings(data_dir=tmp_path)
    assert (settings.limits.max_question, settings.limits.max_page_size, settings.limits.max_k) == (12, 7, LimitSettings().max_k)
    c = TestClient(create_app(settings), raise_server_exceptions=False)
    assert "less than or equal to 7" in c.get("/api/search", params={"q": "care", "page_size": 8}).json()["error"]
    assert "at most 12" in c.get("/research", params={"q": "x" * 13}).text


@pytest.mark.parametrize("path, query, kind", [("/api/search", b"q=care", "application/json"), ("/research", b"q=care", "text/html"),
                                               ("/", b"q=care", "text/html")])
def test_a_busy_server_refuses_in_the_shape_of_the_path(path, query, kind):
    import asyncio
    import json
    from types import SimpleNamespace

    from api.limits import HeavyLimiter

    limiter = HeavyLimiter(app=None, running=1, queued=0)
    limiter.admitted = 1  # every slot taken
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": [], "scheme": "http",
             "server": ("test", 80), "root_path": "", "app": SimpleNamespace(state=SimpleNamespace())}
    asyncio.run(limiter(scope, None, send))
    headers = dict(sent[0]["headers"])
    assert sent[0]["status"] == 503 and headers[b"retry-after"] == b"2" and headers[b"content-type"].decode().startswith(kind)
    body = sent[1]["body"].decode()
    assert "busy" in (json.loads(body)["error"] if kind == "application/json" else body)
