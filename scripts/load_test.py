"""Bounded load on loopback: a real server, N clients for a fixed time on /api/search, then on /api/ask.

    python scripts/load_test.py --data-dir DIR [--duration 60] [--search-clients 32] [--ask-clients 16]
    python scripts/load_test.py --ingest-corpus ...   (ingest corpus/ into a temporary data dir first)

Reports, per phase: requests, statuses (503 with and without Retry-After), p50/p95/max latency of admitted (200)
requests, throughput, and the server's RSS (start, max, end). Exit 1 on any 5xx other than a shed 503.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["How many children were in the council's care?", "school admission arrangements", "agency staff costs",
             "what was resolved about the budget?", "exclusions for drugs", "PED02 04", "youth offending",
             "foster carers recruitment", "special educational needs transport", "children in care placements"]
RETRY_CAP_S = 2.0  # the server's Retry-After (api/limits.py)
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one(url: str) -> tuple[int, float, bool]:
    start = time.perf_counter()
    try:
        with NO_PROXY.open(url, timeout=120) as r:
            r.read()
            status, retry = r.status, False
    except urllib.error.HTTPError as e:
        e.read()
        status, retry = e.code, bool(e.headers.get("Retry-After"))
    except OSError:
        status, retry = 0, False  # connection refused or reset: counted apart
    return status, time.perf_counter() - start, retry


def phase(base: str, route: str, clients: int, duration: float, pid: int, honour_retry_after: bool = True) -> dict:
    stop = time.monotonic() + duration
    results: list[tuple[int, float, bool]] = []
    rss = [rss_mb(pid)]
    lock = threading.Lock()

    def client(n: int):
        i = n
        while time.monotonic() < stop:
            q = QUESTIONS[i % len(QUESTIONS)]
            r = one(f"{base}{route}?{urllib.parse.urlencode({'q': q})}")
            with lock:
                results.append(r)
            i += 1
            if r[2] and honour_retry_after:  # a polite client waits as told before trying again
                time.sleep(min(RETRY_CAP_S, max(0.0, stop - time.monotonic())))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        rss.append(rss_mb(pid))
        time.sleep(1)
    ok = sorted(lat for s, lat, _ in results if s == 200)
    statuses: dict[str, int] = {}
    for s, _, _ in results:
        statuses[str(s)] = statuses.get(str(s), 0) + 1
    pct = lambda p: round(ok[min(len(ok) - 1, int(p * len(ok)))], 3) if ok else None  # noqa: E731
    return {"route": route, "clients": clients, "duration_s": duration, "honour_retry_after": honour_retry_after, "requests": len(results), "statuses": statuses,
            "shed_503_with_retry_after": sum(1 for s, _, r in results if s == 503 and r),
            "server_errors": sum(1 for s, _, r in results if s >= 500 and not (s == 503 and r)),
            "admitted_per_s": round(len(ok) / duration, 2), "p50_s": pct(0.50), "p95_s": pct(0.95),
            "max_s": round(ok[-1], 3) if ok else None, "mean_s": round(statistics.mean(ok), 3) if ok else None,
            "rss_mb": {"start": round(rss[0]), "max": round(max(rss)), "end": round(rss[-1])}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--ingest-corpus", action="store_true", help="ingest corpus/ into a temporary data dir first")
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--search-clients", type=int, default=32)
    ap.add_argument("--ask-clients", type=int, default=16)
    ap.add_argument("--no-retry-after", action="store_true", help="clients retry at once after a 503 (a hostile client)")
    args = ap.parse_args(argv)
    tmp = None
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTES_") or k in ("MINUTES_MAX_HEAVY_REQUESTS", "MINUTES_HEAVY_QUEUE")}
    if args.ingest_corpus:
        tmp = Path(tempfile.mkdtemp(prefix="load-test-"))
        args.data_dir = tmp / "data"
        subprocess.run([sys.executable, "-m", "api.cli", "ingest", "--json", "--data-dir", str(args.data_dir), str(ROOT / "corpus")],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_env", "--host", "127.0.0.1",
                               "--port", str(port), "--log-level", "warning"], cwd=ROOT,
                              env={**env, "MINUTES_DATA_DIR": str(args.data_dir)})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while one(base + "/readyz")[0] != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                print("the server did not become ready", file=sys.stderr)
                return 2
            time.sleep(0.5)
        polite = not args.no_retry_after
        report = {"cores": os.cpu_count(), "load_average_before": os.getloadavg()[0], "phases": [
            phase(base, "/api/search", args.search_clients, args.duration, server.pid, polite),
            phase(base, "/api/ask", args.ask_clients, args.duration, server.pid, polite)]}
        report["load_average_after"] = os.getloadavg()[0]  # other work on a shared machine stretches every latency
        print(json.dumps(report, indent=1))
        return 1 if any(p["server_errors"] for p in report["phases"]) else 0
    finally:
        server.terminate()
        server.wait(30)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
