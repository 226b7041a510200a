"""The schema version: a new database gets it, an older one is brought up to it when the change is additive, and
refused with a way out (`minutes rebuild`) when it is not."""
import sqlite3

import pytest

from api.cli import main
from index.errors import MinutesError, OutdatedDatabase
from index.store import SCHEMA_VERSION, Store
from index.store.schema import STATEMENTS
from tests.index.ingest_helpers import cli, items_json


def _user_version(path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def _earlier(path, statements):
    """A database as code before the schema version made it: these tables, user_version 0."""
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.execute("INSERT INTO settings(key, value) VALUES('kept', 'yes')")
    db.commit()
    db.close()


def test_a_new_database_gets_the_current_version(tmp_path):
    store = Store(tmp_path / "minutes.db")
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
        assert store.passage_ids() == set() and store.follows() == []
    finally:
        store.close()


def test_an_earlier_database_gains_the_tables_it_lacks_and_keeps_its_rows(tmp_path):
    path = tmp_path / "minutes.db"
    _earlier(path, [s for s in STATEMENTS if "follow" not in s])  # made before follows existed
    assert _user_version(path) == 0
    store = Store(path)
    try:
        assert store.get_setting("kept") == "yes"
        store.insert_follow(follow_id="f1", name="n", query="q", filters="{}", email=None, secret_hash="h")
        assert [f["id"] for f in store.follows()] == ["f1"]
    finally:
        store.close()
    assert _user_version(path) == SCHEMA_VERSION
    Store(path).close()  # opened again at the current version: nothing to do


def test_an_earlier_database_whose_tables_changed_is_refused_with_the_way_out(tmp_path):
    data = tmp_path / "data"
    path = data / "minutes.db"
    data.mkdir()
    earlier_items = "CREATE TABLE items (id TEXT PRIMARY KEY, document_id INTEGER, title TEXT NOT NULL)"
    _earlier(path, [earlier_items] + [s for s in STATEMENTS if "TABLE IF NOT EXISTS items" not in s and " ON items" not in s])
    with pytest.raises(OutdatedDatabase) as refused:
        Store(path)
    message = str(refused.value)
    assert isinstance(refused.value, MinutesError) and str(data) in message and "minutes rebuild" in message
    assert "items.outcomes" in message  # says what it lacks
    assert _user_version(path) == 0  # left as it was
    assert Store.document_names(path) == {}  # what a rebuild reads from it still reads


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "minutes.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(OutdatedDatabase, match="newer version"):
        Store(path)


def test_the_cli_refuses_an_outdated_data_directory_and_rebuild_brings_it_back(small_folder, tmp_path, capsys):
    data = tmp_path / "data"
    assert cli("ingest", small_folder, "--data-dir", data)[0] == 0
    names = {it["document"] for it in items_json(capsys, data)}
    db = sqlite3.connect(data / "minutes.db")  # as an older version would have left it: a column missing, no version
    db.execute("ALTER TABLE items DROP COLUMN outcomes")
    db.execute("PRAGMA user_version = 0")
    db.commit()
    db.close()
    assert main(["items", "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err
    assert "minutes rebuild" in err and str(data) in err
    assert main(["rebuild", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert {it["document"] for it in items_json(capsys, data)} == names
    assert _user_version(data / "minutes.db") == SCHEMA_VERSION
