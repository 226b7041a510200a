"""Shared by the search tests: the ingested corpus, read only per module or as a private, writable copy."""
from contextlib import contextmanager

import pytest

from index.library import Library
from index.settings import Settings
from tests.corpus_fixture import ingested_copy


@pytest.fixture(scope="module")
def library(request, tmp_path_factory):
    """The ingested corpus, read only, one copy per test module (a module may define its own `library`)."""
    lib = Library(Settings(data_dir=ingested_copy(tmp_path_factory, request.module.__name__.rsplit(".", 1)[-1])))
    yield lib
    lib.close()


@pytest.fixture
def own_library(tmp_path_factory):
    """A private copy of the ingested corpus, for tests that change it."""
    data = ingested_copy(tmp_path_factory, "retrieve-mutable")
    lib = Library(Settings(data_dir=data))
    yield lib
    lib.close()


def passage_ids(lib, name):
    """The ids of a stored document's passages."""
    return {r[0] for r in lib.store.db.execute(
        "SELECT p.id FROM passages p JOIN documents d ON d.id = p.document_id WHERE d.name = ?", (name,))}


@pytest.fixture(scope="module")
def merton(tmp_path_factory):
    """One real agenda pack whose minutes record questions put to the auditor and the replies, across page breaks."""
    from pathlib import Path

    from index.ingest import ingest

    lib = Library(Settings(data_dir=tmp_path_factory.mktemp("merton")))
    doc = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "uk_merton_audit-committee_agenda-pack_2009-10-22.pdf"
    ingest(lib, [doc])
    yield lib
    lib.close()


@contextmanager
def library_of(folder, documents: dict[str, str]):
    """A library holding the given documents (file name -> text), written and ingested in `folder`; closed after."""
    from index.ingest import ingest

    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    lib = Library(Settings(data_dir=folder / "data"))
    try:
        ingest(lib, [folder / name for name in sorted(documents)])
        yield lib
    finally:
        lib.close()


def answer_in_minutes(folder, name: str, text: str, question: str) -> dict:
    """The answer to `question` from a library holding one document (`name`, `text`), made in `folder`."""
    from index.ingest import ingest
    from search.answer import answer

    doc = folder / name
    doc.write_text(text, encoding="utf-8")
    lib = Library(Settings(data_dir=folder / "data"))
    try:
        ingest(lib, [doc])
        return answer(lib, question)
    finally:
        lib.close()
