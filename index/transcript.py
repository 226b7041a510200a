"""Plain-text transcripts (speaker turns): recognise them, cut them at turns, name who speaks in a span."""
from __future__ import annotations

import re

# "Councilmember Lewis: Thank you." / "SPEAKER 2 [00:12:04]: ..." / "[00:12:04] Chair: ..."
TURN = re.compile(r"^[ \t]*(?:\[?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\]?[ \t]+)?(?P<speaker>[A-Z][\w.'’\-]*(?:[ \t][A-Z0-9][\w.'’\-]*){0,4})"
                  r"(?:[ \t]*[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])])?[ \t]*:[ \t]+(?=\S)", re.M)
# Labels that end in a colon in minutes, not speakers.
NOT_SPEAKER = re.compile(r"^(?:ayes|noes|nays|yeas|absent|abstain\w*|present|resolved|motion|moved|seconded|location|date|time|"
                         r"subject|re|note|item|agenda|minutes|action|recommendation|attendees|apologies|members|staff|also|"
                         r"report|purpose|background|decision|outcome|vote|result|venue|place|attendance|present)$", re.I)
SECTION_WORDS = 700  # a transcript is cut into sections of about this many words, always at a speaker turn
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
    """(start, title) of sections of about SECTION_WORDS words, each starting at a speaker turn."""
    found = turns(text)
    cuts = [0]
    words = 0
    prev = 0
    for off, _ in found:
        words += len(text[prev:off].split())
        prev = off
        if words >= SECTION_WORDS:
            cuts.append(off)
            words = 0
    out = []
    for i, s in enumerate(cuts):
        e = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        names = speakers_in(text, s, e)
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        out.append((s, f"Transcript part {i + 1}" + (f": {shown}" if shown else "")))
    return out


def speakers_in(text: str, start: int, end: int) -> list[str]:
    """Who speaks in text[start:end], in order of first appearance, including whoever was speaking at `start`."""
    names: list[str] = []
    before = [s for off, s in turns(text, max(0, start - 20000), start + 1) if off <= start]
    for name in before[-1:] + [s for off, s in turns(text, start, end)]:
        if name not in names:
            names.append(name)
    return names
