"""Remove literal markup (<p>, <i>, **, escaped $) from text for indexing and display."""
from __future__ import annotations

import html
import re

TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}?>")
EMPHASIS = re.compile(r"\*{2,}|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)|__")
ESCAPED = re.compile(r"\\([$*_#\[\]()`])")
# ModernGov pages print a link label after each item title
BOILERPLATE = re.compile(r"\bpdf icon PDF \d+ KB\b|\bView directions\b|\bView the full minutes text for item [\w.]+")


def clean_text(text: str) -> str:
    """Markup-free single-line text; used for keyword indexing, embedding and readable labels.

    Each pattern runs only where a character it needs is present (ingest cleans every passage, often text that is
    clean already, and the patterns with look-arounds scan every position). `" ".join(text.split())` is
    `re.sub(r"\\s+", " ", text).strip()`: `\\s` and `str.split()` take the same whitespace (tests/index/test_clean.py).
    """
    if "<" in text:
        text = TAG.sub(" ", text)
    if "pdf icon" in text or "View " in text:  # every BOILERPLATE phrase starts with one of these
        text = BOILERPLATE.sub(" ", text)
    text = html.unescape(text)
    if "*" in text or "__" in text:
        text = EMPHASIS.sub(" ", text)
    if "\\" in text:
        text = ESCAPED.sub(r"\1", text)
    return " ".join(text.split())
