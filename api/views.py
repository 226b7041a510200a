"""View models for the web pages: highlighted passages, answers with linked citation markers, sorting."""
from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup, escape

from index.clean import clean_text
from index.text import WORD, content_word_list, word_form
from search.question import parse_question

EXCERPT_CHARS = 420


def question_terms(question: str) -> list[str]:
    """Stems of the content words of what the question is about ('finders fees' -> ['finder', 'fee']); words that only
    frame it ('what was said about', 'across meetings') are not marked."""
    return content_word_list(" ".join(parse_question(question).topics))


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of the words of `text` whose dictionary form is one of `terms` ('agencies' for 'agency')."""
    wanted = set(terms)
    return [m.span() for m in WORD.finditer(text) if m.group() in wanted or word_form(m.group()) in wanted] if wanted else []


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
def readable(text: str) -> str:
    """A passage as a reader should see it: the minutes' literal markup (**, <p>, \\$) removed, line breaks kept."""
    return "\n".join(line for line in (clean_text(line) for line in text.split("\n")) if line)


def _passage_view(hit: dict, terms: list[str], limit: int | None = None) -> dict:
    text = readable(hit.get("text") or "")
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
    groups: list[dict] = []
    for g in result.get("groups") or []:
        sentences = [_sentence_view(s, known) for s in g.get("sentences") or []]
        last = groups[-1] if groups else None
        key = lambda x: (x.get("topic"), x.get("meeting_date"), x.get("committee"))
        if last and key(last) == key(g):
            last["sentences"].extend(sentences)  # consecutive sentences from one meeting share a heading
            last["more"] = g.get("more") or last.get("more")
        else:
            groups.append({**g, "sentences": sentences, "new_topic": bool(g.get("topic")) and (not last or last.get("topic") != g.get("topic"))})
    sentences = [_sentence_view(s, known) for s in result.get("sentences") or []]
    return {
        "abstained": bool(result.get("abstained")),
        "groups": [g for g in groups if g["sentences"]],
        "topics": result.get("topics") or [],
        "sentences": sentences,
        "text_html": _answer_text_html(result.get("answer") or "", known),
        "citations": citations,
    }


def sort_hits(hits: list[dict], sort: str) -> list[dict]:
    if sort == "score":
        return list(hits)
    dated = [h for h in hits if h.get("meeting_date")]
    undated = [h for h in hits if not h.get("meeting_date")]
    dated.sort(key=lambda h: h["meeting_date"], reverse=(sort == "-date"))  # stable: relevance order within a date
    return dated + undated
