"""HTML pages (e.g. ModernGov agenda items) to plain text with the stdlib parser."""
from __future__ import annotations

import codecs
import re
from collections import Counter
from html.parser import HTMLParser

from index.errors import UnreadableDocument
from index.readers.text import decode_utf8_text
from index.records import SourceText

DROP = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "iframe", "select", "button"}
PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre", "section", "article"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
IMPLIED_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}  # a second one opened closes the first
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
LINE = {"br", "div", "li", "tr", "dt", "dd", "hr", "caption", "form", "main", "aside", "fieldset", "address", "figure"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_LATIN1 = {"iso8859-1", "latin-1", "ascii", "cp1252"}  # HTML treats these labels as windows-1252


HEADING_MARK = "\x1e"  # marks where a <h1>-<h6> begins while the text is assembled; removed before indexing
WEB_CHROME = re.compile(r"^(?:skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|menu)|back\s+to\s+top|print\s+this\s+page|"
                        r"share\s+this\s+page|accept\s+(?:all\s+)?cookies|cookie\s+(?:settings|policy|preferences))\b", re.I)
HEADINGS_ABOVE_MAIN = 3  # headings kept from just above the main content (the meeting's title)
PART_OF_MAIN_CHARS = 24  # letters and digits: shorter lines ("2014", "Home") must match a main-content line whole
SHORT_PART_CHARS = 4  # within the main content's span, a line this long may lie inside a main-content line
MAIN_MIN_SHARE = 0.25  # main-content extraction that keeps less than this share of the page's words has missed the minutes


def read_html(data: bytes) -> SourceText:
    """The page's main content (menus, banners, sidebars and footers dropped) as text, with its headings marked."""
    page = _decode(data)
    whole = _parse(page)
    text, headings = _unmark(_tidy("".join(whole.out)))
    main_html = main_content(page)
    if main_html:
        main_text, _ = _unmark(_tidy("".join(_parse(main_html).out)))
        if len(main_text.split()) >= MAIN_MIN_SHARE * len(text.split()):
            text, headings = keep_main(text, headings, main_text)
    if not text.strip():
        raise UnreadableDocument("no text found in the HTML page")
    title = " ".join("".join(whole.title).split()) or " ".join("".join(whole.h1).split()) or None
    return SourceText(text=text, title=title, heading_offsets=headings)


def _key(line: str) -> str:
    return re.sub(r"[\W_]+", "", line.lower())


SUBSTRING_BUDGET = 2_000_000_000  # characters scanned looking for lines inside main-content lines; past it, whole lines only


def keep_main(text: str, headings: set[int], main_text: str) -> tuple[str, set[int]]:
    """Keep the lines of the page that belong to its main content, plus its headings from just above the main
    content to its end (the meeting's title, which boilerplate removal tends to take for page chrome). A line
    belongs when it is a main-content line or lies inside one: the extractor may join a table cell's paragraphs
    into one line ("...the meeting.Public Forum – LGA 1972 ...")."""
    kept_lines = [line for line in main_text.split("\n") if _key(line) and not WEB_CHROME.match(line.strip())]
    main_keys = {_key(line) for line in kept_lines}
    joined = "\n".join(main_keys)
    budget = [SUBSTRING_BUDGET]  # a page of many lines not found whole is not searched line by line for ever

    def inside(needle: str, haystack: str) -> bool:
        budget[0] -= len(haystack)
        return budget[0] > 0 and needle in haystack

    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((line, pos in headings))
        pos += len(line) + 1
    # a line long enough to be content may lie anywhere inside a main-content line, even glued to the next word
    in_main = [i for i, (line, _) in enumerate(lines)
               if (key := _key(line)) and (key in main_keys or (len(key) >= PART_OF_MAIN_CHARS and inside(key, joined)))]
    if not in_main:
        return text, headings
    first, last = in_main[0], in_main[-1]
    # within the main content's span, a short line the extractor joined to its neighbours ("Prop JB, 2nd GK All
    # agreed.", an item number, "Norfolk County Council" glued to the next word) is main content too when it lies
    # inside a main-content line (a menu word inside the span may come with it: losing minutes costs more)
    found = set(in_main)
    # and a long line within the span is content the extractor took for links: agenda items whose titles link to
    # the video or the papers ("d. CONSIDERATION OF URGENCY ORDINANCE ...", "ATTACHMENT 1 - DRAFT RESOLUTION")
    linked = {i for i in range(first, last + 1) if i not in found and len(_key(lines[i][0])) >= PART_OF_MAIN_CHARS
              and not WEB_CHROME.match(lines[i][0].strip())}
    short = [i for i in range(first, last + 1) if i not in found and i not in linked and len(key := _key(lines[i][0])) >= SHORT_PART_CHARS
             and not WEB_CHROME.match(lines[i][0].strip()) and inside(key, joined)]
    lead = [i for i in range(first) if lines[i][1]][-HEADINGS_ABOVE_MAIN:]
    keep = found | set(short) | linked | set(lead) | {i for i in range(first, last + 1) if lines[i][1]}
    out: list[str] = []
    out_headings: set[int] = set()
    offset = 0
    for i, (line, is_heading) in enumerate(lines):
        if i in keep:
            if out and out[-1] and i - 1 not in keep:
                out.append("")  # a dropped block leaves one blank line
                offset += 1
            if is_heading:
                out_headings.add(offset)
            out.append(line)
            offset += len(line) + 1
        elif not line.strip() and out and out[-1] and i - 1 in keep:
            out.append("")
            offset += 1
    return "\n".join(out).rstrip("\n"), out_headings


def main_content(page: str) -> str | None:
    """The page's main content as HTML (headings, lists and tables kept), by trafilatura's boilerplate removal."""
    import trafilatura

    try:
        return trafilatura.extract(page, output_format="html", include_tables=True, include_formatting=True,
                                   include_links=False, include_images=False, include_comments=False, favor_recall=True)
    except Exception:  # a page trafilatura cannot parse is read whole
        return None


def _parse(page: str) -> "_TextParser":
    parser = _TextParser()
    parser.feed(page)
    parser.close()
    return parser


def _unmark(text: str) -> tuple[str, set[int]]:
    """Remove heading marks; return the text and the offsets of the lines they marked."""
    out, headings, pos = [], set(), 0
    for line in text.split("\n"):
        if HEADING_MARK in line:
            line = line.replace(HEADING_MARK, "")
            if line.strip():
                headings.add(pos)
        out.append(line)
        pos += len(line) + 1
    return "\n".join(out), headings


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument("not valid UTF-16 text despite its byte-order mark") from None
    try:
        return decode_utf8_text(data)
    except UnreadableDocument:
        declared = _declared_codec(data[:4096])
        if declared is None or declared == "utf-8":
            raise
    # Valid UTF-8 wins over a stale declaration; otherwise honour what the page says it is.
    codec = "cp1252" if declared in _LATIN1 else declared
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"not valid {codec} text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return decode_utf8_text(text.encode("utf-8"))  # same binary-content checks as UTF-8 input


def _declared_codec(head: bytes) -> str | None:
    match = _CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive unescaped in handle_data
        self.out: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self.drop = 0  # depth inside dropped elements
        self.content = 0  # depth inside <main>/<article>, where <header> holds real content
        # open elements, each with whether it started a dropped part: an end tag closes what was left open inside it,
        # as browsers do, so one unclosed <nav> no longer hides the rest of the page
        self.open: list[tuple[str, bool]] = []
        self.open_count: Counter[str] = Counter()  # how many of each tag are open: an end tag's test in O(1)
        self.in_title = self.in_h1 = False
        self.cells: list[int] = []  # cells seen in the current row, one entry per open table
        self.pending = 0  # line breaks owed by block tags, written before the next real text
        self.mark = False  # the next text opens a heading

    def handle_starttag(self, tag, attrs):
        if tag in ("main", "article"):
            self.content += 1
        if tag in IMPLIED_END and self.open and self.open[-1][0] == tag:
            self._close(tag)  # a new <p> or <li> ends the one left open before it, as browsers do
        dropped = tag in DROP and not (tag in ("header", "footer") and self.content)
        if tag not in VOID:
            self.open.append((tag, dropped))
            self.open_count[tag] += 1
        if dropped:
            self.drop += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "h1" and not self.h1:
            self.in_h1 = True
        if tag in HEADINGS and not self.drop:
            self.mark = True
        if tag == "table":
            self.cells.append(0)
        elif tag == "tr" and self.cells:
            self.cells[-1] = 0
        elif tag in ("td", "th") and self.cells:
            if self.cells[-1] and not self.drop:
                self._flush()
                self.out.append("\t")  # tabs keep table columns apart
            self.cells[-1] += 1
        self._block(tag)

    def handle_startendtag(self, tag, attrs):
        self._block(tag)  # <br/>, <hr/>

    def handle_endtag(self, tag):
        if self.open_count[tag]:  # an end tag with nothing open to close is ignored
            self._close(tag)
        if tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.in_h1 = False
        if tag in HEADINGS:
            self.mark = False  # an empty heading must not mark the paragraph after it
        if tag == "table" and self.cells:
            self.cells.pop()
        self._block(tag)

    def _close(self, tag: str) -> None:
        """Close the innermost open `tag` and whatever was left open inside it."""
        while self.open:
            name, dropped = self.open.pop()
            self.open_count[name] -= 1
            self.drop -= dropped
            if name in ("main", "article") and self.content:
                self.content -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.drop:
            text = re.sub(r"[ \n\r\f\v\xa0\t]+", " ", data)
            if self.pending and not text.strip():
                return  # source indentation between blocks is not text
            self._flush()
            if self.mark and text.strip():
                self.out.append(HEADING_MARK)
                self.mark = False
            self.out.append(text)
            if self.in_h1:
                self.h1.append(data)

    def _block(self, tag):
        if not self.drop and (tag in PARAGRAPH or tag in LINE):
            self.pending = max(self.pending, 2 if tag in PARAGRAPH else 1)

    def _flush(self):
        self.out.append("\n" * self.pending)
        self.pending = 0


def _tidy(text: str) -> str:
    lines = [re.sub(r" *\t *", "\t", line).strip(" ").rstrip("\t ") for line in text.split("\n")]
    text = "\n".join(line if line.strip() else "" for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")  # at most one blank line in a row
