"""PDF via pypdf: text per physical page, printed page numbers, refusing what cannot be read."""
from __future__ import annotations

import io
import re

from index.errors import UnreadableDocument
from index.readers.layout import PAGE_SEP, LayoutRuns, drop_running_lines, styled_line_offsets
from index.records import SourceText

try:  # character widths, used only to re-space glyph-by-glyph text layers
    from pypdf.generic._font import Font as _PdfFont
    Font: type[_PdfFont] | None = _PdfFont
except ImportError:  # pragma: no cover - older pypdf: such pages stay glued
    Font = None

_PRINTED = [
    re.compile(r"^(?:page|p\.)\s*(\d{1,4})(?:\s*of\s*\d{1,4})?(?![\d.,/:])", re.I),  # "Page 12", "Page 3 of 9"
    re.compile(r"^[-–—]?\s*(\d{1,3})\s*[-–—]?$"),  # a lone "12" or "- 12 -" (not a 4-digit year)
    re.compile(r"^(\d{1,4})\s*\|\s*P\s*a\s*g\s*e$", re.I),  # Word's "12 | Page"
]
_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪"})  # Symbol/Wingdings private-use bullets
_FILENAME = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|rtf|odt)$", re.I)


MIN_PAGE_CHARS = 20  # a page with fewer letters and digits than this has no text layer to speak of
SCANNED_SHARE = 0.5  # when at least this share of the pages has none, the ingest result says so


def read_pdf(data: bytes, max_pages: int) -> SourceText:
    if b"%PDF-" not in data[:1024]:
        raise UnreadableDocument("not a PDF file (no %PDF header)")
    try:
        pages, filled, styled, title = _extract(data, max_pages)
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; none may escape
        raise UnreadableDocument(f"corrupt or truncated PDF ({type(exc).__name__}: {str(exc)[:200]})") from None
    if sum(ch.isalnum() for page in pages + filled for ch in page) < 20:
        raise UnreadableDocument("no text layer (image-only or scanned PDF); run OCR first")
    notes = _scanned_pages_note([page + form for page, form in zip(pages, filled)])
    printed = [_printed_page(p) for p in pages]
    # what a form's fields hold goes below each page once its running lines are gone: a field's value is neither a
    # page number nor a running footer, even where the same form is filled in on every page
    pages = [page + ("\n\n" + form if form else "") for page, form in zip(drop_running_lines(pages), filled)]
    starts, parts, offset = [], [], 0
    headings: set[int] = set()
    for page, page_styled in zip(pages, styled):
        starts.append(offset)
        parts.append(page)
        headings.update(offset + o for o in styled_line_offsets(page, page_styled))
        offset += len(page) + len(PAGE_SEP)
    return SourceText(text=PAGE_SEP.join(parts), page_starts=starts, printed_pages=printed, title=title, heading_offsets=headings,
                      notes=notes)


def _scanned_pages_note(pages: list[str]) -> list[str]:
    """A warning when most pages have no text layer: the rest is indexed, but a scanned agenda pack with one typed
    page must not pass for a fully searchable document."""
    blank = [i + 1 for i, page in enumerate(pages) if sum(ch.isalnum() for ch in page) < MIN_PAGE_CHARS]
    if len(blank) < 2 or len(blank) < SCANNED_SHARE * len(pages):
        return []
    shown = ", ".join(map(str, blank[:10])) + (", ..." if len(blank) > 10 else "")
    return [f"{len(blank)} of {len(pages)} pages have no text layer (scanned images?; pages {shown}): only the other pages "
            "are searchable; run OCR on the file to index them"]


def _extract(data: bytes, max_pages: int) -> tuple[list[str], list[str], list[set[str]], str | None]:
    """Each page's printed text, what its filled-in form fields say, its styled lines; and the document's title."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:  # many "protected" PDFs only restrict printing and open with an empty password
            ok = reader.decrypt("")
        except Exception as exc:
            raise UnreadableDocument(f"encrypted PDF: cannot decrypt ({type(exc).__name__}: {exc})") from None
        if not ok:
            raise UnreadableDocument("encrypted PDF: a password is required")
    count = len(reader.pages)
    if count == 0:
        raise UnreadableDocument("PDF has no pages")
    if count > max_pages:
        raise UnreadableDocument(f"PDF has {count:,} pages; limit is {max_pages:,}")
    pages, filled, styled = [], [], []
    for page in reader.pages:
        text, lines = _page_text(page)
        pages.append(_normalise(text))
        filled.append(_normalise(_filled_in(page)))
        styled.append(lines)
    return pages, filled, styled, _title(reader)


def _page_text(page) -> tuple[str, set[str]]:
    """The page's text and the (normalised) lines its layout sets as headings: bold or larger than the body."""
    runs = LayoutRuns()
    text = page.extract_text(visitor_text=runs.visit) or ""
    return _respaced_if_glued(page, text), runs.styled_lines()


GENERIC_FIELD = re.compile(r"^(?:text|field|fill|check\s*box|untitled)[\s_-]*\d*$", re.I)


