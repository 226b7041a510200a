"""Find the decisions an item records: UK resolutions, motions with mover, seconder and vote, consensus.

Council minutes state decisions in a handful of shapes, whatever the publishing system:
  "RESOLVED: That the report be noted."                                  (UK, Australia)
  "Motion by Smith, seconded by Jones, to approve. Motion carried 5-0."  (US)
  "Moved by Councillor A, seconded by Councillor B ... CARRIED"          (Canada, Australia, NZ)
  "AYES: Adams, Baker  NOES: None  ABSENT: Cole"                         (roll calls)
  "It was unanimously agreed that ..."                                   (consensus)
A decision's span runs from where the motion is put to the end of its outcome and roll call.
"""
from __future__ import annotations

import re

from index.clean import clean_text
from index.records import Decision
from index.resolutions import find_resolutions
from index.text import sentence_end_after, sentence_start_before

_MOVER_TITLE = r"(?:Councill?ors?|Cllrs?\.?|Crs?\.?|Mayor|Deputy\s+Mayor|Commissioners?|Trustees?|Directors?)[ \t\n]+"
_MEMBER = rf"(?:{_MOVER_TITLE})?[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?"
# "Councillor Kerr/Councillor Lawson": the mover's title is required, or any "Risks/Opportunities" line is a motion
_TITLED_MEMBER = rf"{_MOVER_TITLE}[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?"
MAX_DECISION_CHARS = 1500  # a bare outcome ("CARRIED") closes a motion put at most this far above it
MAX_MOTION_CHARS = 4000  # a motion's wording, debate and roll call up to its outcome
_CI = re.I | re.M

# Where a motion is put.
MOTION_START = re.compile(
    r"\b(?:motion\s+(?:was\s+)?(?:made\s+)?(?:by|from|of)\b|(?:it\s+was\s+)?moved\s+by\b|(?:up)?on\s+(?:a\s+|the\s+)?motion\s+(?:of|by|from|made by)\b"
    r"|made\s+(?:a|the)\s+motion\b|\bnominated\b(?=[\s\S]{0,400}?\bsecond(?:ed)?\b)|moved(?:,)?\s+(?:and\s+)?seconded\b|(?:^|(?<=\s))(?:moved|proposed)\s*[:\-–]"
    r"|motion\s*[:\-–]|proposed\s+by\b(?!-)|\bmoved\s+that\b|\bmoved\s+to\s+(?!the\s|a\s|an\s|item\b|next\b)|\bmoved,|(?-i:\b(?:Mr|Mrs|Ms|Miss|Dr|Cllrs?|Councill?or|Cr)\.?\s+(?:[A-Z][\w'’-]+\s+){1,2}|\b[A-Z]{2,3}\s+)proposed\b"
    r"|\b(?:we|i)\s+(?:therefore\s+|hereby\s+)?(?:resolve|move)\s+that\b|a\s+motion\s+was\s+(?:made\s+)?(?:to|by)\b|motion\s+was\s+made\b|(?:^|(?<=[.:–—-]\s))[ \t]*motion\s+to\b)|\((?:motion|moved|mover)\)"
    rf"|^[ \t]*{_TITLED_MEMBER}\s*/\s*{_MEMBER}[ \t]*$", _CI)
