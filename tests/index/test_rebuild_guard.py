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
