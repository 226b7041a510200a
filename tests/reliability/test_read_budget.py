"""Bounded work per file: a page-content bomb fails within the read budget with a clear error; the next file ingests."""
from pathlib import Path

from index.ingest import ingest
from index.library import Library
from index.settings import Settings
from tests.reliability.page_bomb import page_bomb

ROOT = Path(__file__).resolve().parents[2]
MINUTES = ROOT / "tests" / "fixtures" / "documents" / "uk_milburn_parish-council_minutes_2021-01-26.pdf"


def test_page_bomb_is_stopped_and_the_next_file_ingests(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(page_bomb(pages=200, operators=20_000))  # about 1 s a page, some minutes in all
    library = Library(Settings(data_dir=tmp_path / "data", read_budget_s=2))
    try:
        report = ingest(library, [bomb])
        [result] = report.files
        assert result.status == "failed" and "took longer than 2 s" in result.detail, result
        report = ingest(library, [MINUTES])
        assert [f.status for f in report.files] == ["added"]
    finally:
        library.close()
