"""Score answers: acceptable-answer containment, evidence cited, cross-meeting coverage, abstention."""
from __future__ import annotations

import re
import unicodedata

from index.text import STOPWORDS, word_form
from search.answer import answer
from search.metrics import abstain_rates, passage_hits_entry
from search.models import Answer


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w£%'.]+", " ", text)
    return re.sub(r"\s+", " ", text.replace(". ", " ")).strip(" .")


def acceptable(answer_text: str, accepted: list[str]) -> bool:
    """Strict: some acceptable answer appears, normalised, as one contiguous string in the answer."""
    have = normalise(answer_text)
    return any(normalise(a) in have for a in accepted)


def _tokens(text: str) -> set[str]:
    return {word_form(t) for t in normalise(text).replace("'", " ").split() if t not in STOPWORDS}


def acceptable_tokens(answer_text: str, accepted: list[str]) -> bool:
    """Looser: every content word and number of some acceptable answer appears somewhere in the answer."""
    have = _tokens(answer_text)
    return any(_tokens(a) and _tokens(a) <= have for a in accepted)


def _evidence_spans(q, doc_texts) -> list[tuple[str, int, int]]:
    out = []
    for e in q.evidence:
        at = doc_texts.get(e["doc"], "").find(e["quote"])
        out.append((e["doc"], at, at + len(e["quote"])) if at >= 0 else (e["doc"], -1, -1))
    return out


def _meetings_hit(store, spans, hit: list[bool]) -> dict[str, bool]:
    """Each meeting whose items hold an evidence quote, and whether the answer cites one of its quotes."""
    meetings: dict[str, bool] = {}
    for (doc, s, e), cited in zip(spans, hit):
        meeting = store.meeting_of_span(doc, s, e)
        if meeting:
            meetings[meeting] = meetings.get(meeting, False) or cited
    return meetings


def score_answers(library, questions, doc_texts) -> dict:
    """Answer figures. A cited *sentence* answers when its span overlaps an evidence quote; a cited *passage* when it
    contains one. Cross-meeting coverage is the share of evidence entries cited, over every question whose evidence
    comes from two or more meetings; meeting coverage and point precision read the same questions by meeting."""
    per, abstained = [], {}
    for q in questions:
        result = Answer.model_validate(answer(library, q.question))
        abstained[q.id] = result.abstained
        by_id = {h.passage_id: h.model_dump() for h in result.passages}
        cited = [by_id[c.passage_id] for c in result.citations if c.passage_id in by_id]
        entries_hit = sum(1 for e in q.evidence if any(passage_hits_entry(h, e, doc_texts) for h in cited))
        starts = library.store.item_starts([c.item_id for c in result.citations])
        # a citation's offsets count from its item's start: the item's offset in the document turns them into the document's
        cited_spans = [(c.document, starts[c.item_id] + c.start_in_item, starts[c.item_id] + c.end_in_item)
                       for c in result.citations if c.item_id in starts]
        spans = _evidence_spans(q, doc_texts)
        hit = [not result.abstained and s >= 0 and any(cd == doc and cs < e and s < ce for cd, cs, ce in cited_spans)
               for doc, s, e in spans]
        sentences_hit = sum(hit)
        # how many of the quotes hold evidence: an answer quoting more sentences finds evidence more often, at this cost
        quotes_on_evidence = sum(any(cd == doc and cs < e and s < ce for doc, s, e in spans if s >= 0) for cd, cs, ce in cited_spans)
        by_meeting = _meetings_hit(library.store, spans, hit)
        cited_meetings = {library.store.meeting_of_span(d, s, e) for d, s, e in cited_spans} - {None}
        exact = all(doc_texts.get(c.document, "")[starts[c.item_id] + c.start_in_item:starts[c.item_id] + c.end_in_item] == c.quote
                    for c in result.citations if c.item_id in starts)
        per.append({"id": q.id, "type": q.type, "abstained": result.abstained,
                    "acceptable": (not q.negative) and acceptable(result.answer, q.answers),
                    "acceptable_tokens": (not q.negative) and acceptable_tokens(result.answer, q.answers),
                    "entries_hit": entries_hit, "sentences_hit": sentences_hit, "n_entries": len(q.evidence),
                    "meetings": len(by_meeting), "meetings_hit": sum(by_meeting.values()),
                    "cited_meetings": len(cited_meetings), "cited_meetings_with_evidence": len(cited_meetings & set(by_meeting)),
                    "citations_exact": exact, "quotes": len(cited_spans), "quotes_on_evidence": quotes_on_evidence,
                    "top_similarity": result.top_similarity})
    answerable = [p for p in per if p["n_entries"]]
    cross = [p for p in answerable if p["type"] == "cross-meeting"]
    multi = [p for p in answerable if p["meetings"] >= 2]
    single = [p for p in answerable if not p["abstained"] and p["meetings"] < 2]
    out = {
        "acceptable_rate": sum(p["acceptable"] for p in answerable) / max(1, len(answerable)),
        "acceptable_token_rate": sum(p["acceptable_tokens"] for p in answerable) / max(1, len(answerable)),
        "evidence_hit_rate": sum(p["entries_hit"] > 0 for p in answerable) / max(1, len(answerable)),
        "evidence_sentence_rate": sum(p["sentences_hit"] > 0 for p in answerable) / max(1, len(answerable)),
        "cross_meeting_entries_cited": sum(p["entries_hit"] / p["n_entries"] for p in cross) / len(cross) if cross else None,
        "multi_meeting_sentence_coverage": sum(p["sentences_hit"] / p["n_entries"] for p in multi) / len(multi) if multi else None,
        # the same questions by meeting: the share of the meetings holding evidence whose evidence the answer cites,
        # and the share of the meetings an answer cites that hold evidence (a point from an off-topic meeting costs it)
        "multi_meeting_meeting_coverage": sum(p["meetings_hit"] / p["meetings"] for p in multi) / len(multi) if multi else None,
        "multi_meeting_point_precision": (sum(p["cited_meetings_with_evidence"] / max(1, p["cited_meetings"]) for p in multi) / len(multi)
                                          if multi else None),
        "n_multi_meeting": len(multi),
        # over answered answerable questions of one meeting (a cross-meeting answer quotes a point a meeting by design)
        "quotes_per_answer": sum(p["quotes"] for p in single) / max(1, len(single)),
        "quote_precision": sum(p["quotes_on_evidence"] for p in single) / max(1, sum(p["quotes"] for p in single)),
        "citations_exact": all(p["citations_exact"] for p in per),
        "threshold": library.settings.abstain_threshold,
        "per_question": per,
    }
    out.update(abstain_rates(questions, abstained))
    return out
