"""Read a file into SourceText, one reader per format; refuse bad input with a clear reason."""
from __future__ import annotations

from pathlib import Path

from index.errors import UnreadableDocument
from index.records import SourceText

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}


def check_file(path: Path, max_bytes: int) -> int:
    """Refuse a file by its type and size before reading it; returns its size."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableDocument(f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    size = Path(path).stat().st_size
    if size == 0:
        raise UnreadableDocument("empty file (0 bytes)")
    if size > max_bytes:
        raise UnreadableDocument(f"file too large ({size:,} bytes; limit {max_bytes:,})")
    return size


def parse_document(data: bytes, suffix: str, max_pdf_pages: int = 2000) -> SourceText:
    """The text of a file's bytes, by the reader for its type."""
    suffix = suffix.lower()
    if suffix == ".pdf":
        from index.readers.pdf import read_pdf

        source = read_pdf(data, max_pages=max_pdf_pages)
    elif suffix in {".html", ".htm"}:
        from index.readers.html import read_html

        source = read_html(data)
    else:
        from index.readers.text import read_text

        source = read_text(data, markdown=suffix in {".md", ".markdown"})
    if not source.text.strip():
        raise UnreadableDocument("no text found in the file")
    return source


def read_document(path: Path, max_bytes: int, max_pdf_pages: int = 2000) -> SourceText:
    """Read one file; raises UnreadableDocument with a reason a person can act on."""
    check_file(path, max_bytes)
    return parse_document(Path(path).read_bytes(), Path(path).suffix, max_pdf_pages)
