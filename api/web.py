"""Server-rendered web pages: ask (cited answer), item (highlighted source), research (table, timeline, exports).

Everything works without JavaScript; /static/app.js only adds small conveniences. Templates autoescape, document
text is escaped piece by piece around <mark> highlights, and every HTML response carries a strict CSP.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from markupsafe import Markup, escape

from api.export import CSV_MEDIA_TYPE, MARKDOWN_MEDIA_TYPE, export_filename, to_csv, to_markdown
from api.timeline import timeline_svg
from index.errors import MinutesError
from search.hits import format_date

WEB_DIR = Path(__file__).resolve().parent / "web"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

ASK_K = 10
RESEARCH_K = 20
MAX_QUESTION_CHARS = 500
SORTS = ("score", "date", "-date")
EXCERPT_CHARS = 420

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


# --------------------------------------------------------------------------------------------- the query form
@dataclass
class Form:
    q: str = ""
    committee: str = ""
    date_from: str = ""
    date_to: str = ""
    resolutions: bool = False
    sort: str = "score"

    @classmethod
    def read(cls, request: Request) -> "Form":
        qp = request.query_params
        return cls(q=(qp.get("q") or "").strip(), committee=(qp.get("committee") or "").strip(),
                   date_from=(qp.get("from") or "").strip(), date_to=(qp.get("to") or "").strip(),
                   resolutions=(qp.get("resolutions") or "").lower() in ("1", "on", "true", "yes"),
                   sort=(qp.get("sort") or "score").strip())

    @property
    def has_filters(self) -> bool:
        return bool(self.committee or self.date_from or self.date_to or self.resolutions)

    def filters(self):
        """The search Filters; raises MinutesError (400) for a bad date, an inverted range or an overlong question."""
        from search.filters import Filters

        if len(self.q) > MAX_QUESTION_CHARS:
            raise MinutesError(f"the question is too long ({len(self.q)} characters; at most {MAX_QUESTION_CHARS})")
        if self.sort not in SORTS:
            raise MinutesError(f"sort must be one of {', '.join(SORTS)}, not '{self.sort}'")
        return Filters(committee=self.committee or None, date_from=self.date_from or None, date_to=self.date_to or None,
                       resolutions_only=self.resolutions)

    def params(self, **overrides) -> dict:
        values = {"q": self.q, "committee": self.committee, "from": self.date_from, "to": self.date_to,
                  "resolutions": "1" if self.resolutions else "", "sort": self.sort if self.sort != "score" else ""}
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
    return {"form": form, "committees": committees, "page": page, "error": None}


# --------------------------------------------------------------------------------------------- highlighting
STOPWORDS = set("""a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her here
hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out
over own same she should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your said say says tell told
council board meeting meetings minutes there""".split())


def question_terms(question: str) -> list[str]:
    """Stems of the question's content words ('finders fees' -> ['finder', 'fee'])."""
    stems = []
    for word in re.findall(r"\w+", question.lower()):
        if len(word) < 3 or word in STOPWORDS:
            continue
        for suffix in ("ing", "ies", "es", "ed", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        if word not in stems:
            stems.append(word)
    return stems


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    if not terms:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\w*", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def mark_spans(text: str, spans: list[tuple[int, int]], mark_id: str | None = None) -> Markup:
    """Escape `text` and wrap each (start, end) span, computed on the raw text, in <mark>; the first gets `mark_id`."""
    merged: list[list[int]] = []
    for a, b in sorted((max(0, a), min(len(text), b)) for a, b in spans):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for i, (a, b) in enumerate(merged):
        out.append(escape(text[pos:a]))
        attrs = Markup(' id="{}" tabindex="-1"').format(mark_id) if mark_id and i == 0 else Markup("")
        out.append(Markup("<mark{}>{}</mark>").format(attrs, text[a:b]))
        pos = b
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit * 0.6 else limit].rstrip() + " …"


def item_href(item_id: str, start=None, end=None) -> str:
    href = f"/items/{quote(str(item_id), safe='')}"
    if start is not None and end is not None:
        href += f"?hl={int(start)}-{int(end)}#hl"
    return href


# --------------------------------------------------------------------------------------------- view models
def _passage_view(hit: dict, terms: list[str], limit: int | None = None) -> dict:
    text = hit.get("text") or ""
    shown = excerpt(text, limit) if limit else text.strip()
    return {
        **hit,
        "html": mark_spans(shown, term_spans(shown, terms)),
        "href": item_href(hit["item_id"], hit.get("item_start"), hit.get("item_end")),
        "item_href": item_href(hit["item_id"]),
    }


_MARKER_IN_TEXT = re.compile(r"\s*\[(\d+)\]")


def _linked_markers(markers, known: set[int]) -> list[dict]:
    out = []
    for m in markers or []:
        try:
            n = int(m)
        except (TypeError, ValueError):
            continue
        out.append({"n": n, "href": f"#cite-{n}" if n in known else None})
    return out


def _sentence_view(sentence: dict, known: set[int]) -> dict:
    markers = sentence.get("markers") or []
    wanted = {str(m) for m in markers}
    text = _MARKER_IN_TEXT.sub(lambda m: "" if m.group(1) in wanted else m.group(0), sentence.get("text") or "")
    return {"text": text.strip(), "markers": _linked_markers(markers, known)}


def _answer_text_html(text: str, known: set[int]) -> Markup:
    """Plain answer text with its [n] markers turned into links to the citation list (escaped first)."""
    escaped = str(escape(text or ""))

    def link(m):
        n = int(m.group(1))
        return f'<a class="marker" href="#cite-{n}">[{n}]</a>' if n in known else m.group(0)

    return Markup(re.sub(r"\[(\d+)\]", link, escaped))


