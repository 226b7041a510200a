"""Questions about how members voted, answered from the decisions recorded with each agenda item.

  "How did Councillor X vote on Y?"   -> X's recorded position on the decision about Y
  "Did X vote for / against Y?"       -> yes or no, with X's recorded position
  "Who voted against Y?"              -> the names listed under that position

Y (the question without its vote framing) is retrieved with the decisions filter on; the decision about Y is the
best-scoring decision of the top hits' items (meaning, shared words, rank), and the member is found by surname in
its roll call. Every answer is one sentence citing the decision's exact span. When the minutes record the decision
but not who voted which way, the answer says so; when no decision is about Y, it abstains.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.clean import clean_text
from search.filters import Filters
from search.hits import citation_label, load_hits, public_hit
from search.sentence_vectors import sentence_vectors

PASSAGES_READ = 8  # top decision-bearing passages whose items' decisions compete
SAME_MATTER_MARGIN = 0.05  # other decisions of the best item this close to it (an amendment, the main motion) also count
RECORDED_VOTE_BONUS = 0.1  # a decision with a roll call (names under each vote)...
RECORDED_COUNT_BONUS = 0.05  # ...or with its counts, over one recording neither
POSITIONS = ("ayes", "noes", "abstain", "absent")
POSITION_WORDS = {"ayes": "voted for (ayes)", "noes": "voted against (noes)", "abstain": "abstained", "absent": "was recorded absent"}
POSITION_LABELS = {"ayes": "for (ayes)", "noes": "against (noes)", "abstain": "abstaining", "absent": "absent"}

# Titles a member is named with; the name itself follows and is matched by surname.
_TITLE = (r"(?i:council\s*(?:member|woman|man|lor|or|person)s?|cllrs?\.?|commissioners?|trustees?|alderm[ae]n|alderwoman|"
          r"alderpersons?|ald\.|supervisors?|directors?|selectm[ae]n|selectwoman|deputy\s+mayor|vice[\s-]+mayor|"
          r"mayor(?:\s+pro\s+tem(?:pore)?)?|vice[\s-]+chair(?:man|woman|person)?|chair(?:man|woman|person)?|"
          r"(?:board\s+)?members?|senator|representative|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?)")
_CAP = r"[A-Z][A-Za-z'’\-]+"
# with a title the name may be typed in lower case; a bare name must be capitalised
_MEMBER = (rf"(?:(?P<title>{_TITLE})\s+(?P<tname>[A-Za-z][A-Za-z'’\-]*(?:\s+{_CAP}){{0,2}})"
           rf"|(?P<bare>{_CAP}(?:\s+{_CAP}){{0,2}}))")
_END = r"\s*[?.!]*\s*$"
_ON = r"(?i:on|for|about|regarding|over|concerning|with\s+regard\s+to|in\s+relation\s+to|when\s+it\s+came\s+to)"
HOW = re.compile(rf"^\s*(?i:how)\s+(?i:did|does|has|have|had|was|were)\s+{_MEMBER}\s+(?i:vote[ds]?|voting|cast\s+(?:his|her|their)\s+vote)"
                 rf"(?:\s+{_ON})?\s+(?P<topic>.+?){_END}")
WHAT = re.compile(rf"^\s*(?i:what)\s+(?i:was|is|were)\s+{_MEMBER}(?:'s|’s)\s+(?i:vote|position)\s+{_ON}\s+(?P<topic>.+?){_END}")
DID = re.compile(rf"^\s*(?i:did|does|has|had)\s+{_MEMBER}\s+(?P<stance>(?i:vote\s+(?:for|against|in\s+favou?r\s+of|to\s+(?:approve|adopt|support|reject|oppose|deny)|"
                 rf"yes\s+on|no\s+on|aye\s+on|nay\s+on|on)|abstain(?:\s+on|\s+from)?))\s+(?P<topic>.+?){_END}")
WAS = re.compile(rf"^\s*(?i:was)\s+{_MEMBER}\s+(?P<stance>(?i:absent\s+(?:for|from|on|during)|(?:for|against|in\s+favou?r\s+of)))\s+(?P<topic>.+?){_END}")
WHO = re.compile(rf"^\s*(?i:who|which\s+\w+(?:\s+\w+){{0,4}}?|what\s+\w+)\s+(?P<stance>(?i:voted\s+(?:against|for|in\s+favou?r\s+of|to\s+(?:approve|adopt|support|reject|oppose|deny)|"
                 rf"no\s+on|yes\s+on|aye\s+on|nay\s+on|no|yes|on)|abstained(?:\s+on|\s+from)?|(?:was|were)\s+absent\s+(?:for|from|on|during)|"
                 rf"did\s+not\s+vote\s+(?:on|for)))\s+(?P<topic>.+?){_END}")
# Words that open such a question but do not name a member ("How did Council vote ...").
NOT_A_MEMBER = re.compile(r"^(?:the|council|board|committee|commission|cabinet|panel|members?|everyone|everybody|anyone|anybody|"
                          r"they|we|you|it|he|she|staff|officers?|mayor|chair\w*|councill?ors?|council\s*members?|majority|minority)$", re.I)
_AGAINST = re.compile(r"against|\bno\b|\bnay\b|reject|oppose|deny", re.I)
_FOR = re.compile(r"\bfor\b|favou?r|approve|adopt|support|\byes\b|\baye\b|back", re.I)
_ROLL_CALL = re.compile(r"\b(?:ayes|yeas|noes|nays|absent|abstain\w*|excused|recused)\s*(?:\(\s*\d+\s*\))?\s*[:\-–]", re.I)


@dataclass
class VoteQuestion:
    kind: str  # how | did | who
    topic: str  # what was voted on, as the question words it
    member: str | None = None  # the name as asked
    title: str | None = None  # the title it was asked with ("Councillor")
    stance: str | None = None  # ayes | noes | abstain | absent, when the question names one


def _stance(words: str) -> str | None:
    words = words.lower()
    if "abstain" in words:
        return "abstain"
    if "absent" in words or "did not vote" in words:
        return "absent"
    if _AGAINST.search(words):
        return "noes"
    if _FOR.search(words):
        return "ayes"
    return None


def parse_vote_question(question: str) -> VoteQuestion | None:
    """The vote framing of a question, or None when it does not ask how a member (or who) voted."""
    q = re.sub(r"\s+", " ", question or "").strip()
    for rx, kind in ((HOW, "how"), (WHAT, "how"), (DID, "did"), (WAS, "did"), (WHO, "who")):
        m = rx.match(q)
        if not m:
            continue
        topic = m.group("topic").strip(" ,;:")
        if len(re.findall(r"\w+", topic)) < 1:
            return None
        stance = _stance(m.group("stance")) if "stance" in rx.groupindex and m.group("stance") else None
        if kind == "who":
            return VoteQuestion("who", topic, stance=stance)
        name = (m.group("tname") or m.group("bare") or "").strip()
        title = re.sub(r"\s+", " ", m.group("title")).strip() if m.group("title") else None
        if not name or NOT_A_MEMBER.match(name) or (not title and NOT_A_MEMBER.match(name.split()[0])):
            return None
        return VoteQuestion(kind, topic, member=name, title=title, stance=stance)
    return None


# --------------------------------------------------------------------------------------------- describing decisions
def _surname(name: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", (name or "").replace("’", "'"))
    return words[-1].lower().strip("'-") if words else ""


def member_position(decision: dict, member: str | None) -> tuple[str, str] | None:
    """(position, name as printed) of `member` in a decision's roll call, matched by surname, case-insensitive."""
    if not member or not _surname(member):
        return None
    wanted = _surname(member)
    for position in POSITIONS:
        for printed in (decision.get("names") or {}).get(position) or []:
            if _surname(printed) == wanted or re.sub(r"\s+", " ", printed).lower() == member.lower():
                return position, printed
    return None


