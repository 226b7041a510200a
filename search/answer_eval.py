"""Score answers: acceptable-answer containment, evidence cited, cross-meeting coverage, abstention."""
from __future__ import annotations

import re
import unicodedata

from search.answer import answer
from search.metrics import abstain_rates, passage_hits_entry


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w£%'.]+", " ", text)
    return re.sub(r"\s+", " ", text.replace(". ", " ")).strip(" .")


def acceptable(answer_text: str, accepted: list[str]) -> bool:
    """Strict: some acceptable answer appears, normalised, as one contiguous string in the answer."""
    have = normalise(answer_text)
    return any(normalise(a) in have for a in accepted)


def _tokens(text: str) -> set[str]:
    from search.keyword import STOPWORDS

    return {re.sub(r"(ies|es|s)$", "", t) for t in normalise(text).replace("'", " ").split() if t not in STOPWORDS}


def acceptable_tokens(answer_text: str, accepted: list[str]) -> bool:
    """Looser: every content word and number of some acceptable answer appears somewhere in the answer."""
    have = _tokens(answer_text)
    return any(_tokens(a) and _tokens(a) <= have for a in accepted)


def score_answers(library, questions, doc_texts) -> dict:
    per, abstained = [], {}
    for q in questions:
        result = answer(library, q.question)
        abstained[q.id] = result["abstained"]
        by_id = {h["passage_id"]: h for h in result["passages"]}
        cited = [by_id[c["passage_id"]] for c in result["citations"] if c["passage_id"] in by_id]
        entries_hit = sum(1 for e in q.evidence if any(passage_hits_entry(h, e, doc_texts) for h in cited))
        per.append({"id": q.id, "type": q.type, "abstained": result["abstained"],
                    "acceptable": (not q.negative) and acceptable(result["answer"], q.answers),
                    "acceptable_tokens": (not q.negative) and acceptable_tokens(result["answer"], q.answers),
                    "entries_hit": entries_hit, "n_entries": len(q.evidence), "top_similarity": result.get("top_similarity")})
    answerable = [p for p in per if p["n_entries"]]
    cross = [p for p in answerable if p["type"] == "cross-meeting"]
    out = {
        "acceptable_rate": sum(p["acceptable"] for p in answerable) / max(1, len(answerable)),
        "acceptable_token_rate": sum(p["acceptable_tokens"] for p in answerable) / max(1, len(answerable)),
        "evidence_hit_rate": sum(p["entries_hit"] > 0 for p in answerable) / max(1, len(answerable)),
        "cross_meeting_entries_cited": sum(p["entries_hit"] / p["n_entries"] for p in cross) / max(1, len(cross)),
        "threshold": library.settings.abstain_threshold,
        "per_question": per,
    }
    out.update(abstain_rates(questions, abstained))
    return out
