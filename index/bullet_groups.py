"""Bulleted minutes whose business heading holds several decided matters, each on its own sub-bullet."""
from __future__ import annotations

import re

from index.numbering import Candidate
from index.plain_headings import BULLET

# "o APPROVED – 2018 Meetings Calendar": a sub-bullet that records its own outcome is a matter decided on its own
OUTCOME_LEAD = re.compile(r"^(?:APPROVED|ADOPTED|PASSED|CARRIED|RATIFIED|DENIED|REJECTED|DEFEATED|TABLED)[ \t]*[–—:-][ \t]*", re.I)
MOVER_TRAIL = re.compile(r"[ \t]+[–—-][ \t]+.*$")  # "Revised 2018 budget – B. Munro (motion), ..."
PARENT_BODY_CHARS = 20  # a grouping bullet has no text of its own before its first sub-bullet


def _glyph(text: str, start: int) -> str:
    return text[start:start + 40].lstrip()[:1]


def _sub_title(title: str) -> str:
    bare = OUTCOME_LEAD.sub("", title)
    return MOVER_TRAIL.sub("", bare) if bare != title else title


def with_decided_sub_bullets(text: str, bullets: list[Candidate]) -> list[tuple[Candidate, str | None]]:
    """Top-level bullets as (item, section). A bullet with no text of its own whose sub-bullets record outcomes
    ('• New Business' over 'o APPROVED – ...') groups matters taken one by one: its sub-bullets are the items,
    under it as their section, and its line joins the first of them."""
    if not bullets:
        return []
    top = _glyph(text, bullets[0].start)
    out: list[tuple[Candidate, str | None]] = []
    for k, parent in enumerate(bullets):
        end = bullets[k + 1].start if k + 1 < len(bullets) else len(text)
        inner = [m for m in BULLET.finditer(text, parent.start + 1, end) if m.group("glyph") != top]
        level = inner[0].group("glyph") if inner else ""
        subs = [m for m in inner if m.group("glyph") == level]
        own = text[text.find("\n", parent.start):inner[0].start()] if inner else ""
        decided = [m for m in subs if OUTCOME_LEAD.match(m.group("t"))]
        if not decided or len(re.sub(r"\s", "", own)) >= PARENT_BODY_CHARS:
            out.append((parent, None))
            continue
        for i, m in enumerate(subs):
            start = parent.start if i == 0 else m.start()
            title = _sub_title(m.group("t").strip())
            out.append((Candidate(start, "bullet", 0, "", title, 1.5), parent.title))
    return out
