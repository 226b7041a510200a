"""Every operation in the OpenAPI document, given hostile values: never a 5xx, never a status the document omits."""
import urllib.parse

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from index.settings import Settings
from tests.corpus_fixture import ingested_copy

HOSTILE = ["", "x" * 3000, "-1", "0", "abc", "2024-13-45", "\x00", "💥", "../../etc/passwd", "null", "{}", "[]"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(Settings(data_dir=ingested_copy(tmp_path_factory, "openapi"), api_token="operator-token"))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_no_5xx_and_no_undocumented_status(client):
    spec = client.get("/openapi.json").json()
    undocumented, calls = [], 0
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            documented = set(op.get("responses", {}))
            for value in HOSTILE:
                url, query = path, {}
                for p in op.get("parameters", []):
                    if p["in"] == "path":
                        url = url.replace("{" + p["name"] + "}", urllib.parse.quote(value or "x", safe=""))
                    elif p["in"] == "query":
                        query[p["name"]] = value
                kwargs = {"params": query}
                if method in ("post", "put", "patch", "delete"):
                    kwargs.update(content=value.encode(), headers={"content-type": "application/json"})
                r = client.request(method.upper(), url, **kwargs)
                calls += 1
                if r.status_code >= 500 or str(r.status_code) not in documented:
                    undocumented.append((method, path, value[:12], r.status_code, sorted(documented)))
    assert calls > 50
    assert undocumented == []
