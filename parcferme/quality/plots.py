"""The three plots of the quality report, as inline SVG built from the warehouse tables."""

from __future__ import annotations

import polars as pl

from parcferme.quality import svg
from parcferme.quality.svg import SEVERITY_COLORS, Area, LegendEntry

POINTS_ID, ISSUES_PER_CHECK_ID, ISSUE_TREND_ID = "plot-points", "plot-issues-per-check", "plot-issue-trend"
PLOT_IDS = (POINTS_ID, ISSUES_PER_CHECK_ID, ISSUE_TREND_ID)
WIDTH = 1000
SEVERITIES = ("error", "warning", "info")
MONO = 'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="11"'


# ------------------------------------------------------------------ (a) championship points


MARK_KEY = ["driver", "source", "published", "points", "has_error"]  # one mark each


def _points_rows(driver_standings: pl.DataFrame | pl.LazyFrame, claims: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Standings rows and points claims, one frame: source (standing, claim), driver, published, points;
    one row per distinct mark (MARK_KEY), the first by article and line, in date order. Works on
    scans too: a large warehouse's tables are never loaded whole (the chart draws a few marks)."""
    driver = pl.coalesce("driver", "driver_raw").fill_null("?").alias("driver")
    keep = ["article_id", "line", "published", "points", "has_error", "issue_checks", driver]
    standings = driver_standings.lazy().select(*keep, pl.lit("standing").alias("source"))
    said = claims.lazy().filter(pl.col("kind") == "points")
    marks = (
        pl.concat([standings, said.select(*keep, pl.lit("claim").alias("source"))], how="vertical_relaxed")
        .filter(pl.col("published").is_not_null() & pl.col("points").is_not_null())
        .group_by(MARK_KEY)
        .agg(pl.col("article_id", "line", "issue_checks").sort_by("article_id", "line").first())
        .sort("published", "article_id", "line", "source", "driver")
        .collect()
    )
    texts = (  # the sentence of each claim mark (the first, if a line says it twice)
        said.select("article_id", "line", driver, "points", "text")
        .join(marks.lazy().filter(pl.col("source") == "claim").select("article_id", "line"), on=["article_id", "line"], how="semi")
        .group_by("article_id", "line", "driver", "points")
        .agg(pl.col("text").min())
        .with_columns(pl.lit("claim").alias("source"))
        .collect()
    )
    return marks.join(texts, on=["article_id", "line", "driver", "points", "source"], how="left", maintain_order="left")


def _driver_order(rows: pl.DataFrame) -> list[str]:
    """Drivers by their highest points, the leader first (legend order and colours)."""
    best = rows.group_by("driver").agg(pl.col("points").max()).sort(["points", "driver"], descending=[True, False])
    return best["driver"].to_list()


def _row_tip(row: dict, prefix: str) -> str:
    where = f"{row['article_id']}:{row['line']}"
    text = f"{prefix}{row['driver']}: {svg.number_label(row['points'])} points on {row['published']} ({where})"
    if row["has_error"]:
        text += f"; has_error ({row['issue_checks']})"
    return text + (f"\n“{row['text']}”" if row["text"] else "")


def _driver_line(area: Area, rows: pl.DataFrame, color: str, dash: str | None, driver: str) -> list[str]:
    """The line through a driver's standings rows without error (none with fewer than two points)."""
    trusted = rows.filter((pl.col("source") == "standing") & ~pl.col("has_error")).unique(["published", "points"], maintain_order=True)
    line = [(svg.to_seconds(d), p) for d, p in trusted.select("published", "points").iter_rows()]
    return [svg.polyline(area, line, color, dash, f"{driver}: championship points")] if len(line) > 1 else []


def _row_mark(area: Area, row: dict, color: str) -> str:
    x = svg.to_seconds(row["published"])
    if row["has_error"]:
        return svg.cross(area, x, row["points"], color, _row_tip(row, "left out of the line: "))
    if row["source"] == "claim":
        return svg.ring(area, x, row["points"], color, _row_tip(row, "claim in the prose: "))
    return svg.dot(area, x, row["points"], color, _row_tip(row, ""))


MAX_MARKS = 3000  # beyond this the page gets heavy: errors first, then claims, then standings rows


def _drawn_marks(rows: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """One mark per distinct (driver, kind, date, points); at most MAX_MARKS, errors kept first."""
    distinct = rows.unique(MARK_KEY, keep="first", maintain_order=True)
    if distinct.height <= MAX_MARKS:
        return distinct, 0
    priority = pl.when(pl.col("has_error")).then(0).when(pl.col("source") == "claim").then(1).otherwise(2)
    kept = distinct.with_columns(priority.alias("_p")).sort("_p", maintain_order=True).head(MAX_MARKS).drop("_p")
    return kept, distinct.height - MAX_MARKS


def _driver_marks(area: Area, rows: pl.DataFrame, marked: pl.DataFrame, color: str, dash: str | None, driver: str) -> list[str]:
    return _driver_line(area, rows, color, dash, driver) + [_row_mark(area, row, color) for row in marked.iter_rows(named=True)]


POINTS_KEY = [
    LegendEntry("standings row (no error)", "#333", "dot"),
    LegendEntry("points claim in the prose", "#333", "ring"),
    LegendEntry("row with has_error (left out)", "#333", "cross"),
]


def points_chart(driver_standings: pl.DataFrame | pl.LazyFrame, claims: pl.DataFrame | pl.LazyFrame) -> str:
    """Championship points of each driver across the articles' dates: standings lines, claims as rings."""
    title = "Drivers' championship points by article date"
    rows = _points_rows(driver_standings, claims)
    drivers = _driver_order(rows)
    styles = {driver: svg.style_for(i) for i, driver in enumerate(drivers)}
    entries = [LegendEntry(d, styles[d][0], "line", styles[d][1]) for d in drivers] + POINTS_KEY
    height = int(max(460, 60 + svg.legend_height(len(entries) + 1) + 20))
    if rows.is_empty():
        area = Area(70, 45, WIDTH - 330, height - 110, 0, 1, 0, 1)
        return svg.document(POINTS_ID, title, WIDTH, height, [svg.note(area, "No driver standings or points claims.")])
    x_min, x_max = svg.padded(svg.to_seconds(rows["published"].min()), svg.to_seconds(rows["published"].max()), svg.DAY)
    y_ticks = svg.nice_ticks(0, max(rows["points"].max(), 1))
    area = Area(70, 45, WIDTH - 330, height - 110, x_min, x_max, 0, y_ticks[-1])
    marked, omitted = _drawn_marks(rows)
    by_driver = rows.partition_by("driver", as_dict=True)
    marked_by_driver = marked.partition_by("driver", as_dict=True)
    empty = marked.head(0)
    parts = [
        svg.x_axis(area, svg.time_ticks(x_min, x_max), "article publication date"),
        svg.y_axis(area, [(t, svg.number_label(t)) for t in y_ticks], "championship points"),
        svg.marks([m for d in drivers for m in _driver_marks(area, by_driver[(d,)], marked_by_driver.get((d,), empty), *styles[d], d)]),
        svg.legend(area.right + 25, 52, entries, heading="Driver / mark"),
    ]
    if omitted:
        parts.append(svg.note(area, f"{omitted} further marks not drawn (lines use every row without error)", top=True))
    return svg.document(POINTS_ID, title, WIDTH, height, parts)


# ------------------------------------------------------------------ (b) issues per check


def _bar(area: Area, index: int, row: dict, row_height: float) -> str:
    y = area.top + index * row_height + 3
    width = area.x(row["issues"]) - area.left
    tooltip = f"{row['check']} ({row['severity']}): {row['issues']} issues. {row['description']}"
    return (
        f'<rect x="{area.left}" y="{y}" width="{width}" height="{row_height - 6}" fill="{SEVERITY_COLORS[row["severity"]]}">'
        f"{svg.tip(tooltip)}</rect>"
        f'<text x="{area.left + width + 4}" y="{y + row_height / 2 + 1}" fill="#333">{row["issues"]}</text>'
    )


def _check_labels(area: Area, checks: list[str], row_height: float) -> str:
    labels = [
        f'<text x="{area.left - 6}" y="{area.top + (i + 0.5) * row_height + 4}" text-anchor="end" {MONO}>{svg.esc(check)}</text>'
        for i, check in enumerate(checks)
    ]
    return '<g class="y-axis">' + "".join(labels) + f'<line x1="{area.left}" y1="{area.top}" x2="{area.left}" y2="{area.bottom}" stroke="#333"/></g>'


def issues_per_check_chart(per_check: pl.DataFrame) -> str:
    """One horizontal bar per registered check (zero too), coloured by severity."""
    title = f"Issues per check (all {per_check.height} registered checks)"
    row_height = 18.0
    x_ticks = svg.nice_ticks(0, max(per_check["issues"].max() or 0, 1), target=5)
    area = Area(250, 45, WIDTH - 250 - 170, max(row_height * per_check.height, row_height), 0, x_ticks[-1], 0, 1)
    rows = per_check.to_dicts()
    parts = [
        svg.x_axis(area, [(t, svg.number_label(t)) for t in x_ticks], "issues found in the warehouse"),
        _check_labels(area, [r["check"] for r in rows], row_height),
        '<text class="axis-label" x="16" y="40" font-weight="600">check</text>',
        svg.marks([_bar(area, i, row, row_height) for i, row in enumerate(rows)]),
        svg.legend(area.right + 40, 52, [LegendEntry(s, SEVERITY_COLORS[s], "bar") for s in SEVERITIES], heading="Severity"),
    ]
    return svg.document(ISSUES_PER_CHECK_ID, title, WIDTH, int(area.bottom + 50), parts)


# ------------------------------------------------------------------ (c) issues across runs


def _trend_marks(area: Area, runs: pl.DataFrame, severity: str) -> list[str]:
    column = f"{severity}s"
    color = SEVERITY_COLORS[severity]
    points = [(svg.to_seconds(t), n) for t, n in runs.select("started_at", column).iter_rows()]
    line = [svg.polyline(area, points, color, None, f"{severity}s across runs")] if len(points) > 1 else []
    tips = [f"run {r} at {t:%Y-%m-%d %H:%M:%S} UTC: {n} {column}" for r, t, n in runs.select("run_id", "started_at", column).iter_rows()]
    return line + [svg.dot(area, x, y, color, text, radius=4) for (x, y), text in zip(points, tips)]


def _run_axis_label(runs: pl.DataFrame) -> str:
    days = runs["started_at"].dt.date().unique()
    return f"run start (UTC, {days[0]})" if days.len() == 1 else "run start (UTC)"


def issue_trend_chart(runs: pl.DataFrame) -> str:
    """Errors, warnings and infos in the warehouse after each run, over the runs' start times."""
    title = "Issues across runs"
    entries = [LegendEntry(f"{s}s", SEVERITY_COLORS[s], "line") for s in SEVERITIES]
    height = 380
    runs = runs.filter(pl.col("started_at").is_not_null()).sort("started_at", "run_id")
    if runs.is_empty():
        area = Area(70, 45, WIDTH - 260, height - 110, 0, 1, 0, 1)
        parts = [svg.note(area, "No run recorded yet."), svg.legend(area.right + 25, 52, entries, "Severity")]
        return svg.document(ISSUE_TREND_ID, title, WIDTH, height, parts)
    seconds = [svg.to_seconds(t) for t in runs["started_at"]]
    x_min, x_max = svg.padded(min(seconds), max(seconds), 3600)
    peak = max(runs.select(pl.max_horizontal("errors", "warnings", "infos").max()).item() or 0, 1)
    y_ticks = svg.nice_ticks(0, peak, target=5)
    area = Area(70, 45, WIDTH - 260, height - 110, x_min, x_max, 0, y_ticks[-1])
    parts = [
        svg.x_axis(area, svg.time_ticks(x_min, x_max), _run_axis_label(runs)),
        svg.y_axis(area, [(t, svg.number_label(t)) for t in y_ticks], "issues in the warehouse"),
        svg.marks([m for s in SEVERITIES for m in _trend_marks(area, runs, s)]),
        svg.legend(area.right + 25, 52, entries, heading="Severity"),
    ]
    return svg.document(ISSUE_TREND_ID, title, WIDTH, height, parts)