def _filled_in(page) -> str:
    """What a filled-in form on the page says: its text fields' values (a notice's date, place and agenda are often
    typed into a form, which text extraction skips) and free-text annotations, top to bottom, a field's value after
    its name where the name says something ("DateTime: June 6, 530pm")."""
    found: list[tuple[float, str]] = []
    try:
        annotations = page.get("/Annots") or []
        for ref in annotations:
            annot = ref.get_object()
            subtype, rect = annot.get("/Subtype"), annot.get("/Rect") or [0, 0, 0, 0]
            if subtype == "/FreeText":
                value, name = annot.get("/Contents"), None
            elif subtype == "/Widget":
                field = annot if "/FT" in annot else (annot.get("/Parent") or annot).get_object()
                if field.get("/FT") != "/Tx":
                    continue
                value, name = field.get("/V"), field.get("/T")
            else:
                continue
            if not isinstance(value, str) or not value.strip():
                continue
            label = str(name).strip() if name and not GENERIC_FIELD.match(str(name).strip()) else ""
            found.append((-float(rect[1]), f"{label}: {value.strip()}" if label else value.strip()))
    except Exception:  # a damaged annotation never costs the page its printed text
        return ""
    return "\n".join(text for _, text in sorted(found, key=lambda f: f[0]))


def _respaced_if_glued(page, text: str) -> str:
    letters = sum(not ch.isspace() for ch in text)
    if Font is not None and letters >= 50 and text.count(" ") < 0.05 * letters:
        # Glyph-by-glyph layers (e.g. browser "print to PDF") carry no spaces; rebuild them from gaps.
        try:
            spaced = _respace(page)
        except Exception:
            spaced = ""
        if abs(sum(not ch.isspace() for ch in spaced) - letters) <= 0.1 * letters:
            return spaced
    return text


def _respace(page) -> str:
    """Re-join glyphs: a gap wider than 0.15 em is a space, a jump in y or back in x a new line."""
    font_class = Font
    if font_class is None:  # older pypdf: no character widths to measure gaps with
        return ""
    widths: dict[int, dict[str, float]] = {}
    glyphs: list[tuple[float, float, float, str, float]] = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or not font:
            return
        if id(font) not in widths:
            f = font_class.from_font_resource(font)
            widths[id(font)] = {u: f.character_widths.get(c, 500) for c, u in f.character_map.items()}
        scale = abs(size * (tm[0] * cm[0] + tm[1] * cm[2])) or 1.0  # text space -> user space
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        width = sum(widths[id(font)].get(ch, 500) for ch in text) / 1000 * scale
        glyphs.append((x, y, scale, text, width))

    page.extract_text(visitor_text=visit)
    out, prev = [], None
    for x, y, scale, text, width in glyphs:
        if prev is not None:
            end, py = prev
            if abs(y - py) > 0.5 * scale or x < end - 0.5 * scale:
                out.append("\n")
            elif x - end > 0.15 * scale:
                out.append(" ")
        out.append(text)
        prev = (x + width, y)
    return "".join(out)


# typeset ligatures spelled out: "certiﬁcate" is otherwise a word no search for "certificate" finds
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


def _normalise(text: str) -> str:
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    from simplemma import is_known  # on first use: the word list is large

    text = "\n".join(_rejoined(_undoubled(line.rstrip()), is_known)
                     for line in text.translate(_BULLETS).translate(_LIGATURES).split("\n"))
    return re.sub(r"\n{4,}", "\n\n\n", text).strip("\n")  # at most two blank lines in a row


# a word of the line with the gap after it: two fragments of a word the extractor split at a wide glyph gap ("saf
# eguarded", "an imal") are a word and a lower-case word after one space
LINE_WORD = re.compile(r"[A-Za-z]+")


def _rejoined(line: str, is_known) -> str:
    """Words the extractor split in two are joined again where the halves are not both English words and the whole,
    five letters or more, is one ("were saf eguarded" -> "were safeguarded"; "in come" stays, both halves being words).
    `is_known(word, lang)` says whether a word is one (simplemma's)."""
    words = list(LINE_WORD.finditer(line))
    joins: list[int] = []  # offsets of the spaces to remove
    k = 0
    while k + 1 < len(words):
        first, second = words[k], words[k + 1]
        a, b = first.group(), second.group()
        # two halves of two letters each are as likely two words of another language ("ki te" in Māori) as a split
        if (second.start() == first.end() + 1 and line[first.end()] == " " and len(a) >= 2 and len(b) >= 2 and len(a + b) >= 5 and b.islower()
                and (not is_known(a.lower(), lang="en") or not is_known(b, lang="en")) and is_known((a + b).lower(), lang="en")):
            joins.append(first.end())
            k += 2  # the joined word is not split again
        else:
            k += 1
    for at in reversed(joins):
        line = line[:at] + line[at + 1:]
    return line


def _doubled(token: str) -> bool:
    return len(token) >= 2 and len(token) % 2 == 0 and token[0::2] == token[1::2]


def _undoubled(line: str) -> str:
    """A line set in "fake bold", each glyph printed twice ("CCOOMMMMIISSSSIIOONN  OONN"), read once: only where the
    line holds a doubled word of three or more letters, so that "1100" or "aa" elsewhere is left alone."""
    tokens = line.split()
    if not any(len(t) >= 6 and sum(ch.isalpha() for ch in t) >= 6 and _doubled(t) for t in tokens):
        return line
    return " ".join(t[0::2] if _doubled(t) else t for t in tokens)


def _printed_page(page: str) -> str | None:
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    for line in lines[:3] + lines[-3:]:  # page numbers sit in headers and footers
        for pattern in _PRINTED:
            if match := pattern.match(line):
                return match.group(1)
    return None


def _title(reader) -> str | None:
    raw = (reader.metadata or {}).get("/Title")
    if not isinstance(raw, str):
        return None
    title = re.sub(r"^Microsoft (Word|PowerPoint|Excel) - ", "", " ".join(raw.split()))
    # Producers often put the file name in the title: keep only the human part.
    parts = [part for part in title.split(" - ") if not _FILENAME.search(part)]
    title = " - ".join(parts).strip()
    if not any(ch.isalpha() for ch in title) or len(title) > 200 or title.lower() in {"untitled", "title"}:
        return None
    return title
