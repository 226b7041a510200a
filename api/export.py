"""Research exports: search hits as CSV or a Markdown list with citations."""
from __future__ import annotations

import csv
import io
import re

from index.dates import format_date
from search.votes import describe_hit_decisions

CSV_COLUMNS = ["meeting_date", "committee", "item_number", "item_title", "document", "pages", "citation", "decisions", "text"]
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
MARKDOWN_MEDIA_TYPE = "text/markdown; charset=utf-8"

# A cell a spreadsheet would run as a formula gets a leading apostrophe ("-" only when not a bullet "- ").
_FORMULA_START = re.compile(r"^(?:[=+@\t\r]|-(?![ \n]))")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA_START.match(text) else text


def to_csv(hits: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for h in hits:
        writer.writerow([_cell(describe_hit_decisions(h) if col == "decisions" else h.get(col)) for col in CSV_COLUMNS])
    return buf.getvalue()


def _one_line(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _md_inline(text: str | None) -> str:
    """Text safe inside a Markdown line: emphasis/link/HTML characters escaped."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", _one_line(text))


def describe_filters(filters) -> str:
    if filters is None:
        return ""
    parts = []
    if getattr(filters, "committee", None):
        parts.append(f"committee contains “{filters.committee}”")
    if getattr(filters, "date_from", None):
        parts.append(f"from {format_date(filters.date_from)}")
    if getattr(filters, "date_to", None):
        parts.append(f"to {format_date(filters.date_to)}")
    if getattr(filters, "document", None):
        parts.append(f"document {filters.document}")
    if getattr(filters, "resolutions_only", False):
        parts.append("resolutions only")
    if getattr(filters, "decisions", False):
        parts.append("items with decisions")
    if getattr(filters, "outcome", None):
        parts.append(f"decision outcome {filters.outcome}")
    return ", ".join(parts)


def to_markdown(hits: list[dict], question: str, filters=None) -> str:
    lines = [f"# Research: {_md_inline(question)}", ""]
    described = describe_filters(filters)
    if described:
        lines += [f"Filters: {_md_inline(described)}", ""]
    lines += [f"{len(hits)} result{'s' if len(hits) != 1 else ''}.", ""]
    for i, h in enumerate(hits, 1):
        item = f"item {h['item_number']} — " if h.get("item_number") else ""
        kind = "Resolution" if h.get("is_resolution") else "Passage"
        lines.append(f"{i}. **{_md_inline(format_date(h.get('meeting_date')))}, {_md_inline(h.get('committee') or 'Unknown body')}**: "
                     f"{_md_inline(item + (h.get('item_title') or ''))}")
        lines.append(f"   {kind}: {_md_inline(h.get('text'))}")
        decisions = describe_hit_decisions(h)
        if decisions:
            lines.append(f"   Decisions: {_md_inline(decisions)}")
        lines.append(f"   — *{_md_inline(h.get('citation'))}*; source: {_md_inline(h.get('document'))}, "
                     f"{'pp.' if '-' in str(h.get('pages')) else 'p.'} {_md_inline(h.get('pages'))}")
        for other in h.get("also_in") or []:
            lines.append(f"   Also in: {_md_inline(other.get('document'))}")
        lines.append("")
    return "\n".join(lines)


def export_filename(question: str, extension: str) -> str:
    """An ASCII filename from the question, e.g. 'minutes-finders-fees-agency-staff.csv'."""
    words = re.findall(r"[a-z0-9]+", (question or "").lower())
    slug = "-".join(words)[:60].strip("-") or "results"
    return f"minutes-{slug}.{extension}"
