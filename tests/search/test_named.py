"""A question that names a council ranks that council's passages first, though they seldom repeat its name."""
from __future__ import annotations

from pathlib import Path

import pytest

import search.named as named_module
from index.ingest import ingest
from index.library import Library
from index.settings import Settings
from search.named import BODY_WORD, documents_named, named_phrases
from search.retrieve import search

TWO_CITIES = Path(__file__).resolve().parents[1] / "fixtures" / "named"
ASHFORD, BRAMPTON = "ashford_city-council_minutes_2023-03-14.txt", "brampton_city-council_minutes_2023-03-21.txt"


@pytest.mark.parametrize("question, phrases", [
    ("After Walnut Creek's May 2022 council meeting, can takeout places still add forks?", ["walnut creek"]),
    ("What did the Troy Board of Education resolve about leasing a space?", ["troy board of education"]),
    ("What is the 2025 budget of the Sacramento Municipal Utility District Financing Authority (SFA)?",
     ["sacramento municipal utility district financing authority", "sfa"]),
    ("Walnut Creek: what did the council decide about forks?", ["walnut creek"]),  # a name may open the question
    ("What did the Troy Board of Education and Mayor Smith agree?", ["troy board of education", "mayor smith"]),
    ("What did Whangārei District Council decide?", ["whangārei district council"]),  # split as the index splits
    ("How has the number of children in care changed since 2022?", []),  # the question's opener and months name nothing
    ("What was agreed on Tuesday 4 March?", []),
])
def test_the_names_a_question_gives(question, phrases):
    assert named_phrases(question) == phrases


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory):
    library = Library(Settings(data_dir=tmp_path_factory.mktemp("two-cities")))
    ingest(library, sorted(TWO_CITIES.glob("*.txt")))
    yield library
    library.close()


@pytest.mark.parametrize("city, document", [("Ashford", ASHFORD), ("Brampton", BRAMPTON)])
def test_the_named_councils_passage_ranks_first(two_cities, city, document):
    question = f"Can restaurants in {city} still hand out straws and condiment packets with every order?"
    assert documents_named(two_cities.store, question) == {document}
    top = search(two_cities, question, k=3)[0]
    assert top["document"] == document and "condiment packets" in top["text"]


def test_an_answer_comes_from_the_documents_the_question_names(two_cities):
    from search.answer import answer

    # Ashford's minutes give the cost of enforcing its ordinance; Brampton's give none, and that is the answer
    asked_of_ashford = answer(two_cities, "How much will enforcing Ashford's foodware ordinance cost?")
    assert not asked_of_ashford["abstained"] and "$18,500" in asked_of_ashford["answer"]
    asked_of_brampton = answer(two_cities, "How much will enforcing Brampton's foodware ordinance cost?")
    assert asked_of_brampton["abstained"] and "$18,500" not in asked_of_brampton["answer"]
    assert all(c["document"] == BRAMPTON for c in asked_of_brampton["citations"])


def test_a_name_every_document_holds_singles_none_out(two_cities):
    assert documents_named(two_cities.store, "What did the City Council decide about Single-Use Foodware?") == set()


def test_each_document_holds_its_names_once(two_cities):
    """The names index holds every distinct name of a document once, however often the document repeats it."""
    rows = two_cities.store.db.execute("SELECT names FROM document_names").fetchall()
    assert len(rows) == 2
    for (names,) in rows:
        lines = names.split("\n")
        assert len(lines) == len(set(lines)) and "city council" in " ".join(lines)
    assert two_cities.store.documents_with_name("ashford", 1) == {ASHFORD}
    assert two_cities.store.documents_with_name("city council", 1) is None  # held by more than asked


def test_a_replaced_document_replaces_its_names(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    doc = folder / "carlow_town-council_minutes_2024-01-09.txt"
    doc.write_text("Carlow Town Council minutes, 9 January 2024\n\n1. Harbour Wall\nThe Harbour Wall repairs were approved.\n")
    library = Library(Settings(data_dir=tmp_path / "d"))
    try:
        ingest(library, [doc])
        assert library.store.documents_with_name("harbour wall", 5) == {doc.name}
        doc.write_text("Carlow Town Council minutes, 9 January 2024\n\n1. Quay Lighting\nThe Quay Lighting scheme was approved.\n")
        ingest(library, [doc])
        assert library.store.documents_with_name("harbour wall", 5) == set()
        assert library.store.documents_with_name("quay lighting", 5) == {doc.name}
        assert library.store.db.execute("SELECT COUNT(*) FROM document_names").fetchone()[0] == 1
    finally:
        library.close()


def test_an_older_database_gets_its_names_index_on_opening(tmp_path):
    """A library written before the names index (schema 1) has it filled from the stored documents when opened."""
    library = Library(Settings(data_dir=tmp_path / "d"))
    ingest(library, sorted(TWO_CITIES.glob("*.txt")))
    db = library.store.db
    db.execute("DROP TABLE document_names")
    db.execute("DROP INDEX documents_id_name")
    db.execute("PRAGMA user_version = 1")
    library.close()
    reopened = Library(Settings(data_dir=tmp_path / "d"))
    try:
        assert reopened.store.documents_with_name("brampton", 5) == {BRAMPTON}
    finally:
        reopened.close()


def test_a_large_library_reads_names_from_the_names_index(two_cities, monkeypatch):
    """Past FULL_TEXT_PASSAGES the passages' text is not searched for names: the names index answers alike."""
    monkeypatch.setattr(named_module, "FULL_TEXT_PASSAGES", 1)
    monkeypatch.setattr(two_cities.store, "documents_with_phrase", None)  # not called
    assert documents_named(two_cities.store, "Can restaurants in Ashford still hand out straws?") == {ASHFORD}
    assert documents_named(two_cities.store, "What did the City Council decide about Single-Use Foodware?") == set()


@pytest.mark.parametrize("phrase, body", [
    ("burton cum walden parish council", True), ("city of boston", True), ("richmond development permit panel", True),
    ("troy board of education", True), ("board of trustees", True), ("general municipal allocation", False),
    ("city hall", False), ("town centre", False)])
def test_a_body_is_named_by_a_word_of_the_shared_body_vocabulary(phrase, body):
    """A body's word ends the name or names whose it is (index/bodies.py, shared with the header reader)."""
    assert bool(BODY_WORD.search(phrase)) is body
