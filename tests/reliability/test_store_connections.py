"""Readers and writers on one database: a read left open in one thread never makes another thread's write fail."""
import subprocess
import sys
import threading

from index.store import Store

WRITE_FROM_ANOTHER_PROCESS = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("INSERT INTO settings(key, value) VALUES('other', 'process') ON CONFLICT(key) DO UPDATE SET value=excluded.value")
db.close()
"""


def test_write_after_another_process_commits_while_a_read_is_open(tmp_path):
    store = Store(tmp_path / "minutes.db")
    try:
        for i in range(3):
            store.set_setting(f"k{i}", "v")
        reader = store.db.execute("SELECT key FROM settings")
        assert reader.fetchone()  # a read left open: this thread's connection holds a snapshot
        subprocess.run([sys.executable, "-c", WRITE_FROM_ANOTHER_PROCESS, str(store.path)], check=True, timeout=60)
        errors = []

        def write():
            try:
                with store.transaction() as db:
                    db.execute("INSERT INTO settings(key, value) VALUES('upload', 'done')")
            except Exception as exc:  # "database is locked" when threads share one connection
                errors.append(exc)

        t = threading.Thread(target=write)
        t.start()
        t.join()
        assert errors == []
        reader.fetchall()
        assert store.get_setting("upload") == "done" and store.get_setting("other") == "process"
    finally:
        store.close()
