"""Retrieval over the real corpus: fusion, exact codes, filters, de-duplication, keyword engine choice."""
import json
import shutil
from pathlib import Path

import pytest

from api.cli import main as cli_main
from index.errors import MinutesError
from index.ingest import ingest
from index.limits import SEARCH_MODES
from index.library import Library
from index.settings import Settings
from search.filters import Filters
from search.retrieve import RRF_K, fuse, search
from tests.corpus_fixture import CORPUS, ingested_copy
from tests.search.conftest import passage_ids

ROOT = Path(__file__).resolve().parents[2]
assert CORPUS == ROOT / "corpus"

MODES = SEARCH_MODES
DOC_003 = "003_67b2517192895757.txt"
DOC_004 = "004_224113c98c2996fa.txt"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The ingested corpus, read only."""
    lib = Library(Settings(data_dir=ingested_copy(tmp_path_factory, "retrieve")))
    yield lib
    lib.close()


# -- fusion -------------------------------------------------------------------------------------------------

def test_fuse_sums_weighted_reciprocal_ranks():
    keyword = [(1, 9.0), (2, 5.0), (3, 1.0)]
    dense = [(3, 0.9), (4, 0.8), (1, 0.7)]
    fused = fuse([keyword, dense], [1.0, 0.5])
    scores = dict(fused)
    assert scores[1] == pytest.approx(1 / (RRF_K + 1) + 0.5 / (RRF_K + 3))
    assert scores[2] == pytest.approx(1 / (RRF_K + 2))
    assert scores[3] == pytest.approx(1 / (RRF_K + 3) + 0.5 / (RRF_K + 1))
    assert scores[4] == pytest.approx(0.5 / (RRF_K + 2))
    assert [pid for pid, _ in fused] == sorted(scores, key=lambda p: -scores[p])
    assert [pid for pid, _ in fused][0] == 1  # first in the heavier ranking and present in both


def test_fuse_uses_ranks_not_raw_scores_and_honours_weights():
    a = [(1, 1000.0), (2, 999.0)]
    b = [(2, 0.01), (1, 0.001)]
    # equal weights and mirrored ranks: a tie, whatever the raw scales
    assert dict(fuse([a, b], [1.0, 1.0]))[1] == pytest.approx(dict(fuse([a, b], [1.0, 1.0]))[2])
    assert [p for p, _ in fuse([a, b], [1.0, 0.5])] == [1, 2]
    assert [p for p, _ in fuse([a, b], [0.5, 1.0])] == [2, 1]
    assert fuse([], []) == []
    assert fuse([[], []], [1.0, 1.0]) == []


# -- exact codes and queries one scorer cannot answer ------------------------------------------------------

@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_indicator_code_returns_its_table_row_first(library, mode):
    hits = search(library, "PED02 04", k=5, mode=mode)
    assert hits
    top = hits[0]
    assert top["document"] == DOC_004
    rows = [line for line in top["text"].splitlines() if line.startswith("PED02 04\t")]
    assert rows and "children in care" in rows[0], top["text"]
    # both quarterly reports carry the row; they outrank every other indicator
    assert all("PED02 04" in h["text"] for h in hits[:2])


def test_words_the_minutes_never_use_are_expanded_to_their_nearest_corpus_words(library):
    from search.expand import expansion_terms
    from search.filters import Filters
    from search.keyword import keyword_search

    question = "handsets"  # the word occurs nowhere in the corpus
    assert keyword_search(library.store, question, 5, Filters()) == []
    terms = expansion_terms(library, question)
    assert "phones" in terms
    hits = search(library, question, k=5, mode="keyword")
    assert hits and any(t in hits[0]["clean"].lower() for t in terms)
    assert "mobile phones" in " ".join(h["clean"] for h in search(library, question, k=5, mode="hybrid"))
    assert expansion_terms(library, "foster carers") == []  # words the minutes use are left alone
    # a question of stop words only has no keyword query at all, yet is answered by the dense ranking
    assert search(library, "what is it about", k=3, mode="keyword") == []
    assert len(search(library, "what is it about", k=3, mode="hybrid")) == 3


def test_hits_carry_citation_fields(library):
    hits = search(library, "foster carers recruitment", k=5)
    assert len(hits) == 5
    for h in hits:
        for key in ("passage_id", "text", "score", "document", "committee", "meeting_date", "item_id", "item_number",
                    "item_title", "pages", "citation", "is_resolution", "also_in"):
            assert key in h, key
        assert h["committee"] in h["citation"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_bad_search_arguments_raise_clear_errors(library):
    with pytest.raises(MinutesError, match="mode"):
        search(library, "care", mode="bogus")
    with pytest.raises(MinutesError, match="empty"):
        search(library, "   ")
    with pytest.raises(MinutesError, match="YYYY-MM-DD"):
        Filters(date_from="2024-13-45")
    with pytest.raises(MinutesError, match="after"):
        Filters(date_from="2025-01-01", date_to="2024-01-01")


# -- filters ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
def test_date_range_filter(library, mode):
    unfiltered = search(library, "children in care", k=50, mode=mode)
    assert any(not ("2025-01-01" <= (h["meeting_date"] or "") <= "2025-12-31") for h in unfiltered), \
        "the unfiltered search should reach meetings outside the range"
    hits = search(library, "children in care", k=50, mode=mode, filters=Filters(date_from="2025-01-01", date_to="2025-12-31"))
    assert hits
    assert all("2025-01-01" <= (h["meeting_date"] or "") <= "2025-12-31" for h in hits), [h["meeting_date"] for h in hits]


def test_date_range_filter_on_the_command_line(library, capsys):
    code = cli_main(["search", "agency social workers", "--from", "2024-01-01", "--to", "2024-12-31", "-k", "20", "--json",
                     "--data-dir", str(library.settings.data_dir)])
    assert code == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert hits
    assert all("2024-01-01" <= (h["meeting_date"] or "") <= "2024-12-31" for h in hits)
    assert cli_main(["search", "care", "--from", "2024-13-45", "--data-dir", str(library.settings.data_dir)]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("mode", MODES)
def test_committee_filter(library, mode):
    question = "school admission arrangements"
    assert {h["committee"] for h in search(library, question, k=30, mode=mode)} != {"Executive Board"}
    hits = search(library, question, k=30, mode=mode, filters=Filters(committee="Executive"))
    assert hits
    assert {h["committee"] for h in hits} == {"Executive Board"}


@pytest.mark.parametrize("mode", MODES)
def test_document_filter(library, mode):
    hits = search(library, "agency staff", k=30, mode=mode, filters=Filters(document=DOC_003))
    assert hits
    assert {h["document"] for h in hits} == {DOC_003}
    assert search(library, "agency staff", k=5, mode=mode, filters=Filters(document="no-such-file.txt")) == []


@pytest.mark.parametrize("mode", MODES)
def test_resolutions_only(library, mode):
    assert not all(h["is_resolution"] for h in search(library, "monitoring report", k=30, mode=mode))
    hits = search(library, "monitoring report", k=30, mode=mode, filters=Filters(resolutions_only=True))
    assert hits
    assert all(h["is_resolution"] for h in hits)
    flags = dict(library.store.db.execute(
        f"SELECT id, is_resolution FROM passages WHERE id IN ({','.join('?' * len(hits))})", [h["passage_id"] for h in hits]).fetchall())
    assert set(flags.values()) == {1}


def test_filters_combine(library):
    hits = search(library, "report noted", k=30, filters=Filters(committee="Children", date_from="2025-01-01", resolutions_only=True))
    assert hits
    for h in hits:
        assert "Children" in h["committee"] and h["meeting_date"] >= "2025-01-01" and h["is_resolution"]


# -- de-duplication -----------------------------------------------------------------------------------------

def test_same_minutes_in_two_files_give_one_hit_listing_both(own_library, tmp_path):
    original = (CORPUS / DOC_003).read_text(encoding="utf-8")
    first, rest = original.split("\n", 1)
    copy = tmp_path / "june-2022-minutes-copy.txt"
    copy.write_text("Agenda and minutes (reissued)\n" + rest, encoding="utf-8")
    report = ingest(own_library, [copy])
    assert [f.status for f in report.files] == ["added"]

    sentence = "It was confirmed that no public questions had been received."
    assert sentence in original
    in_db = own_library.store.db.execute(
        "SELECT d.name FROM passages p JOIN documents d ON d.id = p.document_id WHERE p.text LIKE ?", (f"%{sentence}%",)).fetchall()
    assert sorted(r[0] for r in in_db) == sorted([DOC_003, copy.name])  # stored twice ...

    for mode in MODES:
        hits = search(own_library, "no public questions had been received", k=20, mode=mode)
        matching = [h for h in hits if sentence in h["text"]]
        assert len(matching) == 1, (mode, [(h["document"], h["passage_id"]) for h in matching])  # ... found once
        hit = matching[0]
        sources = {hit["document"]} | {a["document"] for a in hit["also_in"]}
        assert sources == {DOC_003, copy.name}, mode
        other = hit["also_in"][0]
        assert {"document", "item_id", "passage_id", "citation"} <= set(other)
        assert other["passage_id"] != hit["passage_id"]


def test_an_identical_file_is_stored_once(own_library, tmp_path):
    copy = tmp_path / "exact-copy.txt"
    shutil.copy(CORPUS / DOC_003, copy)
    report = ingest(own_library, [copy])
    assert [f.status for f in report.files] == ["duplicate"]
    assert passage_ids(own_library, copy.name) == set()


def test_first_k_distinct_equal_collapsing_the_whole_ranking(library):
    """distinct() stops comparing once k are kept; its hits and their copies equal a collapse of every candidate."""
    from search.retrieve import _shingles, distinct

    def collapse_all(candidates, keys):  # the rule, applied to the whole ranking at once
        kept = []
        for pid, score in candidates:
            row = keys.get(pid)
            if row is None:
                continue
            sh = _shingles(row["clean"])
            twin = next((k for k in kept if k[3] == row["text_hash"] or (
                k[4] != row["document"] and len(sh & k[5]) / max(1, min(len(sh), len(k[5]))) >= 0.8)), None)
            if twin is not None:
                twin[2].append(pid)
            else:
                kept.append((pid, score, [], row["text_hash"], row["document"], sh))
        return [(pid, score, twins) for pid, score, twins, *_ in kept]

    store = library.store
    ids = sorted(store.passage_ids())
    keys = store.duplicate_keys(ids)
    # every passage, and each one's copy from the text above it, make plenty of repeats across documents
    ranking = [(pid, 1.0 / n) for n, pid in enumerate(ids + ids[:50], 1)]
    for k in (1, 5, 10, 40):
        assert distinct(ranking, keys, k) == collapse_all(ranking, keys)[:k]


def test_keyword_engine_auto_goes_by_size(tmp_path, monkeypatch):
    """auto: FTS5 for a small archive; past AUTO_MIN_PASSAGES an ingest keeps a tantivy index and queries use it."""
    import search.keyword_tantivy as kt
    from search.keyword import engine_in_use, keyword_search

    files = tmp_path / "files"
    files.mkdir()
    shutil.copy(CORPUS / DOC_003, files / DOC_003)
    lib = Library(Settings(data_dir=tmp_path / "small"))
    assert lib.settings.keyword_engine == "auto"
    ingest(lib, [files])
    assert engine_in_use(lib.store) == "fts5" and not (tmp_path / "small" / kt.FOLDER).exists()
    lib.close()

    monkeypatch.setattr(kt, "AUTO_MIN_PASSAGES", 5)
    lib = Library(Settings(data_dir=tmp_path / "large"))
    ingest(lib, [files])
    assert engine_in_use(lib.store) == "tantivy"
    fts5 = [pid for pid, _ in lib.store.fts_ranked('"children" OR "care"', 5)]
    assert fts5 and set(pid for pid, _ in keyword_search(lib.store, "children care", 20, Filters())) & set(fts5)
    lib.close()


def test_distinct_joins_near_copies_from_other_documents_only():
    """Twins: the same text hash, or another document's passage sharing at least twin_share of the 5-word runs; a
    pair with no run in common (the usual case, answered without building their intersection) stays apart."""
    from search.retrieve import _shingles, distinct

    base = " ".join(f"word{i}" for i in range(40))
    near = base.replace("word39", "other")  # 35 of 36 runs shared
    half = " ".join(base.split()[:20] + [f"new{i}" for i in range(20)])  # 16 of 36 shared
    apart = " ".join(f"else{i}" for i in range(40))
    keys = {pid: {"clean": text, "text_hash": f"h{pid}", "document": doc}
            for pid, text, doc in ((1, base, "a"), (2, near, "b"), (3, half, "b"), (4, apart, "b"), (5, near, "a"))}
    kept = distinct([(pid, 1.0 / pid) for pid in keys], keys, 10)
    assert kept == [(1, 1.0, [2]), (3, 1 / 3, []), (4, 0.25, []), (5, 0.2, [])]
    _shingles.cache_clear()
    first = _shingles(base)
    assert _shingles(base) is first and _shingles.cache_info().hits == 1  # remembered by text, not built again
