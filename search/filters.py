"""Search filters (committee, date range, document, resolutions only) and their SQL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from index.errors import MinutesError


@dataclass
class Filters:
    committee: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    document: str | None = None
    resolutions_only: bool = False

    def __post_init__(self):
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value:
                try:
                    setattr(self, name, date.fromisoformat(value).isoformat())
                except ValueError:
                    raise MinutesError(f"{name.replace('_', ' ')} must be a date written YYYY-MM-DD, not '{value}'") from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise MinutesError("the 'from' date is after the 'to' date")

    @property
    def active(self) -> bool:
        return bool(self.committee or self.date_from or self.date_to or self.document or self.resolutions_only)

    def sql(self) -> tuple[str, list]:
        """A WHERE fragment over passages p joined to items i and documents d."""
        where, args = [], []
        if self.committee:
            where.append("i.committee LIKE ?")
            args.append(f"%{self.committee}%")
        if self.date_from:
            where.append("i.meeting_date >= ?")
            args.append(self.date_from)
        if self.date_to:
            where.append("i.meeting_date <= ?")
            args.append(self.date_to)
        if self.document:
            where.append("d.name = ?")
            args.append(self.document)
        if self.resolutions_only:
            where.append("p.is_resolution = 1")
        return (" AND ".join(where) or "1"), args