def tally(decision: dict) -> str:
    """'4–2', '5–0 (1 abstaining, 1 absent)' from a decision's counts; '' when none were recorded."""
    votes = decision.get("votes") or {}
    out = ""
    if "ayes" in votes and "noes" in votes:
        out = f"{votes['ayes']}–{votes['noes']}"
    elif "ayes" in votes:
        out = f"{votes['ayes']} in favour"
    elif "noes" in votes:
        out = f"{votes['noes']} against"
    extra = [f"{votes[k]} {w}" for k, w in (("abstain", "abstaining"), ("absent", "absent")) if votes.get(k)]
    if extra:
        out = f"{out} ({', '.join(extra)})" if out else ", ".join(extra)
    return out


def outcome_phrase(decision: dict) -> str:
    """'motion carried 4–2', 'resolution noted', 'motion failed 2–4 (1 absent)'."""
    text = decision.get("text") or ""
    if decision.get("mover") or re.search(r"\b(?:motion|moved)\b", text, re.I):
        noun = "motion"
    elif re.match(r"\s*RESOLVED\b", text, re.I):
        noun = "resolution"
    else:
        noun = "decision"
    counts = tally(decision)
    return f"{noun} {decision.get('outcome') or 'recorded'}" + (f" {counts}" if counts else "")