MOTION_BODY = re.compile(r"[\s:.>]*(?:(?:seconded|seconder)\b[^\n]*\n[\s:>]*)?(?:that|to)\b", re.I)  # ">": Markdown quote lines
# How it ended.
OUTCOME = re.compile(
    r"\b(?:the\s+)?(?:main\s+|substantive\s+|original\s+)?(?:motion|amendment|resolution|recommendation|vote|item|adjournment)s?"
    r"(?:\s+as\s+amended)?\s+(?:was\s+|were\s+|is\s+|has\s+been\s+)?(?:duly\s+|then\s+)?"
    r"(?:carried|passed|approved|adopted|failed|defeated|lost|withdrawn|tabled|deferred|postponed|fails|passes|carries)\b"
    r"|^[ \t\-–*(]*(?:carried|lost|defeated|failed|adopted|passed|approved|deferred)\b[ \t,]*(?:unanimously|by\s+(?:a\s+)?(?:majority|unanimous)[^\n]{0,30}|\(?\d{1,2}\s*[-–:/]\s*\d{1,2}(?:\s*[-–:/]\s*\d{1,2})?\)?)?[ \t.)*]*$"
    r"|\bunanimously\s+(?:agreed|approved|carried|resolved|adopted|voted|passed|recommended|accepted|supported|endorsed)\b"
    r"|\b(?:all|those)\s+(?:members\s+)?(?:were\s+)?in\s+favou?r\b"
    r"|\bit\s+was\s+(?:unanimously\s+)?(?:agreed|decided|resolved|concluded)\b"
    r"|\b(?:the\s+)?(?:[A-Z]\w+\s+){0,2}(?:board|council|committee|commission|panel|members|councillors|trustees|commissioners)\s+"
    r"(?:unanimously\s+)?(?:agreed|decided|voted|resolved|received|noted|reviewed|accepted)\b"
    r"|\ball\s+in\s+agreement\b|\b(?:it\s+was\s+)?the\s+consensus\s+of\b|\bby\s+consensus\b|\bagreed\s+by\s+all\b"
    r"|(?<=[.;:]\s)(?:carried|lost|defeated|failed|passed)\s*,?\s*(?:unanimously|\(?\d{1,2}\s*[-–:/]\s*\d{1,2}\)?)"  # "... Second by Ruiz. Defeated 2-3."
    r"|\b(?:carried|lost)\b(?=[ \t.]*$)|^[ \t•▪◦·*-]*(?:o[ \t]+)?(?-i:APPROVED|CARRIED|ADOPTED|PASSED|DENIED|DEFEATED|TABLED|DEFERRED|LOST|FAILED)\b"
    r"|^[ \t*]*(?:agreed|decision)\s*[:\-–]|(?:^|(?<=[.:]\s))[ \t]*resolved\s+to\b"
    # the operative verb in capitals, as eSCRIBE minutes print a resolution ("That it BE NOTED that ...", "That the meeting BE ADJOURNED")
    # (only those that stand alone: "BE INTRODUCED", "BE TAKEN" are wording inside a motion whose vote follows)
    r"|(?-i:\bThat\s+(?:it|the\s+meeting)\s+BE\s+(?:NOTED|ADJOURNED))\b"
    r"|\bbe\s+and\s+(?:is|are)\s+hereby\s+(?:made|approved|adopted|given|granted|confirmed|agreed|noted|authori[sz]ed)\b"  # "That the Plan be and is hereby made"
    # a hearing's finding on its own line, or ending one ("No Violation", "Violation - Written Warning", "... Granted")
    r"|^[ \t*]*(?:no\s+violation|violation(?:\s+on\s+all\s+counts)?(?:\s*[-–][^\n]{0,60})?)[ \t.]*(?:\([^\n]{0,120}\))?[ \t.]*$"
    r"|(?:^|(?<=[.;:)]\s)|(?<=[.;:)]))[ \t]*(?:granted|acknowledged|dismissed)[ \t.]*$"  # not "The Chair acknowledged" wrapped
    r"|\s[–—-]\s*(?:approved|adopted|accepted|denied|deferred|tabled|ratified)(?:\s+as\s+(?:submitted|presented|amended|read|circulated|corrected))?[ \t.]*$"
    r"|^[ \t*]*(?:result|action|disposition|outcome|action\s+taken)\s*[:\-–]\s*(?:approved|adopted|carried|passed|failed|denied|defeated|"
    r"continued|tabled|deferred|withdrawn|received|accepted|noted)\b[^\n]*",
    _CI)
# Roll-call labels: "AYES: A, B  NOES: None  ABSENT: C" (one line or several).
VOTE_LABEL = re.compile(
    r"\b(?P<label>ayes|aye|yeas|yea|yes|in\s+favou?r|for|noes|nays|nay|no|against|opposed|abstain(?:ed|ing|s|tions?)?|abstentions?|absent|excused|recused)"
    r"[ \t]*(?:\(\s*(?P<count>\d{1,3})\s*\)[ \t]*(?:[:\-–]|\n)|[:\-–])\s*", re.I)
_VOTE_KEY = {"ayes": "ayes", "aye": "ayes", "yeas": "ayes", "yea": "ayes", "yes": "ayes", "for": "ayes",
             "noes": "noes", "nays": "noes", "nay": "noes", "no": "noes", "against": "noes", "opposed": "noes",
             "absent": "absent", "excused": "absent", "recused": "abstain"}
