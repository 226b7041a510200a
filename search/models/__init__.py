"""Typed results: the shapes search, the API (response_model), the CLI's --json and the eval share.

Search code builds plain dicts; these models validate them where they leave the library (an API response, a CLI
line, an eval read), document every field (the API's /docs show them) and keep every key a client reads today.
"""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from search.models.answers import Answer, Citation, Group, MoreMeetings, Sentence, Vote
from search.models.catalog import (
    Copy,
    Document,
    Documents,
    Item,
    ItemPassage,
    ItemRef,
    ItemSummary,
    ListedItem,
    Meeting,
    Meetings,
    MeetingSummary,
)
from search.models.hits import AlsoIn, Decision, Hit, SearchResponse
from search.models.ingest import FileReport, IngestReport
from search.models.service import ErrorOut, Health, Ready

M = TypeVar("M", bound=BaseModel)


def public(model: type[M], data) -> dict:
    """`data` validated as `model` and dumped as JSON-ready values: the keys it had (plus the clearer offset names)."""
    return model.model_validate(data).model_dump(mode="json", exclude_unset=True)


def undeclared_keys(instance: BaseModel, path: str = "$") -> list[str]:
    """Where a validated result carries keys its model does not declare (they pass through, undocumented)."""
    out = [f"{path}.{key}" for key in instance.model_extra or {}]
    for name in type(instance).model_fields:
        value = getattr(instance, name)
        for i, inner in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(inner, BaseModel):
                out += undeclared_keys(inner, f"{path}.{name}[{i}]" if isinstance(value, list) else f"{path}.{name}")
    return out


__all__ = ["AlsoIn", "Answer", "Citation", "Copy", "Decision", "Document", "Documents", "ErrorOut", "FileReport", "Group",
           "Health", "Hit", "IngestReport", "Item", "ItemPassage", "ItemRef", "ItemSummary", "ListedItem", "Meeting",
           "Meetings", "MeetingSummary", "MoreMeetings", "Ready", "SearchResponse", "Sentence", "Vote", "public", "undeclared_keys"]
