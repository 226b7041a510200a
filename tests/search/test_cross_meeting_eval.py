"""The cross-meeting tuning set is well formed, and `minutes eval` reads its answers by meeting: how many of the
meetings holding evidence an answer covers, and how many of the meetings it cites hold evidence."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from search.answer_eval import _meetings_hit, score_answers
from search.metrics import load_eval_set

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "fixtures" / "questions" / "halton_cross_meeting.jsonl"


def test_set_format_and_quotes(library):
    """Every quote is an exact substring of its document as stored, found once, and each question's evidence comes
    from two or more meetings."""
    items = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 16
    texts = library.store.document_texts()
    for item in items:
        assert re.fullmatch(r"h\d{3}", item["id"]) and item["type"] == "cross-meeting" and item["answers"]
        meetings = set()
        for ev in item["evidence"]:
            text = texts[ev["doc"]]
            assert text.count(ev["quote"]) == 1, (item["id"], ev["quote"])
            at = text.find(ev["quote"])
            meetings.add(library.store.meeting_of_span(ev["doc"], at, at + len(ev["quote"])))
        assert None not in meetings and len(meetings) >= 2, item["id"]


class _Store:
    """Meetings by document name (plumbing only)."""

    def meeting_of_span(self, document, start, end):
        return {"a.txt": "m1", "b.txt": "m2"}.get(document)


def test_meetings_hit_counts_a_meeting_once_whichever_quote_is_cited():
    spans = [("a.txt", 0, 10), ("a.txt", 20, 30), ("b.txt", 0, 10), ("c.txt", 0, 5)]
    assert _meetings_hit(_Store(), spans, [False, True, False, True]) == {"m1": True, "m2": False}


def test_eval_reports_meeting_coverage_and_point_precision(library):
    """A real answer to a labelled question, scored by meeting; the figures agree with the per-question counts."""
    questions = [q for q in load_eval_set(str(SET)) if q.id in {"h001", "h004"}]
    result = score_answers(library, questions, library.store.document_texts())
    per = {p["id"]: p for p in result["per_question"]}
    for p in per.values():
        assert 0 <= p["meetings_hit"] <= p["meetings"] and p["meetings"] >= 2
        assert 0 <= p["cited_meetings_with_evidence"] <= p["cited_meetings"]
        assert p["meetings_hit"] <= p["cited_meetings_with_evidence"]  # a covered meeting is one the answer cites
    assert per["h001"]["meetings_hit"] >= 2  # the asylum-seeking children answer reaches two or more of its meetings
    coverage = sum(p["meetings_hit"] / p["meetings"] for p in per.values()) / len(per)
    precision = sum(p["cited_meetings_with_evidence"] / max(1, p["cited_meetings"]) for p in per.values()) / len(per)
    assert result["multi_meeting_meeting_coverage"] == coverage
    assert result["multi_meeting_point_precision"] == precision


@pytest.mark.parametrize("set_path", ["corpus/dev.jsonl", "tests/fixtures/questions/halton_cross_meeting.jsonl"])
def test_the_dev_sets_own_checker_passes_the_sets_over_the_seed_documents(set_path):
    """The checker given with the dev set (copied into tests/fixtures/questions) accepts both sets against corpus/."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(ROOT / "tests" / "fixtures" / "questions" / "check_eval_file.py"),
                          str(ROOT / set_path), str(ROOT / "corpus")], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip().endswith("OK"), run.stdout + run.stderr


def test_eval_reports_how_many_quotes_hold_evidence(library):
    """A single-meeting answer's quotes, counted and checked against the evidence: the eval's precision is the share
    of quotes overlapping an evidence span, so an answer quoting more sentences pays for the ones holding none."""
    questions = [q for q in load_eval_set(str(ROOT / "corpus" / "dev.jsonl")) if q.id in {"d001", "d002", "d003"}]
    result = score_answers(library, questions, library.store.document_texts())
    single = [p for p in result["per_question"] if not p["abstained"] and p["meetings"] < 2]
    assert single and all(0 <= p["quotes_on_evidence"] <= p["quotes"] for p in single)
    assert any(p["quotes_on_evidence"] > 0 for p in single)  # the dev set's plain facts are quoted
    assert result["quotes_per_answer"] == sum(p["quotes"] for p in single) / len(single)
    assert result["quote_precision"] == sum(p["quotes_on_evidence"] for p in single) / sum(p["quotes"] for p in single)
