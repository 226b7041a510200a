"""Small shapes of the service itself: health, readiness and the error body every /api route answers with."""
from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    """Any 4xx or 5xx from /api: a message a person can act on."""

    error: str = Field(description="What was wrong with the request, or why it could not be served now.")


class Health(BaseModel):
    """The process is up (GET /healthz)."""

    status: str = Field(description="Always 'ok'.")


class Ready(BaseModel):
    """Whether the model and index are loaded (GET /readyz: 200 when ready, 503 while loading)."""

    ready: bool = Field(description="True once the model and the index are loaded.")
    passages: int = Field(description="Passages in the vector index (0 while loading).")
