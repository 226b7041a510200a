"""One real uvicorn server process (`--factory api.app:app_from_env`) over a data directory, for tests on loopback."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
READY_TIMEOUT = 120


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 60):
    """(status, headers, body bytes) without raising on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def server_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """This process's environment without its MINUTES_ settings, plus the data directory and `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTES_")}
    env.update(MINUTES_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", **settings)
    return env


@contextmanager
def serving(env: dict[str, str], port: int, log_path: Path, ready_timeout: float = READY_TIMEOUT) -> Iterator[str]:
    """Start the server with `env` on `port`, yield its base URL once /readyz answers 200, stop it afterwards."""
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_env", "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:
                if fetch(base + "/readyz", timeout=5)[0] == 200:
                    break
            except OSError:  # URLError, refused and timed-out connections are all OSErrors
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"/readyz was not 200 within {ready_timeout} s:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
