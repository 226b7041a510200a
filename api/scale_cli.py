"""`minutes export-index | import-index | migrate`: moving vectors between data directories and search backends."""
from __future__ import annotations

import json
from pathlib import Path


def _library(args):
    from api.cli import _library as open_library

    return open_library(args)


def ray_job(args):
    """The Ray job `minutes ingest --ray [ADDRESS]` asks for, or None."""
    if args.ray is None:
        return None
    from index.bulk import RayJob

    return RayJob(address=args.ray, workers=args.ray_workers)


def add_ingest_options(p):
    p.add_argument("--ray", nargs="?", const="local", metavar="ADDRESS",
                   help="embed on Ray: a local instance on this machine's cores, or a cluster (auto, ray://host:10001)")
    p.add_argument("--ray-workers", type=int, default=0, help="embedding workers on Ray (default: one per CPU or GPU)")


def add_parser(sub, common):
    p = sub.add_parser("export-index", parents=[common], help="write the data directory's vectors to a file (.npz)")
    p.add_argument("file")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import-index", parents=[common],
                       help="add an exported file's vectors to this data directory and the configured search backend")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("migrate", parents=[common],
                       help="copy this data directory's passages and vectors into the configured backend (Milvus), not re-embedded")
    p.add_argument("--recreate", action="store_true", help="drop the Milvus collection first (after a model or chunking change)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_migrate)


def cmd_export(args) -> int:
    from index.migrate import export_index

    n = export_index(_library(args), Path(args.file))
    print(f"exported {n} vectors to {args.file}")
    return 0


def cmd_import(args) -> int:
    from index.migrate import import_index

    report = import_index(_library(args), Path(args.file))
    print(json.dumps(report.__dict__) if args.json else
          f"imported {report.imported} vectors ({report.skipped} skipped: not in this catalog or changed); "
          f"{report.published} passages written to the search backend")
    return 0


def cmd_migrate(args) -> int:
    from index.migrate import publish

    library = _library(args)
    report = publish(library, recreate=args.recreate)
    print(json.dumps(report.__dict__) if args.json else
          f"{library.settings.search_backend}: {report.added} passages written, {report.removed} removed")
    return 0