def _citation_view(c: dict) -> dict:
    start, end = c.get("start"), c.get("end")
    return {**c, "href": item_href(c["item_id"], start, end) if c.get("item_id") else None}


def answer_view(result: dict) -> dict:
    citations = [_citation_view(c) for c in result.get("citations") or []]
    known = {int(c["marker"]) for c in citations if str(c.get("marker", "")).isdigit()}
    groups = [{**g, "sentences": [_sentence_view(s, known) for s in g.get("sentences") or []]}
              for g in result.get("groups") or []]
    sentences = [_sentence_view(s, known) for s in result.get("sentences") or []]
    return {
        "abstained": bool(result.get("abstained")),
        "groups": [g for g in groups if g["sentences"]],
        "sentences": sentences,
        "text_html": _answer_text_html(result.get("answer") or "", known),
        "citations": citations,
        "fallback": bool(result.get("fallback")),
    }


def _fallback_answer(library, question: str, filters) -> dict:
    """Used only while search.answer does not exist: the top passages quoted with their citations."""
    from search.retrieve import search

    hits = search(library, question, ASK_K, filters=filters)
    top = hits[:3]
    citations = [{"marker": i, "passage_id": h["passage_id"], "item_id": h["item_id"], "document": h["document"],
                  "committee": h["committee"], "meeting_date": h["meeting_date"], "item_number": h["item_number"],
                  "item_title": h["item_title"], "pages": h["pages"], "quote": h["text"], "start": h["item_start"],
                  "end": h["item_end"], "label": h["citation"]} for i, h in enumerate(top, 1)]
    sentences = [{"text": excerpt(h["text"], 300), "markers": [i]} for i, h in enumerate(top, 1)]
    return {"question": question, "answer": " ".join(f"{s['text']} [{s['markers'][0]}]" for s in sentences),
            "abstained": not top, "sentences": sentences, "groups": [], "citations": citations, "passages": hits,
            "fallback": True}


def run_answer(library, question: str, filters) -> dict:
    try:
        from search.answer import answer
    except ModuleNotFoundError as exc:
        if exc.name not in ("search.answer",):
            raise
        return _fallback_answer(library, question, filters)
    return answer(library, question, filters)


def sort_hits(hits: list[dict], sort: str) -> list[dict]:
    if sort == "score":
        return list(hits)
    dated = [h for h in hits if h.get("meeting_date")]
    undated = [h for h in hits if not h.get("meeting_date")]
    dated.sort(key=lambda h: h["meeting_date"], reverse=(sort == "-date"))  # stable: relevance order within a date
    return dated + undated


# --------------------------------------------------------------------------------------------- routes
@router.get("/static/{name}")
def static_file(name: str):
    """The stylesheet and script, served by the router itself so including it is all an app needs."""
    path = STATIC_DIR / name
    if not re.fullmatch(r"[\w-]+\.(css|js|svg|png|ico)", name) or not path.is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"})


@router.get("/", response_class=HTMLResponse)
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


@router.get("/items/{item_id}", response_class=HTMLResponse)
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
    ctx = _base_context(request, form, "item")
    ctx.update(item=item, highlighted=bool(span))
    return render("item.html", **ctx)


def _research_hits(request: Request, form: Form) -> list[dict]:
    from search.retrieve import search

    filters = form.filters()
    if not form.q:
        raise MinutesError("type a question or some words to research")
    return sort_hits(search(_library(request), form.q, RESEARCH_K, filters=filters), form.sort)


def _timeline(form: Form, hits: list[dict]) -> str:
    return timeline_svg(hits, href_for=lambda day: form.url("/research", **{"from": day, "to": day}),
                        title=f"Results per meeting date ({len(hits)} shown)")


@router.get("/research", response_class=HTMLResponse)
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
    ctx["rows"] = [_passage_view(h, terms, None if h.get("is_resolution") else EXCERPT_CHARS) for h in hits]
    ctx["timeline"] = Markup(_timeline(form, hits))
    ctx["exports"] = {"csv": form.url("/research/export.csv", sort=form.sort if form.sort != "score" else ""),
                      "md": form.url("/research/export.md", sort=form.sort if form.sort != "score" else ""),
                      "svg": form.url("/research/timeline.svg", sort="")}
    next_date = "-date" if form.sort == "date" else "date"
    ctx["sort_links"] = {"date": form.url("/research", sort=next_date), "score": form.url("/research", sort=""),
                         "aria": {"date": "ascending", "-date": "descending"}.get(form.sort)}
    return render("research.html", **ctx)


@router.get("/research/timeline.svg")
def research_timeline(request: Request):
    form = Form.read(request)
    try:
        hits = _research_hits(request, form)
    except MinutesError as exc:
        return error_page(request, exc, form)
    return Response(_timeline(form, hits), media_type="image/svg+xml",
                    headers={**SECURITY_HEADERS, "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "X-Content-Type-Options": "nosniff"})


@router.get("/research/export.csv")
def research_export_csv(request: Request):
    form = Form.read(request)
    try:
        hits = _research_hits(request, form)
    except MinutesError as exc:
        return error_page(request, exc, form)
    return _download(to_csv(hits), CSV_MEDIA_TYPE, export_filename(form.q, "csv"))


@router.get("/research/export.md")
def research_export_md(request: Request):
    form = Form.read(request)
    try:
        hits = _research_hits(request, form)
        filters = form.filters()
    except MinutesError as exc:
        return error_page(request, exc, form)
    return _download(to_markdown(hits, form.q, filters), MARKDOWN_MEDIA_TYPE, export_filename(form.q, "md"))


__all__ = ["router", "STATIC_DIR", "TEMPLATES_DIR", "CONTENT_SECURITY_POLICY"]
