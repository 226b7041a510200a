"""Plain-text transcripts (speaker turns): recognise them, cut them at turns, name who speaks in a span."""
from __future__ import annotations

import re

# "Councilmember Lewis: Thank you." / "SPEAKER 2 [00:12:04]: ..." / "[00:12:04] Chair: ..." / Markdown's
# "**Alan Stone:** [00:04:00] ..." or "**Alan Stone**: ..."
TURN = re.compile(r"^[ \t]*(?:\*\*|__)?(?:\[?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\]?[ \t]+)?(?P<speaker>[A-Z][\w.'’\-]*(?:[ \t][A-Z0-9][\w.'’\-]*){0,4})"
                  r"(?:[ \t]*\([^)\n]{1,40}\))?(?:[ \t]*[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])])?[ \t]*(?:\*\*|__)?:(?:\*\*|__)?[ \t]+(?=\S)", re.M)
# A chair moving the meeting on: "the next item on our agenda is ...", "that brings us to item 5, which is ..."
AGENDA_CUE = re.compile(
    r"\b(?:(?:the\s+)?next\s+item(?:\s+on\s+(?:our|the)\s+agenda)?\s+is|brings\s+us\s+to|mov(?:e|ing)\s+on\s+to|"
    r"(?:first|final|last)\s+(?:item\s+)?(?:in\s+our\s+\w+\s+agenda\s+)?(?:being|is)|that'?s\s+item\s+(?:number\s+)?\w+,?\s+which\s+is|"
    r"start\s+(?:our|the|this)\s+meeting\s+with|we(?:'ll|\s+will)?\s+(?:now\s+)?(?:go\s+to|turn\s+to|take\s+up))"
    r"\s+(?P<t>[^.?!\n]{3,160})", re.I)
TITLE_LEAD = re.compile(r"^(?:[^,]{0,60}?,?\s*which\s+is\s+|item\s+(?:number\s+)?\w+\s+(?:in|on)\s+(?:our|the)\s+agenda,?\s*(?:which\s+is\s+)?|"
                        r"the\s+\d+\s+\w+\s+items\s+that\s+we\s+have\s+on\s+our\s+agenda,?\s*(?:first\s+being\s+)?)", re.I)
MIN_SECTION_WORDS = 60  # a cue this soon after the last cut is the same topic
# Labels that end in a colon in minutes, not speakers.
NOT_SPEAKER = re.compile(r"^(?:ayes|noes|nays|yeas|absent|abstain\w*|present|resolved|motion|moved|seconded|location|date|time|"
                         r"subject|re|note|item|agenda|minutes|action|recommendation|attendees|apologies|members|staff|also|"
                         r"report|purpose|background|decision|outcome|vote|result|venue|place|attendance|present)$", re.I)
SECTION_WORDS = 2000  # a transcript section with no agenda cue is still cut at a speaker turn past this many words
MIN_TURNS = 8


def turns(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, speaker) of every speaker turn."""
    end = len(text) if end is None else end
    return [(m.start(), m.group("speaker").strip()) for m in TURN.finditer(text, start, end)
            if not NOT_SPEAKER.match(m.group("speaker").strip())]


def is_transcript(text: str) -> bool:
    """Most lines open with a speaker's name, and few people speak many times."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    found = turns(text)
    if len(found) < MIN_TURNS or len(found) < 0.3 * len(lines):
        return False
    speakers = {s for _, s in found}
    return len(speakers) <= max(3, len(found) // 2)


def transcript_sections(text: str) -> list[tuple[int, str]]:
    """(start, title) of sections, each starting at a speaker turn: where the chair moves to the next agenda item
    ("the next item on our agenda is ..."), and in any case before a section grows past SECTION_WORDS words."""
    found = turns(text)
    first = found[0][0] if found else 0
    cuts: list[tuple[int, str | None]] = [(first, None)]
    words = 0
    prev = first
    for k, (off, _) in enumerate(found):
        words += len(text[prev:off].split())
        prev = off
        turn_end = found[k + 1][0] if k + 1 < len(found) else len(text)
        cue = AGENDA_CUE.search(text, off, turn_end)
        if cue and (words >= MIN_SECTION_WORDS or len(cuts) == 1):
            title = _cue_title(cue.group("t"))
            if len(cuts) == 1 and cuts[0][1] is None and words < MIN_SECTION_WORDS:
                cuts[0] = (first, title)
            else:
                cuts.append((off, title))
            words = 0
        elif words >= SECTION_WORDS:
            cuts.append((off, None))
            words = 0
    out = []
    for i, (s, cut_title) in enumerate(cuts):
        e = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        names = speakers_in(text, s, e)
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        out.append((s, cut_title or (f"Transcript part {i + 1}" + (f": {shown}" if shown else ""))))
    return ([(0, "Meeting preamble")] if first > 0 and text[:first].strip() else []) + out


def _cue_title(raw: str) -> str:
    title = TITLE_LEAD.sub("", raw.strip()).strip(" ,;:-–")
    title = re.sub(r"^(?:the|our|a)\s+", "", title, flags=re.I)
    return (title[:1].upper() + title[1:])[:100] if title else "Agenda item"


def speakers_in(text: str, start: int, end: int) -> list[str]:
    """Who speaks in text[start:end], in order of first appearance, including whoever was speaking at `start`."""
    names: list[str] = []
    before = [s for off, s in turns(text, max(0, start - 20000), start + 1) if off <= start]
    for name in before[-1:] + [s for off, s in turns(text, start, end)]:
        if name not in names:
            names.append(name)
    return names
