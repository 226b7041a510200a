"""The query-expansion vocabulary: each word of the corpus with its embedding, and the passage text it comes from."""
from __future__ import annotations

from collections.abc import Iterable

from index.store.base import StoreBase


class Vocabulary(StoreBase):
    def vocabulary_words(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT word FROM vocabulary")}

    def vocabulary_size(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM vocabulary").fetchone()[0]

    def vocabulary_rows(self) -> list[tuple[str, bytes]]:
        """(word, float32 vector bytes) of every word, in word order."""
        return [(r[0], r[1]) for r in self.db.execute("SELECT word, vector FROM vocabulary ORDER BY word")]

    def add_vocabulary(self, words: Iterable[tuple[str, bytes]]):
        """Store (word, vector bytes) pairs in one transaction; a word already present keeps its vector."""
        with self.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO vocabulary(word, vector) VALUES(?, ?)", words)

    def passage_cleans(self, ids: list[int] | None = None) -> list[str]:
        """The clean text of these passages (of every passage when None), in id order."""
        if ids is None:
            return [r[0] for r in self.db.execute("SELECT clean FROM passages")]
        return [r[0] for r in self._in("SELECT clean FROM passages WHERE id IN ({marks})", ids)]

    def passages_after(self, passage_id: int) -> list[tuple[int, str]]:
        """(id, clean) of every passage with a higher id, in id order."""
        return [(r[0], r[1]) for r in self.db.execute("SELECT id, clean FROM passages WHERE id > ? ORDER BY id", (passage_id,))]
