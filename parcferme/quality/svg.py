"""Small SVG charts written by hand: a plot area, axes with ticks, marks and a legend.

Data marks (path, rect, circle, polyline) go in a `<g class="marks">` group, the legend in
`<g class="legend">`, so a reader (or a test) can tell the data from the decoration. Every text
is escaped here; callers pass plain strings.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22")
DASHES = (None, "7 3", "2 3")
SEVERITY_COLORS = {"error": "#c62828", "warning": "#e08600", "info": "#1e6fd9"}
FONT = 'font-family="system-ui, -apple-system, Segoe UI, DejaVu Sans, sans-serif"'
DAY = 86400.0


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def style_for(index: int) -> tuple[str, str | None]:
    """Colour and dash of the index-th series: 10 colours, then the same dashed, then dotted."""
    return PALETTE[index % len(PALETTE)], DASHES[(index // len(PALETTE)) % len(DASHES)]


@dataclass(frozen=True)
class Area:
    """The plot area in pixels and the data range it shows."""

    left: float
    top: float
    width: float
    height: float
    x_min: float
    x_max: float
    y_min: float
    y_max: float

    def x(self, value: float) -> float:
        span = (self.x_max - self.x_min) or 1.0
        return round(self.left + (value - self.x_min) / span * self.width, 1)

    def y(self, value: float) -> float:
        span = (self.y_max - self.y_min) or 1.0
        return round(self.top + self.height - (value - self.y_min) / span * self.height, 1)

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    shape: str = "line"  # line, dot, ring, cross, bar
    dash: str | None = None


# ------------------------------------------------------------------ ticks


def nice_ticks(low: float, high: float, target: int = 6, min_step: float = 1.0) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten, at least
    `min_step` (1 by default: the axes here count issues and points)."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = max(min_step, next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step - 1e-9)
    return [round(first + i * step, 10) for i in range(count + 1)]


def number_label(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def to_seconds(value: dt.date | dt.datetime) -> float:
    """A date (midnight UTC) or an aware datetime as seconds since the epoch."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return value.timestamp()


