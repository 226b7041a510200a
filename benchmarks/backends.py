"""Search backends and bulk embedding, measured: `python -m benchmarks.backends ingest|latency`.

ingest:  plain ingest vs `ingest --ray` (local Ray on this machine's cores) of the default corpus, fresh data dirs.
latency: query latency per mode on the embedded backend and on Milvus (milvus-lite, a local file) over one library
         of N passages built by the scale benchmark's builder (benchmarks/build.py); both read the same vectors.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ingest_throughput(corpus: Path, workers: int) -> dict:
    from index.bulk import RayJob
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    out = {}
    root = Path(tempfile.mkdtemp(prefix="minutes-backends-"))
    try:
        for name, ray in (("plain", None), ("ray", RayJob("local", workers=workers, cpus=os.cpu_count()))):
            library = Library(Settings(data_dir=root / name))
            library.embedder  # the model load is not ingest throughput (a Ray run loads it on each worker, inside its time)
            t0 = time.perf_counter()
            report = ingest(library, [corpus], ray=ray)
            seconds = time.perf_counter() - t0
            n = library.store.passage_count()
            out[name] = {"passages": n, "embedded": report.embedded, "seconds": round(seconds, 2),
                         "passages_per_s": round(n / seconds, 1)}
            library.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return out


def latency(n: int, data_dir: Path, repeat: int) -> dict:
    from benchmarks import measure
    from benchmarks.build import build
    from index.library import Library
    from index.migrate import publish
    from index.settings import Settings
    from search.backends import backend_for

    embedded = Library(Settings(data_dir=data_dir))
    if not embedded.store.passage_count():
        build(embedded, data_dir.parent / "files", n, real_max=2000)
    milvus = Library(Settings(data_dir=data_dir, search_backend="milvus", milvus_uri=str(data_dir / "milvus-bench.db")))
    t0 = time.perf_counter()
    published = publish(milvus)
    publish_s = time.perf_counter() - t0
    qs = measure.questions()
    result = {"passages": embedded.store.passage_count(),
              "milvus_rows": backend_for(milvus).count(milvus), "milvus_publish_s": round(publish_s, 1),
              "milvus_published": published.added, "questions": len(qs), "repeat": repeat, "cores": os.cpu_count()}
    for name, library in (("embedded", embedded), ("milvus", milvus)):
        result[name] = measure.query_latency(library, qs, repeat, ask=False)
    close = getattr(backend_for(milvus), "close", None)  # the Milvus backend holds a client; the protocol has no close
    if close:
        close()
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.backends", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="what", required=True)
    a = sub.add_parser("ingest")
    a.add_argument("--corpus", default=str(ROOT / "corpus"))
    a.add_argument("--workers", type=int, default=0, help="Ray embedding workers (default: one per CPU)")
    b = sub.add_parser("latency")
    b.add_argument("--passages", type=int, default=100_000)
    b.add_argument("--data-dir", required=True, help="built here once and reused (the build takes minutes)")
    b.add_argument("--repeat", type=int, default=1)
    for q in (a, b):
        q.add_argument("--json", help="also write the result here")
    args = p.parse_args(argv)
    result = (ingest_throughput(Path(args.corpus), args.workers) if args.what == "ingest"
              else latency(args.passages, Path(args.data_dir), args.repeat))
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
