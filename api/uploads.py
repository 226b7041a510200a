"""Documents added over HTTP: token check, size and type limits, then the same incremental ingest as the CLI."""
from __future__ import annotations

from typing import Any

import hashlib
from collections import Counter
import secrets
import tempfile
from pathlib import Path

from index.errors import Forbidden
from index.ingest import ingest

UPLOAD_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}
MAX_NAME_BYTES = 200  # stored as '<12 hex>-<name>': well under the usual 255-byte limit of a file name


def check_token(expected: str | None, authorization: str | None, x_api_token: str | None):
    if not expected:
        raise Forbidden("uploads are disabled: the operator has not set MINUTES_API_TOKEN")
    given = x_api_token or ""
    scheme, _, credential = (authorization or "").strip().partition(" ")
    if not given and scheme.lower() == "bearer":  # the scheme is case-insensitive (RFC 9110)
        given = credential.strip()
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise Forbidden("a valid API token is required (header 'Authorization: Bearer <token>' or 'X-API-Token')")


def safe_name(filename: str | None) -> str:
    """The file's own name (never a path: '../x' becomes 'x'), its stem cut so the stored name fits any file system."""
    name = Path(filename or "upload").name.replace("\0", "") or "upload"
    suffix = Path(name).suffix[:10]
    raw = name.encode()
    if len(raw) <= MAX_NAME_BYTES:
        return name
    stem = raw[:MAX_NAME_BYTES - len(suffix.encode())].decode(errors="ignore")  # never half a UTF-8 character
    return stem + suffix


def _failed(name: str, detail: str) -> dict:
    return {"path": name, "status": "failed", "detail": detail, "items": 0, "passages": 0}


def ingest_uploads(library, files) -> dict:
    """Save each (filename, file object) under data_dir/uploads and ingest them; returns the per-file report."""
    settings = library.settings
    upload_dir = settings.data_dir / "uploads"
    upload_dir.mkdir(parents=True, exist_ok=True)
    saved, rejected = [], []
    for filename, fileobj in files:
        name = safe_name(filename)
        if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
            rejected.append(_failed(name, f"unsupported file type; allowed: {', '.join(sorted(UPLOAD_SUFFIXES))}"))
            continue
        data = fileobj.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            rejected.append(_failed(name, f"file too large (limit {settings.max_upload_bytes:,} bytes)"))
            continue
        with tempfile.NamedTemporaryFile(dir=upload_dir, delete=False, suffix=".part") as tmp:
            try:
                tmp.write(data)
                # stored under its content hash: two different files called 'minutes.txt' never replace each other
                target = upload_dir / f"{hashlib.sha256(data).hexdigest()[:12]}-{name}"
                Path(tmp.name).replace(target)  # atomic: a half-written upload is never ingested
            except BaseException:
                Path(tmp.name).unlink(missing_ok=True)  # a failed write leaves no .part behind
                raise
        saved.append((target, name))
    names = {str(target): name for target, name in saved}
    report: dict[str, Any] = (ingest(library, [t for t, _ in saved], display_name=names).to_dict() if saved
                              else {"files": [], "embedded": 0})
    for f in report["files"]:
        f["path"] = names.get(f["path"], Path(f["path"]).name)
    report["files"] = rejected + report["files"]
    report["counts"] = dict(Counter(f["status"] for f in report["files"]))  # rejected files count too
    return report
