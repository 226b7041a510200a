"""Server-rendered web pages: ask (cited answer), item (highlighted source), research (table, timeline, exports).

Everything works without JavaScript; /static/app.js only adds small conveniences. Templates autoescape, document
text is escaped piece by piece around <mark> highlights, and every HTML response carries a strict CSP.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
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
from index.limits import LimitSettings
from search.filters import OUTCOMES
from search.votes import describe_decision, describe_hit_decisions

WEB_DIR = Path(__file__).resolve().parent / "web"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

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


# the pages whose error page shows their form again, filled in as sent: (heading, submit label)
FORM_PAGES = {"/": ("Ask the council minutes", "Ask"), "/research": ("Research the minutes", "Search")}


def html_error(request: Request, status: int, message: str, headers: dict | None = None) -> HTMLResponse:
    """The HTML error page (with the CSP) that api/errors.py answers every page's error with. A bad question or filter
    on the Ask or Research page (or an export of it) shows that page's form again with what was sent; a server-side
    failure (5xx) shows no form, so it reads nothing more."""
    title = {404: "Not found", 500: "Something went wrong"}.get(status) or \
        ("Something is wrong with the request" if status < 500 else "Unavailable")
    path = getattr(getattr(request, "url", None), "path", "")
    action = "/research" if path.startswith("/research") else path if path in FORM_PAGES else None
    ctx: dict = {"form": Form(), "committees": [], "outcomes": OUTCOMES, "page": "error", "action": None}
    if action and status < 500:
        ctx.update(_base_context(request, Form.read(request), action.strip("/") or "ask"), action=action)
        ctx["heading"], ctx["submit"] = FORM_PAGES[action]
    ctx.update(title=title, error=message)
    response = render("error.html", status, **ctx)
    response.headers.update(headers or {})
    return response


# --------------------------------------------------------------------------------------------- the query form
def limits(request: Request) -> LimitSettings:
    settings = getattr(request.app.state, "settings", None)
    return settings.limits if settings is not None else LimitSettings()


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
    limits: LimitSettings = field(default_factory=LimitSettings, repr=False)

    @classmethod
    def read(cls, request: Request) -> "Form":
        qp = request.query_params
        on = lambda name: (qp.get(name) or "").lower() in ("1", "on", "true", "yes")
        return cls(q=(qp.get("q") or "").strip(), committee=(qp.get("committee") or "").strip(),
                   date_from=(qp.get("from") or "").strip(), date_to=(qp.get("to") or "").strip(),
                   resolutions=on("resolutions"), sort=(qp.get("sort") or "score").strip(),
                   decisions=on("decisions"), outcome=(qp.get("outcome") or "").strip()[:40], limits=limits(request))

    @property
    def has_filters(self) -> bool:
        return bool(self.committee or self.date_from or self.date_to or self.resolutions or self.decisions or self.outcome)

    def filters(self):
        """The search Filters; raises MinutesError (400) for a bad date, an inverted range or an overlong question."""
        from search.filters import Filters

        most = self.limits.max_question
        if len(self.q) > most:
            raise MinutesError(f"the question is too long ({len(self.q)} characters; at most {most})")
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


def run_answer(library, question: str, filters, k: int) -> dict:
    from search.answer import answer

    return answer(library, question, filters, k=k)


# --------------------------------------------------------------------------------------------- routes
@router.get("/", response_class=HTMLResponse, response_model=None)
def ask_page(request: Request):
    form = Form.read(request)
    ctx = _base_context(request, form, "ask")
    ctx.update(result=None, passages=[], research_url=form.url("/research"))
    if not (form.q or form.has_filters):
        return render("ask.html", **ctx)
    filters = form.filters()
    if not form.q:
        raise MinutesError("type a question to search the minutes")
    k = form.limits.ask_passages
    result = run_answer(_library(request), form.q, filters, k)
    passages = list(result.get("passages") or [])[:k]
    if not passages:
        from search.retrieve import search

        passages = search(_library(request), form.q, k, filters=filters)
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

    form = Form(q=(request.query_params.get("q") or "").strip()[:limits(request).max_question], limits=limits(request))
    item = get_item(_library(request).store, item_id)
    span = _parse_hl(request.query_params.get("hl"), len(item["text"]))
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
    return sort_hits(search(_library(request), form.q, form.limits.research_rows, filters=filters), form.sort)


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
    hits = _research_hits(request, form)
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
    hits = _research_hits(request, form)
    return Response(_timeline(form, hits), media_type="image/svg+xml",
                    headers={**SECURITY_HEADERS, "Content-Security-Policy": "default-src 'none'"})


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "X-Content-Type-Options": "nosniff"})


def _export(request: Request, ext: str) -> Response:
    """The research results with their citations as a download (CSV or Markdown)."""
    form = Form.read(request)
    hits = _research_hits(request, form)
    body, media_type = (to_csv(hits), CSV_MEDIA_TYPE) if ext == "csv" else \
        (to_markdown(hits, form.q, form.filters()), MARKDOWN_MEDIA_TYPE)
    return _download(body, media_type, export_filename(form.q, ext))


@router.get("/research/export.csv", response_class=CSVResponse, response_model=None)
def research_export_csv(request: Request):
    return _export(request, "csv")


@router.get("/research/export.md", response_class=MarkdownResponse, response_model=None)
def research_export_md(request: Request):
    return _export(request, "md")


__all__ = ["router", "html_error", "limits", "STATIC_DIR", "TEMPLATES_DIR", "CONTENT_SECURITY_POLICY"]