def describe_decision(decision: dict) -> str:
    """One line for tables and exports: 'carried 4–2, moved Nakamura, seconded Delgado; noes: Brennan, Whitfield'."""
    parts = [" ".join(p for p in (decision.get("outcome") or "recorded", tally(decision)) if p)]
    if decision.get("mover"):
        parts.append(f"moved {decision['mover']}")
    if decision.get("seconder"):
        parts.append(f"seconded {decision['seconder']}")
    line = ", ".join(parts)
    names = decision.get("names") or {}
    listed = [f"{k}: {', '.join(names[k])}" for k in ("noes", "abstain") if names.get(k)]
    return "; ".join([line, *listed])


def hit_decisions(hit: dict) -> list[dict]:
    """The decisions a hit's passage records; all of its item's decisions when the passage holds none of them."""
    decisions = hit.get("decisions") or []
    start, end = hit.get("start"), hit.get("end")
    if start is None or end is None:
        return decisions
    inside = [d for d in decisions if d.get("start", 0) < end and start < d.get("end", 0)]
    return inside or decisions


def describe_hit_decisions(hit: dict) -> str:
    """The 'Decision' column of the research table and its exports ('' for an item that records none)."""
    return " | ".join(describe_decision(d) for d in hit_decisions(hit))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------------------------- answering
def _core(text: str) -> str:
    """A decision's wording without its roll-call lists (names say nothing about the matter voted on)."""
    m = _ROLL_CALL.search(text)
    return text[:m.start()] if m and m.start() > 20 else text


def _candidates(library, topic: str, hits: list[dict]) -> list[dict]:
    """Every decision of the top hits' items, scored for being the decision about `topic`."""
    from index.text import content_words
    from search.candidates import relevance

    tuning = library.settings.answer
    cands: list[dict] = []
    seen: dict[tuple, dict] = {}
    first_rank: dict[str, int] = {}
    for rank, hit in enumerate(hits[:PASSAGES_READ]):
        first_rank.setdefault(hit["item_id"], rank)
        for d in hit.get("decisions") or []:
            key = (hit["item_id"], d.get("start"), d.get("end"))
            overlaps = d.get("start", 0) < hit["end"] and hit["start"] < d.get("end", 0)
            if key in seen:
                if overlaps and seen[key]["hit"] is None:
                    seen[key].update(hit=hit, rank=rank)
                continue
            seen[key] = {"decision": d, "item_hit": hit, "hit": hit if overlaps else None, "rank": rank}
            cands.append(seen[key])
    if not cands:
        return []
    for c in cands:
        if c["hit"] is None:  # the item was found, but not the passage holding this decision: it ranks a little lower
            c["rank"] = first_rank[c["item_hit"]["item_id"]] + 2
    texts = [topic] + [f"{c['item_hit']['item_title']}. {_core(clean_text(c['decision'].get('text') or ''))}" for c in cands]
    passages = {id(c["hit"]): c["hit"] for c in cands if c["hit"] is not None}
    order = list(passages)
    vecs = sentence_vectors(library).embed(texts + [passages[i]["clean"] for i in order])  # each alone, remembered
    q = vecs[0]
    passage_cos = {i: float(vecs[len(texts) + n] @ q) for n, i in enumerate(order)}
    qwords = content_words(topic)
    for n, c in enumerate(cands, 1):
        sim = float(vecs[n] @ q)
        if c["hit"] is not None:
            sim = max(sim, passage_cos[id(c["hit"])])
        words = texts[n] + " " + (c["hit"]["clean"] if c["hit"] is not None else "")
        overlap = len(qwords & content_words(words)) / max(1, len(qwords))
        score = relevance(tuning, sim, overlap) + tuning.rank_bonus / (1 + c["rank"])
        # the question is about a vote: a decision recording one (names, or at least counts) is the better evidence
        if c["decision"].get("names"):
            score += RECORDED_VOTE_BONUS
        elif c["decision"].get("votes"):
            score += RECORDED_COUNT_BONUS
        c.update(sim=sim, overlap=overlap, score=score)
    return sorted(cands, key=lambda c: -c["score"])