ROLL_LINE = re.compile(r"^[ \t]*(?:ayes|yeas|noes|nays|absent|abstain\w*|abstention\w*|excused|recused|in\s+favou?r|against|for|voting)\b[^\n]*[:\-–]"
                       r"|^[ \t]*(?:yes|no)[ \t]*:"  # "Yes: Lefkovitz, Keefer", not "No further business - ..."
                       r"|^[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\brecorded\s+(?:their|his|her)\s+votes?\b[^\n]*", _CI)
ROLL_CALL = re.compile(r"roll[\s-]+call\b", re.I)
VOTE_COUNT = re.compile(
    r"\b(?:carried|passed|failed|approved|adopted|defeated|lost|vote[sd]?|carries|passes|fails)\b[^\n.\d]{0,25}?\(?\s*"
    r"(?P<a>\d{1,2})\s*(?:-|–|to|:|/)\s*(?P<n>\d{1,2})(?:\s*(?:-|–|to|:|/)\s*(?P<x>\d{1,2}))?\s*\)?(?![\d/])", re.I)
COUNT_WORDS = re.compile(
    r"(?P<a>\d{1,2})\s*(?:votes?\s+)?(?:for|in\s+favou?r|ayes?|yeas?)\b[\s,;]*(?:(?:and|with)\s+)?(?P<n>\d{1,2})\s*(?:votes?\s+)?(?:against|noes?|nays?|opposed)"
    r"(?:[\s,;]*(?:and\s+)?(?P<x>\d{1,2})\s*(?:abstentions?|abstaining|abstained))?", re.I)
_TITLE = (r"(?i:Council\s*(?:Member|woman|man|lor|or)s?|Cllrs?\.?|Commissioners?|Trustees?|Directors?|Alderm[ae]n|Alderpersons?|Ald\.|"
          r"Supervisors?|Selectm[ae]n|Deputy\s+Mayor|Vice[\s-]+Mayor|Mayor(?:\s+Pro\s+Tem(?:pore)?)?|Vice[\s-]+Chair(?:man|woman|person)?|"
          r"Chair(?:man|woman|person)?|(?:Vice[\s-]+)?President|(?:Board\s+)?Members?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Secretary|Treasurer)")
_NAME = r"(?:[A-Z]\.?\s+)?[A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]{2,}){0,2}"
MOVER = [re.compile(rf"(?i:moved\s+by|motion\s+(?:was\s+)?(?:made\s+)?(?:by|from|of)|(?:up)?on\s+(?:a\s+|the\s+)?motion\s+(?:of|by|from|made by)|proposed\s+by|(?:moved|proposed|motion)\s*[:\-–])[:\-–]?"
                    rf"\s*(?:{_TITLE}\s+)*(?P<name>{_NAME})"),
         re.compile(rf"(?:{_TITLE}\s+)(?P<name>{_NAME})\s+(?i:moved|made\s+(?:a|the)\s+motion)\b"),
         re.compile(rf"(?P<name>{_NAME})\s*\((?i:motion|moved|mover)\)"),
         re.compile(rf"(?:{_TITLE}\s+)?(?P<name>{_NAME})\s+(?i:proposed)\b"),
         re.compile(rf"(?i:was\s+made\s+by)\s+(?:{_TITLE}\s+)*(?P<name>{_NAME})"),
         re.compile(rf"^\s*(?:{_TITLE}\s+)?(?P<name>{_NAME})\s*/\s*")]
SECONDER = [re.compile(rf"(?i:second(?:ed)?\s+by|supported\s+by)\s*(?:{_TITLE}\s+)*(?P<name>{_NAME})"),
            re.compile(rf"(?i:second)\s*[:\-–]\s*(?:{_TITLE}\s+)*(?P<name>{_NAME})"),
            re.compile(rf"(?i:seconded|seconder)\s*[:\-–]\s*(?:{_TITLE}\s+)*(?P<name>{_NAME})"),
            re.compile(rf"(?:{_TITLE}\s+)(?P<name>{_NAME})\s+(?i:seconded)\b"),
            re.compile(rf"(?P<name>{_NAME})\s*\((?i:second|seconded|seconder)\)"),
            re.compile(rf"^\s*(?:{_TITLE}\s+)?{_NAME}\s*/\s*(?:{_TITLE}\s+)?(?P<name>{_NAME})")]
