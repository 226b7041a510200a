"""A topic followed across meetings: one cited point per meeting that discussed it, in date order.

Each topic of the question is retrieved wider than a single answer needs, the passages are grouped by meeting, and
a meeting is kept when its best sentence is genuinely on the topic (close to the best meeting's score and sharing
the topic's words, or very close in meaning). Its point quotes that meeting's most informative sentence: one that
states a figure or a decision is preferred to one that only names the subject.
"""
from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlencode

from index.dates import days_of, format_date
from index.text import content_words
from search.answer_pick import heading_only
from search.answer_types import title_line
from search.filters import Filters
from search.hits import public_hit
from search.named import documents_of_body_named
from search.periods import Period, period_of, within
from search.retrieve import search

# a sentence that states a change: what a "how has X changed" question wants from each meeting
CHANGE_STATED = re.compile(r"\b(?:increas|decreas|reduc|rose|risen|rising|fell|fallen|falling|drop|grew|grown|growing|declin|improv|"
                           r"worsen|coming\s+down|going\s+up|went\s+(?:up|down)|doubled|halved|(?:up|down)\s+(?:from|to|by))\w*|"
                           r"\bfrom\s+£?\d[\d.,]*\s*\w*\s+to\s+£?\d", re.I)

# a sentence sharing this share of its words with one already quoted repeats it
REPEAT_SHARE = 0.6


def topic_points(library, topic: str, filters, period: Period = Period(frozenset(), frozenset()),
                 change: bool = False, wanted: re.Pattern | None = None,
                 about_meeting: bool = False, named: frozenset[str] = frozenset()) -> tuple[list[dict], int, list[dict]]:
    """(points in date order, how many more on-topic meetings were left out, the hits read) for one topic; `period`
    bounds the meetings read, `change` prefers sentences that state a change and `wanted` ones that supply the kind
    of answer asked for (a name, a figure). A meeting's title and header block are a point only `about_meeting`
    (who attended, where it sat). Where the question names a body that singles out some documents (`named`),
    only their meetings are read: "Burton-cum-Walden Parish Council's generator" is no other council's."""
    from search.answer_types import meeting_header
    from search.candidates import candidates, relevance
    from search.figures import states_figure
    from search.quote_context import with_context

    tuning = library.settings.answer
    # wide: one long agenda pack can fill the first 40 passages and crowd out every other meeting
    hits = search(library, topic, k=tuning.across_passages, filters=filters, named=set(named) or None)
    per_meeting: dict[str, list[dict]] = {}
    for h in hits:
        if not within(period, h["meeting_date"]):  # "between 2023/24 and 2025/26": meetings that could report on it
            continue
        if named and h["document"] not in named:
            continue
        group = per_meeting.setdefault(h["meeting_id"], [])
        if len(group) < tuning.passages_per_meeting:
            group.append(h)
    read = [h for mid in list(per_meeting)[:tuning.meetings_read] for h in per_meeting[mid]]
    on_topic: list[dict] = []
    # "EHCP completions" is on the topic "timeliness of Education, Health and Care Plans"
    acronyms = library.store.known_acronyms()
    for c in candidates(library, topic, read, len(read), asked=period, sharing_only=True, acronyms=acronyms):
        if not about_meeting and (c["names_meeting_only"] or meeting_header(c)):
            continue  # says which meeting this is, nothing of the topic
        # rank in one merged list says little about which meeting said most: score meaning, words and content
        c["score"] = relevance(tuning, c["cos"], c["overlap"])
        if states_figure(c["clean"]):
            c["score"] += tuning.informative_bonus
        if c["decision"]:
            c["score"] += tuning.informative_bonus
        if change and CHANGE_STATED.search(c["clean"]):
            c["score"] += tuning.informative_bonus
        if wanted is not None and wanted.search(c["clean"]):
            c["score"] += tuning.informative_bonus
        c["score"] += tuning.period_weight * c["period"]
        if relevance(tuning, c["cos"], c["overlap"]) < tuning.on_topic_bar:  # meaning and shared words together  # the most informative sentence among those genuinely on the topic
            continue
        on_topic.append(c)
    if not on_topic:
        return [], 0, hits
    top = max(c["score"] for c in on_topic)
    by_meeting: dict[str, list[dict]] = {}
    for c in sorted(on_topic, key=lambda c: -c["score"]):
        if c["score"] >= tuning.on_topic_share * top:
            by_meeting.setdefault(c["hit"]["meeting_id"], []).append(c)
    kept = sorted((_distinct_items(group, tuning.items_per_meeting) for group in by_meeting.values()), key=lambda g: -g[0]["score"])
    shown, more = kept[:tuning.max_points], max(0, len(kept) - tuning.max_points)
    shown.sort(key=lambda group: (group[0]["hit"]["meeting_date"] or "", -group[0]["score"]))
    return [with_context(c) for group in shown for c in group], more, hits


