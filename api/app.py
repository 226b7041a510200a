"""FastAPI application: JSON API, web pages, health checks; the model and index load once at start.

No `from __future__ import annotations` here: the request body model is built in create_app from the settings' limits,
and FastAPI must see the class itself, not its name, in the route's signature.
"""
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, File, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from api.errors import install as install_error_handlers
from api.limits import errors
from api.responses import NoContent
from index.limits import DEFAULT_MODE, SearchMode
from index.settings import Settings
from search.hits import public_hit
from search.models import Answer, Documents, ErrorOut, Health, IngestReport, Item, Meeting, Meetings, Ready, SearchResponse, public


def _filters(committee=None, date_from=None, date_to=None, document=None, resolutions=False, decisions=False, outcome=None):
    from search.filters import Filters

    return Filters(committee=committee, date_from=date_from, date_to=date_to, document=document, resolutions_only=resolutions,
                   decisions=decisions, outcome=outcome)




def _warm_search(library):
    """One search before /readyz answers 200: the search modules, the vocabulary, the first inference and the index
    pages a first request would otherwise load (ready means a first query costs what any query costs)."""
    import logging

    from search.retrieve import search

    try:
        search(library, "minutes of the meeting", k=1)
    except Exception:  # noqa: BLE001 - an empty or broken library still starts; requests report the problem
        logging.getLogger(__name__).warning("warm-up search failed", exc_info=True)


