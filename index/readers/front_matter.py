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
# keys only a static site's front matter has: a block between two rules holding none of these nor of DESCRIBING is
# the minutes' own text ("---" / "Present: ..." / "Apologies: ..." / "---")
SITE_KEYS = frozenset({"layout", "template", "author", "authors", "tags", "categories", "category", "draft", "slug",
                       "permalink", "weight", "type", "taxonomy", "aliases", "published", "lang", "menu"})


def without_front_matter(text: str) -> str:
    """The text with an opening YAML front matter block replaced by its describing values, one a line; text without
    one (or whose block is not a site's mapping) unchanged."""
    m = FRONT_MATTER.match(text)
    if not m:
        return text
    try:  # every value read as the text it is ("2019-02-30", "06/28/2018"): nothing is converted, nothing fails to be
        fields = yaml.load(m.group(1), Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return text
    if not isinstance(fields, dict):
        return text
    by_key = {str(k).strip().lower(): v for k, v in fields.items()}
    if not by_key.keys() & (SITE_KEYS | set(DESCRIBING)):
        return text
    lines = [str(by_key[k]).strip() for k in DESCRIBING if _scalar(by_key.get(k))]
    header = "\n".join(line for line in lines if line)
    return f"{header}\n\n{text[m.end():]}" if header else text[m.end():]


def _scalar(value: object) -> bool:
    """A value to print as a header line: text (not a list, a mapping or a yes/no)."""
    return isinstance(value, str) and value.strip().lower() not in ("true", "false", "yes", "no", "null", "~")
