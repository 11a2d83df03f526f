"""Say what each line is: heading, table row of which table, prose, or a row that cannot be read."""

from __future__ import annotations

import polars as pl

from parcferme.parse import patterns as P

HEADING_SECTIONS = {
    "event_heading": "results",
    "out_heading": "out",
    "dsq_heading": "dsq",
    "standings_heading": "standings",
    "bad_standings_heading": "standings",
    "drivers_heading": "driver_standings",
    "constructors_heading": "constructor_standings",
    "header": "prose",
    "prose": "prose",
}

ROW_KIND = {
    "results": ("result_row", P.RESULT_ROW),
    "out": ("out_row", P.NOT_CLASSIFIED_ROW),
    "dsq": ("dsq_row", P.NOT_CLASSIFIED_ROW),
    "driver_standings": ("driver_row", P.STANDINGS_ROW),
    "constructor_standings": ("constructor_row", P.STANDINGS_ROW),
}


def _looks_like_prose(t: pl.Expr) -> pl.Expr:
    """A sentence ends any table it follows; a short line inside a table is a (possibly broken) row."""
    words = t.str.count_matches(r"\S+")
    sentence = t.str.contains(r"[.!?\"”’']$")
    return (words >= P.PROSE_MIN_WORDS) | ((words >= P.PROSE_MIN_WORDS_WITH_STOP) & sentence)


def _looks_like_row(t: pl.Expr) -> pl.Expr:
    """Shaped like a table row: a long row (entrant names, long reasons) is still a row, and a
    sentence that happens to hold a name, a bracket and commas is not (it ends like a sentence)."""
    sentence_end = t.str.contains(r"[.!?\"”’']$")
    return t.str.contains(P.RESULT_ROW) | t.str.contains(P.STANDINGS_ROW) | (t.str.contains(P.NOT_CLASSIFIED_ROW) & ~sentence_end)


def classify(lines: pl.DataFrame, headers: pl.DataFrame) -> pl.DataFrame:
    """Add `kind` and `section` to every line. Kinds of table rows: result_row, out_row, dsq_row,
    driver_row, constructor_row; `unreadable` for a line inside a table that fits no row pattern;
    `orphan_row` for a line shaped like a table row with no table heading above it."""
    t = pl.col("_t")
    heading_kind = (
        pl.when(pl.col("line") == pl.col("header_line"))
        .then(pl.lit("header"))
        .when(t == "")
        .then(pl.lit("blank"))
        .when(t.str.contains(P.STANDINGS_HEADING))
        .then(pl.lit("standings_heading"))
        .when(t.str.contains(P.ANY_STANDINGS_HEADING) & (t.str.len_chars() < 120))
        .then(pl.lit("bad_standings_heading"))
        .when(t.str.contains(P.DRIVERS_HEADING))
        .then(pl.lit("drivers_heading"))
        .when(t.str.contains(P.CONSTRUCTORS_HEADING))
        .then(pl.lit("constructors_heading"))
        .when(t.str.contains(P.OUT_HEADING))
        .then(pl.lit("out_heading"))
        .when(t.str.contains(P.DSQ_HEADING))
        .then(pl.lit("dsq_heading"))
        .when(t.str.contains(P.EVENT_HEADING))
        .then(pl.lit("event_heading"))
        .when(_looks_like_prose(t) & ~_looks_like_row(t))
        .then(pl.lit("prose"))
        .otherwise(None)
    )
    frame = (
        lines.join(headers.select("article_id", "header_line"), on="article_id", how="left")
        .with_columns(pl.col("text").str.strip_chars().alias("_t"))
        .with_columns(heading_kind.alias("kind"))
        .with_columns(
            pl.col("kind")
            .replace_strict(HEADING_SECTIONS, default=None, return_dtype=pl.String)
            .forward_fill()
            .over("article_id")
            .fill_null("prose")
            .alias("section")
        )
    )
    row_kind = pl.lit(None, dtype=pl.String)
    for section, (kind, pattern) in ROW_KIND.items():
        row_kind = (
            pl.when((pl.col("section") == section) & t.str.contains(pattern))
            .then(pl.lit(kind))
            .when(pl.col("section") == section)
            .then(pl.lit("unreadable"))
            .otherwise(row_kind)
        )
    row_kind = (
        pl.when((pl.col("section") == "prose") & _looks_like_row(t))
        .then(pl.lit("orphan_row"))
        .when(pl.col("section") == "prose")
        .then(pl.lit("prose"))
        .otherwise(row_kind)
    )
    row_kind = pl.when(pl.col("section") == "standings").then(pl.lit("unreadable")).otherwise(row_kind)
    return frame.with_columns(pl.coalesce(pl.col("kind"), row_kind).alias("kind")).drop("header_line", "_t")
