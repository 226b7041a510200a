"""`minutes rebuild` never puts a directory without its catalogue in place of the last backup."""
from __future__ import annotations

from api.cli import main as cli_main


def test_a_rebuild_without_a_catalogue_is_refused_and_the_backup_kept(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "uploads").mkdir(parents=True)  # what a rebuild that stopped half way leaves: uploads, no minutes.db
    backup = tmp_path / "data.previous"
    backup.mkdir()
    (backup / "minutes.db").write_bytes(b"the last good catalogue")
    assert cli_main(["rebuild", "--data-dir", str(data)]) == 2
    assert "no catalogue" in capsys.readouterr().err
    assert (backup / "minutes.db").read_bytes() == b"the last good catalogue"
    assert (data / "uploads").is_dir()


def test_a_library_opened_before_a_rebuild_reads_the_new_catalogue_after_it(tmp_path):
    """A server that had not yet refreshed when a rebuild replaced the database swaps to the new one on its next
    refresh, with the new vectors (it kept the old catalogue beside the new vectors before)."""
    from index.generation import refresh
    from index.library import Library
    from index.settings import Settings
    from tests.index.ingest_helpers import CORPUS, SMALL

    settings = Settings(data_dir=tmp_path / "data")
    doc = tmp_path / "a.txt"
    doc.write_bytes((CORPUS / SMALL[0]).read_bytes())
    assert cli_main(["ingest", str(doc), "--data-dir", str(settings.data_dir)]) == 0
    server = Library(settings)
    try:
        old_ids = server.store.passage_ids()
        doc.write_text(doc.read_text(encoding="utf-8") * 2, encoding="utf-8")  # the rebuild numbers passages afresh
        assert cli_main(["rebuild", "--data-dir", str(settings.data_dir)]) == 0
        assert refresh(server)
        fresh = Library(settings)
        try:
            assert server.store.passage_ids() == fresh.store.passage_ids() != old_ids
            assert server.vectors.ids() == server.store.passage_ids()
        finally:
            fresh.close()
    finally:
        server.close()
