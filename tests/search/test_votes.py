"""Vote questions and decision filters over the real corpus plus a city council's minutes with roll-call votes
(tests/fixtures/votes): real SQLite, the real embedding model and FAISS."""
import json
import re
from pathlib import Path

import pytest

from index.catalog import get_item, list_items
from index.errors import MinutesError
from index.library import Library
from index.settings import Settings
from search.answer import NOT_FOUND, answer
from search.filters import OUTCOMES, Filters
from search.retrieve import search
from search.votes import describe_decision, parse_vote_question
from tests.corpus_fixture import VOTES, ingested_copy_with

ROOT = Path(__file__).resolve().parents[2]
DEV = [json.loads(line) for line in (ROOT / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
DOC = "millbrook_city_council_2025-03-11.txt"
SOURCE = (VOTES / DOC).read_text(encoding="utf-8")
CITATION_KEYS = {"marker", "passage_id", "item_id", "document", "committee", "meeting_date", "item_number", "item_title",
                 "pages", "quote", "start", "end", "label"}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = Library(Settings(data_dir=ingested_copy_with(tmp_path_factory, VOTES, "votes")))
    yield lib
    lib.close()


def roll_call_line(quote: str, label: str) -> str:
    """The names printed after 'LABEL:' in a roll call, up to the next line."""
    m = re.search(rf"^{label}:(.*)$", quote, re.M)
    assert m, (label, quote)
    return m.group(1)


def check_vote_citation(library, result) -> dict:
    """One citation whose quote is the item's (and the source file's) text exactly at [start, end), naming a decision."""
    assert result["abstained"] is False, result["answer"]
    assert len(result["citations"]) == 1 and result["answer"].endswith("[1]")
    c = result["citations"][0]
    assert CITATION_KEYS <= set(c), CITATION_KEYS - set(c)
    item = get_item(library.store, c["item_id"])
    assert 0 <= c["start"] < c["end"] <= len(item["text"])
    assert item["text"][c["start"]:c["end"]] == c["quote"]
    assert c["document"] == DOC and item["document"] == DOC
    assert SOURCE[item["start"] + c["start"]:item["start"] + c["end"]] == c["quote"]
    decision = next(d for d in item["decisions"] if d["start"] == item["start"] + c["start"])
    assert decision["end"] == item["start"] + c["end"]
    passage = library.store.db.execute("SELECT item_id, start, \"end\" FROM passages WHERE id=?", (c["passage_id"],)).fetchone()
    assert passage["item_id"] == c["item_id"] and passage["start"] < decision["end"] and decision["start"] < passage["end"]
    assert any(p["passage_id"] == c["passage_id"] for p in result["passages"])
    assert c["committee"] == item["committee"] == "Millbrook City Council" and c["meeting_date"] == "2025-03-11"
    return decision


# -- the question parser --------------------------------------------------------------------------------------

@pytest.mark.parametrize("question,kind,member,stance,topic", [
    ("How did Councilmember Brennan vote on the rezoning?", "how", "Brennan", None, "the rezoning"),
    ("how did Cllr smith vote on the budget", "how", "smith", None, "the budget"),
    ("How did Council Member Ana Ruiz vote regarding the library hours?", "how", "Ana Ruiz", None, "the library hours"),
    ("What was Commissioner O'Neil's vote on the levy?", "how", "O'Neil", None, "the levy"),
    ("Did Whitfield vote against the parking meter rate increase?", "did", "Whitfield", "noes", "the parking meter rate increase"),
    ("Did Trustee Park vote in favor of the bond?", "did", "Park", "ayes", "the bond"),
    ("Was Alderman Cole absent for the zoning vote?", "did", "Cole", "absent", "the zoning vote"),
    ("Who voted against the parking meter rate increase?", "who", None, "noes", "the parking meter rate increase"),
    ("Which councillors voted for the budget?", "who", None, "ayes", "the budget"),
    ("Which San Juan Unified trustee voted against the antibias education grant?", "who", None, "noes",
     "the antibias education grant"),  # the body named before the member's title
    ("Who abstained on the rental ordinance?", "who", None, "abstain", "the rental ordinance"),
])
def test_vote_questions_are_recognised(question, kind, member, stance, topic):
    vq = parse_vote_question(question)
    assert vq is not None, question
    assert (vq.kind, vq.member, vq.stance, vq.topic) == (kind, member, stance, topic)


@pytest.mark.parametrize("question", [q["question"] for q in DEV] + [
    "How did the council vote on the budget?", "How did Council vote on the budget?", "Who voted?",
    "How many members voted for the budget", "What was resolved about agency staff?"])
def test_other_questions_are_not_vote_questions(question):
    assert parse_vote_question(question) is None


# -- hits and filters -----------------------------------------------------------------------------------------

def test_hits_carry_their_items_decisions(library):
    hits = search(library, "downtown parking meter rates", k=5)
    top = hits[0]
    assert top["document"] == DOC and "parking" in top["text"].lower()
    item = get_item(library.store, top["item_id"])
    assert top["decisions"] == item["decisions"] and top["decisions"]
    failed = [d for d in top["decisions"] if d["outcome"] == "failed"]
    assert len(failed) == 1
    d = failed[0]
    assert d["mover"] == "Whitfield" and d["seconder"] == "Brennan"
    assert d["votes"] == {"ayes": 2, "noes": 4, "absent": 1}
    assert sorted(d["names"]["ayes"]) == ["Brennan", "Whitfield"]
    assert describe_decision(d) == "failed 2–4 (1 absent), moved Whitfield, seconded Brennan; noes: Nakamura, Pryor, Okafor, Delgado"


def test_decisions_filter_keeps_only_items_with_decisions(library):
    plain = search(library, "children in care monitoring report", k=30)
    assert any(not h["decisions"] for h in plain)  # the filter has something to remove
    hits = search(library, "children in care monitoring report", k=30, filters=Filters(decisions=True))
    assert hits
    assert all(h["decisions"] for h in hits)
    with_decisions = {i["id"] for i in list_items(library.store, with_decisions=True)}
    assert {h["item_id"] for h in hits} <= with_decisions
    assert {h["item_id"] for h in plain if h["decisions"]} & {h["item_id"] for h in hits}


@pytest.mark.parametrize("outcome", ["failed", "noted"])
def test_outcome_filter(library, outcome):
    plain = search(library, "parking meter rates rezoning treasurer report", k=40, filters=Filters(document=DOC))
    assert any(all(d["outcome"] != outcome for d in h["decisions"]) for h in plain)
    hits = search(library, "parking meter rates rezoning treasurer report", k=40, filters=Filters(document=DOC, outcome=outcome))
    assert hits
    assert all(any(d["outcome"] == outcome for d in h["decisions"]) for h in hits)
    expected = {h["passage_id"] for h in plain if any(d["outcome"] == outcome for d in h["decisions"])}
    assert {h["passage_id"] for h in hits} == expected


def test_outcome_is_validated():
    assert Filters(outcome="FAILED ").outcome == "failed"
    assert Filters(outcome="").outcome is None
    for bad in ("passed", "bogus", "carried;--"):
        with pytest.raises(MinutesError, match="outcome must be one of"):
            Filters(outcome=bad)
    assert set(OUTCOMES) == {"carried", "failed", "deferred", "noted", "approved", "amended"}


# -- vote questions -------------------------------------------------------------------------------------------

def test_how_did_a_member_vote(library):
    result = answer(library, "How did Councilmember Brennan vote on the rezoning of 1400 Harbor Boulevard?")
    decision = check_vote_citation(library, result)
    assert "Brennan" in roll_call_line(result["citations"][0]["quote"], "NOES")
    assert "Brennan voted against (noes)" in result["answer"]
    assert "carried 4–2" in result["answer"]
    assert "1400 HARBOR BOULEVARD" in result["citations"][0]["item_title"]
    assert result["vote"]["position"] == "noes" and decision["outcome"] == "carried"


def test_did_a_member_vote_for(library):
    result = answer(library, "Did Mayor Delgado vote for the downtown parking meter rate increase?")
    check_vote_citation(library, result)
    assert "Delgado" in roll_call_line(result["citations"][0]["quote"], "NOES")
    assert result["answer"].startswith("No: Mayor Delgado voted against (noes)")
    assert "failed 2–4" in result["answer"]
    yes = answer(library, "Did Councilmember Whitfield vote for the downtown parking meter rate increase?")
    check_vote_citation(library, yes)
    assert yes["answer"].startswith("Yes: Councilmember Whitfield voted for (ayes)")


def test_who_voted_against(library):
    result = answer(library, "Who voted against the downtown parking meter rate increase?")
    check_vote_citation(library, result)
    noes = roll_call_line(result["citations"][0]["quote"], "NOES")
    for name in ("Nakamura", "Pryor", "Okafor", "Delgado"):
        assert name in result["answer"] and name in noes
    assert "Brennan" not in result["answer"] and "Whitfield" not in result["answer"]


def test_abstention_and_absence_are_reported(library):
    result = answer(library, "How did Councilmember Whitfield vote on continuing the short-term rental ordinance?")
    check_vote_citation(library, result)
    assert "Whitfield abstained" in result["answer"]
    absent = answer(library, "How did Councilmember Castellanos vote on the rezoning of 1400 Harbor Boulevard?")
    check_vote_citation(library, absent)
    assert "Castellanos was recorded absent" in absent["answer"]


def test_a_vote_without_names_is_reported_honestly(library):
    result = answer(library, "How did Councilmember Pryor vote on the skate park lighting contract?")
    decision = check_vote_citation(library, result)
    assert "5-1" in result["citations"][0]["quote"] and not decision["names"]
    assert "not how each member voted" in result["answer"]
    assert "voted for" not in result["answer"] and "voted against" not in result["answer"]


def test_a_member_missing_from_the_roll_call_is_reported_honestly(library):
    result = answer(library, "How did Councilmember Fairbanks vote on the downtown parking meter rate increase?")
    decision = check_vote_citation(library, result)
    assert "Fairbanks" not in result["citations"][0]["quote"] and decision["outcome"] == "failed"
    assert "do not list Councilmember Fairbanks" in result["answer"]
    assert "voted for" not in result["answer"] and "voted against" not in result["answer"]


def test_a_vote_on_something_the_minutes_never_decided_abstains(library):
    result = answer(library, "How did Councilmember Brennan vote on the lasagne recipe competition?")
    assert result["abstained"] is True and result["answer"] == NOT_FOUND
    assert result["citations"] == []


def test_vote_questions_respect_filters(library):
    result = answer(library, "Who voted against the downtown parking meter rate increase?", Filters(date_to="2024-12-31"))
    assert all(c["meeting_date"] <= "2024-12-31" for c in result["citations"])
    assert "Nakamura" not in result["answer"]
