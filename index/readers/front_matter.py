"""A Markdown file's YAML front matter (Jekyll, Hugo, Grav, eScribe exports): the block between two '---' lines that
opens the file. Its values that describe the meeting (title, subtitle, date) stay, as plain header lines; its site
settings ("template: article", "author: /roxie", "body_classes: roman", taxonomies) are not the minutes and go."""
from __future__ import annotations

import re

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# the keys whose scalar values say what the document is (the rest configure the website)
DESCRIBING = ("title", "subtitle", "meeting", "committee", "body", "organisation", "organization", "description",
              "summary", "date", "meeting_date", "location", "venue")


def without_front_matter(text: str) -> str:
    """The text with an opening YAML front matter block replaced by its describing values, one a line; text without
    one (or whose block is not a YAML mapping) unchanged."""
    m = FRONT_MATTER.match(text)
    if not m:
        return text
    try:
        fields = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return text
    if not isinstance(fields, dict):
        return text
    lines = [str(fields[k]).strip() for k in DESCRIBING
             if isinstance(fields.get(k), (str, int, float)) or type(fields.get(k)).__name__ in ("date", "datetime")]
    header = "\n".join(line for line in lines if line)
    return f"{header}\n\n{text[m.end():]}" if header else text[m.end():]