def _cited_passage(store, item_id: str, decision: dict, hits: list[dict]) -> dict | None:
    """The hit for the passage of the item holding most of the decision (the retrieved one when it does)."""
    rows = store.passage_spans(item_id)
    ds, de = decision.get("start", 0), decision.get("end", 0)
    best = max(rows, key=lambda r: (min(de, r["end"]) - max(ds, r["start"]), -r["start"]), default=None)
    if best is None:
        return None
    found = next((h for h in hits if h["passage_id"] == best["id"]), None)
    if found is not None:
        return found
    loaded = load_hits(store, [(best["id"], 0.0)])
    return loaded[0] if loaded else None


def citation_of(store, hit: dict, decision: dict) -> dict:
    """The decision's exact span, cited in the shape of the extractive answers' citations (offsets within the item)."""
    item_offset = hit["start"] - hit["item_start"]  # the item's offset in its document (a hit's item_start is its passage's in the item)
    doc = store.document_text_of_item(hit["item_id"])
    s, e = decision["start"], decision["end"]
    return {
        "marker": 1, "passage_id": hit["passage_id"], "item_id": hit["item_id"], "document": hit["document"],
        "committee": hit["committee"], "meeting_date": hit["meeting_date"], "item_number": hit["item_number"],
        "item_title": hit["item_title"], "pages": hit["pages"], "quote": doc[s:e], "start": s - item_offset, "end": e - item_offset,
        "label": citation_label(hit["committee"], hit["meeting_date"], hit["item_number"], hit["item_title"], hit["pages"]),
        "also_in": hit.get("also_in", []),
    }


def _item_name(hit: dict) -> str:
    title = re.sub(r"\s+", " ", hit.get("item_title") or "").strip()
    return f"item {hit['item_number']}, “{title}”" if hit.get("item_number") else f"“{title}”"


