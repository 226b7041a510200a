"""Crash test: SIGKILL `minutes ingest` at random moments (the last phase included), then check that one plain
ingest heals the data directory: `minutes check` agrees, SQLite's integrity check passes, no writer lock is left.

    python scripts/crash_test.py --trials 20 [--seed 1] [--work DIR]

Each trial changes the document set (a random subset of tests/fixtures/documents, one file edited) so every ingest
has real work: reading, storing, embedding, saving vectors and vocabulary. Exit status 1 when any trial fails to heal.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"
SUFFIXES = {".txt", ".pdf", ".html"}


def minutes(*args: str, data: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTES_")}
    return subprocess.Popen([sys.executable, "-m", "api.cli", *args, "--data-dir", str(data)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def change_corpus(rng: random.Random, corpus: Path, trial: int):
    """A different subset of documents each trial, and one text file edited, so there is always something to do."""
    docs = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in SUFFIXES)
    keep = set(rng.sample(docs, k=rng.randint(3, min(8, len(docs)))))
    for p in corpus.iterdir():
        if p.name not in {d.name for d in keep}:
            p.unlink()
    for d in keep:
        if not (corpus / d.name).exists():
            shutil.copy(d, corpus / d.name)
    edited = corpus / f"trial-note-{trial % 3}.txt"
    edited.write_text(f"Minutes of the Crash Test Committee, {trial + 1} March 2024.\n\n1. Item {trial}\n\n"
                      + " ".join(rng.sample(WORDS, 40)) + f" trialword{trial}.\n")


WORDS = ("budget school roads housing library parking planning licence tree hedge drainage flood council officer report "
         "resolution motion seconded carried adopted deferred grant tender contract audit pension reserves borough ward "
         "consultation petition allotment cemetery footpath lighting recycling waste transport bus cycle safety").split()


ESTIMATE = {"s": 0.0}  # how long an ingest takes here, from the last one that finished before its kill


def trial(n: int, rng: random.Random, data: Path, corpus: Path) -> dict:
    full_s = ESTIMATE["s"]
    change_corpus(rng, corpus, n)
    proc = minutes("ingest", "--prune", "--json", str(corpus), data=data)
    # a third of the kills aim at the end of an ingest (saving vectors and vocabulary), the rest anywhere
    delay = rng.uniform(0.75, 1.0) * full_s if n % 3 == 2 else rng.uniform(0.1, 1.0) * full_s
    start = time.monotonic()
    while proc.poll() is None and time.monotonic() - start < delay:
        time.sleep(0.02)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    else:
        ESTIMATE["s"] = time.monotonic() - start  # it finished first: aim the next kills inside this shorter run
    proc.wait()
    heal = minutes("ingest", "--prune", "--json", str(corpus), data=data)
    heal_out = heal.communicate()[0].decode(errors="replace")
    check = minutes("check", "--json", data=data)
    out = check.communicate()[0].decode(errors="replace")
    try:
        report = json.loads(out[out.index("{"):])
    except ValueError:
        report = {"ok": False, "problems": [out[-500:]]}
    with sqlite3.connect(data / "minutes.db") as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    return {"trial": n, "delay_s": round(delay, 2), "killed": killed, "heal_exit": heal.returncode, "check_exit": check.returncode,
            "integrity": integrity, "passages": report.get("passages"), "vectors": report.get("vectors"),
            "problems": report.get("problems"), "healed": check.returncode == 0 and integrity == "ok" and report.get("ok") is True,
            "heal_tail": "" if heal.returncode in (0, 1) else heal_out[-300:]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed afterwards)")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    work = args.work or Path(tempfile.mkdtemp(prefix="crash-test-"))
    data, corpus = work / "data", work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    try:
        change_corpus(rng, corpus, -1)
        start = time.monotonic()
        first = minutes("ingest", "--json", str(corpus), data=data)
        first.communicate()
        full_s = ESTIMATE["s"] = time.monotonic() - start  # kills are spread over an ingest's duration
        results = []
        for n in range(args.trials):
            r = trial(n, rng, data, corpus)
            results.append(r)
            print(json.dumps(r), flush=True)
        healed = sum(r["healed"] for r in results)
        killed = sum(r["killed"] for r in results)
        print(json.dumps({"trials": len(results), "killed_mid_ingest": killed, "healed": healed, "ingest_s": round(full_s, 1)}))
        return 0 if healed == len(results) else 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
