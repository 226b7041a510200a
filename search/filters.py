"""Search filters (committee, date range, document, resolutions, decisions and their outcome) and their SQL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from index.errors import MinutesError

# The outcomes a recorded decision can have (see index/records.py Decision.outcome).
OUTCOMES = ("carried", "failed", "deferred", "noted", "approved", "amended")


@dataclass
class Filters:
    committee: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    document: str | None = None
    resolutions_only: bool = False
    decisions: bool = False  # only items that record at least one decision
    outcome: str | None = None  # only items with a decision of this outcome

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
        if self.outcome is not None:
            outcome = str(self.outcome).strip().lower()
            if outcome and outcome not in OUTCOMES:
                raise MinutesError(f"outcome must be one of {', '.join(OUTCOMES)}, not '{self.outcome}'")
            self.outcome = outcome or None

    @property
    def active(self) -> bool:
        return bool(self.committee or self.date_from or self.date_to or self.document or self.resolutions_only
                    or self.decisions or self.outcome)

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
        if self.decisions:
            where.append("i.n_decisions > 0")
        if self.outcome:
            # `outcomes` is the space-separated set of the item's decision outcomes
            where.append("(' ' || i.outcomes || ' ') LIKE ?")
            args.append(f"% {self.outcome} %")
        return (" AND ".join(where) or "1"), args
