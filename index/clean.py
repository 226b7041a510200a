"""Remove literal markup (<p>, <i>, **, escaped $) from text for indexing and display."""
from __future__ import annotations

import html
import re

TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}?>")
EMPHASIS = re.compile(r"\*{2,}|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)|__")
ESCAPED = re.compile(r"\\([$*_#\[\]()`])")
SPACES = re.compile(r"\s+")
# ModernGov pages print a link label after each item title
BOILERPLATE = re.compile(r"\bpdf icon PDF \d+ KB\b|\bView directions\b|\bView the full minutes text for item [\w.]+")


def clean_text(text: str) -> str:
    """Markup-free single-line text; used for keyword indexing, embedding and readable labels."""
    text = BOILERPLATE.sub(" ", TAG.sub(" ", text))
    text = html.unescape(text)
    text = EMPHASIS.sub(" ", text)
    text = ESCAPED.sub(r"\1", text)
    return SPACES.sub(" ", text).strip()
