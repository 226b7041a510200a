"""What an ingest did, file by file (`minutes ingest --json`, POST /api/documents); index/ingest.py builds it."""
from __future__ import annotations

from pydantic import BaseModel, Field

from search.models.hits import OPEN


class FileReport(BaseModel):
    """What happened to one file."""

    model_config = OPEN

    path: str = Field(description="The file (its path for the CLI; the name it was sent under for an upload).")
    status: str = Field(description="added | replaced | unchanged | duplicate | failed | removed | warning.")
    detail: str = Field("", description="Why it failed, what it duplicates, or what to check.")
    items: int = Field(0, description="Agenda items stored from it.")
    passages: int = Field(0, description="Passages stored from it.")


class IngestReport(BaseModel):
    """Every file's outcome; a failed file never stops the rest of the batch."""

    model_config = OPEN

    files: list[FileReport] = Field(description="One entry per file, in the order handled (refused uploads first).")
    counts: dict[str, int] = Field(default_factory=dict, description="How many files ended with each status.")
    embedded: int = Field(0, description="Passages embedded by this run.")
    follow_matches: int = Field(0, description="Matches recorded for follows (saved searches) by this run.")
