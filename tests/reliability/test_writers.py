"""One writer per data directory across processes: a second writer waits a bounded time, then is refused clearly."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index.ingest import ingest
from index.library import Library
from index.settings import Settings
from index.writer_lock import WriterBusy

ROOT = Path(__file__).resolve().parents[2]
MINUTES = ROOT / "tests" / "fixtures" / "documents" / "nz_napier_city-council_minutes_2019-02-08.txt"
HOLD = """
import sys
from pathlib import Path
from index.writer_lock import writer_lock
with writer_lock(Path(sys.argv[1]), 0):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our stdin (or kills us)
"""


def hold_lock(data_dir: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(data_dir)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"held"
    return proc


@pytest.mark.parametrize("ending", ["finishes", "is killed"])
def test_a_second_writer_is_refused_until_the_first_ends(tmp_path, ending):
    data = tmp_path / "data"
    library = Library(Settings(data_dir=data, writer_wait_s=0.5))
    holder = hold_lock(data)
    try:
        with pytest.raises(WriterBusy, match=f"another process is writing .*holder pid {holder.pid}"):
            ingest(library, [MINUTES])
        assert library.store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
        if ending == "finishes":
            holder.stdin.close()
        else:
            os.kill(holder.pid, signal.SIGKILL)  # the kernel drops a dead holder's lock: no stale lock to clear
        holder.wait(60)
        report = ingest(library, [MINUTES])
        assert [f.status for f in report.files] == ["added"]
        assert len(library.vectors) == library.store.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0] > 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        library.close()
