"""Find the RESOLVED: decisions inside an item, with their spans."""
from __future__ import annotations

import re

from index.headings import uppercase_share

RESOLVED = re.compile(r"\bRESOLVED\b\s*(?::|(?=\s+That\b)|-|–)", re.I)
LIST_MARKER = re.compile(r"^\s*(?:[-–•·*]|\(?\d{1,2}[).]|\(?[a-z][).]|\(?[ivx]{1,4}[).])\s*")
# The end of a resolution: a new heading-like line or officer action column noise.
NUMBERED_LINE = re.compile(r"^\s*\d{1,3}\.?[ \t]+(?P<t>[A-Z][^\n]{3,})$")
STOP_LINE = re.compile(r"^\s*(?:[A-Z]{2,6}\d{1,4}\s|\d{1,3}\.\s*$|REPORT TO|Meeting ended|Supporting documents|Reason\(s\) for Decision)", re.I)


def _numbered_heading(line: str) -> bool:
    """'5 ANNUAL GOVERNANCE REPORT 2008/09 (Agenda item 5)': the next item's heading, in capitals after its number."""
    m = NUMBERED_LINE.match(line)
    return m is not None and uppercase_share(m.group("t")) > 0.7


def find_resolutions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans [s, e) of each resolution in text[start:end], from 'RESOLVED' to the end of its wording."""
    spans = []
    for m in RESOLVED.finditer(text, start, end):
        stop = _resolution_end(text, m.end(), end)
        if stop - m.start() > len(m.group(0)) + 3:
            spans.append((m.start(), stop))
    return spans


def _resolution_end(text: str, pos: int, end: int) -> int:
    """Follow lines after RESOLVED: continue through wrapped lines and list items, stop at a blank line
    that is followed by something other than a list item, or at a heading."""
    last = pos
    line_start = pos
    open_clause = True  # "RESOLVED: That" continues onto the next lines
    blank_before = False
    while line_start < end:
        nl = text.find("\n", line_start, end)
        line_end = end if nl == -1 else nl
        line = text[line_start:line_end]
        if line.strip():
            # (a numbered line in capitals after "RESOLVED: THAT THE COUNCIL:" is the resolution's own clause)
            if last > pos and (STOP_LINE.match(line) or (_numbered_heading(line) and not open_clause)):
                break
            if last > pos and not open_clause and not LIST_MARKER.match(line) and blank_before:
                break
            last = line_end
            stripped = line.strip()
            open_clause = stripped.endswith((":", "That", "that", ",", ";", "and", "-")) or stripped.lower() == "resolved:"
            blank_before = False
        else:
            blank_before = True
        if nl == -1:
            break
        line_start = nl + 1
        if last == pos:
            blank_before = False
    return last


def resolution_texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Readable resolution strings: whitespace collapsed, markup removed."""
    from index.clean import clean_text

    return [clean_text(text[s:e]) for s, e in spans]
