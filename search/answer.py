"""Extractive answers: the sentences that best answer a question, each cited to its meeting, item and page."""
from __future__ import annotations

import re

from index.clean import clean_text
from index.resolutions import find_resolutions
from search.filters import Filters
from search.hits import citation_label, public_hit
from search.answer_types import lacks_message, supplies
from search.keyword import STOPWORDS, TOKEN
from search.question import parse_question
from search.retrieve import RESOLUTION_INTENT, search
from search.sentences import sentence_spans
from search.table_rows import labelled_row

PASSAGES_READ = 8  # top passages whose sentences compete for a single-meeting answer
MAX_SENTENCES = 3
NEAREST_MIN_COS = 0.3  # an abstention quotes the nearest sentence only when it is at least this close (or shares a word)
# Minutes often record that a figure was asked for and promised later: that is not an answer.
DEFERRAL = re.compile(r"\b(would (?:also )?be (?:reported back|sought|provided|circulated|confirmed|shared)|"
                      r"(?:was|were) not to hand|response would be sought|at a later date)\b", re.I)
# A question asking for a quantity is answered by a sentence that states one.
QUANTITY_QUESTION = re.compile(r"\b(how (?:many|much)|by how much|what (?:percentage|proportion|share|rate|number|amount|figure|cost)|"
                               r"how (?:big|large|long|often))\b", re.I)
# a figure: digits that are not part of a reference code (P6.5) or a year, money, a percentage, or a number word
NUMBER = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)\d|£|%|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                    r"hundred|thousand|million|half|quarter|double|twice)\b", re.I)
PERCENT_QUESTION = re.compile(r"\bwhat\s+(?:percentage|proportion|share|fraction)\b|\bhow\s+many\s+per\s*cent\b", re.I)
PERCENT = re.compile(r"%|\bper\s?cent\b|\bpercentage\b|\bproportion\b|\b\d+\s+(?:in|out\s+of)\s+(?:every\s+)?\d+\b|"
                     r"\b(?:half|third|quarter|fifth|majority|minority)\b", re.I)
PARAGRAPH_NUMBER = re.compile(r"^\s*(?:[A-Z]{0,4}\d+(?:\.\d+)*[a-z]?|\(?[a-z]\))[\s.)–-]+")  # '8.5 ', 'P6.5 – ', '(a) '
NOT_FOUND = "The minutes do not appear to cover this question."
OTHER_PERIOD = "The minutes do not appear to cover this for the period asked about."
NO_FIGURE = "The minutes do not appear to give this figure."
DEFERRED = "The minutes do not give an answer: they record only that it would be reported or provided later."


def _stem(word: str) -> str:
    return re.sub(r"(ies|es|s|ing|ed)$", "", word.lower())


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in TOKEN.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}


def relevance(cos: float, overlap: float) -> float:
    """How well a sentence matches: closeness in meaning and share of the question's words (rank bonus aside)."""
    return 0.55 * cos + 0.3 * overlap


def candidates(library, question: str, hits: list[dict], read: int) -> list[dict]:
    """Every sentence of the top passages with its semantic and keyword score."""
    cands = []
    for rank, hit in enumerate(hits[:read]):
        resolutions = find_resolutions(hit["text"], 0, len(hit["text"])) if hit["is_resolution"] else []
        seen = set()
        for s, e in sentence_spans(hit["text"]):
            # a sentence inside a resolution stands for the whole resolution: quote all of it
            s, e = next(((rs, re_) for rs, re_ in resolutions if rs <= s < re_), (s, e))
            if (s, e) in seen:
                continue
            seen.add((s, e))
            cands.append({"hit": hit, "rank": rank, "s": s, "e": e, "clean": clean_text(hit["text"][s:e])})
    if not cands:
        return []
    vecs = library.embedder.embed_batch([question] + [c["clean"] for c in cands])
    cos = vecs[1:] @ vecs[0]
    # a sentence leaning on the one before ("the works would cost £42,000") shares some of its relevance
    for i in range(1, len(cands)):
        if cands[i]["hit"] is cands[i - 1]["hit"]:
            cos[i] = max(cos[i], 0.85 * cos[i - 1])
    qwords = _content_words(question)
    wants_resolution = bool(RESOLUTION_INTENT.search(question))
    wants_quantity = bool(QUANTITY_QUESTION.search(question))
    for c, sim in zip(cands, cos):
        overlap = len(qwords & _content_words(c["clean"] + " " + c["hit"]["item_title"])) / max(1, len(qwords))
        c["cos"], c["overlap"] = float(sim), overlap
        c["score"] = relevance(float(sim), overlap) + 0.15 / (1 + c["rank"])
        if wants_quantity and NUMBER.search(PARAGRAPH_NUMBER.sub("", c["clean"])):
            c["score"] += 0.1
        if wants_resolution and c["hit"]["is_resolution"] and re.match(r"\s*(RESOLVED|That\b|\(?\d+\))", c["clean"], re.I):
            c["score"] += 0.15
    return sorted(cands, key=lambda c: -c["score"])


