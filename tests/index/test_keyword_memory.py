"""FTS5's BM25 ranking computed from its postings in memory: the very scores and order FTS5 gives, kept in step."""
from __future__ import annotations

import json

import pytest

from index.library import Library
from index.settings import Settings
from search import keyword_memory
from search.keyword import fts_query
from tests.index.ingest_helpers import CORPUS

EXTRA = [(), ("safeguarding",), ("attainment", "well-being")]  # expansion terms widen a query as search/expand.py does


@pytest.fixture
def library(data_copy):
    lib = Library(Settings(data_dir=data_copy, keyword_engine="fts5"))
    yield lib
    lib.close()


def _queries() -> list[str]:
    questions = [json.loads(line)["question"] for line in (CORPUS / "dev.jsonl").read_text().splitlines() if line.strip()]
    questions += ["PED02 04", "children's centres", "what did the council's board decide", "£42,000 works", "CYP25 Q1 2025/26"]
    phrases = ['"children s services" OR "the council" OR "report of the director"', '"of the" OR "in the" OR "s"',
               '"halton borough council" OR "executive board" OR "2024 25"', '"resolved that the report be noted"']
    return [q for q in (fts_query(question, extra) for question in questions for extra in EXTRA) if q] + phrases


def test_same_scores_and_order_as_fts5(library):
    postings = keyword_memory.current(library.store, wait=True)
    assert postings is not None
    queries = _queries()
    assert sum(" " in p for q in queries for p in q.split(" OR ")) > 20, "phrases of several words are covered"
    for query in queries:
        for limit in (10, 100, 2000):
            assert postings.ranked(query, limit) == library.store.fts_ranked(query, limit), (query, limit)


def test_a_query_it_cannot_read_goes_to_fts5(library):
    postings = keyword_memory.current(library.store, wait=True)
    assert postings.ranked('report NOT "budget"', 10) is None
    assert postings.ranked('"£"', 10) is None  # a phrase without a term


def test_a_change_to_the_index_is_never_served_from_an_old_copy(library):
    store = library.store
    old = keyword_memory.current(store, wait=True)
    doc = store.documents()[0]["id"]
    with store.transaction() as db:
        store.delete_document(db, doc)
    assert keyword_memory.current(store) is not old  # the signature moved: FTS5 answers until a new copy is built
    fresh = keyword_memory.current(store, wait=True)
    assert fresh is not None and fresh is not old
    for query in _queries()[:20]:
        assert fresh.ranked(query, 100) == store.fts_ranked(query, 100)


def test_past_the_size_limit_no_copy_is_made(library, monkeypatch):
    monkeypatch.setattr(keyword_memory, "MAX_PASSAGES", 10)
    assert keyword_memory.current(library.store, wait=True) is None
    assert keyword_memory.current(library.store) is None  # and none is started again for the same index
    assert not keyword_memory._slot(library.store).building



def test_an_index_it_cannot_read_is_left_to_fts5(library, monkeypatch):
    def unreadable(self, db):
        raise ValueError("not as expected")

    monkeypatch.setattr(keyword_memory.MemoryPostings, "__init__", unreadable)
    assert keyword_memory.current(library.store, wait=True) is None
    assert keyword_memory.current(library.store) is None and not keyword_memory._slot(library.store).building  # not retried


def test_questions_arriving_together_start_one_copy(library, monkeypatch):
    import threading
    import time

    built = []
    original = keyword_memory.MemoryPostings.__init__

    def slow(self, db):
        built.append(1)
        time.sleep(0.2)
        original(self, db)

    monkeypatch.setattr(keyword_memory.MemoryPostings, "__init__", slow)
    threads = [threading.Thread(target=keyword_memory.current, args=(library.store,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert keyword_memory.current(library.store, wait=True) is not None
    assert built == [1]
