"""End-to-end ingest through the CLI: real model, real SQLite, real FAISS, every data path under tmp_path."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from api.cli import main
from index.catalog import list_documents
from index.library import Library
from index.settings import Settings
from tests.index.ingest_helpers import (
    CORPUS,
    GOOD_B,
    ITEM_KEYS,
    SEEDS,
    SMALL,
    assert_consistent,
    cli,
    cli_json,
    faiss_ids,
    items_json,
    passage_ids_of,
    sql_ids,
    statuses,
)

# -- the seed corpus ------------------------------------------------------------------------------

def test_corpus_ingest_adds_every_seed(corpus_data):
    data, code, report = corpus_data
    assert code == 0
    assert statuses(report) == {name: "added" for name in SEEDS}
    assert report["counts"] == {"added": 5}
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert [by_name[n]["items"] for n in SEEDS[:3]] == [1, 1, 1]
    assert by_name[SEEDS[3]]["items"] >= 6 and by_name[SEEDS[4]]["items"] >= 16
    total = sum(f["passages"] for f in report["files"])
    assert report["embedded"] == total > 0
    assert len(assert_consistent(data)) == total
    assert (data / "minutes.db").is_file() and (data / "vectors.faiss").is_file()


def test_items_json_lines(corpus_data, capsys):
    data, _, report = corpus_data
    items = items_json(capsys, data)
    for it in items:
        assert ITEM_KEYS <= set(it), ITEM_KEYS - set(it)
        assert isinstance(it["resolutions"], list) and all(isinstance(r, str) for r in it["resolutions"])
        assert isinstance(it["passages"], int) and it["passages"] >= 1
        assert isinstance(it["pages"], str) and it["pages"]
        assert it["title"] and it["kind"]
    assert {it["document"] for it in items} == set(SEEDS)
    assert sum(it["passages"] for it in items) == report["embedded"]
    assert len({it["id"] for it in items}) == len(items)

    by_doc = {}
    for it in items:
        by_doc.setdefault(it["document"], []).append(it)
    # manifest item numbers apply to single-item files
    assert [it["number"] for it in by_doc[SEEDS[0]]] == ["16"]
    assert [it["number"] for it in by_doc[SEEDS[1]]] == ["25"]
    assert [it["number"] for it in by_doc[SEEDS[2]]] == [None]
    assert [it["meeting_date"] for n in SEEDS[:3] for it in by_doc[n]] == ["2025-09-08", "2025-11-10", "2025-01-20"]

    cyp25 = next(it for it in by_doc[SEEDS[4]] if it["number"] == "CYP25")
    assert cyp25["title"] == "HALTON FAMILY HUBS" and cyp25["meeting_date"] == "2024-01-22" and cyp25["kind"] == "minutes"
    assert cyp25["resolutions"] == ["RESOLVED: That the Board receives the presentation."]
    report_5c = next(it for it in by_doc[SEEDS[4]] if it["number"] == "5(C)")
    assert report_5c["kind"] == "officer_report" and report_5c["pages"] == "17-24"
    ex76 = next(it for it in by_doc[SEEDS[4]] if it["number"] == "76")
    assert ex76["kind"] == "executive_extract" and ex76["committee"] == "Executive Board" and ex76["meeting_date"] == "2024-01-18"

    only = items_json(capsys, data, "--document", SEEDS[3])
    assert only and {it["document"] for it in only} == {SEEDS[3]}
    assert [it["id"] for it in only] == [it["id"] for it in by_doc[SEEDS[3]]]


def test_show_prints_item_text(corpus_data, capsys):
    data = corpus_data[0]
    cyp25 = next(it for it in items_json(capsys, data) if it["number"] == "CYP25")
    assert main(["show", cyp25["id"], "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"id: {cyp25['id']}" in out
    assert "title: HALTON FAMILY HUBS" in out
    assert "meeting_date: 2024-01-22" in out
    assert "resolution: RESOLVED: That the Board receives the presentation." in out
    assert "25,000 young people had used the Hubs so far" in out
    assert "CYP26" not in out  # only this item's text

    assert main(["show", cyp25["id"], "--json", "--data-dir", str(data)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["text"].startswith("CYP25 HALTON FAMILY HUBS")
    assert shown["passages"] and all(0 <= p["start"] < p["end"] <= len(shown["text"]) for p in shown["passages"])

    assert main(["show", "no-such-item", "--data-dir", str(data)]) == 2
    assert "no item" in capsys.readouterr().err


def test_reingest_is_a_no_op(data_copy):
    before = sql_ids(data_copy, "SELECT id FROM passages")
    items_before = sql_ids(data_copy, "SELECT id FROM items")
    code, report = cli_json("ingest", CORPUS, "--data-dir", data_copy)
    assert code == 0
    assert statuses(report) == {name: "unchanged" for name in SEEDS}
    assert report["embedded"] == 0
    assert sql_ids(data_copy, "SELECT id FROM passages") == before
    assert sql_ids(data_copy, "SELECT id FROM items") == items_before
    assert_consistent(data_copy)


# -- changes to files on disk ----------------------------------------------------------------------

def test_modified_file_is_replaced_whole(small_folder, tmp_path):
    data = tmp_path / "data"
    code, report = cli_json("ingest", small_folder, "--data-dir", data)
    assert code == 0 and set(statuses(report).values()) == {"added"}
    target = SEEDS[2]
    old_ids = passage_ids_of(data, target)
    old_items = sql_ids(data, "SELECT i.id FROM items i JOIN documents d ON d.id=i.document_id WHERE d.name=?", (target,))
    others = passage_ids_of(data, SEEDS[0])
    assert old_ids and old_items

    path = small_folder / target
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip() + "\n\nMembers also asked for a briefing on the zebra crossing outside Ditton Primary School.\n",
                    encoding="utf-8")
    code, report = cli_json("ingest", small_folder, "--data-dir", data)
    assert code == 0
    assert statuses(report) == {SEEDS[0]: "unchanged", target: "replaced"}
    new_ids = passage_ids_of(data, target)
    assert new_ids and not (new_ids & old_ids)
    assert report["embedded"] == len(new_ids)
    all_ids = assert_consistent(data)
    assert not (old_ids & all_ids), "old passages left in SQLite"
    assert not (old_ids & faiss_ids(data)), "old vectors left in FAISS"
    assert new_ids <= faiss_ids(data)
    assert others <= all_ids  # the other documents were not touched
    assert not (old_items & sql_ids(data, "SELECT id FROM items"))
    assert len(sql_ids(data, "SELECT id FROM documents WHERE name=?", (target,))) == 1
    texts = " ".join(sql_ids(data, "SELECT clean FROM passages WHERE id IN (%s)" % ",".join(map(str, new_ids))))
    assert "zebra crossing outside Ditton Primary School" in texts


def test_prune_removes_files_gone_from_the_folder(small_folder, tmp_path):
    data = tmp_path / "data"
    assert cli_json("ingest", small_folder, "--data-dir", data)[0] == 0
    gone = SEEDS[2]
    gone_ids = passage_ids_of(data, gone)
    assert gone_ids
    (small_folder / gone).unlink()

    code, report = cli_json("ingest", small_folder, "--data-dir", data)  # without --prune: kept
    assert code == 0 and "removed" not in statuses(report).values()
    assert passage_ids_of(data, gone) == gone_ids

    code, report = cli_json("ingest", small_folder, "--prune", "--data-dir", data)
    assert code == 0
    assert statuses(report) == {SEEDS[0]: "unchanged", gone: "removed"}
    assert not sql_ids(data, "SELECT id FROM documents WHERE name=?", (gone,))
    remaining = assert_consistent(data)
    assert not (gone_ids & remaining)
    assert passage_ids_of(data, SEEDS[0])


def test_prune_leaves_other_folders_alone(small_folder, tmp_path):
    data = tmp_path / "data"
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text(GOOD_B, encoding="utf-8")
    assert cli_json("ingest", small_folder, other, "--data-dir", data)[0] == 0
    (other / "notes.txt").unlink()
    code, report = cli_json("ingest", small_folder, "--prune", "--data-dir", data)
    assert code == 0 and "removed" not in statuses(report).values()
    assert passage_ids_of(data, "notes.txt")


def test_same_bytes_under_another_name_is_a_duplicate(data_copy, tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    shutil.copy(CORPUS / SEEDS[0], folder / "cyp_q1_monitoring.txt")
    passages_before = sql_ids(data_copy, "SELECT id FROM passages")
    code, report = cli_json("ingest", folder, "--data-dir", data_copy)
    assert code == 0
    [f] = report["files"]
    assert f["status"] == "duplicate" and SEEDS[0] in f["detail"]
    assert report["embedded"] == 0
    assert sql_ids(data_copy, "SELECT id FROM passages") == passages_before
    lib = Library(Settings(data_dir=data_copy))
    try:
        docs = {d["name"]: d for d in list_documents(lib.store)}
        assert docs["cyp_q1_monitoring.txt"]["duplicate_of"] == SEEDS[0]
        assert docs["cyp_q1_monitoring.txt"]["items"] == 0
    finally:
        lib.close()
    # and again: still a duplicate, not re-read
    code, report = cli_json("ingest", folder, "--data-dir", data_copy)
    assert code == 0 and statuses(report) == {"cyp_q1_monitoring.txt": "unchanged"}


def test_same_items_inside_another_file_are_marked_duplicate(data_copy, tmp_path, capsys):
    folder = tmp_path / "more"
    folder.mkdir()
    copy = folder / "june_2022_from_website.txt"
    copy.write_text("Copied from the council website on 1 July 2022.\n" + (CORPUS / SEEDS[3]).read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, report = cli_json("ingest", folder, "--data-dir", data_copy)
    assert code == 0 and statuses(report) == {copy.name: "added"}
    originals = {it["number"]: it for it in items_json(capsys, data_copy, "--document", SEEDS[3]) if it["number"]}
    copies = {it["number"]: it for it in items_json(capsys, data_copy, "--document", copy.name) if it["number"]}
    assert set(copies) == set(originals) == {"1", "2", "3", "4", "5", "6"}
    for n, it in copies.items():
        assert it["duplicate_of"] == originals[n]["id"], n
        assert originals[n]["duplicate_of"] is None
        assert it["meeting_date"] == "2022-06-13"
    assert_consistent(data_copy)


def test_rebuild_after_a_settings_change_keeps_every_document(small_folder, tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    uploads = data / "uploads"
    uploads.mkdir(parents=True)
    uploaded = uploads / "uploaded.txt"
    uploaded.write_text("The Board received the annual report. RESOLVED: That the annual report be noted.", encoding="utf-8")
    assert cli("ingest", small_folder, uploaded, "--data-dir", data)[0] == 0
    names = {it["document"] for it in items_json(capsys, data)}
    monkeypatch.setenv("MINUTES_PASSAGE_TOKENS", "200")
    assert main(["items", "--data-dir", str(data)]) == 2  # refused: built with other chunking settings
    assert "minutes rebuild" in capsys.readouterr().err
    assert main(["rebuild", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert {it["document"] for it in items_json(capsys, data)} == names
    assert (tmp_path / "data.previous" / "minutes.db").is_file()


def test_a_duplicate_comes_back_when_its_original_is_removed(small_folder, tmp_path, capsys):
    data = tmp_path / "data"
    copy = tmp_path / "copy" / "same-minutes.txt"
    copy.parent.mkdir()
    shutil.copy(small_folder / SMALL[0], copy)
    assert cli("ingest", small_folder, copy, "--data-dir", data)[0] == 0
    assert main(["remove", SMALL[0], "--data-dir", str(data)]) == 0
    assert "same-minutes.txt" in capsys.readouterr().out
    items = items_json(capsys, data)
    assert "same-minutes.txt" in {it["document"] for it in items} and SMALL[0] not in {it["document"] for it in items}
    assert_consistent(data)


def test_a_broken_manifest_is_reported_and_its_folder_still_ingests(small_folder, tmp_path):
    (small_folder / "manifest.json").write_text("{not json", encoding="utf-8")
    code, report = cli_json("ingest", small_folder, "--data-dir", tmp_path / "data")
    assert code == 0
    assert [f["status"] for f in report["files"]].count("added") == len(SMALL)
    warning = next(f for f in report["files"] if f["status"] == "warning")
    assert warning["path"].endswith("manifest.json") and "not valid JSON" in warning["detail"]
