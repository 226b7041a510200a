"""`minutes follow add|list|show|remove`: follows managed from the shell (the operator's own machine: no token)."""
from __future__ import annotations

import json


def _library(args):
    from api.cli import _library as open_library

    return open_library(args)


def add_parser(sub, common, add_filters):
    p = sub.add_parser("follow", parents=[common], help="follow a topic: saved searches with a feed and an optional digest")
    fsub = p.add_subparsers(dest="follow_command", required=True)
    a = fsub.add_parser("add", parents=[common], help="save a query (and filters) to follow")
    a.add_argument("query")
    a.add_argument("--name", help="a name for the follow (default: the query)")
    a.add_argument("--email", help="send a digest here after each ingest that finds something (needs MINUTES_SMTP_HOST)")
    a.add_argument("--json", action="store_true")
    add_filters(a, document=False)
    a.set_defaults(func=cmd_follow_add)
    ls = fsub.add_parser("list", parents=[common], help="list follows with their match counts")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_follow_list)
    sh = fsub.add_parser("show", parents=[common], help="one follow's matches, newest first")
    sh.add_argument("id")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=cmd_follow_show)
    rm = fsub.add_parser("remove", parents=[common], help="stop following (by id)")
    rm.add_argument("ids", nargs="+")
    rm.set_defaults(func=cmd_follow_remove)


def cmd_follow_add(args) -> int:
    library = _library(args)
    from pydantic import ValidationError

    from search.follow_types import FollowFilters, FollowIn
    from search.follows import create_follow, created_view

    filters = FollowFilters(committee=args.committee, date_from=args.date_from, date_to=args.date_to,
                            resolutions=args.resolutions, decisions=args.decisions, outcome=args.outcome)
    try:
        body = FollowIn(query=args.query, name=args.name, email=args.email, filters=filters)
    except ValidationError as exc:  # say what is wrong, not where in a model
        from index.errors import MinutesError

        raise MinutesError("; ".join(e["msg"] for e in exc.errors())) from None
    follow_id, secret = create_follow(library.store, body, library.settings, operator=True)
    view = created_view(library.store, follow_id, secret, library.settings.public_url)
    if args.json:
        print(view.model_dump_json(by_alias=True))
        return 0
    print(f"following “{view.query}” as {view.id}")
    print(f"feed:   {view.feed_url}")
    print(f"secret: {secret}  (needed to remove it over HTTP; shown once)")
    if view.digest:
        state = "on" if library.settings.smtp_host else "off until MINUTES_SMTP_HOST is set"
        print(f"digest: {body.email} ({state})")
    return 0


def cmd_follow_list(args) -> int:
    library = _library(args)
    from search.follows import follow_view

    store, base = library.store, library.settings.public_url
    for row in store.follows():
        view = follow_view(store, row, base, limit=0)
        if args.json:
            print(json.dumps({**view.model_dump(by_alias=True, exclude={"matches"}), "email": row["email"]}, ensure_ascii=False))
            continue
        filters = view.filters.stored()
        print(f"{view.id}  {view.matches_total:>4} matches ({view.matches_new} new)  {view.name!r}  query={view.query!r}"
              + (f"  filters={filters}" if filters != "{}" else "") + (f"  digest={row['email']}" if row["email"] else ""))
    return 0


def cmd_follow_show(args) -> int:
    library = _library(args)
    from search.follows import follow_view, get_follow

    view = follow_view(library.store, get_follow(library.store, args.id), library.settings.public_url)
    if args.json:
        print(view.model_dump_json(by_alias=True))
        return 0
    print(f"{view.name} (“{view.query}”): {view.matches_total} matches; feed {view.feed_url}")
    for m in view.matches:
        print(f"  {m.found_at}  {m.score:.3f}  {m.citation}")
        print(f"      {m.href}")
    return 0


def cmd_follow_remove(args) -> int:
    library = _library(args)
    from search.follows import get_follow

    missing = 0
    for follow_id in args.ids:
        try:
            get_follow(library.store, follow_id)
        except Exception as exc:
            print(f"error: {exc}")
            missing += 1
            continue
        library.store.delete_follow(follow_id)
        print(f"removed  {follow_id}")
    return 1 if missing else 0