def _distinct_items(ranked: list[dict], most: int) -> list[dict]:
    """A meeting's best sentence and, up to `most` in all, the best of its other agenda items that says something new:
    reports in one pack often repeat a background paragraph word for word."""
    picked: list[dict] = []
    seen: list[set[str]] = []
    for c in ranked:
        if len(picked) == most:
            break
        words = content_words(c["clean"])
        if picked and (heading_only(c) or title_line(c["clean"]) or any(x["hit"]["item_id"] == c["hit"]["item_id"] for x in picked)):
            continue
        if any(len(words & w) >= REPEAT_SHARE * max(1, min(len(words), len(w))) for w in seen):
            continue
        picked.append(c)
        seen.append(words)
    return picked


def research_link(topic: str) -> str:
    return "/research?" + urlencode({"q": topic})


def _points(library, question, topic: str, filters, named: frozenset[str]) -> tuple[list[dict], int, list[dict]]:
    """A topic's points: from every meeting that discussed it, or, when the question dates its meetings ("the
    meetings of 22 February 1999 and 14 January 2022"), from each of those."""
    from search.answer_types import ABOUT_THE_MEETING, supplies

    wanted = supplies(question.answer_type, clearest=True)
    about = bool(ABOUT_THE_MEETING.search(question.text))
    if not question.meeting_dates:
        return topic_points(library, topic, filters, period_of(question.text), question.change, wanted, about, named)
    points: list[dict] = []
    hits: list[dict] = []
    for day in question.meeting_dates:
        first, last = days_of(day)  # a day, or a whole month
        on_day = replace(filters or Filters(), date_from=first, date_to=last)
        found, _, read = topic_points(library, topic, on_day, change=question.change, wanted=wanted, about_meeting=about, named=named)
        points += found
        hits += read
    return sorted(points, key=lambda c: c["hit"]["meeting_date"] or ""), 0, hits  # stable: a meeting's sentences stay together


def answer_across(library, question, filters, k: int) -> dict | None:
    """The cross-meeting answer for a parsed question; None when no meeting is on any of its topics."""
    from search.cited import citation_of, supporting_hits
    from search.table_rows import labelled_row

    groups: list[dict] = []
    citations: list[dict] = []
    sentences: list[dict] = []
    hits_all: list[dict] = []
    chosen: list[dict] = []
    lines: list[str] = []
    named = frozenset(documents_of_body_named(library.store, question.text))  # whose meetings: the same for every topic
    for topic in question.topics:
        points, more, hits = _points(library, question, topic, filters, named)
        hits_all.extend(h for h in hits if h["passage_id"] not in {x["passage_id"] for x in hits_all})
        if not points:
            continue
        if len(question.topics) > 1:
            lines.append(f"{topic[:1].upper()}{topic[1:]}:")
        for i, c in enumerate(points):
            marker = len(citations) + 1
            citations.append(citation_of(marker, c))
            sentence = {"text": labelled_row(library.store, c) or c["clean"], "markers": [marker]}
            sentences.append(sentence)
            chosen.append(c)
            if i and points[i - 1]["hit"]["meeting_id"] == c["hit"]["meeting_id"]:  # another item of the same meeting
                groups[-1]["sentences"].append(sentence)
                lines[-1] += f" {sentence['text']} [{marker}]"
                continue
            groups.append({"topic": topic, "meeting_date": c["hit"]["meeting_date"], "committee": c["hit"]["committee"],
                           "sentences": [sentence]})
            body = f" ({c['hit']['committee']})" if c["hit"]["committee"] else ""  # a body the header did not name: no "(None)"
            lines.append(f"{format_date(c['hit']['meeting_date'])}{body}: {sentence['text']} [{marker}]")
        if more:
            groups[-1]["more"] = {"count": more, "research": research_link(topic)}
            lines.append(f"… and {more} more meeting{'s' if more > 1 else ''} ({research_link(topic)})")
    if not citations:
        return None
    public_hits = supporting_hits([public_hit(h) for h in hits_all], chosen, k)
    return {"question": question.text, "answer": "\n".join(lines), "abstained": False, "sentences": sentences, "groups": groups,
            "citations": citations, "passages": public_hits, "top_similarity": max(c["cos"] for c in chosen), "topics": question.topics}
