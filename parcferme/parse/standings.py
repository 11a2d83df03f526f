"""Championship standings: the heading with its context, the drivers' table and the constructors' table."""

from __future__ import annotations

import polars as pl

from parcferme.parse import patterns as P
from parcferme.parse.fields import points_value, position_columns
from parcferme.windows import fill_forward, first_of_group, previous

TABLE_HEADINGS = ["drivers_heading", "constructors_heading"]
SAYING_HEADINGS = ["standings_heading", *TABLE_HEADINGS]  # the headings that may say what the standings are after
STANDINGS_KINDS = ["standings_heading", "bad_standings_heading", *TABLE_HEADINGS, "driver_row", "constructor_row"]
CONTEXT = ("after_round", "rounds_total", "sprints_done", "sprints_total", "after_race", "heading_line")


def heading_context(heading: str) -> list[pl.Expr]:
    """What a standings heading says the standings are after, from column `heading`, its text's
    captures by patterns.STANDINGS_HEADING (`str.extract_groups`): `after_round`, `rounds_total`,
    `sprints_done`, `sprints_total` (each null when not said), and `after_race`, a race named
    instead of a round ("after the Belgian Grand Prix"), whose round `resolve` finds in the calendar."""
    groups = pl.col(heading)
    value = lambda field: groups.struct.field(field).cast(pl.Int64, strict=False)  # noqa: E731
    return [
        pl.coalesce(value("after"), value("round"), value("rounds")).alias("after_round"),
        pl.coalesce(value("total"), value("round_total")).alias("rounds_total"),
        value("sprints").alias("sprints_done"),
        value("sprints_total").alias("sprints_total"),
        groups.struct.field("race").str.strip_chars().alias("after_race"),
    ]


def _standings_context(lines: pl.DataFrame) -> pl.DataFrame:
    """Each line with the standings heading above it (after N of M, S of T sprints) and the line of
    the table heading (Driver / Constructors' Cup) it belongs to. A table heading that says what the
    standings are after ("Drivers' standings after round 12") is both; the constructors' one right
    after the drivers' one, saying the same, is of the same standings (`heading_line`: the drivers')."""
    is_heading = pl.col("kind").is_in(["standings_heading", "bad_standings_heading", *TABLE_HEADINGS])
    heading_text = pl.when(is_heading).then(pl.col("text").str.strip_chars())
    relevant = lines.filter(pl.col("kind").is_in(STANDINGS_KINDS))  # the rest cannot change a context
    frame = relevant.with_columns(heading_text.str.extract_groups(P.STANDINGS_HEADING).alias("_heading")).with_columns(*heading_context("_heading"))
    says_after = pl.col("after_round").is_not_null() | pl.col("after_race").is_not_null()
    opens = pl.col("kind").is_in(["standings_heading", "bad_standings_heading"]) | (pl.col("kind").is_in(TABLE_HEADINGS) & says_after)
    return (
        frame.join(_heading_lines(frame.filter(opens)), on=["article_id", "line"], how="left", maintain_order="left")
        .with_columns(pl.when(pl.col("kind").is_in(TABLE_HEADINGS)).then(pl.col("line")).alias("table_line"))
        .with_columns(
            fill_forward(pl.col("heading_line"), ["article_id"]),
            fill_forward(pl.col("table_line"), ["article_id"]),
        )
        # context values travel with the heading line (a heading without sprints has null sprints)
        .with_columns(*(first_of_group(pl.col(c), ["article_id", "heading_line"]) for c in CONTEXT[:-1]))
        .drop("_heading")
    )


def _heading_lines(headings: pl.DataFrame) -> pl.DataFrame:
    """Each standings heading's `heading_line`: its own line, or for a constructors' table heading that
    says what it is after, right after a drivers' one that says the same, the drivers' heading's line."""
    keys = ["article_id"]
    same = [previous(pl.col(c), keys).eq_missing(pl.col(c)) for c in CONTEXT[:-1]]
    paired = (pl.col("kind") == "constructors_heading") & (previous(pl.col("kind"), keys) == "drivers_heading")
    return headings.select(
        "article_id", "line", pl.when(pl.all_horizontal(paired, *same).fill_null(False)).then(previous(pl.col("line"), keys)).otherwise(pl.col("line")).alias("heading_line")
    )


def _standings_rows(lines: pl.DataFrame, kind: str, name_col: str, *extra: pl.Expr) -> pl.DataFrame:
    """One row per table row of `kind`, the name in `name_col`, and `extra` read from the captures (`_groups`)."""
    rows = (
        _standings_context(lines)
        .filter(pl.col("kind") == kind)
        .with_columns(pl.coalesce(pl.col("row_text"), pl.col("text").str.strip_chars()).str.extract_groups(P.STANDINGS_ROW).alias("_groups"))
    )
    groups = pl.col("_groups")
    return rows.with_columns(
        *position_columns(groups),
        groups.struct.field("name").str.strip_chars().alias(name_col),
        points_value(groups.struct.field("points")).alias("points"),
        *extra,
    ).select(
        "article_id",
        "line",
        pl.col("position_value").alias("rank"),
        "position_raw",
        "position_style",
        "ordinal_ok",
        name_col,
        *(e.meta.output_name() for e in extra),
        "points",
        "after_round",
        "rounds_total",
        "sprints_done",
        "sprints_total",
        "after_race",
        "heading_line",
        "table_line",
    )


def parse_driver_standings(lines: pl.DataFrame) -> pl.DataFrame:
    """The drivers' rows, with what a row gives in brackets or between commas: a nationality code or a
    team (patterns.STANDINGS_ROW). Of a row giving both, the one shaped like a code is the nationality
    (the bracket when both are); when neither is, the bracket is the team (and the other no country's code)."""
    groups = pl.col("_groups")
    bracket, listed = (groups.struct.field(f).str.strip_chars() for f in ("bracket", "listed"))
    bracket_code, listed_code = bracket.str.contains(P.CODE), listed.str.contains(P.CODE)
    nationality = pl.when(bracket_code).then(bracket).when(listed_code | bracket.is_not_null()).then(listed)
    team = pl.when(bracket_code).then(listed).when(bracket.is_not_null()).then(bracket).when(~listed_code).then(listed)
    return _standings_rows(lines, "driver_row", "driver_raw", nationality.alias("nationality_code"), team.alias("team_raw"))


def parse_constructor_standings(lines: pl.DataFrame) -> pl.DataFrame:
    """The constructors' rows, with the power unit a row gives in brackets or between commas."""
    groups = pl.col("_groups")
    power_unit = pl.coalesce(groups.struct.field("bracket"), groups.struct.field("listed")).str.strip_chars()
    return _standings_rows(lines, "constructor_row", "team_raw", power_unit.alias("power_unit_raw"))
