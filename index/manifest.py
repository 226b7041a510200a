"""Read the corpus manifest: per-file committee, meeting date, title and source."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from index.dates import date_in_file_name
from index.records import DocumentMeta

MANIFEST_NAME = "manifest.json"


class Manifests:
    """Manifests read once per folder during an ingest, with any problem found in them kept for the report."""

    def __init__(self):
        self.entries: dict[Path, dict[str, dict]] = {}
        self.problems: dict[Path, str] = {}

    def folder(self, folder: Path) -> dict[str, dict]:
        if folder not in self.entries:
            self.entries[folder] = self._load(folder / MANIFEST_NAME)
        return self.entries[folder]

    def _load(self, path: Path) -> dict[str, dict]:
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            self.problems[path] = f"manifest ignored: not valid JSON ({exc})"
            return {}
        if not isinstance(data, dict):
            self.problems[path] = "manifest ignored: expected a JSON object keyed by file name"
            return {}
        entries = {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}
        for name, entry in entries.items():
            when = entry.get("meeting_date")
            try:
                date.fromisoformat(when) if when else None
            except (TypeError, ValueError):
                entry.pop("meeting_date")
                self.problems[path] = f"meeting_date of {name} ignored: {when!r} is not YYYY-MM-DD"
        return entries

    def meta_for(self, path: Path) -> tuple[DocumentMeta, str | None]:
        """The manifest entry for `path` (looked up in its own folder's manifest) and its item number."""
        entry = self.folder(Path(path).parent).get(Path(path).name, {})
        meta = DocumentMeta(entry.get("committee"), entry.get("meeting_date"), entry.get("title"), entry.get("source"),
                            named_date=date_in_file_name(Path(path).name))
        return meta, entry.get("item_number")


def meta_for(path: Path, manifests: Manifests | None = None) -> tuple[DocumentMeta, str | None]:
    return (manifests or Manifests()).meta_for(path)
