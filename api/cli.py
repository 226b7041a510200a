"""The `minutes` command: thin subcommands over the library; errors mapped to messages in one place."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _settings(args):
    from index.settings import Settings

    return Settings(data_dir=Path(args.data_dir)) if args.data_dir else Settings()


def _library(args):
    from index.library import Library

    return Library(_settings(args))


def _filters(args):
    from search.filters import Filters

    return Filters(committee=args.committee, date_from=getattr(args, "date_from", None), date_to=getattr(args, "date_to", None),
                   document=getattr(args, "document", None), resolutions_only=bool(getattr(args, "resolutions", False)),
                   decisions=bool(getattr(args, "decisions", False)), outcome=getattr(args, "outcome", None))


def cmd_ingest(args) -> int:
    from index.ingest import ingest

    from api.scale_cli import ray_job

    report = ingest(_library(args), args.paths, prune=args.prune, progress=not args.json, ray=ray_job(args))
    if args.json:
        from search.models import IngestReport, public

        print(json.dumps(public(IngestReport, report.to_dict()), ensure_ascii=False))
    else:
        for f in report.files:
            extra = f" ({f.items} items, {f.passages} passages)" if f.status in ("added", "replaced") else ""
            print(f"{f.status:>9}  {f.path}{extra}{': ' + f.detail if f.detail else ''}")
        summary = ", ".join(f"{n} {s}" for s, n in sorted(report.counts().items()))
        print(f"summary: {summary or 'no files'}; {report.embedded} passages embedded")
    return 1 if report.failed else 0


def cmd_items(args) -> int:
    from index.catalog import list_items
    from search.models import ListedItem, public

    for item in list_items(_library(args).store, args.document, with_decisions=args.decisions):
        if args.json:
            print(json.dumps(public(ListedItem, item), ensure_ascii=False))
        else:
            outcomes = ", ".join(sorted({d["outcome"] for d in item["decisions"]}))
            print(f"{item['id']}  {item['meeting_date'] or 'undated'}  {item['number'] or '-':>6}  {item['kind']:<17} {item['title'][:70]}"
                  + (f"  [{len(item['decisions'])} decision{'s' if len(item['decisions']) != 1 else ''}: {outcomes}]" if args.decisions else ""))
    return 0


def cmd_show(args) -> int:
    from index.catalog import get_item

    item = get_item(_library(args).store, args.item_id)
    if args.json:
        from search.models import Item, public

        print(json.dumps(public(Item, item), ensure_ascii=False))
        return 0
    for key in ("id", "document", "committee", "meeting_date", "number", "title", "kind", "pages"):
        print(f"{key}: {item[key]}")
    for r in item["resolutions"]:
        print(f"resolution: {r}")
    for n, d in enumerate(item["decisions"], 1):
        print(decision_lines(n, d))
    print()
    print(item["text"])
    return 0


def decision_lines(n: int, d: dict) -> str:
    """One decision for `minutes show`: outcome and tally, mover and seconder, the names under each vote, its wording."""
    from search.votes import POSITIONS, tally

    counts = tally(d)
    lines = [f"decision {n}: {d['outcome']}{' ' + counts if counts else ''}"]
    if d.get("mover") or d.get("seconder"):
        lines.append(f"  moved: {d.get('mover') or '-'}; seconded: {d.get('seconder') or '-'}")
    votes, names = d.get("votes") or {}, d.get("names") or {}
    for key in POSITIONS:
        if key in names:
            count = votes.get(key, len(names[key]))
            lines.append(f"  {key} ({count}): {', '.join(names[key]) or 'none'}")
        elif key in votes:
            lines.append(f"  {key}: {votes[key]} (names not recorded)")
    lines.append(f"  text: {d['text']}")
    return "\n".join(lines)


def cmd_remove(args) -> int:
    lib = _library(args)
    docs = [d for d in lib.store.documents() if d["name"] in args.names or d["path"] in args.names]
    found = {d["name"] for d in docs}
    for d in docs:
        lib.remove_document(d["id"])
        print(f"removed  {d['name']}")
    from index.ingest import ingest

    for f in ingest(lib, []).files:  # copies stored as duplicates of a removed file come back in their own right
        print(f"{f.status:>9}  {f.path}")
    for name in set(args.names) - found - {d["path"] for d in docs}:
        print(f"not stored: {name}", file=sys.stderr)
    return 0 if docs else 1


def cmd_rebuild(args) -> int:
    """Re-ingest every stored document from its file after a model or chunking change."""
    import shutil

    from index.ingest import ingest
    from index.library import Library
    from index.store import Store

    settings = _settings(args)
    if not settings.db_path.is_file():
        # nothing to rebuild from; and a directory without its catalogue must never replace the backup of the last one
        print(f"error: no catalogue at {settings.db_path} to rebuild from", file=sys.stderr)
        return 2
    names = Store.document_names(settings.db_path)
    backup = settings.data_dir.with_name(settings.data_dir.name + ".previous")
    from index.writer_lock import writer_lock

    milvus = settings.search_backend == "milvus" and bool(settings.milvus_uri)
    with writer_lock(settings.data_dir, settings.writer_wait_s):  # never move a directory another process writes
        if milvus:
            # a collection outside the data directory keeps the old numbering, and publishing compares ids only: an id
            # the rebuild gives another passage would keep the old one's vector and terms. The rebuild fills a new
            # collection, named in the new catalogue; servers read the old one until they swap to the new catalogue.
            # Naming it reaches the server: one that cannot be reached stops the rebuild before anything is moved.
            from search.backends.milvus import COLLECTION_SETTING, collection_of, drop_quietly, next_collection

            new_collection = next_collection(settings)
            # the backup about to be replaced names the generation no catalogue will read once this one is in place
            retired = _recorded_collection(backup / "minutes.db", settings) if (backup / "minutes.db").is_file() else None
            current = _recorded_collection(settings.db_path, settings)
        shutil.rmtree(backup, ignore_errors=True)
        settings.data_dir.rename(backup)
    if (backup / "uploads").is_dir():  # documents added over HTTP live inside the data directory: bring them back
        shutil.copytree(backup / "uploads", settings.data_dir / "uploads")
    library = Library(settings)
    if milvus:
        library.store.set_setting(COLLECTION_SETTING, new_collection)
    if (backup / "minutes.db").is_file():  # follows and what they found survive; re-read minutes are not news
        library.store.copy_follows_from(backup / "minutes.db")
    report = ingest(library, [p for p in names if Path(p).exists()], progress=True, display_name=names, follows=False)
    if milvus and retired and retired not in (current, collection_of(settings, library.store)):
        said = drop_quietly(settings, retired)
        if said:
            print(said, file=sys.stderr)
    print(f"rebuilt {len(report.files)} documents; previous data kept in {backup}")
    return 1 if report.failed else 0


def _recorded_collection(db_path: Path, settings) -> str:
    """The Milvus collection a catalogue file names."""
    from index.store import Store
    from search.backends.milvus import collection_of

    store = Store(db_path)
    try:
        return collection_of(settings, store)
    finally:
        store.close()


def cmd_check(args) -> int:
    """Derived structures against the database; exit 1 when any disagrees (`minutes ingest` heals them)."""
    from index.check import check

    library = _library(args)
    if args.repair:
        from index.heal import repair

        print(f"repaired: {repair(library)} changes", file=sys.stderr)
    report = check(library)
    if args.json:
        print(json.dumps(report.to_dict(), indent=1))
    else:
        for key, value in report.to_dict().items():
            if key not in ("problems", "ok"):
                print(f"{key:>20}  {value}")
        print("ok" if report.ok else "DISAGREES: " + "; ".join(report.problems))
    return 0 if report.ok else 1


def cmd_search(args) -> int:
    from search.hits import public_hit
    from search.models import Hit, public
    from search.retrieve import search

    hits = search(_library(args), args.question, k=args.k, mode=args.mode, filters=_filters(args))
    for i, h in enumerate(hits, 1):
        if args.json:
            print(json.dumps(public(Hit, public_hit(h)), ensure_ascii=False))
        else:
            print(f"[{i}] {h['score']:.4f}  {h['citation']}  ({h['document']})")
            print("    " + h["clean"][:300])
            if h["decisions"]:
                from search.votes import describe_hit_decisions

                print("    decision: " + describe_hit_decisions(h))
    return 0


def cmd_eval(args) -> int:
    from search.evaluate import evaluate, print_report

    result = evaluate(_library(args), args.set, mode=args.mode, runs_out=args.runs_out, answers=not args.no_answers, half=args.half)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else print_report(result))
    return 0


def cmd_ask(args) -> int:
    from search.answer import answer

    result = answer(_library(args), args.question, _filters(args))
    if args.json:
        from search.models import Answer, public

        print(json.dumps(public(Answer, result), ensure_ascii=False))
        return 0
    print(result["answer"])
    print()
    for c in result["citations"]:
        print(f"[{c['marker']}] {c['label']} ({c['document']})")
    return 0


def cmd_serve(args) -> int:
    import uvicorn

    from api.app import create_app

    settings = _settings(args)
    if args.ingest:
        from index.ingest import ingest
        from index.library import Library

        report = ingest(Library(settings), [settings.corpus_dir], progress=True)
        print(f"corpus: {report.counts()}")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def cmd_segment_eval(args) -> int:
    from search.segment_eval import evaluate_folder

    result = evaluate_folder(Path(args.folder))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    keys = ["documents", "item_precision", "item_recall", "item_f1", "date_accuracy", "body_accuracy", "decision_recall",
            "decision_outcome_accuracy", "vote_count_accuracy", "boilerplate_leaks"]
    print(f"{'':10}" + "".join(f"{k.replace('decision_', 'dec_'):>14}" for k in keys))
    for name, figures in [("overall", result["overall"])] + list(result["by_half"].items()):
        print(f"{name:10}" + "".join(f"{'-' if figures[k] is None else figures[k]!s:>14}" for k in keys))
    if args.verbose:
        for d in result["documents"]:
            print(f"{d['file']}: items {d['matched_items']}/{d['expected_items']} (predicted {d['predicted_items']}), "
                  f"date {'ok' if d['date_ok'] else 'WRONG ' + str(d['detail']['date'])}, "
                  f"body {'ok' if d['body_ok'] else 'WRONG ' + str(d['detail']['body'])}, "
                  f"decisions {d['found_decisions']}/{d['expected_decisions']}, leaks {d['boilerplate_leaks']}")
    for name, why in result["errors"].items():
        print(f"error: {name}: {why}")
    return 0


def cmd_bench(args) -> int:
    from benchmarks.run import command

    return command(args)


def build_parser() -> argparse.ArgumentParser:
    from index.limits import DEFAULT_MODE, SEARCH_MODES

    parser = argparse.ArgumentParser(prog="minutes", description="Search and question council minutes.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data directory (default: $MINUTES_DATA_DIR or ./data)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="ingest files or folders (incremental)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--prune", action="store_true", help="remove stored documents whose files are gone from these folders")
    p.add_argument("--json", action="store_true")
    from api import scale_cli

    scale_cli.add_ingest_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("items", parents=[common], help="list agenda items")
    p.add_argument("--json", action="store_true")
    p.add_argument("--document")
    p.add_argument("--decisions", action="store_true", help="only items that record at least one decision")
    p.set_defaults(func=cmd_items)

    p = sub.add_parser("show", parents=[common], help="show one item's text and metadata")
    p.add_argument("item_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("remove", parents=[common], help="remove stored documents by file name")
    p.add_argument("names", nargs="+")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("rebuild", parents=[common], help="rebuild the index from the stored documents' files")
    p.set_defaults(func=cmd_rebuild)

    p = sub.add_parser("check", parents=[common], help="check vectors, keyword index and vocabulary against the database")
    p.add_argument("--json", action="store_true")
    p.add_argument("--repair", action="store_true", help="first rebuild what disagrees (as the one writer), then check")
    p.set_defaults(func=cmd_check)

    def add_filters(p, document=True):
        p.add_argument("--from", dest="date_from", help="meetings on or after YYYY-MM-DD")
        p.add_argument("--to", dest="date_to", help="meetings on or before YYYY-MM-DD")
        p.add_argument("--committee", help="committee name (substring)")
        if document:
            p.add_argument("--document", help="one document's file name")
        p.add_argument("--resolutions", action="store_true", help="resolutions only")
        p.add_argument("--decisions", action="store_true", help="only items that record a decision (motion, vote, resolution)")
        p.add_argument("--outcome", metavar="OUTCOME",
                       help="only items with a decision of this outcome: carried, failed, deferred, noted, approved or amended")

    p = sub.add_parser("search", parents=[common], help="find passages")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--mode", default=DEFAULT_MODE, choices=SEARCH_MODES)
    p.add_argument("--json", action="store_true")
    add_filters(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", parents=[common], help="a cited answer")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    add_filters(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", parents=[common], help="score retrieval and answers on a question set")
    p.add_argument("set")
    p.add_argument("--mode", default=DEFAULT_MODE, choices=SEARCH_MODES)
    p.add_argument("--json", action="store_true")
    p.add_argument("--runs-out")
    p.add_argument("--no-answers", action="store_true", help="score retrieval only")
    p.add_argument("--half", choices=["tune", "check"], help="only one fixed half of the set (by a hash of the question id)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("segment-eval", help="score item boundaries, dates, bodies and decisions on labelled documents")
    p.add_argument("folder", help="a folder of documents with labels/<file>.json (see tests/fixtures/documents/LABELS.md)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--verbose", action="store_true", help="per-document figures")
    p.set_defaults(func=cmd_segment_eval)

    from api import follow_cli

    follow_cli.add_parser(sub, common, add_filters)
    scale_cli.add_parser(sub, common)

    p = sub.add_parser("bench", help="scale benchmark: N synthetic passages through ingest, index and search; JSON and Markdown")
    from benchmarks.run import add_arguments

    add_arguments(p)
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("serve", parents=[common], help="start the HTTP service")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--ingest", action="store_true", help="ingest the default corpus first (incremental)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv=None) -> int:
    from index.errors import MinutesError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except MinutesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
