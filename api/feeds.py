"""An Atom 1.0 feed per follow (feedgen): one entry per new matching item, cited and linked to the passage."""
from __future__ import annotations

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from search.follows import follow_view


def _when(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def atom_feed(store, row, base: str, entries: int) -> bytes:
    """The follow's newest `entries` matches as a feed; entry ids are stable tag URIs so a reader never shows a match twice."""
    view = follow_view(store, row, base, limit=entries)
    base = base.rstrip("/")
    fg = FeedGenerator()
    fg.id(f"{base}/feeds/{view.id}.atom")
    fg.title(f"Council minutes: {view.name}")
    fg.subtitle(f"New agenda items that mention “{view.query}”")
    fg.link(href=f"{base}/feeds/{view.id}.atom", rel="self", type="application/atom+xml")
    fg.link(href=f"{base}/following", rel="alternate", type="text/html")
    fg.author({"name": "Council minutes search"})
    fg.generator("council-minutes")
    fg.updated(_when(view.matches[0].found_at if view.matches else view.created_at))
    for m in reversed(view.matches):  # feedgen puts the last added first: newest on top
        entry = fg.add_entry()
        entry.id(f"{base}/feeds/{view.id}.atom#match-{m.id}")
        entry.title(m.citation)
        entry.link(href=m.href, rel="alternate", type="text/html")
        entry.updated(_when(m.found_at))
        entry.published(_when(m.found_at))
        entry.summary(m.quote)
        if m.committee:
            entry.category(term=m.committee)
    return fg.atom_str(pretty=True)