def _pick(cands: list[dict]) -> list[dict]:
    """The best sentences (up to MAX_SENTENCES, each near the best), in document order."""
    best = cands[0]["score"]
    chosen = []
    for c in cands:
        if c["score"] < 0.85 * best or len(chosen) >= MAX_SENTENCES:
            break
        if any(c["clean"] == o["clean"] for o in chosen):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c["hit"]["passage_id"], c["s"]))


def _citation(marker: int, c: dict) -> dict:
    hit = c["hit"]
    start, end = hit["item_start"] + c["s"], hit["item_start"] + c["e"]
    return {
        "marker": marker, "passage_id": hit["passage_id"], "item_id": hit["item_id"], "document": hit["document"],
        "committee": hit["committee"], "meeting_date": hit["meeting_date"], "item_number": hit["item_number"],
        "item_title": hit["item_title"], "pages": hit["pages"], "quote": hit["text"][c["s"]:c["e"]],
        "start": start, "end": end, "label": citation_label(hit["committee"], hit["meeting_date"], hit["item_number"], hit["item_title"], hit["pages"]),
        "also_in": hit.get("also_in", []),
    }


def _generated(library, question, hits, public_hits, k, cands) -> dict | None:
    """A model-written answer when an endpoint is configured; None (extractive answer) if it fails or declines."""
    from search.generate import generate

    try:
        sentences = generate(library.settings, question, hits)
    except Exception as exc:  # an unreachable or faulty endpoint must not cost the user their answer
        import logging

        logging.getLogger(__name__).warning("generated answer failed, using the extractive answer: %s", exc)
        return None
    if not sentences:
        return None
    citations, out, cited = [], [], {}
    for text, passages in sentences:
        numbers = []
        for p in passages:
            if p["passage_id"] not in cited:
                cited[p["passage_id"]] = {"hit": p, "s": 0, "e": len(p["text"])}  # the whole passage is the quote
                citations.append(_citation(len(cited), cited[p["passage_id"]]))
            numbers.append(list(cited).index(p["passage_id"]) + 1)
        out.append({"text": text, "markers": numbers})
    text = " ".join(s["text"] + " " + "".join(f"[{m}]" for m in s["markers"]) for s in out)
    return {"question": question, "answer": text, "abstained": False, "sentences": out, "groups": [], "generated": True,
            "citations": citations, "passages": _supporting(public_hits, list(cited.values()), k), "top_similarity": cands[0]["cos"]}


def _supporting(hits: list[dict], chosen: list[dict], k: int) -> list[dict]:
    """The top k hits, plus any cited passage from further down, so every citation's passage is listed."""
    out = hits[:k]
    listed = {h["passage_id"] for h in out}
    for c in chosen:
        if c["hit"]["passage_id"] not in listed:
            listed.add(c["hit"]["passage_id"])
            out.append(next(h for h in hits if h["passage_id"] == c["hit"]["passage_id"]))
    return out


def _abstain(question, message, hits, cands, citations=()) -> dict:
    return {"question": question, "answer": message, "abstained": True, "sentences": [], "groups": [],
            "citations": list(citations), "passages": hits, "top_similarity": cands[0]["cos"] if cands else None}


