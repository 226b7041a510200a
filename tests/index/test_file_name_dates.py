"""A file's name dates its meeting only where neither the manifest nor the text does."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.dates import date_in_file_name
from index.manifest import meta_for
from index.readers import read_document
from index.segment import segment

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPT = ROOT / "tests" / "fixtures" / "documents_heldback7" / "us_rivergrove_city-council_transcript_2024-02-12.md"


@pytest.mark.parametrize("name, date", [
    ("2024-02-12-Transcript.md", "2024-02-12"),
    ("20190611WDCCouncil160.txt", "2019-06-11"),
    ("MIN_RCPH_2024_01_15.pdf", "2024-01-15"),
    ("CommunityGrant minutes 2018 March 13.pdf", "2018-03-13"),
    ("Minutes 13 March 2018 (13-03-2018).pdf", "2018-03-13"),  # one date, written twice
    ("June 5, 2019 minutes.pdf", "2019-06-05"),
    ("01.02.24 minutes.pdf", None),  # day or month first: the name does not settle it
    ("agenda 2024-01-10 minutes 2023-12-12.pdf", None),  # two dates: which is the meeting's?
    ("file_20241301.pdf", None),  # no month 13
    ("report.pdf", None),
])
def test_the_one_date_a_file_name_states(name, date):
    assert date_in_file_name(name) == date


def _dates(path: Path) -> set[str | None]:
    return {item.meeting_date for item in segment(read_document(path, 10**8), meta_for(path)[0])}


def test_an_undated_transcript_takes_the_date_its_file_name_states(tmp_path):
    undated = tmp_path / "notes.md"
    shutil.copy(TRANSCRIPT, undated)
    assert _dates(undated) == {None}  # the transcript states no year for its meeting
    named = tmp_path / "2024-02-12-Transcript.md"
    shutil.copy(TRANSCRIPT, named)
    assert _dates(named) == {"2024-02-12"}


def test_the_text_and_the_manifest_come_before_the_file_name(tmp_path):
    dated = tmp_path / "minutes-2001-01-01.txt"
    dated.write_text("Minutes of the Parks Committee held on 14 March 2023\n\n1. Apologies\nNone were received.\n")
    assert _dates(dated) == {"2023-03-14"}
    undated = tmp_path / "2001-01-01 notes.md"
    shutil.copy(TRANSCRIPT, undated)
    (tmp_path / "manifest.json").write_text(json.dumps({undated.name: {"meeting_date": "2024-02-13"}}))
    assert _dates(undated) == {"2024-02-13"}
