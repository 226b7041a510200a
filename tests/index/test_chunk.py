"""Chunker on the real seeds: passages fit the embedder, are exact source spans, keep table rows with their header."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from index.chunk import Chunker
from index.clean import clean_text
from index.prepare import passage_context
from index.manifest import meta_for
from index.model import TokenCounter, bundled_model_dir
from index.readers import read_document
from index.records import DocumentMeta, Item, SourceText
from index.resolutions import find_resolutions
from index.segment import segment
from index.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SEEDS = sorted(p.name for p in CORPUS.glob("*.txt"))
LIMIT = 254  # all-MiniLM-L6-v2 reads 256 word pieces including [CLS] and [SEP]
MARKUP = re.compile(r"</?(?:p|i|u|b|em|strong|span|div|br)\b[^>]*>|\*\*")


@lru_cache(maxsize=None)
def counter() -> TokenCounter:
    return TokenCounter(bundled_model_dir())


@lru_cache(maxsize=None)
def chunker() -> Chunker:
    settings = Settings()
    assert settings.max_seq_tokens - 2 == LIMIT
    return Chunker(counter(), settings.passage_tokens, settings.max_seq_tokens - 2)


@lru_cache(maxsize=None)
def chunked(name: str):
    """(source, [(item, [passages])]) exactly as ingest builds them."""
    path = CORPUS / name
    assert path.is_file(), f"seed file missing: {path}"
    source = read_document(path, max_bytes=50_000_000)
    meta, _ = meta_for(path)
    out = []
    for item in segment(source, meta):
        spans = find_resolutions(source.text, item.start, item.end)
        out.append((item, chunker().chunk(source, item, passage_context(item), spans)))
    return source, out


def all_passages(name: str):
    return [p for _, ps in chunked(name)[1] for p in ps]


def test_seed_files_present():
    assert SEEDS == ["000_5b9979d2ae2891b0.txt", "001_ca5e37797c0e9ba8.txt", "002_6e0a7cef810b3a72.txt",
                     "003_67b2517192895757.txt", "004_224113c98c2996fa.txt"]


@pytest.mark.parametrize("name", SEEDS)
def test_passages_fit_the_embedder_with_context(name):
    passages = all_passages(name)
    assert passages
    sizes = counter().many([p.context + "\n" + p.clean for p in passages])
    over = [(n, p.clean[:80]) for n, p in zip(sizes, passages) if n > LIMIT]
    assert not over, over[:5]


@pytest.mark.parametrize("name", SEEDS)
def test_passages_are_exact_spans_inside_their_item(name):
    source, items = chunked(name)
    for item, passages in items:
        assert passages, f"item without passages: {item.title}"
        for p in passages:
            assert p.text == source.text[p.start:p.end]
            assert item.start <= p.start < p.end <= item.end, (item.title, p.start, p.end)
            assert p.clean == clean_text(p.text)
            assert p.clean.strip()
            assert p.context.startswith(passage_context(item))
            assert (p.page_start, p.page_end) == source.page_span(p.start, p.end)
        starts = [p.start for p in passages]
        assert starts == sorted(starts)


@pytest.mark.parametrize("name", SEEDS)
def test_passages_cover_every_word_of_each_item(name):
    """Nothing an item says is left out of the index."""
    source, items = chunked(name)
    for item, passages in items:
        covered = bytearray(item.end - item.start)
        for p in passages:
            covered[p.start - item.start:p.end - item.start] = b"\x01" * (p.end - p.start)
        gaps = "".join(ch for ch, c in zip(source.text[item.start:item.end], covered) if not c)
        assert not clean_text(gaps).strip(), (item.title, clean_text(gaps)[:200])


@pytest.mark.parametrize("name", SEEDS)
def test_markup_absent_from_clean(name):
    bad = [p.clean[:120] for p in all_passages(name) if MARKUP.search(p.clean)]
    assert not bad, bad[:3]


def test_source_has_markup_that_clean_removes():
    """The check above is meaningful: the raw passages of 004 do carry <p> and ** markup."""
    raw = [p.text for p in all_passages("004_224113c98c2996fa.txt")]
    assert any("<p>" in t for t in raw) and any("**" in t for t in raw)


def test_performance_indicator_rows_whole_with_their_table_header():
    source, _ = chunked("004_224113c98c2996fa.txt")
    passages = all_passages("004_224113c98c2996fa.txt")
    rows = [m.span() for m in re.finditer(r"^PED02 04\t[^\n]*", source.text, re.M)]
    assert len(rows) == 2
    for a, b in rows:
        row_end = a + len(source.text[a:b].rstrip())
        touching = [p for p in passages if p.start < row_end and a < p.end]
        assert len(touching) == 1, [(p.start, p.end, a, b) for p in touching]
        p = touching[0]
        assert p.start <= a and row_end <= p.end
        assert "Measure" in p.context, p.context
        assert "Ref:" in p.context and "22/23 Actual" in p.context and "PED02" in p.context
        assert "Monitor the rate of children in care per 10000" in p.clean


def test_every_table_row_passage_names_its_columns():
    """Rows of the indicator tables are never indexed under another table's header."""
    passages = all_passages("004_224113c98c2996fa.txt")
    pi_rows = [p for p in passages if re.search(r"^PED0\d \d\d\t", p.text, re.M)]
    assert len(pi_rows) >= 10
    for p in pi_rows:
        assert "| Measure |" in p.context, (p.clean[:80], p.context)