def answer(library, question: str, filters: Filters | None = None, k: int = 10) -> dict:
    from search.across import answer_across
    from search.votes import answer_vote

    voted = answer_vote(library, question, filters, k)  # "how did Councillor X vote on Y": read from the recorded votes
    if voted is not None:
        return voted
    parsed = parse_question(question)
    if parsed.across:  # "what was said about X (or Y) across meetings": one point per meeting, per topic
        surveyed = answer_across(library, parsed, filters, k)
        if surveyed is not None:
            return surveyed
    hits = search(library, " ".join(parsed.topics) if parsed.across else question, k=k, filters=filters)
    public_hits = [public_hit(h) for h in hits]
    cands = candidates(library, question, hits, PASSAGES_READ)
    # weak evidence: no sentence near the question in meaning, and none sharing most of its words
    if not cands or (max(c["cos"] for c in cands[:5]) < library.settings.abstain_threshold and cands[0]["overlap"] < 0.5):
        return _abstain_nearest(question, NOT_FOUND, public_hits[:k], cands)
    if parsed.answer_type == "number" or QUANTITY_QUESTION.search(question):
        figure = PERCENT if PERCENT_QUESTION.search(question) else NUMBER  # a share is answered by a share
        figures = [c for c in cands[:10] if figure.search(PARAGRAPH_NUMBER.sub("", c["clean"]))]
        if not figures or figures[0]["score"] < 0.8 * cands[0]["score"]:
            return _abstain_nearest(question, NO_FIGURE, public_hits[:k], cands)
    if DEFERRAL.search(cands[0]["clean"]):
        return _abstain(question, DEFERRED, _supporting(public_hits, cands[:1], k), cands, [_citation(1, cands[0])])
    asked_years = years_in(question)
    if asked_years:  # a sentence about other years does not answer a question about this one
        in_period = [c for c in cands if not years_in(c["clean"]) or years_in(c["clean"]) & asked_years]
        if not in_period or in_period[0]["score"] < 0.8 * cands[0]["score"]:
            return _abstain_nearest(question, OTHER_PERIOD, public_hits[:k], cands)
        cands = in_period
    wanted = supplies(parsed.answer_type)
    if wanted is not None:
        fitting = [c for c in cands[:10] if wanted.search(c["clean"])]
        if not fitting or fitting[0]["score"] < 0.8 * cands[0]["score"]:
            return _abstain_nearest(question, lacks_message(parsed.answer_type), public_hits[:k], cands)
        cands = fitting + [c for c in cands if c not in fitting]
    if library.settings.llm_base_url:
        generated = _generated(library, question, hits, public_hits, k, cands)
        if generated:
            return generated
    chosen = _pick(cands)
    public_hits = _supporting(public_hits, chosen, k)
    citations, sentences = [], []
    for i, c in enumerate(chosen, 1):
        citations.append(_citation(i, c))
        sentences.append({"text": labelled_row(library.store, c) or c["clean"], "markers": [i]})
    text = " ".join(f"{s['text']} [{s['markers'][0]}]" for s in sentences)
    return {"question": question, "answer": text, "abstained": False, "sentences": sentences, "groups": [],
            "citations": citations, "passages": public_hits, "top_similarity": cands[0]["cos"]}


YEAR = re.compile(r"\b((?:19|20)\d\d)(?:\s*[/-]\s*(\d{2,4}))?\b")


def years_in(text: str) -> set[int]:
    """Calendar years a text names; '2023/24' and '2025-26' name both years."""
    out = set()
    for m in YEAR.finditer(text):
        first = int(m.group(1))
        out.add(first)
        if m.group(2):
            second = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
            if 0 < second - first <= 1:
                out.add(second)
    return out


def _abstain_nearest(question, message, hits, cands) -> dict:
    """Abstain, saying what the minutes do say nearest to the question, cited."""
    if not cands or (cands[0]["cos"] < NEAREST_MIN_COS and cands[0]["overlap"] == 0):
        return _abstain(question, message, hits, cands)  # nothing near enough to be worth quoting
    nearest = cands[0]
    said = f"{message} The nearest they come: “{nearest['clean']}” [1]"
    return _abstain(question, said, _supporting(hits, [nearest], len(hits)), cands, [_citation(1, nearest)])
