"""One writer per data directory across processes: an exclusive file lock that ingest, uploads and rebuild take."""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from index.errors import MinutesError

LOCK_NAME = "writer.lock"


class WriterBusy(MinutesError):
    """Another process is writing this data directory and did not finish within the wait."""

    status = 503


@contextmanager
def writer_lock(data_dir: Path, wait_s: float):
    """Hold the data directory's writer lock; wait up to `wait_s` seconds for another writer, then refuse clearly.

    flock is released by the kernel when the holder dies, so a killed ingest never leaves the directory locked.
    """
    path = Path(data_dir) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait_s)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriterBusy(f"another process is writing {data_dir} (holder pid {_holder(path)}); "
                                     f"waited {wait_s:g} s; try again when it has finished") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)  # for the message above; the lock itself is the flock
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "unknown"
    except OSError:
        return "unknown"
