"""Which of the scored candidate sentences an answer quotes, and in what order."""
from __future__ import annotations

from collections.abc import Sequence

from index.clean import clean_text
from index.text import content_words
from index.tuning import AnswerSettings
from search.candidates import meeting_naming_words


def merge_overlaps(chosen: list[dict]) -> list[dict]:
    """Sentences in document order with no span quoted twice (a sentence and a later one quoted with it)."""
    out: list[dict] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev and prev["hit"]["passage_id"] == c["hit"]["passage_id"] and c["s"] < prev["e"]:
            if c["e"] > prev["e"]:
                out[-1] = {**prev, "e": c["e"], "clean": clean_text(prev["hit"]["text"][prev["s"]:c["e"]])}
            continue
        out.append(c)
    return out


# the words that label a heading line rather than say anything ("ITEM 1: 3903 HAINES STREET", "Agenda item 5 -")
HEADING_LABELS = frozenset({"item", "agenda", "minute", "number"})


def heading_only(c: dict) -> bool:
    """A line saying only which item or meeting this is: its words all in the item's number and title (and the words
    labelling a heading), or naming the meeting."""
    hit = c["hit"]
    own = c["own_words"] if "own_words" in c else content_words(c["clean"])
    heading = content_words(f"{hit.get('item_number') or ''} {hit.get('item_title') or ''}") | HEADING_LABELS
    return c["names_meeting_only"] or own <= heading | meeting_naming_words(hit)


def pick_sentences(tuning: AnswerSettings, cands: list[dict]) -> list[dict]:
    """The first sentence and up to `max_sentences` - 1 more, each near it in score, in document order. The first is
    not always the best scoring: a sentence of the kind asked for leads (a name, for "who")."""
    best = cands[0]["score"]
    near = [c for c in cands if c["score"] >= tuning.pick_share * best]
    said = [c for c in near if not heading_only(c)]
    if not said:  # only headings this near: the best sentence saying something, if it is near enough to be the answer
        said = [c for c in cands if c["score"] >= tuning.kind_share * best and not heading_only(c)][:1]
    cands = said or near  # the item's own heading is no answer where a sentence near it in score says something
    chosen: list[dict] = []
    for c in cands:
        if len(chosen) >= tuning.max_sentences:
            break
        if any(c["clean"] == o["clean"] for o in chosen):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c["hit"]["passage_id"], c["s"]))


def with_needed(needed: Sequence[dict | None], chosen: list[dict], most: int) -> list[dict]:
    """The chosen sentences holding every `needed` one (in place of the weakest when full), in document order."""
    held: list[dict] = []
    for n in needed:
        if n is not None and len(held) < most and all(n["clean"] != h["clean"] for h in held):
            held.append(n)
    new = sum(1 for h in held if all(h["clean"] != c["clean"] for c in chosen))  # each one not chosen yet adds a quote
    if not new:
        return chosen
    rest = [c for c in sorted(chosen, key=lambda c: -c["score"]) if all(c["clean"] != h["clean"] for h in held)]
    return sorted([*held, *rest[:max(0, min(most, len(chosen) + new) - len(held))]],
                  key=lambda c: (c["hit"]["passage_id"], c["s"]))
