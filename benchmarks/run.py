"""`minutes bench` / `python -m benchmarks`: build N synthetic passages through the project's code and measure it."""
from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

RAW_RATE_PASSAGES = 2000  # the raw embedding rate is read on at most this many of the build's own passages
BUILD_FACTS = "bench-build.json"  # what the build measured, kept beside a kept library for --measure-only
REQUIRED_KEYS = ("passages", "ingest_passages_per_s", "embed_passages_per_s", "keyword_p50_ms", "dense_p50_ms", "hybrid_p50_ms",
                 "hybrid_p95_ms", "dense_recall_at_10", "rss_mb", "cold_start_s", "backend", "vectors")


def add_arguments(p: argparse.ArgumentParser):
    p.add_argument("--passages", type=int, default=10_000, help="corpus size N (exact)")
    p.add_argument("--json", dest="json_out", help="write the results here (JSON)")
    p.add_argument("--markdown", help="write a Markdown table here (default: beside --json, .md)")
    p.add_argument("--real-max", type=int, default=2000, help="embed at most this many passages for real; derive the rest")
    p.add_argument("--backend", choices=["onnx", "torch"], help="embedder backend (default: the MINUTES_EMBED_BACKEND setting)")
    p.add_argument("--keyword-engine", choices=["auto", "fts5", "tantivy"],
                   help="keyword index (default: the MINUTES_KEYWORD_ENGINE setting, auto: by size)")
    p.add_argument("--data-dir", help="build here and keep it (default: a temporary folder, removed after)")
    p.add_argument("--measure-only", action="store_true", help="measure the library already in --data-dir (no build)")
    p.add_argument("--repeat", type=int, default=1, help="time every question this many times")
    p.add_argument("--no-http", action="store_true", help="skip the service (cold start, HTTP latency, service RSS)")
    p.add_argument("--no-ask", action="store_true", help="skip answer latency")
    p.add_argument("--compare-backends", action="store_true", help="also time the other embedder backend's raw throughput")
    p.add_argument("--table", nargs="+", metavar="JSON", help="only print a Markdown table of earlier results")


def run(args) -> dict:
    from index.errors import MinutesError

    if args.passages < 1:
        raise MinutesError("--passages must be at least 1")
    if args.real_max < 1:
        raise MinutesError("--real-max must be at least 1")
    keep = Path(args.data_dir) if args.data_dir else None
    root = Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    try:
        return _run(args, keep or root / "data", root / "files")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _run(args, data_dir: Path, files: Path) -> dict:
    from benchmarks import measure
    from benchmarks.build import build
    from index.library import Library
    from index.settings import Settings
    from search.keyword import engine_in_use

    from index.errors import MinutesError

    if args.measure_only and not (data_dir / "minutes.db").is_file():
        raise MinutesError("--measure-only needs --data-dir of a library an earlier `minutes bench --data-dir` built")
    if not args.measure_only and data_dir.exists() and any(data_dir.iterdir()):
        raise MinutesError(f"{data_dir} is not empty: the benchmark builds a new library (or pass --measure-only)")
    overrides = {k: v for k, v in (("embed_backend", args.backend), ("keyword_engine", args.keyword_engine)) if v}
    settings = Settings(data_dir=data_dir, **overrides)
    library = Library(settings)
    t0 = time.perf_counter()
    library.embedder
    model_load_s = time.perf_counter() - t0
    if args.measure_only:
        facts, (ids, matrix) = _saved_facts(data_dir), library.vectors._live()
        library.sync_vectors()  # a keyword engine other than the one built with is brought in step first
    else:
        built = build(library, files, args.passages, args.real_max)
        ids, matrix = built.ids, built.matrix
        facts = built.facts()
        (data_dir / BUILD_FACTS).write_text(json.dumps(facts))
        del built
    # the raw rate is read on the very passages the build embedded: the first 256 alone ran 7% faster than all
    # 2,000 (shorter texts), which made the ingest ratio look worse than it is
    texts = measure.sample_texts(library, min(facts.get("real_passages") or 256, RAW_RATE_PASSAGES))
    qs = measure.questions()
    embed_wall, embed_cpu = measure.embed_rates(library.embedder, texts)
    result = {
        "passages": library.store.passage_count(),
        "backend": library.embedder.backend, "device": library.embedder.device, "keyword_engine": engine_in_use(library.store),
        **facts,
        "embed_passages_per_s": round(embed_wall, 1), "embed_cpu_passages_per_s": round(embed_cpu, 1),
        "model_load_s": round(model_load_s, 2),
        "query_embed_ms": round(1000 * float(sum(measure.time_calls(lambda q: library.embedder.embed_batch([q]), qs)) / len(qs)), 2),
    }
    if result.get("ingest_passages_per_s") and embed_wall:
        result["ingest_to_embed_ratio"] = round(result["ingest_passages_per_s"] / result["embed_passages_per_s"], 3)
    if result.get("ingest_cpu_passages_per_s") and embed_cpu:
        result["ingest_to_embed_cpu_ratio"] = round(result["ingest_cpu_passages_per_s"] / embed_cpu, 3)
    result.update({f"index_{k}": v for k, v in library.vectors.stats().items()})
    result["dense_recall_at_10"] = measure.dense_recall(library, ids, matrix, qs)
    del ids, matrix
    result.update(measure.query_latency(library, qs, args.repeat, ask=not args.no_ask))
    if args.compare_backends:
        result.update(_other_backend(library, texts, qs))
    result["bench_rss_mb"] = measure.rss_mb()
    result["load_average"] = round(os.getloadavg()[0], 2)  # how busy the machine was: wall times above include waiting
    library.close()
    if not args.no_http:
        result.update(_service(data_dir, qs, overrides, ask=not args.no_ask))
    else:
        result.update({"rss_mb": None, "cold_start_s": None})
    result["disk_mb"] = measure.disk_mb(data_dir)
    result.update({"cores": os.cpu_count(), "date": datetime.date.today().isoformat()})
    return result


