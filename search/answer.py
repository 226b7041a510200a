"""Extractive answers: the sentences that best answer a question, each cited to its meeting, item and page."""
from __future__ import annotations

import re


from index.clean import clean_text
from search.filters import Filters
from search.hits import citation_label, format_date
from search.keyword import STOPWORDS, TOKEN
from search.retrieve import search
from search.sentences import sentence_spans

PASSAGES_READ = 8  # top passages whose sentences compete for the answer
MAX_SENTENCES = 3
MAX_MEETINGS = 5
CROSS_MEETING_CUES = re.compile(
    r"\b(across|over (?:the )?(?:years|time|meetings)|changed?|since|trend|develop(?:ed)?|history|each meeting|been told|"
    r"has the (?:board|council|committee)|what has|how has|over the years)\b", re.I)
NOT_FOUND = "The minutes do not appear to cover this question."


def _stem(word: str) -> str:
    return re.sub(r"(ies|es|s|ing|ed)$", "", word.lower())


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in TOKEN.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}


def _candidates(library, question: str, hits: list[dict]) -> list[dict]:
    """Every sentence of the top passages with its semantic and keyword score."""
    cands = []
    for rank, hit in enumerate(hits[:PASSAGES_READ]):
        for s, e in sentence_spans(hit["text"]):
            cands.append({"hit": hit, "rank": rank, "s": s, "e": e, "clean": clean_text(hit["text"][s:e])})
    if not cands:
        return []
    vecs = library.embedder.embed_batch([question] + [c["clean"] for c in cands])
    cos = vecs[1:] @ vecs[0]
    qwords = _content_words(question)
    for c, sim in zip(cands, cos):
        overlap = len(qwords & _content_words(c["clean"] + " " + c["hit"]["item_title"])) / max(1, len(qwords))
        c["cos"] = float(sim)
        c["score"] = 0.55 * float(sim) + 0.3 * overlap + 0.15 / (1 + c["rank"])
    return sorted(cands, key=lambda c: -c["score"])


def _pick(cands: list[dict], cross_meeting: bool) -> list[dict]:
    best = cands[0]["score"]
    if cross_meeting:
        chosen, seen = [], set()
        for c in cands:
            mid = c["hit"]["meeting_id"]
            if mid not in seen and c["score"] >= 0.75 * best:
                seen.add(mid)
                chosen.append(c)
            if len(chosen) >= MAX_MEETINGS:
                break
        return sorted(chosen, key=lambda c: (c["hit"]["meeting_date"] or "", -c["score"]))
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


def answer(library, question: str, filters: Filters | None = None, k: int = 10) -> dict:
    hits = search(library, question, k=k, filters=filters)
    public_hits = [{key: v for key, v in h.items() if key not in ("clean", "text_hash", "duplicate_of")} for h in hits]
    cands = _candidates(library, question, hits)
    threshold = library.settings.abstain_threshold
    if not cands or cands[0]["cos"] < threshold and max(c["cos"] for c in cands[:5]) < threshold:
        return {"question": question, "answer": NOT_FOUND, "abstained": True, "sentences": [], "groups": [],
                "citations": [], "passages": public_hits, "top_similarity": cands[0]["cos"] if cands else None}
    meetings = {c["hit"]["meeting_id"] for c in cands[:6]}
    cross = bool(CROSS_MEETING_CUES.search(question)) and len(meetings) > 1
    chosen = _pick(cands, cross)
    citations, sentences, groups = [], [], []
    for i, c in enumerate(chosen, 1):
        citations.append(_citation(i, c))
        sentence = {"text": c["clean"], "markers": [i]}
        sentences.append(sentence)
        if cross:
            hit = c["hit"]
            groups.append({"meeting_date": hit["meeting_date"], "committee": hit["committee"], "sentences": [sentence]})
    if cross:
        text = "\n".join(f"{format_date(g['meeting_date'])} ({g['committee']}): {g['sentences'][0]['text']} [{g['sentences'][0]['markers'][0]}]" for g in groups)
    else:
        text = " ".join(f"{s['text']} [{s['markers'][0]}]" for s in sentences)
    return {"question": question, "answer": text, "abstained": False, "sentences": sentences, "groups": groups,
            "citations": citations, "passages": public_hits, "top_similarity": cands[0]["cos"]}
