"""A server-side SVG bar chart of search hits per meeting date (no scripts, every text escaped)."""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import Callable, Iterable

from index.dates import format_date

UNDATED = "undated"

# Geometry (user units; the SVG scales down on narrow screens through its viewBox).
MIN_SLOT, MAX_SLOT = 60, 110   # horizontal space per meeting date (wider when there are few dates)
PLOT_W = 660                    # the width the slots share before the minimum applies
LEFT = 40          # room for the y-axis labels
RIGHT = 16
TOP = 52           # room for the title and the tallest bar's count
PLOT_H = 150       # height of the tallest bar
BOTTOM = 46        # room for the two-line date labels


def count_by_date(hits: Iterable[dict]) -> list[tuple[str, int]]:
    """(meeting date, hits) pairs in date order, undated last."""
    counts = Counter((h.get("meeting_date") or UNDATED) for h in hits)
    return sorted(counts.items(), key=lambda kv: (kv[0] == UNDATED, kv[0]))


def _a(value) -> str:
    """An attribute value, escaped (quotes included)."""
    return escape(str(value), quote=True)


def _date_lines(iso: str) -> tuple[str, str]:
    if iso == UNDATED:
        return "undated", ""
    label = format_date(iso)  # e.g. '8 Sep 2025'
    parts = label.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (label, "")


def timeline_svg(hits: Iterable[dict], href_for: Callable[[str], str | None] | None = None,
                 title: str = "Results per meeting date", newest: str | None = None) -> str:
    """An accessible bar chart: one bar per meeting date, its count above it and the date below.

    `href_for(meeting_date)` may return a link for each bar (e.g. the research view narrowed to that date).
    `newest` (the newest meeting date stored) is marked, and shown with 0 when no hit comes from it: a follower sees
    at a glance whether the latest meeting mentions the topic.
    """
    data = count_by_date(hits)
    if newest and data and newest not in dict(data):
        data = sorted([*data, (newest, 0)], key=lambda kv: (kv[0] == UNDATED, kv[0]))
    n = max(1, len(data))
    slot = max(MIN_SLOT, min(MAX_SLOT, PLOT_W // n))
    bar_w = round(slot * 0.58)
    width = LEFT + n * slot + RIGHT
    height = TOP + PLOT_H + BOTTOM
    top = max((c for _, c in data), default=0)
    total = sum(c for _, c in data)
    base_y = TOP + PLOT_H
    if data:
        summary = "; ".join(f"{format_date(d) if d != UNDATED else UNDATED}: {c}" for d, c in data)
        desc = f"{total} result{'s' if total != 1 else ''} across {len(data)} meeting date{'s' if len(data) != 1 else ''}. {summary}."
        if newest in dict(data):
            desc += f" The newest meeting stored is {format_date(newest)}."
    else:
        desc = "No results to chart."
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-labelledby="tl-title tl-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif">',
        f'<title id="tl-title">{escape(title)}</title>',
        f'<desc id="tl-desc">{escape(desc)}</desc>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="600" fill="#1f2933">{escape(title)}</text>',
    ]
    # Axis and a few gridlines with their values.
    ticks = sorted({0, top, (top + 1) // 2}) if top else [0]
    for t in ticks:
        y = base_y - (PLOT_H * t / top if top else 0)
        out.append(f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{width - RIGHT}" y2="{y:.1f}" stroke="#d5dbe3" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#52606d">{t}</text>')
    if not data:
        out.append(f'<text x="{LEFT + 8}" y="{base_y - PLOT_H / 2:.1f}" font-size="13" fill="#52606d">No results</text>')
    for i, (day, count) in enumerate(data):
        cx = LEFT + i * slot + slot / 2
        h = max(2.0, PLOT_H * count / top) if top else 0
        y = base_y - h
        label1, label2 = _date_lines(day)
        shown = format_date(day) if day != UNDATED else UNDATED
        is_newest = day == newest
        bar = [
            f'<g class="bar{" bar-newest" if is_newest else ""}">',
            f'<title>{escape(f"{count} result" + ("s" if count != 1 else "") + f" on {shown}" + (", the newest meeting" if is_newest else ""))}</title>',
            # a newest meeting without results is an empty slot (its 0 and label), not a bar
            f'<rect x="{cx - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" rx="3" fill="{"#1d7a3a" if is_newest else "#2f6fb0"}"/>'
            if count else "",
            f'<text x="{cx:.1f}" y="{y - 6:.1f}" font-size="13" font-weight="600" text-anchor="middle" fill="#1f2933">{count}</text>',
            f'<text x="{cx:.1f}" y="{base_y + 18}" font-size="11" text-anchor="middle" fill="#323f4b">{escape(label1)}</text>',
        ]
        if is_newest:
            bar.append(f'<text x="{cx:.1f}" y="{y - 22:.1f}" font-size="11" font-weight="700" text-anchor="middle" fill="#1d7a3a">newest</text>')
        if label2:
            bar.append(f'<text x="{cx:.1f}" y="{base_y + 33}" font-size="11" text-anchor="middle" fill="#52606d">{escape(label2)}</text>')
        bar.append("</g>")
        href = href_for(day) if href_for and day != UNDATED else None
        if href:
            bar = [f'<a href="{_a(href)}" aria-label="{_a(f"{count} on {shown}: show these results")}">', *bar, "</a>"]
        out.extend(bar)
    out.append("</svg>")
    return "\n".join(out)
