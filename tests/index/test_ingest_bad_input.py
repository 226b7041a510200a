"""Bad input at ingest: each bad file is reported by name with its reason, the rest of the batch is stored."""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from api.cli import main
from index.catalog import list_documents, list_items
from index.library import Library
from index.settings import Settings
from search.retrieve import search
from tests.index.ingest_helpers import (
    CUYAHOGA,
    DUARTE,
    GOOD_B,
    SEEDS,
    assert_consistent,
    cli_json,
    statuses,
)

# -- a batch with bad files --------------------------------------------------------------------

GOOD_A = """At a meeting of the Planning Committee on Wednesday, 5 March 2025 in the Council Chamber, Town Hall

Present: Councillors Abbott (Chair), Begum and Clarke

PLN1 APPLICATION 24/00123/FUL - LAND AT MILL LANE

The Committee considered an application for twelve new homes on land at Mill Lane. Objectors raised concerns about
drainage of the meadow and traffic on the lane during school hours.

RESOLVED: That the application be approved subject to the conditions in the report.

PLN2 TREE PRESERVATION ORDER - OAK AVENUE

Members considered objections to the provisional order protecting nine veteran oaks on Oak Avenue.

RESOLVED: That the order be confirmed without modification.
"""


def _bad_batch(folder: Path, limit: int) -> dict[str, str]:
    """Write good and bad files; returns bad file name -> expected words of the reason."""
    folder.mkdir()
    (folder / "planning_2025-03-05.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "licensing_notes.md").write_text(GOOD_B, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    garbage = os.urandom(4096)
    (folder / "garbage.txt").write_bytes(garbage[:100] + b"\x00" + garbage[100:])
    (folder / "latin1.txt").write_bytes(b"Minutes of the caf\xe9 licensing hearing.\n")
    data = CUYAHOGA.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    writer = PdfWriter(clone_from=PdfReader(CUYAHOGA))
    writer.encrypt("pw")
    buf = io.BytesIO()
    writer.write(buf)
    (folder / "encrypted.pdf").write_bytes(buf.getvalue())
    shutil.copy(DUARTE, folder / "scanned_agenda.pdf")
    line = "The Committee noted the report on highway maintenance and thanked officers for their work.\n"
    (folder / "huge_minutes.txt").write_text(line * (limit // len(line) + 50), encoding="utf-8")
    for f in folder.iterdir():
        if f.name != "huge_minutes.txt":
            assert f.stat().st_size < limit, f.name
    return {
        "empty.txt": "empty",
        "garbage.txt": "binary",
        "latin1.txt": "utf-8",
        "truncated.pdf": "corrupt or truncated",
        "encrypted.pdf": "encrypted",
        "scanned_agenda.pdf": "no text layer",
        "huge_minutes.txt": "too large",
    }


def test_bad_files_are_reported_and_the_rest_is_stored(data_copy, tmp_path, monkeypatch, capsys):
    assert DUARTE.is_file() and CUYAHOGA.is_file()
    limit = 300_000
    assert DUARTE.stat().st_size < limit
    monkeypatch.setenv("MINUTES_MAX_FILE_BYTES", str(limit))
    batch = tmp_path / "batch"
    expected = _bad_batch(batch, limit)

    lib = Library(Settings(data_dir=data_copy))
    items_before = {it["id"]: it for it in list_items(lib.store)}
    lib.close()

    capsys.readouterr()
    code = main(["ingest", str(batch), "--data-dir", str(data_copy)])
    out = capsys.readouterr().out
    assert code == 1, out
    lines = out.splitlines()
    for name, reason in expected.items():
        [line] = [ln for ln in lines if Path(ln.split(None, 1)[1].split(":")[0].split(" (")[0]).name == name]
        assert line.split()[0] == "failed", line
        assert reason in line.lower(), (name, line)
    for name in ("planning_2025-03-05.txt", "licensing_notes.md"):
        [line] = [ln for ln in lines if name in ln]
        assert line.split()[0] == "added", line
    summary = lines[-1]
    assert summary.startswith("summary:") and f"{len(expected)} failed" in summary and "2 added" in summary

    ids = assert_consistent(data_copy)
    lib = Library(Settings(data_dir=data_copy))
    try:
        docs = {d["name"] for d in list_documents(lib.store)}
        assert docs == set(SEEDS) | {"planning_2025-03-05.txt", "licensing_notes.md"}
        items_after = {it["id"]: it for it in list_items(lib.store)}
        assert {k: v for k, v in items_after.items() if v["document"] in SEEDS} == items_before
        planning = [it for it in items_after.values() if it["document"] == "planning_2025-03-05.txt"]
        assert {it["number"] for it in planning} >= {"PLN1", "PLN2"}
        assert all(it["meeting_date"] == "2025-03-05" for it in planning if it["number"])
        pln2 = next(it for it in planning if it["number"] == "PLN2")
        assert pln2["resolutions"] == ["RESOLVED: That the order be confirmed without modification."]
        assert ids

        hits = search(lib, "Halton Family Hubs digital solution", k=5)
        assert hits and all(h["passage_id"] in ids for h in hits)
        assert hits[0]["document"] == SEEDS[4]
        hits = search(lib, "veteran oaks on Oak Avenue tree preservation order", k=3)
        assert hits[0]["document"] == "planning_2025-03-05.txt"
        assert hits[0]["item_number"] == "PLN2"
    finally:
        lib.close()


def test_missing_path_is_reported_not_fatal(tmp_path):
    data = tmp_path / "data"
    good = tmp_path / "good.txt"
    good.write_text(GOOD_B, encoding="utf-8")
    code, report = cli_json("ingest", good, tmp_path / "nope.txt", "--data-dir", data)
    assert code == 1
    assert statuses(report) == {"good.txt": "added", "nope.txt": "failed"}
    assert "no such file" in next(f["detail"] for f in report["files"] if f["status"] == "failed")


def test_settings_limit_applies_through_the_library(tmp_path):
    from index.ingest import ingest

    f = tmp_path / "notes.txt"
    f.write_text(GOOD_B, encoding="utf-8")
    lib = Library(Settings(data_dir=tmp_path / "data", max_file_bytes=100))
    try:
        report = ingest(lib, [f])
        [r] = report.files
        assert r.status == "failed" and "too large" in r.detail and "limit 100" in r.detail
        assert report.embedded == 0 and not list_items(lib.store)
    finally:
        lib.close()