def _utc(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _month_ticks(low: float, high: float, max_ticks: int) -> list[tuple[float, str]]:
    start, end = _utc(low), _utc(high)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    every = max(1, math.ceil(months / max_ticks))
    ticks, year, month = [], start.year, start.month
    for _ in range(months + 1):
        first = dt.datetime(year, month, 1, tzinfo=dt.UTC)
        if low <= first.timestamp() <= high and (first.month - 1) % every == 0:
            ticks.append((first.timestamp(), first.strftime("%b %Y")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def time_ticks(low: float, high: float, max_ticks: int = 8) -> list[tuple[float, str]]:
    """Ticks for a time axis in epoch seconds: minutes, hours, days, weeks, or first days of months."""
    if high - low > 60 * DAY:
        return _month_ticks(low, high, max_ticks)
    one_day = _utc(low).date() == _utc(high).date()
    for step in (60, 300, 900, 3600, 3 * 3600, 6 * 3600, DAY, 2 * DAY, 7 * DAY, 14 * DAY):
        if (high - low) / step <= max_ticks:
            break
    fmt = "%Y-%m-%d" if step >= DAY else ("%H:%M" if one_day else "%m-%d %H:%M")
    first = math.ceil(low / step) * step
    return [(t, _utc(t).strftime(fmt)) for t in _frange(first, high, step)]


def _frange(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(int((stop - start) // step) + 1)]


def padded(low: float, high: float, minimum_pad: float) -> tuple[float, float]:
    pad = max((high - low) * 0.04, minimum_pad if high == low else 0.0)
    return low - pad, high + pad


# ------------------------------------------------------------------ pieces


def document(svg_id: str, title: str, width: int, height: int, parts: list[str]) -> str:
    head = (
        f'<svg id="{esc(svg_id)}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{esc(svg_id)}-title" {FONT} font-size="12">'
        f'<title id="{esc(svg_id)}-title">{esc(title)}</title>'
        f'<rect class="background" width="{width}" height="{height}" fill="#ffffff"/>'
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="600">{esc(title)}</text>'
    )
    return head + "".join(parts) + "</svg>"


def x_axis(area: Area, ticks: list[tuple[float, str]], label: str) -> str:
    out = [f'<line x1="{area.left}" y1="{area.bottom}" x2="{area.right}" y2="{area.bottom}" stroke="#333"/>']
    for value, text in ticks:
        x = area.x(value)
        out.append(f'<line x1="{x}" y1="{area.top}" x2="{x}" y2="{area.bottom}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{x}" y="{area.bottom + 16}" text-anchor="middle" fill="#333">{esc(text)}</text>')
    out.append(f'<text class="axis-label" x="{area.left + area.width / 2}" y="{area.bottom + 36}" text-anchor="middle" font-weight="600">{esc(label)}</text>')
    return '<g class="x-axis">' + "".join(out) + "</g>"


def y_axis(area: Area, ticks: list[tuple[float, str]], label: str, label_x: float = 16) -> str:
    out = [f'<line x1="{area.left}" y1="{area.top}" x2="{area.left}" y2="{area.bottom}" stroke="#333"/>']
    for value, text in ticks:
        y = area.y(value)
        out.append(f'<line x1="{area.left}" y1="{y}" x2="{area.right}" y2="{y}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{area.left - 6}" y="{y + 4}" text-anchor="end" fill="#333">{esc(text)}</text>')
    middle = area.top + area.height / 2
    out.append(
        f'<text class="axis-label" x="{label_x}" y="{middle}" text-anchor="middle" font-weight="600" '
        f'transform="rotate(-90 {label_x} {middle})">{esc(label)}</text>'
    )
    return '<g class="y-axis">' + "".join(out) + "</g>"


def _dash(dash: str | None) -> str:
    return f' stroke-dasharray="{dash}"' if dash else ""


def tip(text: str) -> str:
    return f"<title>{esc(text)}</title>"


def polyline(area: Area, points: list[tuple[float, float]], color: str, dash: str | None, tooltip: str) -> str:
    coords = " ".join(f"{area.x(x)},{area.y(y)}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"{_dash(dash)}>{tip(tooltip)}</polyline>'


def dot(area: Area, x: float, y: float, color: str, tooltip: str, radius: float = 3.0) -> str:
    return f'<circle cx="{area.x(x)}" cy="{area.y(y)}" r="{radius}" fill="{color}">{tip(tooltip)}</circle>'


def ring(area: Area, x: float, y: float, color: str, tooltip: str, radius: float = 6.0) -> str:
    return (
        f'<circle cx="{area.x(x)}" cy="{area.y(y)}" r="{radius}" fill="#ffffff" fill-opacity="0.4" '
        f'stroke="{color}" stroke-width="2">{tip(tooltip)}</circle>'
    )


def _cross_path(cx: float, cy: float, size: float) -> str:
    return f"M{cx - size},{cy - size}L{cx + size},{cy + size}M{cx - size},{cy + size}L{cx + size},{cy - size}"


def cross(area: Area, x: float, y: float, color: str, tooltip: str, size: float = 5.0) -> str:
    return f'<path d="{_cross_path(area.x(x), area.y(y), size)}" stroke="{color}" stroke-width="2.5">{tip(tooltip)}</path>'


def marks(parts: list[str]) -> str:
    return '<g class="marks">' + "".join(parts) + "</g>"


def _swatch(entry: LegendEntry, x: float, y: float) -> str:
    if entry.shape == "line":
        return f'<line x1="{x}" y1="{y}" x2="{x + 22}" y2="{y}" stroke="{entry.color}" stroke-width="2.5"{_dash(entry.dash)}/>'
    if entry.shape == "dot":
        return f'<circle cx="{x + 11}" cy="{y}" r="3.5" fill="{entry.color}"/>'
    if entry.shape == "ring":
        return f'<circle cx="{x + 11}" cy="{y}" r="5.5" fill="none" stroke="{entry.color}" stroke-width="2"/>'
    if entry.shape == "cross":
        return f'<path d="{_cross_path(x + 11, y, 4.5)}" stroke="{entry.color}" stroke-width="2.5"/>'
    return f'<rect x="{x + 3}" y="{y - 6}" width="16" height="12" fill="{entry.color}"/>'


def legend(x: float, y: float, entries: list[LegendEntry], heading: str = "Legend", row: float = 17) -> str:
    out = [f'<text x="{x}" y="{y}" font-weight="600">{esc(heading)}</text>']
    for i, entry in enumerate(entries):
        cy = y + (i + 1) * row
        out.append(_swatch(entry, x, cy - 4) + f'<text x="{x + 30}" y="{cy}">{esc(entry.label)}</text>')
    return '<g class="legend">' + "".join(out) + "</g>"


def legend_height(entries: int, row: float = 17) -> float:
    return (entries + 1) * row


def note(area: Area, text: str, top: bool = False) -> str:
    """A grey remark in the plot area: centred, or along its top edge (`top`)."""
    y = area.top + 14 if top else area.top + area.height / 2
    return f'<text x="{area.left + area.width / 2}" y="{y}" text-anchor="middle" fill="#666" font-size="14">{esc(text)}</text>'

