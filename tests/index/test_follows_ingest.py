"""Follows run after ingest on what it added or changed only: a real parish council's minutes, edited the way a
clerk corrects published minutes, and the `minutes follow` commands."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.index.ingest_helpers import cli, cli_json

ROOT = Path(__file__).resolve().parents[2]
MINUTES = ROOT / "tests" / "fixtures" / "documents" / "uk_west-dereham_parish-council_minutes_2017-06-01.html"
POLICE = "<p>78/17 Police Report – PK reported that an incident had occurred"
ADDED = " Parishioners also asked PK about broadband speeds in the village, which had been poor since May."


@pytest.fixture
def parish(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(MINUTES, folder)
    data = tmp_path / "data"
    code, report = cli_json("ingest", folder, "--data-dir", data)
    assert code == 0 and report["counts"] == {"added": 1}, report
    return folder / MINUTES.name, data


def follow_show(data, follow_id) -> dict:
    code, out = cli("follow", "show", follow_id, "--data-dir", data, "--json")
    assert code == 0
    return json.loads(out)


def test_only_the_changed_item_is_matched(parish):
    path, data = parish
    code, created = cli_json("follow", "add", "broadband", "--name", "Broadband", "--data-dir", data)
    assert code == 0 and created["matches"] == []
    # unchanged file: nothing runs
    code, report = cli_json("ingest", path, "--data-dir", data)
    assert report["counts"] == {"unchanged": 1} and report["follow_matches"] == 0
    # the clerk's correction adds a mention to the police report; the broadband report itself is unchanged
    html = path.read_text(encoding="utf-8")
    assert html.count(POLICE) == 1
    end = html.index("</p>", html.index(POLICE))
    path.write_text(html[:end] + ADDED + html[end:], encoding="utf-8")
    code, report = cli_json("ingest", path, "--data-dir", data)
    assert report["counts"] == {"replaced": 1} and report["follow_matches"] == 1, report
    matches = follow_show(data, created["id"])["matches"]
    assert [m["item_number"] for m in matches] == ["78/17"], matches
    assert "broadband speeds" in matches[0]["quote"]
    # ingesting the corrected file again changes nothing
    code, report = cli_json("ingest", path, "--data-dir", data)
    assert report["counts"] == {"unchanged": 1} and report["follow_matches"] == 0
    assert len(follow_show(data, created["id"])["matches"]) == 1


def test_follow_commands(parish, capsys):
    _, data = parish
    code, out = cli("follow", "add", "village hall", "--committee", "Parish", "--from", "2017-01-01", "--data-dir", data)
    assert code == 0 and "following “village hall” as " in out and "/feeds/" in out
    follow_id = out.split(" as ", 1)[1].split()[0]
    code, out = cli("follow", "list", "--data-dir", data)
    assert code == 0 and follow_id in out and "'village hall'" in out and '"committee": "Parish"' in out
    code, out = cli("follow", "list", "--data-dir", data, "--json")
    listed = [json.loads(line) for line in out.splitlines()]
    assert [f["id"] for f in listed] == [follow_id] and listed[0]["filters"]["from"] == "2017-01-01"
    assert cli("follow", "remove", follow_id, "--data-dir", data) == (0, f"removed  {follow_id}\n")
    assert cli("follow", "list", "--data-dir", data) == (0, "")
    code, out = cli("follow", "remove", follow_id, "--data-dir", data)
    assert code == 1 and "no follow" in out


@pytest.mark.parametrize("argv, message", [
    (["follow", "add", "  "], "the query is empty"),
    (["follow", "add", "roads", "--outcome", "vetoed"], "outcome must be one of"),
    (["follow", "add", "roads", "--from", "June 2017"], "YYYY-MM-DD"),
    (["follow", "add", "roads", "--email", "two@a.org, three@b.org"], "one plain address"),
    (["follow", "show", "nosuchfollow"], "no follow"),
])
def test_bad_follow_commands_say_why(parish, capsys, argv, message):
    _, data = parish
    code, _ = cli(*argv, "--data-dir", data)
    assert code == 2 and message in capsys.readouterr().err


def test_an_unreachable_mail_server_never_fails_the_ingest(parish, monkeypatch, caplog):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    monkeypatch.setenv("MINUTES_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MINUTES_SMTP_PORT", str(closed))
    path, data = parish
    code, created = cli_json("follow", "add", "broadband", "--email", "clerk@example.org", "--data-dir", data)
    assert code == 0 and created["digest"] is True
    html = path.read_text(encoding="utf-8")
    end = html.index("</p>", html.index(POLICE))
    path.write_text(html[:end] + ADDED + html[end:], encoding="utf-8")
    code, report = cli_json("ingest", path, "--data-dir", data)
    assert code == 0 and report["follow_matches"] == 1
    assert "digest to clerk@example.org not sent" in caplog.text
    assert len(follow_show(data, created["id"])["matches"]) == 1


def test_a_rebuild_keeps_follows_and_reports_nothing_new(parish):
    path, data = parish
    code, created = cli_json("follow", "add", "broadband", "--data-dir", data)
    html = path.read_text(encoding="utf-8")
    end = html.index("</p>", html.index(POLICE))
    path.write_text(html[:end] + ADDED + html[end:], encoding="utf-8")
    code, report = cli_json("ingest", path, "--data-dir", data)
    assert report["follow_matches"] == 1
    code, late = cli_json("follow", "add", "village hall", "--data-dir", data)  # would match old items if they ran
    before = follow_show(data, created["id"])["matches"]
    code, out = cli("rebuild", "--data-dir", data)
    assert code == 0 and "rebuilt 1 documents" in out
    after = follow_show(data, created["id"])["matches"]
    assert [(m["id"], m["citation"], m["quote"]) for m in after] == [(m["id"], m["citation"], m["quote"]) for m in before]
    assert cli("show", after[0]["item_id"], "--data-dir", data)[0] == 0  # its link opens an item of the new database
    assert follow_show(data, late["id"])["matches"] == []


def test_a_follow_id_never_reads_as_a_command_line_option(monkeypatch):
    """Ids are random URL-safe text, one in 64 of which began with '-': `minutes follow show -x…` then failed."""
    import secrets

    from search.follows import new_follow_id

    draws = iter(["-starts-dash", "--twice-dash", "fine_id-1234"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(draws))
    assert new_follow_id() == "fine_id-1234"
    monkeypatch.undo()
    assert not any(new_follow_id().startswith("-") for _ in range(2000))
