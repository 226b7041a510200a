"""Read the corpus manifest: per-file committee, meeting date, title and source."""
from __future__ import annotations

import json
from pathlib import Path

from index.records import DocumentMeta

MANIFEST_NAME = "manifest.json"


def load_manifest(folder: Path) -> dict[str, dict]:
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}


def meta_for(path: Path, manifests: dict[Path, dict[str, dict]]) -> tuple[DocumentMeta, str | None]:
    """The manifest entry for `path` (looked up in its own folder's manifest) and its item number."""
    folder = Path(path).parent
    if folder not in manifests:
        manifests[folder] = load_manifest(folder)
    entry = manifests[folder].get(Path(path).name, {})
    meta = DocumentMeta(entry.get("committee"), entry.get("meeting_date"), entry.get("title"), entry.get("source"))
    return meta, entry.get("item_number")
