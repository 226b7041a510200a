"""The server follows other writers: when the data directory's generation moves, it swaps in the new index."""
from __future__ import annotations

import anyio

from index.generation import read_generation, refresh


class LiveIndex:
    """ASGI middleware: one small file read per request; a reload (in a worker thread) only when the number changed."""

    def __init__(self, app, settings):
        self.app, self.data_dir = app, settings.data_dir

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not scope["path"].startswith("/static/"):
            app = scope.get("app")
            library = getattr(getattr(app, "state", None), "library", None)
            if library is not None and library.__dict__.get("generation") != read_generation(self.data_dir):
                await anyio.to_thread.run_sync(refresh, library)
        return await self.app(scope, receive, send)
