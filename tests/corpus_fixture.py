"""The real corpus ingested once per test session (it takes a minute); every caller gets a private copy.

Used by tests/search/test_retrieve.py, tests/search/test_answer.py and tests/api/*:

    from tests.corpus_fixture import CORPUS, ingested_copy
    data_dir = ingested_copy(tmp_path_factory)      # a fresh data dir holding the ingested corpus

The copy is cheap (a few MB), so tests that add, replace or remove documents never disturb the others.
"""
from __future__ import annotations

import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT_ROOT / "corpus"
CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.txt"))
VOTES = PROJECT_ROOT / "tests" / "fixtures" / "votes"  # a city council's minutes with motions and roll-call votes

_base: dict[str, Path] = {}


def _build(tmp_path_factory) -> Path:
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    root = tmp_path_factory.mktemp("ingested-corpus")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)  # documents are stored by path: keep them where no test edits them
    for f in corpus.iterdir():
        f.chmod(0o644)
    data = root / "data"
    library = Library(Settings(data_dir=data))
    try:
        report = ingest(library, [corpus])
    finally:
        library.close()  # checkpoints the WAL so the copies below are complete
    assert not report.failed, report.to_dict()
    assert {f.status for f in report.files} == {"added"}, report.to_dict()
    assert len(report.files) == len(CORPUS_FILES)
    return data


def ingested_copy(tmp_path_factory, name: str = "data") -> Path:
    """A new data directory holding the corpus as ingested once this session."""
    if "data" not in _base:
        _base["data"] = _build(tmp_path_factory)
    dest = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(_base["data"], dest)
    return dest


def ingested_copy_with(tmp_path_factory, extra: Path, name: str = "data") -> Path:
    """A new data directory holding the corpus plus every document in the folder `extra` (ingested from a copy,
    since documents are stored by path)."""
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    data = ingested_copy(tmp_path_factory, name)
    folder = tmp_path_factory.mktemp(name + "-extra") / extra.name
    shutil.copytree(extra, folder)
    library = Library(Settings(data_dir=data))
    try:
        report = ingest(library, [folder])
    finally:
        library.close()
    assert not report.failed and report.files, report.to_dict()
    return data