_NOT_NAME = re.compile(r"^(?:the|that|to|and|a|an|this|it|council|board|committee|motion|resolution|None|All|Carried|Unanimous\w*|Seconded|Second|Moved|Proposed|Motion|Resolved|Voting|Ayes?|Noes?|Nays?|Result)$", re.I)

FAILED = re.compile(r"\b(?:failed|fails|defeated|lost|not\s+carried|did\s+not\s+(?:pass|carry)|rejected|was\s+not\s+(?:approved|adopted|agreed)|withdrawn)\b", re.I)
DEFERRED = re.compile(r"\b(?:deferred|tabled|postponed|continued\s+to|referred\s+back|deferral|defer|continue\s+(?:this|the)\s+(?:item|matter|hearing))\b", re.I)
READ_RESOLUTION = re.compile(r"\b(?:we|i)\s+(?:therefore\s+|hereby\s+)?resolve\s+that\b|\bbe\s+it\s+(?:therefore\s+|further\s+)?resolved\b", re.I)
HEAD_CHARS = 200  # the motion's own wording, where "to defer" says what the decision is
DEFER_ACTION = re.compile(r"\b(?:to\s+(?:defer|table|postpone|continue)|be\s+(?:deferred|tabled|postponed|continued)|"
                          r"(?:deferred|tabled|postponed|continued)\s+(?:to|until)\b|continue\s+(?:this|the)\s+(?:item|matter|hearing))", re.I)
BARE_MOTION = re.compile(r"^[^.]{0,80}?\bmoved\s+by\s+[^.]{1,60}?\bto\s+(?:adopt|approve|receive(?:\s+and\s+file)?|accept|concur)\b[^.]{0,30}\.", re.I)
AMENDED = re.compile(r"\b(?:as\s+amended|amendment\s+(?:was\s+)?(?:carried|passed|approved|adopted))\b", re.I)
CARRIED = re.compile(r"\b(?:carried|passed|carries|passes|in\s+favou?r|unanimously)\b", re.I)
FINDING = re.compile(r"\bviolation\b", re.I)  # a hearing's finding ("No Violation", "Violation - Written Warning") is the board's motion
APPROVED = re.compile(r"\b(?:approve[ds]?|adopt(?:ed|s)?|ratif(?:y|ied)|authori[sz]ed?|agreed|accepted|endorsed|awarded|granted)\b", re.I)
NOTED = re.compile(r"\b(?:notes?|noted|receives?|received|receipt|reviewed|acknowledged)\b", re.I)


def find_decisions(text: str, start: int, end: int) -> list[Decision]:
    """Every decision recorded in text[start:end], in order."""
    spans = [(s, e) for s, e in find_resolutions(text, start, end)]
    for m in MOTION_START.finditer(text, start, end):
        s, e = _motion_span(text, m.start(), end, m.end())
        if _is_recorded(text[s:e]):  # "Motion to approve the minutes" in an agenda is not a decision yet
            spans.append((s, e))
    for m in OUTCOME.finditer(text, start, end):
        s = sentence_start_before(text, m.start(), start)
        e = sentence_end_after(text, m.end(), end)
        if _is_bare_outcome(text, m):  # a bare "CARRIED" closes the motion written above it
            opened = [x.start() for x in MOTION_START.finditer(text, max(start, m.start() - MAX_DECISION_CHARS), m.start())]
            s = opened[-1] if opened else sentence_start_before(text, max(start, s - 1), start)
            e = max(e, _wording_after(text, s, m, end))
        elif not text[s:m.start()].strip(" \t-–*(") and len(text[m.end():e].split()) <= RESULT_TAIL_WORDS:
            s = _paragraph_motion(text, s, start)  # "... be adopted as published. Carried.": it closes the paragraph's motion
        spans.append((s, _with_roll_call(text, e, end)))
    decisions = []
    previous_end = start
    for s, e in _merge(spans):
        if BARE_MOTION.match(re.sub(r"\s+", " ", text[s:s + 200])):
            s = previous_end  # "Moved by X to adopt." adopts what the item set out above it
        s, e = _trim(text, s, e)
        if e - s < 8:
            continue
        decisions.append(parse_decision(text, s, e))
        previous_end = e
    return decisions


