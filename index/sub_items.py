"""Sub-items numbered from one inside an item ("5(a)", "5.1", "A.-1", lettered resolutions under "10."), and the
lists numbered inside those ("V. COMMITTEE REPORTS" / "C. MANAGEMENT" / "1." to "13.")."""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.headings import uppercase_share
from index.numbering import Candidate, mean_score

SUB_FAMILIES = {"arabic": ("decimal", "sub", "letter", "lowercase", "roman", "arabic"), "item": ("decimal", "sub", "letter", "lowercase", "arabic"),
                "letter": ("lettersub", "arabic"), "roman": ("letter", "lowercase", "arabic"), "minute": ("letter",), "dotted": ()}
CONSENT = re.compile(r"\bconsent\b", re.I)
MIN_SUB_MEAN = 1.0  # sub-items must look like headings more than a top-level run must
SECTION_BODY_CHARS = 80  # a parent with less text than this before its first sub-item only groups them: a section


def only_groups(text: str, heading_start: int, first_child: int) -> bool:
    """Whether the heading at `heading_start` has less than SECTION_BODY_CHARS of its own text before its first child
    heading: it only groups what follows (a section)."""
    line_end = text.find("\n", heading_start)
    own = text[line_end if 0 <= line_end < first_child else first_child:first_child]
    return len(re.sub(r"\s", "", own)) < SECTION_BODY_CHARS


def sub_items(text: str, cands: list[Candidate], run: list[Candidate], above: Sequence[Candidate] = ()) -> list[Candidate]:
    """Sub-items (5(a), 5.1, A.-1, lettered resolutions under 10.) numbered from one inside a run's items; each
    item's text ends at the next heading of the run or of `above` (the run's own parents and their other children).
    The items of a consent agenda are approved together in one vote: the consent agenda is the item."""
    out: list[Candidate] = []
    taken = {c.start for c in [*run, *above]}
    bounds = sorted(taken | {len(text)})
    for parent in run:
        if CONSENT.search(parent.title):
            continue
        end = next(b for b in bounds if b > parent.start)
        families = SUB_FAMILIES.get(parent.family, ())
        inside = [c for c in cands if parent.start < c.start < end and c.family in families and c.start not in taken]
        for fam in families:
            cs = [c for c in inside if c.family == fam and (c.value // 100 == parent.value if fam in ("decimal", "sub", "lettersub") else True)]
            sub = _first_sequence(cs, fam)
            if not sub:
                continue
            under_section = only_groups(text, parent.start, sub[0].start)
            if fam == parent.family and not (under_section and uppercase_share(parent.title) > 0.7):
                continue  # a list numbered 1, 2 inside an item's text, not items restarting under a SECTION heading
            spelled = fam in ("decimal", "sub", "lettersub")  # "B.-1" names its parent: one is enough
            if len(sub) == 1 and not (spelled or sub[0].filed) and not (fam == parent.family and sub[0].score >= 1.5):
                continue  # "5. SPECIAL PRESENTATIONS" then a lone "1. Election of Chair" is a restart; elsewhere one is no list
            # a number that spells its parent ("5.1", "A.-1") or a file number of its own is evidence enough; a bare "A." or "1." needs a heading's looks
            need = 0.3 if fam in ("decimal", "sub", "lettersub") or all(c.filed for c in sub) else MIN_SUB_MEAN
            if mean_score(sub) >= need:
                out.extend(sub)
                break
    return out


def _first_sequence(cs: list[Candidate], family: str) -> list[Candidate]:
    """The sequence that starts at the first number one (1, a, A, 5.1) and counts up in order."""
    first = 1
    is_first = (lambda c: c.value % 100 == first) if family in ("decimal", "sub", "lettersub") else (lambda c: c.value == first)
    start = next((i for i, c in enumerate(cs) if is_first(c)), None)
    if start is None:
        return []
    seq = [cs[start]]
    for c in cs[start + 1:]:
        if 1 <= c.value - seq[-1].value <= 2 or (c.value == seq[-1].value and not is_first(c)):
            seq.append(c)  # (a number printed twice past the first, "B." then "B.", is a slip: the list goes on)
        elif c.value <= seq[-1].value:
            break  # numbering restarts: another list
    return seq


def nested_sub_items(text: str, cands: list[Candidate], run: list[Candidate], subs: list[Candidate]) -> list[Candidate]:
    """The lists numbered from one inside sub-items, one level further down ("V. COMMITTEE REPORTS" / "C.
    MANAGEMENT" / "1." to "13."): three-level agendas of school boards and colleges. Only under a sub-item that
    has no text of its own before the list, so only groups it: a list inside a sub-item's text (how to join the
    meeting, the places a councillor reported) is that text."""
    parents = sorted(subs, key=lambda c: c.start)
    found = sub_items(text, cands, parents, run)
    out = []
    for parent, nxt in zip(parents, [*parents[1:], None]):
        mine = [c for c in found if parent.start < c.start and (nxt is None or c.start < nxt.start)]
        if mine and only_groups(text, parent.start, mine[0].start):
            out += mine
    return out
