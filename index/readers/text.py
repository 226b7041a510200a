"""Plain text and Markdown: strict UTF-8, refusing binary content."""
from __future__ import annotations

import html
import re

from index.errors import UnreadableDocument
from index.records import SourceText


ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, line feed, form feed and return


def decode_utf8_text(data: bytes) -> str:
    """Decode bytes as UTF-8 text or say why they are not text."""
    if b"\x00" in data[:65536]:
        raise UnreadableDocument("binary content (NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8") from None
    sample = text[:65536]
    controls = len(CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.01:
        raise UnreadableDocument("binary content (control characters), not a text document")
    return text


# a character reference as Markdown allows them ("&nbsp;", "&amp;", "&#8217;"); Markdown shows them decoded
CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_references(text: str) -> str:
    """Markdown's character references as the characters they stand for; a no-break space written as a reference
    is layout ("2.1&nbsp;&nbsp;&nbsp;The 2nd Report"), read as a plain space."""
    def character(m: re.Match) -> str:
        decoded = html.unescape(m.group(0))
        return " " if decoded == "\xa0" else decoded

    return CHARACTER_REFERENCE.sub(character, text)


def read_text(data: bytes, markdown: bool = False) -> SourceText:
    text = decode_utf8_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        from index.readers.front_matter import without_front_matter

        text = decode_references(without_front_matter(text))
    if "\f" in text:  # text a PDF was turned into, page by page: its running headers and footers go, as a PDF's do
        from index.readers.layout import PAGE_SEP, drop_running_lines

        text = PAGE_SEP.join(drop_running_lines(text.split("\f")))
    # A form feed is a page break in text exported from PDFs.
    starts = [0] + [m.end() for m in re.finditer("\f", text)]
    # a Markdown heading line ("# PUBLIC COMMENT", "## Food Carts") is marked as a heading, as an HTML <h2> is
    headings = {m.start() for m in ATX_HEADING.finditer(text)} if markdown else set()
    return SourceText(text=text, page_starts=starts, heading_offsets=headings)