RESULT_TAIL_WORDS = 3  # "Carried unanimously (5-0)." is a result alone; "It was agreed to continue with CGM" says what was agreed


def _paragraph_motion(text: str, s: int, floor: int) -> int:
    """Where the motion that a result opening its own sentence closes begins: the motion put in its paragraph, or
    the paragraph's start ("R2020-173 L. Moore, L. Andersen: That we pass By-Law ... passed this 15th day. Carried.")."""
    lo = max(floor, s - MAX_DECISION_CHARS)
    breaks = list(PARAGRAPH_BREAK.finditer(text, lo, s))
    para = breaks[-1].end() if breaks else lo
    opened = [x.start() for x in MOTION_START.finditer(text, para, s)]
    return opened[-1] if opened else para


def _is_recorded(span: str) -> bool:
    """A motion the minutes record: with its outcome, a vote, or who moved or seconded it."""
    flat = re.sub(r"\s+", " ", span)
    if READ_RESOLUTION.search(flat[:200]):
        return True  # a resolution read into the record ("We therefore resolve that ...")
    return bool(OUTCOME.search(span) or VOTE_COUNT.search(flat) or _first_name(MOVER, flat) or _first_name(SECONDER, flat))


def parse_decision(text: str, start: int, end: int) -> Decision:
    """A decision's outcome, mover, seconder and votes from its wording."""
    span = text[start:end]
    flat = re.sub(r"\s+", " ", span)
    votes, names = _roll_call(span)
    if not names:
        votes, names = _member_votes(span)
    for rx in (VOTE_COUNT, COUNT_WORDS):
        m = rx.search(flat)
        if m:
            votes.setdefault("ayes", int(m.group("a")))
            votes.setdefault("noes", int(m.group("n")))
            if m.group("x"):
                votes.setdefault("abstain", int(m.group("x")))
            break
    if votes.get("ayes") and re.search(r"\bunanimous", flat, re.I):
        votes.setdefault("noes", 0)
    return Decision(text=clean_text(span)[:MAX_DECISION_CHARS], outcome=classify_outcome(flat, votes), start=start, end=end,
                    mover=_first_name(MOVER, flat), seconder=_first_name(SECONDER, flat), votes=votes, names=names)


def classify_outcome(flat: str, votes: dict[str, int] | None = None) -> str:
    """carried | failed | deferred | noted | approved | amended, from the words (and counts) of a decision."""
    found = " ".join(m.group(0) for m in OUTCOME.finditer(flat))
    outcome_words = found or flat
    if FAILED.search(outcome_words) or (votes and votes.get("ayes", 1) < votes.get("noes", 0)):
        return "failed"
    if DEFERRED.search(outcome_words) or DEFER_ACTION.search(flat[:HEAD_CHARS]):  # a motion to defer that carried defers the item
        return "deferred"
    if AMENDED.search(outcome_words) or re.search(r"\bas\s+amended\W{0,3}(?:carried|passed|approved|adopted)|(?:carried|passed|approved|adopted)\s+as\s+amended", flat, re.I):
        return "amended"
    if CARRIED.search(outcome_words) or FINDING.search(found):
        return "carried"
    if NOTED.search(flat) and not APPROVED.search(flat):
        return "noted"
    if APPROVED.search(flat):
        return "approved"
    return "carried"


def _first_name(patterns, flat: str) -> str | None:
    for rx in patterns:
        for m in rx.finditer(flat):
            name = _clean_name(m.group("name"))
            if name:
                return name
    return None


def _clean_name(name: str) -> str | None:
    words = [w for w in name.split() if not _NOT_NAME.match(w)]
    while words and re.fullmatch(_TITLE, words[0]):
        words.pop(0)  # "Mrs Hull", "Councillor Piper"
    if any(not w.isupper() for w in words):
        words = [w for w in words if not (w.isupper() and len(w) > 2)]  # "Allen Fisk SECOND": a label run on
    while words and words[-1].lower() in {"to", "that", "and", "the"}:
        words.pop()
    name = " ".join(words).strip(" ,.;")
    return name if name and not _NOT_NAME.match(name) and name[0].isupper() else None


