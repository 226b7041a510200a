"""The HTTP service in its own process: cold start to /readyz, request latency, resident memory."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ("import sys, uvicorn; from api.app import create_app; from index.settings import Settings; "
          "uvicorn.run(create_app(Settings(data_dir=sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(port: int) -> bool:
    """One cheap probe (stdlib: an httpx client's failed connects cost seconds here while the server starts)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
            return r.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


class Service:
    """`with Service(data_dir) as svc:` starts the API on a free port and waits for /readyz; `cold_start_s` is that wait."""

    def __init__(self, data_dir: Path, env: dict | None = None, timeout: float = 600):
        self.data_dir, self.env, self.timeout = Path(data_dir), env or {}, timeout

    def __enter__(self) -> "Service":
        import httpx

        self.port = free_port()
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-c", SERVER, str(self.data_dir), str(self.port)], cwd=ROOT,
                                     env={**os.environ, **self.env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=60, trust_env=False)  # no proxy for loopback
        while True:
            if self.proc.poll() is not None:
                stderr = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"the service exited at start: {stderr[-2000:]}")
            if _ready(self.port):
                break
            if time.perf_counter() - t0 > self.timeout:
                raise RuntimeError("the service did not become ready in time")
            time.sleep(0.02)
        self.cold_start_s = time.perf_counter() - t0
        return self

    def get(self, path: str, **params):
        r = self.client.get(path, params=params)
        r.raise_for_status()
        return r.json()

    def __exit__(self, *exc):
        self.client.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def cold_start(data_dir: Path, runs: int = 3, env: dict | None = None) -> dict:
    """Median seconds from starting the service process to /readyz answering 200, and its RSS once ready."""
    from benchmarks.measure import rss_mb

    times, rss = [], []
    for _ in range(runs):
        with Service(data_dir, env) as svc:
            times.append(svc.cold_start_s)
            rss.append(rss_mb(svc.proc.pid))
    return {"cold_start_s": round(sorted(times)[len(times) // 2], 2), "cold_start_runs": [round(t, 2) for t in times],
            "rss_mb": max(rss)}


if __name__ == "__main__":  # python -m benchmarks.service DATA_DIR: cold start of an existing data directory
    import json

    print(json.dumps(cold_start(Path(sys.argv[1]))))