def _sentence(vq: VoteQuestion, cand: dict) -> tuple[str, dict]:
    """The answer sentence (without its marker) and what it found."""
    d, item = cand["decision"], _item_name(cand["item_hit"])
    outcome = outcome_phrase(d)
    names = d.get("names") or {}
    votes = d.get("votes") or {}
    if vq.kind == "who":
        key = vq.stance
        if key is None:
            listed = [f"{POSITION_LABELS[k]}: {_join(names[k]) if names[k] else 'none'}" for k in POSITIONS if k in names]
            if listed:
                return f"On {item}: {'; '.join(listed)} — {outcome}.", {"found": True}
        elif names.get(key):
            lead = {"abstain": "Abstaining on", "absent": "Absent for the vote on"}.get(key, f"Voting {POSITION_LABELS[key]} on")
            return f"{lead} {item}: {_join(names[key])} — {outcome}.", {"found": True, "names": names[key]}
        elif key in names or votes.get(key) == 0:
            return f"No member is recorded as voting {POSITION_LABELS[key]} on {item} — {outcome}.", {"found": True, "names": []}
        elif votes.get(key):
            n = votes[key]
            return (f"The minutes record {n} {'member' if n == 1 else 'members'} {POSITION_LABELS[key]} on {item} — {outcome} — "
                    f"but do not name {'them' if n > 1 else 'who'}.", {"found": False})
        return f"The minutes record the decision on {item} — {outcome} — but not how each member voted.", {"found": False}
    found = member_position(d, vq.member)
    if found:
        position, printed = found
        who = f"{vq.title} {printed}" if vq.title else printed
        lead = ""
        if vq.kind == "did" and vq.stance:
            lead = "Yes: " if position == vq.stance else "No: "
        if position == "absent":
            text = f"{lead}{who} was recorded absent for the vote on {item} — {outcome}."
        else:
            text = f"{lead}{who} {POSITION_WORDS[position]} on {item} — {outcome}."
        return text, {"found": True, "position": position, "name": printed}
    asked = f"{vq.title} {vq.member}" if vq.title else vq.member
    if any(names.get(k) for k in POSITIONS):
        return (f"The minutes record the roll call on {item} — {outcome} — but do not list {asked} among the members voting.",
                {"found": False})
    return (f"The minutes record the decision on {item} — {outcome} — but not how each member voted, so {asked}'s vote "
            "is not recorded.", {"found": False})


def _choose(vq: VoteQuestion, cands: list[dict]) -> dict:
    """The decision about the topic; a close alternative in the same item (amendment and main motion) when it
    names the member (or, for 'who', lists names) and the best does not."""
    best = cands[0]
    group = [best] + [c for c in cands[1:] if c["item_hit"]["item_id"] == best["item_hit"]["item_id"]
                      and c["score"] >= best["score"] - SAME_MATTER_MARGIN]
    for c in group:
        names = c["decision"].get("names") or {}
        if vq.kind == "who" and (names.get(vq.stance) if vq.stance else names):
            return c
        if vq.kind != "who" and member_position(c["decision"], vq.member):
            return c
    # nobody matched: report on the roll call that was read, if the matter has one
    return next((c for c in group if c["decision"].get("names")), best)


def answer_vote(library, question: str, filters: Filters | None = None, k: int = 10) -> dict | None:
    """A cited answer to a question about how members voted; None when the question is not one."""
    from search.answer import NOT_FOUND
    from search.cited import abstention
    from search.retrieve import search

    vq = parse_vote_question(question)
    if vq is None:
        return None
    with_decisions = replace(filters or Filters(), decisions=True)
    hits = search(library, vq.topic, k=max(k, PASSAGES_READ), filters=with_decisions)
    public_hits = [public_hit(h) for h in hits]
    cands = _candidates(library, vq.topic, hits)
    threshold = library.settings.abstain_threshold
    relevant = [c for c in cands if c["sim"] >= threshold or c["overlap"] >= 0.5]
    if not relevant:
        if not public_hits:  # nothing with a decision: show the nearest passages of any kind
            public_hits = [public_hit(h) for h in search(library, vq.topic, k=k, filters=filters)]
        result = abstention(question, NOT_FOUND, public_hits[:k], [])
        result["top_similarity"] = max((c["sim"] for c in cands), default=None)
        return result
    chosen = _choose(vq, relevant)
    hit = _cited_passage(library.store, chosen["item_hit"]["item_id"], chosen["decision"], hits) or chosen["item_hit"]
    citation = citation_of(library.store, hit, chosen["decision"])
    text, found = _sentence(vq, chosen)
    passages = public_hits[:k]
    if hit["passage_id"] not in {p["passage_id"] for p in passages}:
        passages.append(public_hit(hit))
    sentence = {"text": text, "markers": [1]}
    return {"question": question, "answer": f"{text} [1]", "abstained": False, "sentences": [sentence], "groups": [],
            "citations": [citation], "passages": passages, "top_similarity": chosen["sim"],
            "vote": {"kind": vq.kind, "member": vq.member, "topic": vq.topic, "stance": vq.stance, **found,
                     "decision": chosen["decision"], "item_id": chosen["item_hit"]["item_id"]}}