def _saved_facts(data_dir: Path) -> dict:
    """Build figures of a kept library; an 8-bit index's recall is then measured against its decoded vectors."""
    path = data_dir / BUILD_FACTS
    return json.loads(path.read_text()) if path.is_file() else {"vectors": "unknown"}


def _other_backend(library, texts, qs) -> dict:
    from benchmarks import measure
    from index.embedder import make_embedder

    other = "torch" if library.embedder.backend == "onnx" else "onnx"
    embedder = make_embedder(library.settings.model_copy(update={"embed_backend": other}))
    return {f"embed_passages_per_s_{other}": round(measure.embed_throughput(embedder, texts), 1),
            f"query_embed_ms_{other}": round(1000 * float(sum(measure.time_calls(lambda q: embedder.embed_batch([q]), qs)) / len(qs)), 2)}


def _service(data_dir: Path, qs: list[str], overrides: dict, ask: bool) -> dict:
    from benchmarks import measure
    from benchmarks.service import Service

    env = {f"MINUTES_{k.upper()}": v for k, v in overrides.items()}
    with Service(data_dir, env) as svc:
        out = {"cold_start_s": round(svc.cold_start_s, 2)}
        out.update(measure.percentiles(measure.time_calls(lambda q: svc.get("/api/search", q=q), qs), "http_search"))
        if ask:
            errors: list[str] = []
            out.update(measure.percentiles(measure.time_calls(lambda q: measure._recording(errors, svc.get, "/api/ask", q=q), qs),
                                           "http_ask"))
            out["http_ask_errors"] = len(errors)
        out["rss_mb"] = measure.rss_mb(svc.proc.pid)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    add_arguments(parser)
    from index.errors import MinutesError

    try:
        return command(parser.parse_args(argv))
    except MinutesError as exc:  # as the CLI does: a message, not a traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2


def command(args) -> int:
    from benchmarks.report import markdown

    if args.table:
        print(markdown([json.loads(Path(p).read_text()) for p in args.table]), end="")
        return 0
    result = run(args)
    text = json.dumps(result, indent=1)
    if args.json_out:
        Path(args.json_out).write_text(text + "\n")
        Path(args.markdown or Path(args.json_out).with_suffix(".md")).write_text(markdown([result]))
    elif args.markdown:
        Path(args.markdown).write_text(markdown([result]))
    print(text)
    print(markdown([result]), end="")
    return 0
