"""What a PDF page's layout says beyond its text: which lines are headings, which lines repeat on every page."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.I)
HEADING_SIZE_RATIO = 1.15  # a line set this much larger than the page's body text is a heading
PAGE_SEP = "\n\f\n"  # between pages in the text a reader returns: the form feed keeps page breaks visible
RUNNING_SHARE = 0.5  # a line at the top or bottom of at least this share of pages is a running header/footer
EDGE_LINES = 6  # lines looked at for running headers/footers at each end of a page
# lines that record business, however often they recur at a page's edge: an outcome ("Granted", "Denied") printed
# under each licence application is the minutes, not a running header
BUSINESS = re.compile(r"\b(?:carried|lost|approved|adopted|resolved|motion|ayes|noes|nays|seconded|moved|granted|denied|refused|"
                      r"deferred|withdrawn|tabled|rejected|dismissed|upheld)\b|\(#+\)$", re.I)
# what an item number alone on its line looks like once digits are "#" ("8.2" -> "#.#"): item numbers that open
# pages one after another ("8.2", "8.3") are not a running header; an empty key or a bare "#" is not one either
ITEM_NUMBER_SHAPE = re.compile(r"(?:#(?:[.\-]#)*[.)]?)?")
# a page number as printed: up to three digits ("Page 3 of 9", "4", "- 4 -", "4 | Page"); "2024" or "92653" is content
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^\d{1,3}\s*\|\s*page$|^-\s*\d{1,3}\s*-$", re.I)


def _norm(line: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", line.lower())


class LayoutRuns:
    """Collects pypdf's text runs (through `visitor_text`) and finds the styled lines of one page."""

    def __init__(self):
        self.lines: dict[int, list[tuple[str, float, bool]]] = defaultdict(list)

    def visit(self, text, cm, tm, font, size):
        if not text.strip():
            return
        scale = abs(size * (tm[0] * cm[0] + tm[1] * cm[2])) or abs(size) or 1.0
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str((font or {}).get("/BaseFont", "")) if hasattr(font, "get") else ""
        self.lines[round(y)].append((text, scale, bool(BOLD_FONT.search(name))))

    def styled_lines(self) -> set[str]:
        sizes: Counter[float] = Counter()
        for runs in self.lines.values():
            for text, size, _ in runs:
                sizes[round(size, 1)] += sum(ch.isalnum() for ch in text)
        if not sizes:
            return set()
        body = sizes.most_common(1)[0][0]
        out = set()
        for runs in self.lines.values():
            letters = sum(sum(ch.isalnum() for ch in t) for t, _, _ in runs)
            bold = sum(sum(ch.isalnum() for ch in t) for t, _, b in runs if b)
            biggest = max(size for _, size, _ in runs)
            if letters >= 3 and (bold >= 0.6 * letters or biggest >= HEADING_SIZE_RATIO * body):
                out.add(_norm("".join(t for t, _, _ in runs)))
        return out


def styled_line_offsets(page: str, styled: set[str]) -> list[int]:
    """Offsets (within the page text) of lines whose text is one of the styled lines."""
    out, pos = [], 0
    for line in page.split("\n"):
        key = _norm(line)
        if key and (key in styled or any(len(key) >= 8 and s.startswith(key) for s in styled)):
            out.append(pos)
        pos += len(line) + 1
    return out


def drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers and footers: lines that recur at the top (or at the bottom) of most pages, digits
    ignored so that "Page 3 of 9" recurs. The first page keeps its header, which often names the body and meeting;
    page numbers are dropped everywhere. Only the edge lines themselves go (the same words in a table further down
    the page stay), a lone number that could be a year or a code stays, and lines whose numbers change otherwise than
    with the page ("R2024-042 T. Butler, S. Kirkey:" then "R2024-050 ...") are business, not a header, as are lines
    that record business ("CARRIED")."""
    if len(pages) < 2:
        return pages
    need = max(2, int(RUNNING_SHARE * len(pages) + 0.999))
    running: set[str] = set()
    for edge in (_top, _bottom):
        seen: dict[str, dict[int, str]] = defaultdict(dict)  # key -> page -> the line as printed
        for i, page in enumerate(pages):
            lines = _lines(page)
            for j in edge(lines):
                seen[_digitless(lines[j])].setdefault(i, lines[j])
        running |= {key for key, on in seen.items()
                    if len(on) >= need and not ITEM_NUMBER_SHAPE.fullmatch(key.strip()) and not BUSINESS.search(key)
                    and _numbers_follow_pages(on)}
    out = []
    for i, page in enumerate(pages):
        lines = _lines(page)
        edges = set(_top(lines)) | set(_bottom(lines))
        kept = [line for j, line in enumerate(lines)
                if not (j in edges and (PAGE_NUMBER.match(line.strip()) or (i > 0 and _digitless(line) in running)))]
        out.append("\n".join(kept).strip("\n"))
    return out


PAGE_OF = re.compile(r"\bpage\s*\d+(?:\s*(?:of|/)\s*\d+)?|\b\d+\s*(?:of|/)\s*\d+\b", re.I)
STEPS_SHARE = 0.8  # of a running line's page-to-page steps that must count with the page


def _numbers_follow_pages(on: dict[int, str]) -> bool:
    """Whether a recurring line is the same on every page but for one number that counts with the page ("Audit
    Committee, 22 October 2009, Page 5"), starting again at 1 or 2 where an agenda pack's next report begins."""
    # "Page 3 of 9" and "3 of 9" are page numbering, whatever their numbers (each report of a pack counts its own)
    numbers = {i: re.findall(r"\d+", PAGE_OF.sub("#", line)) for i, line in sorted(on.items())}
    columns = list(zip(*numbers.values()))
    changing = [n for n, column in enumerate(columns) if len(set(column)) > 1]
    if not changing:
        return True
    if len(changing) > 1:
        return False
    steps = [(i, int(number[changing[0]])) for i, number in numbers.items()]
    counted = [v2 - v1 == i2 - i1 or v2 <= 2 for (i1, v1), (i2, v2) in zip(steps, steps[1:])]
    return sum(counted) >= STEPS_SHARE * len(counted)  # an unnumbered page slipped in does not undo the rest


def _lines(page: str) -> list[str]:
    return page.split("\n")


def _digitless(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _top(lines: list[str]) -> list[int]:
    """Indices of a page's first EDGE_LINES lines that hold text."""
    return [j for j, line in enumerate(lines) if line.strip()][:EDGE_LINES]


def _bottom(lines: list[str]) -> list[int]:
    return [j for j, line in enumerate(lines) if line.strip()][-EDGE_LINES:]
