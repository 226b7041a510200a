"""The parts of an answer that point into the minutes: a quoted sentence's citation, the passages listed under an
answer, and an abstention that may still cite what the minutes say nearest to the question."""
from __future__ import annotations

from search.hits import citation_label, public_hit


def citation_of(marker: int, c: dict) -> dict:
    hit = c["hit"]
    start, end = hit["item_start"] + c["s"], hit["item_start"] + c["e"]
    return {
        "marker": marker, "passage_id": hit["passage_id"], "item_id": hit["item_id"], "document": hit["document"],
        "committee": hit["committee"], "meeting_date": hit["meeting_date"], "item_number": hit["item_number"],
        "item_title": hit["item_title"], "pages": hit["pages"], "quote": hit["text"][c["s"]:c["e"]],
        "start": start, "end": end, "label": citation_label(hit["committee"], hit["meeting_date"], hit["item_number"], hit["item_title"], hit["pages"]),
        "also_in": hit.get("also_in", []),
    }


def supporting_hits(hits: list[dict], chosen: list[dict], k: int) -> list[dict]:
    """The top k hits, plus any cited passage from further down or read only for its item, so every citation's
    passage is listed."""
    out = hits[:k]
    listed = {h["passage_id"] for h in out}
    for c in chosen:
        if c["hit"]["passage_id"] not in listed:
            listed.add(c["hit"]["passage_id"])
            listed_hit = next((h for h in hits if h["passage_id"] == c["hit"]["passage_id"]), None)
            out.append(listed_hit or public_hit(c["hit"]))
    return out


def abstention(question, message, hits, cands, citations=()) -> dict:
    return {"question": question, "answer": message, "abstained": True, "sentences": [], "groups": [],
            "citations": list(citations), "passages": hits, "top_similarity": cands[0]["cos"] if cands else None}
