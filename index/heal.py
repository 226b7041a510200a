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


def drop_duplicate_vectors(library) -> int:
    """Remove every copy of an id stored more than once (the next sync embeds it again, once); returns how many ids.

    New writes cannot duplicate (a writer starts from the latest saved index and adds only missing ids); this
    repairs a directory an older version left with duplicates.
    """
    import numpy as np

    from index.check import vector_entries

    with library.lock:
        ids, counts = np.unique(vector_entries(library.vectors), return_counts=True)
        twice = ids[counts > 1].tolist()
        if twice:
            library.vectors.remove(twice)
    return len(twice)
