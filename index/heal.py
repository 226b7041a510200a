"""Derived structures healed from the database: the vocabulary catches up with every passage a crash left out."""
from __future__ import annotations

from index.vocabulary import add_words

MARK = "vocabulary_upto"  # the highest passage id whose words the vocabulary is known to hold


def heal_vocabulary(library) -> int:
    """Add the words of passages past the mark (ids only grow), then move the mark; returns how many words were added.

    sync_vectors grows the vocabulary only for passages it embeds in that run, so a kill between saving the vectors
    and saving the words would otherwise leave those words out for good ("unchanged" on every later ingest).
    """
    store = library.store
    upto = int(store.get_setting(MARK) or 0)
    rows = store.db.execute("SELECT id, clean FROM passages WHERE id > ? ORDER BY id", (upto,)).fetchall()
    if not rows:
        return 0
    added = add_words(store, library.embedder, [r["clean"] for r in rows])
    store.set_setting(MARK, str(rows[-1]["id"]))  # after the words are committed: a crash in between only repeats work
    if added:
        library.__dict__.pop("vocabulary", None)
    return added
