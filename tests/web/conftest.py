"""A real uvicorn server over a freshly ingested copy of the corpus, driven by headless Debian Chromium."""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]

# A document whose text carries markup that must be shown as text, never run.
HOSTILE_NAME = "hostile_skatepark.txt"
HOSTILE_TEXT = """Skatepark floodlighting review

Minutes:

The Board considered a report on floodlighting at the Victoria Park skatepark. The contractor's submission contained
the string <script>alert(1)</script> and the markup <img src=x onerror="alert(2)"> which must appear as plain text.
Members asked about <b>bold</b> claims and the <p>paragraph</p> tags copied from the web page.

RESOLVED: That the skatepark floodlighting report be noted.
"""
HOSTILE_MANIFEST = {HOSTILE_NAME: {"committee": "Environment and Urban Renewal Policy and Performance Board",
                                   "meeting_date": "2026-03-12", "item_number": "7",
                                   "title": "Skatepark floodlighting <script>alert(3)</script>"}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """The real corpus (ingested once per session, shared with the other suites) plus one hostile document."""
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    try:
        from tests.corpus_fixture import ingested_copy
    except ImportError:
        ingested_copy = None
    extra = tmp_path_factory.mktemp("web-extra")
    (extra / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (extra / "manifest.json").write_text(json.dumps(HOSTILE_MANIFEST), encoding="utf-8")
    if ingested_copy is not None:
        data, paths = ingested_copy(tmp_path_factory, "web-data"), [extra]
    else:
        data, paths = tmp_path_factory.mktemp("web-data"), [ROOT / "corpus", extra]
    lib = Library(Settings(data_dir=data))
    try:
        report = ingest(lib, paths)
    finally:
        lib.close()
    assert not report.failed, report.to_dict()
    return data


def _build_app(data_dir: Path):
    """The real application when api/app.py provides create_app; otherwise a minimal app around the web router."""
    from index.settings import Settings

    settings = Settings(data_dir=data_dir)
    try:
        from api.app import create_app
    except ImportError:
        create_app = None
    if create_app is not None:
        return create_app(settings)
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    from api import web
    from index.library import Library

    app = FastAPI()
    app.state.library = Library(settings)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=web.STATIC_DIR), name="static")
    return app


@pytest.fixture(scope="session")
def base_url(data_dir):
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(_build_app(data_dir), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-web-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Session:
    """A page plus everything the page tried to do that a test may want to assert never happened."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)


@pytest.fixture
def web(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield Session(page, base_url)
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the page screenshots go: the README's folder when MINUTES_SCREENSHOTS=1, else a temporary one
    (so a test run leaves the working tree clean)."""
    import os

    folder = SCREENSHOTS if os.environ.get("MINUTES_SCREENSHOTS") == "1" else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