def _warm_answers():
    from index.text import word_form
    from search.answer import answer  # noqa: F401 - imported here so a first question does not

    word_form("meetings")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from index.library import Library

        from index.generation import committed, refresh
        from index.heal import drop_duplicate_vectors, heal_vocabulary
        from index.writer_lock import WriterBusy, writer_lock

        library = Library(settings)
        library.embedder  # load the model once, at start
        try:
            with library.write_lock, writer_lock(settings.data_dir, min(settings.writer_wait_s, 5)):
                refresh(library, writer=True)
                if drop_duplicate_vectors(library) + library.sync_vectors() + heal_vocabulary(library):
                    committed(library)
        except WriterBusy:  # another process is ingesting: it syncs the vectors, and LiveIndex swaps them in
            refresh(library)
        app.state.library = library
        _warm_search(library)
        app.state.ready = True
        # answers also need the lemma dictionary (about 0.5 s to decode): loaded now, beside the first requests, so
        # readiness waits only for what every search needs and a first question never pays for it in full
        threading.Thread(target=_warm_answers, name="warm-answers", daemon=True).start()
        yield
        library.close()

    app = FastAPI(title="Council minutes search", version="0.1.0", lifespan=lifespan,
                  description="Semantic search and cited answers over council minutes and agenda packs.")
    app.state.ready = False
    app.state.settings = settings  # the pages read their limits from it
    from api.limits import HeavyLimiter, UploadGuard
    from api.live_index import LiveIndex

    app.add_middleware(LiveIndex, settings=settings)  # innermost: runs only for admitted requests
    app.add_middleware(UploadGuard, settings=settings)
    app.add_middleware(HeavyLimiter, running=settings.max_heavy_requests, queued=settings.heavy_queue)

    install_error_handlers(app)  # JSON for /api and /feeds, the HTML error page for pages (api/errors.py)
    limits = settings.limits

    class AskBody(BaseModel):
        question: str = Field(..., min_length=1, max_length=limits.max_question)
        committee: str | None = Field(None, max_length=limits.max_committee)
        date_from: str | None = Field(None, alias="from")
        date_to: str | None = Field(None, alias="to")
        resolutions: bool = False
        decisions: bool = False
        outcome: str | None = Field(None, max_length=limits.max_outcome)

        model_config = {"populate_by_name": True}

    def lib(request: Request):
        return request.app.state.library

    @app.get("/healthz", response_model=Health)
    def healthz():
        return {"status": "ok"}

    @app.get("/readyz", response_model=Ready, responses={503: {"model": Ready, "description": "the model and index are still loading"}})
    def readyz(request: Request):
        ready = getattr(request.app.state, "ready", False)
        body = Ready(ready=ready, passages=len(lib(request).vectors) if ready else 0)
        return JSONResponse(body.model_dump(mode="json"), status_code=200 if ready else 503)

    @app.get("/api/search", response_model=SearchResponse, response_model_exclude_unset=True, responses=errors(400, 422, 503))
    def api_search(request: Request, q: str = Query(..., min_length=1, max_length=limits.max_question),
                   k: int | None = Query(None, ge=1, le=limits.max_k, description="How many ranked hits in all (pages slice "
                                                                                 "them); default: enough for the page asked for."),
                   page: int = Query(1, ge=1, le=limits.max_page),
                   page_size: int = Query(limits.page_size, ge=1, le=limits.max_page_size),
                   mode: SearchMode = Query(DEFAULT_MODE),
                   committee: str | None = Query(None, max_length=limits.max_committee),
                   date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                   document: str | None = Query(None, max_length=limits.max_document), resolutions: bool = False,
                   decisions: bool = False, outcome: str | None = Query(None, max_length=limits.max_outcome)):
        from search.retrieve import search

        # `k` caps the ranked list and pages slice it; without `k` the list is as long as the page asked for needs
        hits = search(lib(request), q, k=k or min(limits.max_ranked, page * page_size), mode=mode,
                      filters=_filters(committee, date_from, date_to, document, resolutions, decisions, outcome))[:k or None]
        start = (page - 1) * page_size
        return {"query": q, "page": page, "page_size": page_size, "total": len(hits),
                "hits": [public_hit(h) for h in hits[start:start + page_size]]}

    def _ask(request, question, committee, date_from, date_to, resolutions, decisions=False, outcome=None):
        from search.answer import answer

        return answer(lib(request), question, _filters(committee, date_from, date_to, None, resolutions, decisions, outcome))

    @app.get("/api/ask", response_model=Answer, response_model_exclude_unset=True, responses=errors(400, 422, 503))
    def api_ask_get(request: Request, q: str = Query(..., min_length=1, max_length=limits.max_question),
                    committee: str | None = Query(None, max_length=limits.max_committee),
                    date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                    resolutions: bool = False, decisions: bool = False,
                    outcome: str | None = Query(None, max_length=limits.max_outcome)):
        return _ask(request, q, committee, date_from, date_to, resolutions, decisions, outcome)

    @app.options("/api/ask", include_in_schema=False, response_class=NoContent, response_model=None)
    def api_ask_options():
        return Response(status_code=204, headers={"Allow": "GET, POST, OPTIONS"})

    @app.post("/api/ask", response_model=Answer, response_model_exclude_unset=True, responses=errors(400, 422, 503))
    def api_ask_post(request: Request, body: AskBody):
        return _ask(request, body.question, body.committee, body.date_from, body.date_to, body.resolutions, body.decisions,
                    body.outcome)

    @app.get("/api/meetings", response_model=Meetings, response_model_exclude_unset=True)
    def api_meetings(request: Request):
        from index.catalog import list_meetings

        return {"meetings": list_meetings(lib(request).store)}

    @app.get("/api/meetings/{meeting_id}", response_model=Meeting, response_model_exclude_unset=True, responses=errors(404))
    def api_meeting(request: Request, meeting_id: str):
        from index.catalog import get_meeting

        return get_meeting(lib(request).store, meeting_id)

    @app.get("/api/items/{item_id}", response_model=Item, response_model_exclude_unset=True, responses=errors(404))
    def api_item(request: Request, item_id: str):
        from index.catalog import get_item

        return get_item(lib(request).store, item_id)

    @app.get("/api/documents", response_model=Documents, response_model_exclude_unset=True)
    def api_documents(request: Request):
        from index.catalog import list_documents

        return {"documents": list_documents(lib(request).store)}

    @app.post("/api/documents", response_model=IngestReport, response_model_exclude_unset=True,
              responses={207: {"model": IngestReport, "description": "some files failed (each file's reason is in the report)"},
                         **errors(400, 403, 413, 503),
                         422: {"model": IngestReport | ErrorOut,
                               "description": "every file failed (the report says why), or the request itself was invalid"}})
    def api_upload(request: Request, files: list[UploadFile] = File(...),
                   authorization: str | None = Header(None), x_api_token: str | None = Header(None)):
        # a plain `def`: FastAPI runs it in a worker thread, so a long ingest never blocks other requests
        from api.uploads import check_token, ingest_uploads

        check_token(settings.api_token, authorization, x_api_token)
        report = ingest_uploads(lib(request), [(f.filename, f.file) for f in files])
        failed = sum(1 for f in report["files"] if f["status"] == "failed")
        return JSONResponse(public(IngestReport, report), status_code=200 if not failed else (207 if failed < len(report["files"]) else 422))

    from api import follows

    app.include_router(follows.router)  # POST/GET/DELETE /api/follows, /feeds/{id}.atom

    static_dir = Path(__file__).parent / "web" / "static"
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    try:
        from api import web

        from api import following

        app.include_router(following.router)  # the Following page and the research view's "Follow this"
        app.include_router(web.router)
    except ImportError:  # pages are optional for an API-only deployment
        pass
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory api.app:app_from_env`."""
    return create_app(Settings())
