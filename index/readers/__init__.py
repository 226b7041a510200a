"""Read a file into SourceText, one reader per format; refuse bad input with a clear reason."""
from __future__ import annotations

from pathlib import Path

from index.errors import UnreadableDocument
from index.records import SourceText

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}


def read_document(path: Path, max_bytes: int, max_pdf_pages: int = 2000) -> SourceText:
    """Read one file; raises UnreadableDocument with a reason a person can act on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableDocument(f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableDocument("empty file (0 bytes)")
    if size > max_bytes:
        raise UnreadableDocument(f"file too large ({size:,} bytes; limit {max_bytes:,})")
    data = path.read_bytes()
    if suffix == ".pdf":
        from index.readers.pdf import read_pdf

        source = read_pdf(data, max_pages=max_pdf_pages)
    elif suffix in {".html", ".htm"}:
        from index.readers.html import read_html

        source = read_html(data)
    else:
        from index.readers.text import read_text

        source = read_text(data)
    if not source.text.strip():
        raise UnreadableDocument("no text found in the file")
    return source
