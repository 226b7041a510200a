"""Serving: FastAPI app, web page and the `minutes` CLI."""
