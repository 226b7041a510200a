"""Text cleaning, number normalisation and acronym finding skip the places a pattern cannot match; the output must be
what running every pattern everywhere gives, and the store's item-at-a-time passage insert must write what one insert
a passage wrote."""
from __future__ import annotations

import html
import random
import re
import sys
from pathlib import Path

from index.clean import BOILERPLATE, EMPHASIS, ESCAPED, TAG, clean_text
from index.records import DocumentMeta, Item, Passage
from index.store import Store
from index.terms import EXPANSION_FIRST, QUARTER, _expansions_first, expansions_in, find_acronyms, normalise_numbers

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))
SAMPLES = [
    "", "   ", "plain text, nothing to do", "<p>Children <i>in</i> care</p>", "**Resolved** that the *plan* be __noted__",
    "a * b and 2*3", "\\$5m and \\_underscore\\_ and \\(x\\)", "&amp; &lt;b&gt;bold&lt;/b&gt; &ast;starred&ast;",
    "Item 5 pdf icon PDF 120 KB View directions View the full minutes text for item 5.", "View<b> directions",
    "tabs\tand\nnew\u00a0lines\u2003and\u2028more\x1c\x1d", "snake_case_word __init__ ___", "£1,000 — ‘quoted’ “text”",
]


def _clean_every_pattern(text: str) -> str:
    """clean_text as it was before the fast paths: every pattern, every time."""
    text = BOILERPLATE.sub(" ", TAG.sub(" ", text))
    text = html.unescape(text)
    text = EMPHASIS.sub(" ", text)
    text = ESCAPED.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _random_texts(n: int, seed: int = 3) -> list[str]:
    pieces = ["<i>", "</p>", "*", "**", "__", "_", "\\", "\\*", "&amp;", "&ast;", "&#42;", "pdf icon PDF 3 KB", "View ",
              "directions", "1,000", "12,345,678", "1,23", "quarter 3", "Qtr.2", "QUARTER  4", "q1", " ", "\n", "\u00a0",
              "word", "Café", "x", "9", ","]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def test_clean_text_is_every_pattern_run():
    for text in SAMPLES + _random_texts(3000):
        assert clean_text(text) == _clean_every_pattern(text), repr(text)


def test_split_takes_the_whitespace_regex_takes():
    assert re.findall(r"\s", EVERY_CHARACTER) == [c for c in EVERY_CHARACTER if c.isspace()]


def test_only_quarters_letters_match_them_ignoring_case():
    assert set(re.findall("[quarte]", EVERY_CHARACTER, re.I)) == set("quarteQUARTE")


def test_normalise_numbers_is_both_patterns_run():
    old_thousands = re.compile(r"(?<=\d),(?=\d{3}\b)")
    for text in SAMPLES + _random_texts(3000, seed=4):
        assert normalise_numbers(text) == QUARTER.sub(r"Q\1", old_thousands.sub("", text)), repr(text)
    assert normalise_numbers("£12,345,678 in Quarter 3 and qtr. 2") == "£12345678 in Q3 and Q2"


def test_expansions_in_finds_only_whole_acronyms():
    acronyms = {"PRU": "pupil referral unit", "SEND": "special educational needs", "EHCP": "education health care plan"}
    assert expansions_in("Two PRUs and the SEND review", acronyms) == "pupil referral unit special educational needs"
    assert expansions_in("SENDER and EHCPX", acronyms) == ""


def test_expansions_are_found_where_the_pattern_everywhere_finds_them():
    def spans(matches):
        return [(m.span(), m.groups()) for m in matches]

    pieces = ["Pupil ", "Referral ", "Unit ", "(PRU)", "(PRUs)", "(pru)", "and ", "of ", "&amp; ", "&", ";", ",", " ", ".",
              "\n", "(", ")", "Ab-c ", "O’Neil ", "(AB)", "(ABCDEFG)", "(AbC)", "é", "_", "1 ", "the ", "(SEND)s"]
    rng = random.Random(5)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[2] / "corpus").glob("*.txt"))]
    for text in texts:
        assert spans(_expansions_first(text)) == spans(EXPANSION_FIRST.finditer(text)), repr(text[:200])
    assert find_acronyms("the Pupil Referral Unit (PRU) and special educational needs and disabilities (SEND).") == {
        "PRU": "pupil referral unit", "SEND": "special educational needs and disabilities"}


def test_passages_of_an_item_get_the_ids_and_keyword_rows_one_at_a_time_gave(tmp_path):
    store = Store(tmp_path / "minutes.db")
    text = "1 Budget\nThe budget of 10,000 was set.\nQuarter 2 figures were noted."
    a, b = text.index("The"), text.index("Quarter")
    passages = [Passage(a, b - 1, text[a:b - 1], text[a:b - 1], "1 Budget — Cabinet"),
                Passage(b, len(text), text[b:], text[b:], "1 Budget — Cabinet", is_resolution=True)]
    try:
        with store.transaction() as db:
            doc = store.insert_document(db, path="/a.txt", name="a.txt", sha="ab" * 10, size=len(text),
                                        meta=DocumentMeta(committee="Cabinet"), pages=1, text=text)
            item = store.insert_item(db, doc, 0, Item("1", "Budget", "Cabinet", None, "minutes", 0, len(text)), "ab" * 10, text)
            first = store.insert_passages(db, item, doc, passages, ["", "PRU pupil referral unit"], [9, 8])
            store.delete_passages(db, first[1:])  # AUTOINCREMENT: a deleted id is never handed out again
            item2 = store.insert_item(db, doc, 1, Item("2", "More", "Cabinet", None, "minutes", 0, len(text)), "ab" * 10, text)
            second = store.insert_passages(db, item2, doc, passages, ["", ""], [9, 8])
        assert first == [1, 2] and second == [3, 4]
        rows = store.db.execute("SELECT id, item_id, seq, is_resolution, tokens FROM passages ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [(1, item, 0, 0, 9), (3, item2, 0, 0, 9), (4, item2, 1, 1, 8)]
        fts = store.db.execute("SELECT rowid, clean, context FROM passages_fts ORDER BY rowid").fetchall()
        assert [tuple(r) for r in fts] == [(1, "The budget of 10000 was set.", "1 Budget — Cabinet "),
                                           (3, "The budget of 10000 was set.", "1 Budget — Cabinet "),
                                           (4, "Q2 figures were noted.", "1 Budget — Cabinet ")]
    finally:
        store.close()
