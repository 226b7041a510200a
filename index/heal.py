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
    rows = store.passages_after(upto)
    if not rows:
        return 0
    added = add_words(store, library.embedder, [clean for _, clean in rows])
    store.set_setting(MARK, str(rows[-1][0]))  # after the words are committed: a crash in between only repeats work
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


def heal_keyword_rows(store) -> int:
    """Keyword (FTS5) rows for passages that lack one, none for passages gone; returns how many rows changed.

    Passages and their rows are written in one transaction, so only an outside edit or a bug can part them.
    """
    return store.repair_keyword_rows()


def repair(library) -> int:
    """Every derived structure brought in step with the database, as the one writer; returns how many things changed."""
    from index.generation import committed, refresh
    from index.writer_lock import writer_lock

    with library.write_lock, writer_lock(library.settings.data_dir, library.settings.writer_wait_s):
        refresh(library, writer=True)
        changed = (drop_duplicate_vectors(library) + library.sync_vectors() + heal_vocabulary(library)
                   + heal_keyword_rows(library.store) + library.store.repair_names_rows())
        if changed:
            committed(library)
    return changed