def test_resolution_passages_flagged():
    _, items = chunked("003_67b2517192895757.txt")
    item5 = next((it, ps) for it, ps in items if it.number == "5")
    flagged = [p for p in item5[1] if p.is_resolution]
    assert flagged and any("RESOLVED: That the Board notes the report and comments made." in p.clean for p in flagged)


def test_dev_evidence_quotes_lie_inside_one_passage():
    lines = (CORPUS / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    norm = lambda s: " ".join(s.split())
    checked, missing = 0, []
    for line in lines:
        if not line.strip():
            continue
        q = json.loads(line)
        for ev in q.get("evidence", []):
            assert ev["doc"] in SEEDS, ev["doc"]
            passages = all_passages(ev["doc"])
            raw_ok = any(norm(ev["quote"]) in norm(p.text) for p in passages)
            clean_ok = any(clean_text(ev["quote"]) in p.clean for p in passages)
            checked += 1
            if not (raw_ok and clean_ok):
                missing.append((q["id"], raw_ok, clean_ok, ev["quote"][:80]))
    assert checked >= 40
    assert not missing, missing


# -- edge cases that once overflowed the embedder --------------------------------------------------

CTX = "1 Title — Scrutiny Panel, 4 March 2024"


def _chunk_text(text: str):
    item = Item(None, "Title", "Scrutiny Panel", "2024-03-04", "minutes", 0, len(text))
    source = SourceText(text)
    passages = chunker().chunk(source, item, CTX)
    sizes = [counter()(p.context + "\n" + p.clean) for p in passages]
    for p in passages:
        assert p.text == text[p.start:p.end]
    return passages, sizes


@pytest.mark.parametrize("n", [50, 54, 56, 57])
def test_short_paragraph_carried_before_a_long_row_stays_under_limit(n):
    text = ("A short note about the table below follows here and now with some more words to fill it up nicely and more words\n\n"
            "AB01\t" + " ".join("alpha beta gamma delta" for _ in range(n)) + "\t133\n")
    _, sizes = _chunk_text(text)
    assert max(sizes) <= LIMIT, sizes


@pytest.mark.parametrize("n", [36, 38, 40])
def test_short_sentence_carried_before_a_long_sentence_stays_under_limit(n):
    text = ("The Board met and discussed the items listed below at some length with the officers. Then "
            + " ".join("members discussed the proposal at length" for _ in range(n)) + ".\n")
    _, sizes = _chunk_text(text)
    assert max(sizes) <= LIMIT, sizes


@pytest.mark.parametrize("n", [35, 40, 45, 50])
def test_long_row_under_long_header_stays_under_limit(n):
    header = ("Reference code\tPerformance measure description\tPrevious year actual outturn\tCurrent year target level\t"
              "Current position\tDirection of travel compared with same quarter previous year\tQuarterly progress commentary")
    row = "AB01\t" + " ".join(f"word{i} lorem ipsum" for i in range(n)) + "\t133\t90"
    passages, sizes = _chunk_text("Performance indicators for the quarter\n\n" + header + "\n" + row + "\n")
    assert max(sizes) <= LIMIT, sizes
    assert any("AB01" in p.clean and "Performance measure description" in p.context for p in passages)


def test_header_with_year_labels_is_recognised():
    text = ("Objective: keep children safe (PED02)\n\n"
            "Ref:\tMeasure\t22/23 Actual\t23/24 Target\tCurrent\n"
            "PED02 04\tRate of children in care per 10000\t133\t90\t144.5\n")
    passages, sizes = _chunk_text(text)
    row = next(p for p in passages if "PED02 04" in p.clean)
    assert "Measure" in row.context and "22/23 Actual" in row.context
    assert max(sizes) <= LIMIT


def test_data_rows_with_dates_are_not_headers():
    text = ("Timeline\n\nTask\tStart Date\tEnd Date\n"
            "Co-Design Phase\tMarch 24\tMay 24\n"
            "Appoint Project manager\tMarch 24\tApril 24\n")
    passages, _ = _chunk_text(text)
    for name in ("Co-Design Phase", "Appoint Project manager"):
        p = next(p for p in passages if name in p.clean)
        assert "Start Date" in p.context and name not in p.context


def test_text_without_spaces_is_still_cut_below_the_limit():
    from index.chunk import Chunker
    from index.prepare import passage_context
    from index.records import DocumentMeta, SourceText
    from index.segment import segment

    text = "会议记录" * 250 + "\n\nRESOLVED: That the report be noted."
    source = SourceText(text=text)
    count = counter()
    chunker = Chunker(count, 160, 254)
    passages = [p for item in segment(source, DocumentMeta()) for p in chunker.chunk(source, item, passage_context(item))]
    assert len(passages) > 1
    for p in passages:
        assert count(p.context + "\n" + p.clean) <= 254
        assert p.text == text[p.start:p.end]


def test_transcript_passages_name_their_speakers_and_end_at_sentences():
    path = ROOT / "tests" / "fixtures" / "documents" / "us_troy-school-district_board-of-education_transcript_2026-07-22.txt"
    source = read_document(path, 10**8)
    items = [i for i in segment(source, DocumentMeta()) if i.kind == "transcript"]
    assert items
    for item in items[:3]:
        context = passage_context(item)
        for p in chunker().chunk(source, item, context):
            assert counter()(p.context + "\n" + p.clean) <= LIMIT
            assert " — speakers: " in p.context
            named = p.context.split(" — speakers: ")[1]
            first_turn = re.match(r"\[[\d:]+\] ([^:(]+?)\s*(?:\([^)]*\))?:", p.text)
            if first_turn:
                assert first_turn.group(1) in named
            assert re.search(r"[.?!…\]\"”’)]\s*$|\w$", p.text.rstrip()), p.text[-80:]
            end = source.text[p.end:p.end + 2]
            assert not end or end[0] in " \n" or not end[0].isalnum(), "a passage never ends inside a word"


def test_a_resolution_ends_at_the_next_numbered_heading():
    from index.resolutions import find_resolutions

    text = ("RESOLVED: That the Audit Committee notes the comments made by the\nPensions Fund Advisory Panel.\n"
            "5 ANNUAL GOVERNANCE REPORT 2008/09 (Agenda item 5)\nRESOLVED: (A) That the Audit Committee notes the report.\n"
            "(B) That the Audit Committee notes the score.")
    spans = [text[s:e] for s, e in find_resolutions(text, 0, len(text))]
    assert spans[0].endswith("Pensions Fund Advisory Panel.")  # not run on over the next item's heading
    assert spans[1].startswith("RESOLVED: (A)") and spans[1].endswith("notes the score.")  # its own list goes on
    capitals = "RESOLVED: THAT THE COUNCIL:\n1. APPROVES THE 2024 BUDGET;\n2. NOTES THE REPORT.\n"
    assert [capitals[s:e] for s, e in find_resolutions(capitals, 0, len(capitals))][0].endswith("NOTES THE REPORT.")  # its own clauses
