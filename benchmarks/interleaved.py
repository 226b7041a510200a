"""Before and after, interleaved: two checkouts of this project timed alternately on one library.

    git worktree add /tmp/before <commit>
    python -m benchmarks.interleaved /tmp/before DATA_DIR [--rounds 3] [--repeat 2] [--keyword-engine tantivy]
    python -m benchmarks.interleaved /tmp/before DATA_DIR --cold-start [--rounds 5]

On a shared machine the load moves between two benchmark runs minutes apart; alternating the checkouts round by round
puts both under the same load. Each round starts a fresh process in each checkout (its own code on sys.path), warms it
with every question once, then times hybrid search of the dev and code questions `--repeat` times (wall and CPU
p50/p95); with `--cold-start`, the service's start to `/readyz` (each checkout's benchmarks/service.py). Medians of
the rounds are printed last.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, sys, time
sys.path.insert(0, ".")
from index.settings import Settings
from index.library import Library
from benchmarks.measure import questions
from search.retrieve import search
library = Library(Settings(data_dir=sys.argv[1], keyword_engine=sys.argv[2]))
qs = questions()
for q in qs:
    search(library, q)
wall, cpu = [], []
for _ in range(int(sys.argv[3])):
    for q in qs:
        c0, t0 = time.process_time(), time.perf_counter()
        search(library, q)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
wall.sort(); cpu.sort()
at = lambda v, f: round(1000 * v[min(len(v) - 1, int(f * len(v)))], 1)
print(json.dumps({"wall_p50_ms": at(wall, .5), "wall_p95_ms": at(wall, .95), "cpu_p50_ms": at(cpu, .5), "cpu_p95_ms": at(cpu, .95)}))
"""
COLD = """
import json, sys
sys.path.insert(0, ".")
from benchmarks.service import Service
with Service(sys.argv[1]) as svc:
    print(json.dumps({"cold_start_s": round(svc.cold_start_s, 2)}))
"""


def run_round(checkout: Path, data_dir: str, args) -> dict:
    if args.cold_start:  # the checkout's own service, started and probed by its benchmarks/service.py
        cmd = [sys.executable, "-c", COLD, data_dir]
    else:
        cmd = [sys.executable, "-c", CHILD, data_dir, args.keyword_engine, str(args.repeat)]
    out = subprocess.run(cmd, cwd=checkout, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(checkout)})
    if out.returncode:
        raise SystemExit(f"{checkout}: {out.stderr[-2000:]}")
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "load": round(os.getloadavg()[0], 1)}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.interleaved", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", help="the other checkout (a git worktree of the commit to compare with)")
    parser.add_argument("data_dir", help="a library both can open (minutes bench --data-dir keeps one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=2, help="times every question is asked per round")
    parser.add_argument("--keyword-engine", default="tantivy", help="the same engine for both (older checkouts lack auto)")
    parser.add_argument("--cold-start", action="store_true", help="time the service's start instead of queries")
    args = parser.parse_args(argv)
    results: dict[str, list[dict]] = {"before": [], "after": []}
    for _ in range(args.rounds):
        for name, checkout in (("before", Path(args.before)), ("after", ROOT)):
            results[name].append(run_round(checkout, args.data_dir, args))
            print(name, json.dumps(results[name][-1]), flush=True)
    summary = {name: {k: round(statistics.median(r[k] for r in rounds), 2) for k in rounds[0]} for name, rounds in results.items()}
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
