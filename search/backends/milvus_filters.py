"""Search filters as a Milvus boolean expression over the collection's scalar fields (see milvus_schema.py)."""
from __future__ import annotations

from search.filters import Filters


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def expression(filters: Filters) -> str:
    """The same rows as Filters.sql(): committee matched as a case-blind substring (SQLite's LIKE), dates as ISO
    strings, an undated passage never inside a date range."""
    parts = []
    if filters.committee:
        parts.append(f"committee_key like {_quote('%' + filters.committee.lower() + '%')}")
    if filters.date_from:
        parts.append(f"meeting_date >= {_quote(filters.date_from)}")
    if filters.date_to:
        parts.append(f'meeting_date <= {_quote(filters.date_to)} and meeting_date != ""')
    if filters.document:
        parts.append(f"document == {_quote(filters.document)}")
    if filters.resolutions_only:
        parts.append("is_resolution == true")
    if filters.decisions:
        parts.append("has_decision == true")
    if filters.outcome:
        parts.append(f"outcomes like {_quote('% ' + filters.outcome + ' %')}")
    return " and ".join(parts)
