"""A generation number beside the index files, raised after every committed change; readers reload when it moves."""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

GENERATION_NAME = "generation"


def read_generation(data_dir: Path) -> str:
    """The current generation, "<n>-<random>" ("0" before the first committed change); cheap enough per request.

    The random part makes a number unique even when a rebuild starts a new directory counting from 1 again.
    """
    try:
        return (Path(data_dir) / GENERATION_NAME).read_text().strip() or "0"
    except FileNotFoundError:
        return "0"


def bump_generation(data_dir: Path) -> str:
    """Raise the generation by one (called by the writer, under the writer lock, after vectors are saved)."""
    path = Path(data_dir) / GENERATION_NAME
    number = read_generation(data_dir).partition("-")[0]
    new = f"{int(number) + 1 if number.isdigit() else 1}-{secrets.token_hex(4)}"
    tmp = path.with_name(GENERATION_NAME + ".tmp")
    tmp.write_text(new)
    os.replace(tmp, path)  # atomic: a reader sees the old number or the new one, never half
    return new


# Indexes kept outside the database and the vectors register here to be reopened on a new generation (the tantivy
# keyword index, search/keyword_tantivy.py, when a process opens one): `index` does not import `search` to read.
ON_NEW_GENERATION: list[Callable[[Path], None]] = []


def refresh(library, writer: bool = False) -> bool:
    """Swap in the vectors, vocabulary and keyword index on disk when another process has raised the generation; True
    if swapped.

    Each structure is loaded whole and then assigned in one step, so a query uses either the old index or the new one.
    A reader (`writer=False`) loads only while no other process is writing (a shared file lock), so it never sees
    the files of a save half done; it tries again on a later request. The writer holds the exclusive lock already.
    """
    data_dir = library.settings.data_dir
    gen = read_generation(data_dir)
    if library.__dict__.get("generation") == gen:
        return False
    with _no_writer(data_dir, skip=writer) as free:
        if not free:
            return False
        gen = read_generation(data_dir)
        with library.lock:
            if library.__dict__.get("generation") == gen:
                return False
            _reopen_if_replaced(library)
            for reopen in ON_NEW_GENERATION:  # first: it is cheap, and after a rebuild old ids name other passages
                reopen(data_dir)
            cls = type(library)
            library.__dict__["vectors"] = cls.vectors.func(library)  # cached_property storage: one assignment
            if "vocabulary" in library.__dict__:
                library.__dict__["vocabulary"] = cls.vocabulary.func(library)
            library.__dict__["generation"] = gen
    return True


def _reopen_if_replaced(library):
    """A rebuild puts a new database where the old one was: open it, or vectors and passages would disagree."""
    from index.store import Store

    inode = library.settings.db_path.stat().st_ino
    if library.__dict__.setdefault("store_inode", inode) != inode:
        store = Store(library.settings.db_path)
        store.keyword_engine = library.store.keyword_engine
        library.store = store  # requests in flight finish on the old one; it closes when no longer referenced
        library.__dict__["store_inode"] = inode


def committed(library) -> str:
    """After a writer's change is saved: raise the generation and record that this library already holds it."""
    gen = bump_generation(library.settings.data_dir)
    library.__dict__["generation"] = gen
    return gen


class _no_writer:
    """Context: a shared flock on the writer lock file if free now (yields True), else yields False at once."""

    def __init__(self, data_dir: Path, skip: bool):
        self.path, self.skip = Path(data_dir) / "writer.lock", skip
        self.fd: int | None = None

    def __enter__(self) -> bool:
        if self.skip:
            return True
        import fcntl

        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing drops the shared lock
