"""Errors that carry their HTTP status, mapped once for the API and once for the CLI."""


class MinutesError(Exception):
    status = 400


class UnreadableDocument(MinutesError):
    """A file that cannot be ingested; the message is the reason shown to the user."""

    status = 422


class NotFound(MinutesError):
    status = 404


class IndexMismatch(MinutesError):
    """A saved index built with other settings than the running ones."""

    status = 503


class Invalid(MinutesError):
    """A value past one of the named limits (index/limits.py): refused like a request that fails validation."""

    status = 422


class Forbidden(MinutesError):
    status = 403


class OutdatedDatabase(IndexMismatch):
    """A database another version of minutes made, in tables this one cannot read; rebuilt from its files."""
