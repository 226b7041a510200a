"""One shape for results: every route declares what it sends, /openapi.json documents the result models, and real
responses (API and CLI --json) validate against them with no key left undeclared."""
import json

import pytest
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

import search.models as models
from api.app import create_app
from api.cli import main as cli_main
from api.responses import NON_JSON
from index.settings import Settings
from search.models import Answer, Hit, IngestReport, Item, ListedItem, Meeting, undeclared_keys
from tests.corpus_fixture import VOTES, ingested_copy_with

TOKEN = "tok"
QUESTIONS = {
    "single meeting": "How many social workers were trained in house, as reported to the Board for Quarter 1 2025-26?",
    "across meetings": "How has spending on agency social care staff changed between 2023/24 and 2025/26?",
    "vote": "Who voted against the downtown parking meter rate increase?",
    "abstains": "How did Councilmember Brennan vote on the lasagne recipe competition?",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(Settings(data_dir=ingested_copy_with(tmp_path_factory, VOTES, "models"), api_token=TOKEN))


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def routes(items):
    """Every route of the app, those of included routers too (FastAPI keeps those inside an included-router entry)."""
    for route in items:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from routes(inner.routes)
        else:
            yield route


def response_class(route: APIRoute):
    return getattr(route.response_class, "value", route.response_class)  # a DefaultPlaceholder when left unset


def test_every_route_declares_what_it_sends(app):
    api_routes = [r for r in routes(app.routes) if isinstance(r, APIRoute)]
    assert {"/api/ask", "/api/search", "/api/follows", "/readyz", "/research/export.csv", "/following"} <= {r.path for r in api_routes}
    undeclared = []
    for route in api_routes:
        sends_json = issubclass(response_class(route), JSONResponse)
        if sends_json and route.response_model is None or not sends_json and not issubclass(response_class(route), NON_JSON):
            undeclared.append(f"{sorted(route.methods)} {route.path}")
    assert not undeclared, f"routes without a response_model (JSON) or a named response class (pages, files): {undeclared}"


def test_openapi_lists_the_result_models(client):
    schema = client.get("/openapi.json").json()
    assert {"Hit", "Citation", "Answer", "Item", "Meeting", "IngestReport", "SearchResponse"} <= set(schema["components"]["schemas"])
    ok = {path: op["responses"]["200"] for path, ops in schema["paths"].items() for op in ops.values() if "200" in op["responses"]}
    for path, model in {"/api/ask": "Answer", "/api/search": "SearchResponse", "/api/items/{item_id}": "Item",
                        "/api/meetings/{meeting_id}": "Meeting", "/api/documents": "IngestReport", "/readyz": "Ready"}.items():
        assert json.dumps(ok[path]).count(f'"#/components/schemas/{model}"'), (path, ok[path])
    hit = schema["components"]["schemas"]["Hit"]["properties"]
    assert "item's text" in hit["start_in_item"]["description"] and "document's text" in hit["start"]["description"]


def test_every_model_field_is_documented():
    for name in models.__all__:
        model = getattr(models, name)
        if isinstance(model, type) and issubclass(model, models.BaseModel):
            assert model.__doc__, name
            missing = [f for f, info in model.model_fields.items() if not info.description]
            assert not missing, (name, missing)


@pytest.mark.parametrize("kind", QUESTIONS)
def test_answers_carry_only_declared_keys(client, kind):
    body = client.get("/api/ask", params={"q": QUESTIONS[kind]}).json()
    answer = Answer.model_validate(body)
    assert undeclared_keys(answer) == []
    assert ("vote" in body) == (kind == "vote") and ("topics" in body) == (kind == "across meetings")
    assert "generated" not in body  # optional keys are left out, as before, not sent as null
    assert answer.abstained == (kind == "abstains") and (answer.citations or kind == "abstains")


def test_offsets_say_what_they_count_from(client):
    """A hit's start/end count in the document, its start_in_item (alias item_start) in the item; a citation's in the item."""
    hits = client.get("/api/search", params={"q": "agency social workers", "k": 5}).json()["hits"]
    cited = client.get("/api/ask", params={"q": QUESTIONS["single meeting"]}).json()["citations"]
    for hit in map(Hit.model_validate, hits):
        item = client.get(f"/api/items/{hit.item_id}").json()
        assert hit.item_start == hit.start_in_item and hit.item_end == hit.end_in_item
        assert item["text"][hit.start_in_item:hit.end_in_item] == hit.text
        assert item["start"] + hit.start_in_item == hit.start
        assert undeclared_keys(Item.model_validate(item)) == []
    for c in cited:
        text = client.get(f"/api/items/{c['item_id']}").json()["text"]
        assert c["start_in_item"] == c["start"] and text[c["start"]:c["end"]] == c["quote"]


def test_catalog_routes_carry_only_declared_keys(client):
    meetings = client.get("/api/meetings").json()["meetings"]
    documents = client.get("/api/documents").json()
    assert undeclared_keys(models.Meetings.model_validate({"meetings": meetings})) == []
    assert undeclared_keys(models.Documents.model_validate(documents)) == []
    for m in meetings[:5]:
        assert undeclared_keys(Meeting.model_validate(client.get(f"/api/meetings/{m['id']}").json())) == []


def test_upload_report_is_an_ingest_report(client):
    r = client.post("/api/documents", files=[("files", ("notes.docx", b"x", "application/octet-stream"))],
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422
    report = IngestReport.model_validate(r.json())
    assert undeclared_keys(report) == [] and report.counts == {"failed": 1} and "unsupported" in report.files[0].detail


def test_cli_json_goes_through_the_models(app, client, capsys):
    data = ["--data-dir", str(app.state.library.settings.data_dir)]
    assert cli_main(["ask", QUESTIONS["vote"], "--json", *data]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert undeclared_keys(Answer.model_validate(answer)) == [] and answer["vote"]["kind"] == "who"
    assert all("start_in_item" in c for c in answer["citations"])
    assert cli_main(["search", "agency social workers", "-k", "3", "--json", *data]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(hits) == 3 and all(undeclared_keys(Hit.model_validate(h)) == [] and "start_in_item" in h for h in hits)
    assert cli_main(["show", hits[0]["item_id"], "--json", *data]) == 0
    assert undeclared_keys(Item.model_validate(json.loads(capsys.readouterr().out))) == []
    assert cli_main(["items", "--decisions", "--json", *data]) == 0
    listed = [ListedItem.model_validate(json.loads(line)) for line in capsys.readouterr().out.splitlines()]
    assert listed and all(undeclared_keys(i) == [] and i.decisions for i in listed)
