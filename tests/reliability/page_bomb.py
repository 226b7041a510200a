"""A page-content bomb made with pypdf: many pages sharing one content stream of very many text operators."""
from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject


def page_bomb(pages: int = 200, operators: int = 100_000) -> bytes:
    """A small file whose text extraction costs `pages` x `operators` operator steps."""
    writer = PdfWriter()
    first = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    first[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    stream = ContentStream(None, writer)
    stream.set_data(b"BT /F1 12 Tf 72 720 Td " + b"(council minutes) Tj " * operators + b"ET")
    shared = writer._add_object(stream)  # one stream object, referenced by every page
    first[NameObject("/Contents")] = shared
    for _ in range(pages - 1):
        writer.add_page(first)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
