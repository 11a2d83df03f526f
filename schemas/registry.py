"""The check registry: every check's id, severity, one-line description and implementation.

A check is a boolean polars expression over one check frame (a table, or tables joined), true
where the row is fine. Null means "does not apply" and counts as fine, on purpose. The issues
table, the run summary and the docs are all generated from `REGISTRY`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


# the warehouse table each check frame's rows belong to
FRAME_TABLES = {
    "articles": "articles",
    "lines": "lines",
    "race_results": "race_results",
    "driver_standings": "driver_standings",
    "constructor_standings": "constructor_standings",
    "standings_totals": "constructor_standings",
    "standings_headings": "driver_standings",
    "claims": "claims",
    "series_mentions": "series_mentions",
    "statements": "claims",
    "season_driver_points": "driver_standings",
    "season_constructor_points": "constructor_standings",
    "season_pairs": "claims",
    "season_places": "claims",
    "season_results": "race_results",
    "season_finishes": "claims",
    "season_time_gaps": "claims",
    "season_times": "race_results",
}


# check frames that hold rows of several articles (one season's timeline): checked once per run
SEASON_FRAMES = ("season_driver_points", "season_constructor_points", "season_pairs", "season_places", "season_results", "season_finishes", "season_time_gaps", "season_times")


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    description: str
    frames: tuple[str, ...]  # the check frames the rule runs on (see schemas.frames)
    rule: pl.Expr  # true = fine, null = not applicable
    message: pl.Expr
    observed: pl.Expr = pl.lit(None, dtype=pl.String)
    expected: pl.Expr = pl.lit(None, dtype=pl.String)
    line: pl.Expr = pl.col("line")
    table: pl.Expr | None = None  # the warehouse table the flagged row is in; default: the frame's table
    tables_extra: tuple[str, ...] = ()  # further tables `table` can name, for the docs

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def across_articles(self) -> bool:
        """Whether the rule compares articles with each other (run once over the whole archive)
        rather than look inside one article (run batch by batch)."""
        return any(frame in SEASON_FRAMES for frame in self.frames)


REGISTRY: dict[str, Check] = {}


def register(*checks: Check) -> None:
    for check in checks:
        if check.id in REGISTRY:
            raise ValueError(f"check {check.id} registered twice")
        if check.severity not in SEVERITIES:
            raise ValueError(f"check {check.id}: unknown severity {check.severity}")
        REGISTRY[check.id] = check


def all_checks() -> list[Check]:
    import schemas.checks  # noqa: F401  (registers every check module)

    return list(REGISTRY.values())


def article_checks() -> list[Check]:
    return [c for c in all_checks() if not c.across_articles]


def season_checks() -> list[Check]:
    return [c for c in all_checks() if c.across_articles]


def s(expr: pl.Expr) -> pl.Expr:
    """A value as text for `observed`/`expected` (integers without a trailing .0; a whole number
    too large for an integer in floating-point notation; a fraction to nine places, so that
    milliseconds in seconds read 21.9, not 21.900000000000002)."""
    number = expr.cast(pl.Float64, strict=False)
    return (
        pl.when(number.is_not_null() & (number % 1 == 0))
        .then(pl.coalesce(number.cast(pl.Int64, strict=False).cast(pl.String), expr.cast(pl.String)))
        .when(number.is_not_null() & number.is_finite())
        .then(number.round(9).cast(pl.String))
        .otherwise(expr.cast(pl.String))
    )


def checks_markdown() -> str:
    """The checks table for the docs, generated from the registry."""
    rows = ["| check | severity | tables | what it checks |", "|---|---|---|---|"]
    for check in sorted(all_checks(), key=lambda c: c.id):
        tables = ", ".join(sorted({FRAME_TABLES.get(f, f) for f in check.frames} | set(check.tables_extra)))
        rows.append(f"| `{check.id}` | {check.severity} | {tables} | {check.description} |")
    return "\n".join(rows) + "\n"
