"""Fixtures shared by the ingest tests: the seed corpus ingested once per session, copies of it, small folders."""
from __future__ import annotations

import shutil

import pytest

from tests.index.ingest_helpers import CORPUS, SEEDS, SMALL, checkpoint, cli_json


@pytest.fixture(scope="session")
def corpus_data(tmp_path_factory):
    """The seed corpus ingested once through the CLI; tests that write use a copy."""
    for name in SEEDS + ["manifest.json"]:
        assert (CORPUS / name).is_file(), f"missing corpus file {name}"
    data = tmp_path_factory.mktemp("corpus") / "data"
    code, report = cli_json("ingest", CORPUS, "--data-dir", data)
    checkpoint(data)
    return data, code, report


@pytest.fixture
def data_copy(corpus_data, tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(corpus_data[0], dst)
    return dst


@pytest.fixture
def small_folder(tmp_path):
    """Copies of the two smallest seeds with their manifest, in a folder of their own."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in SMALL + ["manifest.json"]:
        shutil.copy(CORPUS / name, folder / name)
    return folder