def _roll_call(span: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Counts and names listed under AYES / NOES / ABSTAIN / ABSENT labels."""
    votes: dict[str, int] = {}
    names: dict[str, list[str]] = {}
    labels = [m for m in VOTE_LABEL.finditer(span) if _label_ok(span, m)]
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(span)
        raw = span[m.end():stop]
        raw = re.split(r"\n[ \t]*\n|(?<=[a-z])\.\s+(?=[A-Z])|\b(?:the\s+)?(?:motion|carried|passed|failed)\b", raw, maxsplit=1, flags=re.I)[0]
        key = _VOTE_KEY.get(m.group("label").lower().split()[0] if " " not in m.group("label") else "for",
                            "abstain" if m.group("label").lower().startswith(("abstain", "abstention")) else None)
        if m.group("label").lower().replace(" ", "").startswith("infavo"):
            key = "ayes"
        if key is None:
            continue
        counted = re.search(r"\(\s*(\d{1,3})\s*\)\s*$", raw.strip())  # "Adams, Baker (2)" or "(0)"
        if counted:
            raw = raw.strip()[:counted.start()]
        listed = _split_names(raw)
        stated = m.group("count") or (counted.group(1) if counted else None)
        if stated:
            votes[key] = int(stated)
        elif re.fullmatch(r"\s*(\d{1,3})\s*[.;,]?\s*", raw):
            votes[key] = int(raw.strip(" .;,\n"))
            continue
        if listed or re.match(r"\s*(?:none|nil|0)\b", raw, re.I):
            names[key] = listed
            votes.setdefault(key, len(listed))
    return votes, names


ROLL_ITEM = re.compile(rf"(?:{_TITLE}\s+)?(?P<name>{_NAME})\s*[–—:-]\s*(?P<v>(?i:yes|aye|yea|no|nay|abstain(?:ed)?|absent))\b")
_ROLL_KEY = {"yes": "ayes", "aye": "ayes", "yea": "ayes", "no": "noes", "nay": "noes", "abstain": "abstain", "abstained": "abstain",
             "absent": "absent"}


def _member_votes(span: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """A roll call written member by member: "Trustee Elton – yes, Trustee Albrecht – no"."""
    found = list(ROLL_ITEM.finditer(re.sub(r"\s+", " ", span)))
    if len(found) < 2:
        return {}, {}
    names: dict[str, list[str]] = {}
    for m in found:
        names.setdefault(_ROLL_KEY[m.group("v").lower()], []).append(m.group("name"))
    names.setdefault("noes", [])  # every member answered: nobody said no
    return {k: len(v) for k, v in names.items()}, names


def _label_ok(span: str, m: re.Match) -> bool:
    """'for:' and 'no:' count as vote labels only at a line start or after another vote list."""
    label = m.group("label").lower()
    if label in {"for", "no", "yes", "against", "opposed"}:
        line_start = span.rfind("\n", 0, m.start()) + 1
        return not span[line_start:m.start()].strip() or bool(re.search(r"(?:ayes|yeas|noes|nays|\d\)?|[A-Za-z]{2,}[.;,])\s*$", span[line_start:m.start()], re.I))
    return True


def _split_names(raw: str) -> list[str]:
    raw = re.sub(rf"\b{_TITLE}\b", " ", raw)
    out = []
    for part in re.split(r",|;|\n|\band\b|&|\s{3,}|\t", raw):
        part = part.strip(" .:()[]-–*")  # "[AYES: ...; ABSTAIN: None]."
        if not part or re.fullmatch(r"(?:none|nil|no\s?one|n/a|\d+)", part, re.I):
            continue
        if part[0].isupper() and len(part) <= 40 and len(part.split()) <= 4:
            out.append(part)
    return out


def _motion_span(text: str, pos: int, limit: int, after: int | None = None) -> tuple[int, int]:
    """From the sentence that puts a motion to the end of its outcome (and roll call), within bounds."""
    s = sentence_start_before(text, pos, max(0, pos - 300))
    window_end = min(limit, pos + MAX_MOTION_CHARS)
    nxt = MOTION_START.search(text, max(pos + 5, after or 0), window_end)
    stop = nxt.start() if nxt else window_end
    out = OUTCOME.search(text, pos, stop)
    if out:
        return s, _with_roll_call(text, sentence_end_after(text, out.end(), limit), limit)
    end = sentence_end_after(text, pos, stop)
    body = MOTION_BODY.match(text, end, stop)  # "Moved by A / Seconded by B" and then the motion's wording
    if body:
        para = re.compile(r"\n[ \t]*\n").search(text, body.end(), stop)
        end = para.start() if para else stop
    return s, _with_roll_call(text, end, limit)


ROLL_GAP = re.compile(r"[ \t]*(?:\n[ \t]*){0,2}")  # the vote may stand one blank line below the result ("Motion Carried" / "" / "Yes: ...")


ROLL_LABEL_AFTER_GAP = re.compile(r"[ \t]*(?:ayes|yeas|yes|noes|nays|no|absent|abstain\w*|abstentions?|excused|recused|in\s+favou?r|"
                                  r"against|for|voting)[ \t]*(?:[:\-–]|\(\s*\d)", re.I)


def _with_roll_call(text: str, pos: int, limit: int) -> int:
    """Extend a decision over the roll-call lines that follow its outcome."""
    end = pos
    while end < limit:
        nxt = ROLL_GAP.match(text, end, limit)
        line_start = nxt.end() if nxt else end
        if ROLL_CALL.match(text, line_start, limit):  # "Roll Call was taken as follows: Trustee Elton – yes, ..."
            items = list(ROLL_ITEM.finditer(text, line_start, min(limit, line_start + 1500)))
            last = line_start
            for m in items:
                if m.start() - last > 60 and last != line_start:
                    break
                last = m.end()
            if last > line_start:
                end = last
                continue
        gap = text[end:line_start]
        if not ROLL_LINE.match(text, line_start, limit) or (gap.count("\n") > 1 and not ROLL_LABEL_AFTER_GAP.match(text, line_start, limit)):
            break  # across a blank line only a vote label itself ("Yes: ...") goes on, not "For information - ..."
        line_end = text.find("\n", line_start, limit)
        end = limit if line_end == -1 else line_end
    return end


WORDING_AFTER = re.compile(r"\s*That\s")
LATER_WORDING = re.compile(r"\n[ \t\f]*\n[ \t\f]*That\s")  # a paragraph further on that opens with "That"
WORDING_GAP = 600  # characters between a result and its wording printed further on
PARAGRAPH_BREAK = re.compile(r"\n[ \t\f]*\n")
LABELS = re.compile(r"\b(?:resolution|moved|seconded|by|and|cr|cllr|councill?or|mayor)\b[:.]?", re.I)
WORDING = re.compile(r"(?i:\bthat\b)|\b[a-z]+\s+[a-z]+\s+[a-z]+\b")  # what a motion says, not the labels and names of who moved it


def _wording_after(text: str, s: int, outcome: re.Match, limit: int) -> int:
    """Where the motion's wording ends when it is printed after its result: "RESOLUTION 2019/26 / Moved: ...
    Seconded: ... / CARRIED / That Council adopts the fees and charges ..." (a two-column layout read column by
    column). Only when nothing above the result says what was moved; else the result's own end."""
    if WORDING.search(LABELS.sub(" ", text[s:outcome.start()])):
        return outcome.end()
    wording = WORDING_AFTER.match(text, outcome.end(), limit)
    if not wording:  # a note may stand between the result and the wording ("Council notes while ...")
        wording = LATER_WORDING.search(text, outcome.end(), min(limit, outcome.end() + WORDING_GAP))
        if not wording or MOTION_START.search(text, outcome.end(), wording.start()) or OUTCOME.search(text, outcome.end(), wording.start()):
            return outcome.end()
    para = PARAGRAPH_BREAK.search(text, wording.end(), min(limit, wording.end() + MAX_MOTION_CHARS))
    return para.start() if para else min(limit, wording.end() + MAX_MOTION_CHARS)


def _is_bare_outcome(text: str, m: re.Match) -> bool:
    """An outcome alone on its line ("CARRIED", "Carried unanimously") closes the motion written above it."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:m.start()].strip(" \t-–*(") and not text[m.end():line_end].strip(" \t.)*")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n*-–•▪◦·_":
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == "_"):  # a rule line under the decision is no part of it
        e -= 1
    return s, e


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]
