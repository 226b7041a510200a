"""Server-rendered web pages: ask (cited answer), item (highlighted source), research (table, timeline, exports).

Everything works without JavaScript; /static/app.js only adds small conveniences. Templates autoescape, document
text is escaped piece by piece around <mark> highlights, and every HTML response carries a strict CSP.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from api.export import (
    CSV_MEDIA_TYPE,
    MARKDOWN_MEDIA_TYPE,
    export_filename,
    to_csv,
    to_markdown,
)
from api.responses import CSVResponse, MarkdownResponse, SVGResponse
from api.timeline import timeline_svg
from api.views import (
    EXCERPT_CHARS,
    _passage_view,
    answer_view,
    item_href,
    mark_spans,
    question_terms,
    sort_hits,
)
from index.dates import format_date
from index.errors import MinutesError
from search.filters import OUTCOMES
from search.votes import describe_decision, describe_hit_decisions

WEB_DIR = Path(__file__).resolve().parent / "web"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

ASK_K = 10
RESEARCH_K = 20
MAX_QUESTION_CHARS = 500
SORTS = ("score", "date", "-date")

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

router = APIRouter(include_in_schema=False)


# --------------------------------------------------------------------------------------------- templates
def _pages(pages) -> str:
    return f"pp. {pages}" if "-" in str(pages) else f"p. {pages}"


env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True)
env.filters["date"] = format_date
env.filters["pages"] = _pages


def render(name: str, status: int = 200, **context) -> HTMLResponse:
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(request: Request, exc: MinutesError, form: "Form | None" = None, status: int | None = None) -> HTMLResponse:
    status = status or getattr(exc, "status", 400)
    title = "Not found" if status == 404 else "Something is wrong with the request" if status < 500 else "Unavailable"
    return render("error.html", status, title=title, error=str(exc), form=form or Form(),
                  committees=_committees(request), page="error")


def html_error(request: Request, status: int, message: str) -> HTMLResponse:
    """An HTML error page (with the CSP) for app-level handlers, e.g. 404 on an unknown non-API path."""
    exc = MinutesError(message)
    exc.status = status
    return error_page(request, exc, status=status)


# --------------------------------------------------------------------------------------------- the query form
@dataclass
class Form:
    q: str = ""
    committee: str = ""
    date_from: str = ""
    date_to: str = ""
    resolutions: bool = False
    sort: str = "score"
    decisions: bool = False
    outcome: str = ""

    @classmethod
    def read(cls, request: Request) -> "Form":
        qp = request.query_params
        on = lambda name: (qp.get(name) or "").lower() in ("1", "on", "true", "yes")
        return cls(q=(qp.get("q") or "").strip(), committee=(qp.get("committee") or "").strip(),
                   date_from=(qp.get("from") or "").strip(), date_to=(qp.get("to") or "").strip(),
                   resolutions=on("resolutions"), sort=(qp.get("sort") or "score").strip(),
                   decisions=on("decisions"), outcome=(qp.get("outcome") or "").strip()[:40])

    @property
    def has_filters(self) -> bool:
        return bool(self.committee or self.date_from or self.date_to or self.resolutions or self.decisions or self.outcome)

    def filters(self):
        """The search Filters; raises MinutesError (400) for a bad date, an inverted range or an overlong question."""
        from search.filters import Filters

        if len(self.q) > MAX_QUESTION_CHARS:
            raise MinutesError(f"the question is too long ({len(self.q)} characters; at most {MAX_QUESTION_CHARS})")
        if self.sort not in SORTS:
            raise MinutesError(f"sort must be one of {', '.join(SORTS)}, not '{self.sort}'")
        return Filters(committee=self.committee or None, date_from=self.date_from or None, date_to=self.date_to or None,
                       resolutions_only=self.resolutions, decisions=self.decisions, outcome=self.outcome or None)

    def params(self, **overrides) -> dict:
        values = {"q": self.q, "committee": self.committee, "from": self.date_from, "to": self.date_to,
                  "resolutions": "1" if self.resolutions else "", "decisions": "1" if self.decisions else "",
                  "outcome": self.outcome, "sort": self.sort if self.sort != "score" else ""}
        values.update(overrides)
        return {k: v for k, v in values.items() if v}

    def url(self, path: str, **overrides) -> str:
        params = self.params(**overrides)
        return f"{path}?{urlencode(params)}" if params else path


def _library(request: Request):
    return request.app.state.library


def _committees(request: Request) -> list[str]:
    try:
        from index.catalog import list_meetings

        return sorted({m["committee"] for m in list_meetings(_library(request).store) if m["committee"]})
    except Exception:  # the form must still render if the store is unavailable
        return []


def _base_context(request: Request, form: Form, page: str) -> dict:
    committees = _committees(request)
    if form.committee and form.committee not in committees:
        committees = [form.committee, *committees]
    return {"form": form, "committees": committees, "outcomes": OUTCOMES, "page": page, "error": None}


# --------------------------------------------------------------------------------------------- highlighting


def run_answer(library, question: str, filters) -> dict:
    from search.answer import answer

    return answer(library, question, filters, k=ASK_K)


# --------------------------------------------------------------------------------------------- routes
@router.get("/", response_class=HTMLResponse, response_model=None)
def ask_page(request: Request):
    form = Form.read(request)
    ctx = _base_context(request, form, "ask")
    ctx.update(result=None, passages=[], research_url=form.url("/research"))
    if not (form.q or form.has_filters):
        return render("ask.html", **ctx)
    try:
        filters = form.filters()
        if not form.q:
            raise MinutesError("type a question to search the minutes")
        result = run_answer(_library(request), form.q, filters)
        passages = list(result.get("passages") or [])[:ASK_K]
        if not passages:
            from search.retrieve import search

            passages = search(_library(request), form.q, ASK_K, filters=filters)
    except MinutesError as exc:
        ctx["error"] = str(exc)
        return render("ask.html", getattr(exc, "status", 400), **ctx)
    terms = question_terms(form.q)
    ctx.update(result=answer_view(result), passages=[_passage_view(h, terms) for h in passages])
    return render("ask.html", **ctx)


def _parse_hl(value: str | None, length: int) -> tuple[int, int] | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{1,9})\s*-\s*(\d{1,9})\s*", value)
    if not m:
        raise MinutesError(f"hl must be two character offsets written START-END, not '{value}'")
    start, end = int(m.group(1)), int(m.group(2))
    if start > end:
        raise MinutesError("hl: the start offset is after the end offset")
    start, end = min(start, length), min(end, length)
    return (start, end) if end > start else None


def _decision_view(decision: dict, item: dict) -> dict:
    """A decision for the item page: its summary line, the names under each vote and a link to its span."""
    from search.votes import POSITION_LABELS, POSITIONS

    names = decision.get("names") or {}
    votes = decision.get("votes") or {}
    rows = []
    for key in POSITIONS:
        if key in names:
            rows.append({"label": POSITION_LABELS[key].capitalize(), "count": votes.get(key, len(names[key])),
                         "names": ", ".join(names[key]) or "none"})
        elif key in votes:
            rows.append({"label": POSITION_LABELS[key].capitalize(), "count": votes[key], "names": "names not recorded"})
    start, end = decision.get("start"), decision.get("end")
    href = None
    if start is not None and end is not None and item["start"] <= start < end <= item["end"]:
        href = item_href(item["id"], start - item["start"], end - item["start"])
    summary = describe_decision(decision)
    outcome = decision.get("outcome") or ""
    if outcome and summary.startswith(outcome):  # the outcome is shown as a badge beside it
        summary = summary[len(outcome):].lstrip(" ,;")
    return {**decision, "summary": summary, "rows": rows, "href": href}


@router.get("/items/{item_id}", response_class=HTMLResponse, response_model=None)
def item_page(request: Request, item_id: str):
    from index.catalog import get_item

    form = Form(q=(request.query_params.get("q") or "").strip()[:MAX_QUESTION_CHARS])
    try:
        item = get_item(_library(request).store, item_id)
        span = _parse_hl(request.query_params.get("hl"), len(item["text"]))
    except MinutesError as exc:
        return error_page(request, exc, form)
    text = item["text"]
    item["html"] = mark_spans(text, [span] if span else [], mark_id="hl")
    for key in ("previous", "next"):
        if item.get(key):
            item[key]["href"] = item_href(item[key]["id"])
    for sib in item.get("meeting_items") or []:
        sib["href"] = item_href(sib["id"])
        sib["current"] = sib["id"] == item["id"]
    item["decision_views"] = [_decision_view(d, item) for d in item.get("decisions") or []]
    ctx = _base_context(request, form, "item")
    ctx.update(item=item, highlighted=bool(span))
    return render("item.html", **ctx)


def _research_hits(request: Request, form: Form) -> list[dict]:
    from search.retrieve import search

    filters = form.filters()
    if not form.q:
        raise MinutesError("type a question or some words to research")
    return sort_hits(search(_library(request), form.q, RESEARCH_K, filters=filters), form.sort)


def _timeline(form: Form, hits: list[dict], newest: str | None = None) -> str:
    return timeline_svg(hits, href_for=lambda day: form.url("/research", **{"from": day, "to": day}),
                        title=f"Results per meeting date ({len(hits)} shown)", newest=newest)


@router.get("/research", response_class=HTMLResponse, response_model=None)
def research_page(request: Request):
    form = Form.read(request)
    ctx = _base_context(request, form, "research")
    ctx.update(rows=[], timeline=None, exports={}, sort_links={}, ask_url=form.url("/", sort=""))
    if not (form.q or form.has_filters or request.query_params.get("sort")):
        return render("research.html", **ctx)
    try:
        hits = _research_hits(request, form)
    except MinutesError as exc:
        ctx["error"] = str(exc)
        return render("research.html", getattr(exc, "status", 400), **ctx)
    terms = question_terms(form.q)
    ctx["rows"] = [{**_passage_view(h, terms, None if h.get("is_resolution") else EXCERPT_CHARS),
                    "decision_text": describe_hit_decisions(h)} for h in hits]
    # the newest meeting stored is marked (shown with 0 when it does not mention the topic), within the date filter
    newest = _library(request).store.newest_meeting_date(form.committee or None)
    in_range = newest and (not form.date_from or newest >= form.date_from) and (not form.date_to or newest <= form.date_to)
    ctx["timeline"] = Markup(_timeline(form, hits, newest if in_range else None))
    ctx["exports"] = {"csv": form.url("/research/export.csv", sort=form.sort if form.sort != "score" else ""),
                      "md": form.url("/research/export.md", sort=form.sort if form.sort != "score" else ""),
                      "svg": form.url("/research/timeline.svg", sort="")}
    next_date = "-date" if form.sort == "date" else "date"
    ctx["sort_links"] = {"date": form.url("/research", sort=next_date), "score": form.url("/research", sort=""),
                         "aria": {"date": "ascending", "-date": "descending"}.get(form.sort)}
    return render("research.html", **ctx)


@router.get("/research/timeline.svg", response_class=SVGResponse, response_model=None)  # or the HTML error page
def research_timeline(request: Request):
    form = Form.read(request)
    try:
        hits = _research_hits(request, form)
    except MinutesError as exc:
        return error_page(request, exc, form)
    return Response(_timeline(form, hits), media_type="image/svg+xml",
                    headers={**SECURITY_HEADERS, "Content-Security-Policy": "default-src 'none'"})


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "X-Content-Type-Options": "nosniff"})


def _export(request: Request, ext: str) -> Response:
    """The research results with their citations as a download (CSV or Markdown)."""
    form = Form.read(request)
    try:
        hits = _research_hits(request, form)
        body, media_type = (to_csv(hits), CSV_MEDIA_TYPE) if ext == "csv" else \
            (to_markdown(hits, form.q, form.filters()), MARKDOWN_MEDIA_TYPE)
    except MinutesError as exc:
        return error_page(request, exc, form)
    return _download(body, media_type, export_filename(form.q, ext))


@router.get("/research/export.csv", response_class=CSVResponse, response_model=None)
def research_export_csv(request: Request):
    return _export(request, "csv")


@router.get("/research/export.md", response_class=MarkdownResponse, response_model=None)
def research_export_md(request: Request):
    return _export(request, "md")


__all__ = ["router", "html_error", "STATIC_DIR", "TEMPLATES_DIR", "CONTENT_SECURITY_POLICY"]
