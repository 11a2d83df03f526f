"""Say what each line is: heading, table row of which table, prose, or a row that cannot be read."""

from __future__ import annotations

import polars as pl

from parcferme.parse import patterns as P
from parcferme.windows import fill_forward

HEADING_SECTIONS = {
    "event_heading": "results",
    "out_heading": "out",
    "dsq_heading": "dsq",
    "standings_heading": "standings",
    "bad_standings_heading": "standings",
    "drivers_heading": "driver_standings",
    "constructors_heading": "constructor_standings",
    "header": "prose",
    "later_header": "prose",
    "prose": "prose",
}

ROW_SHAPES = {
    "_result": P.RESULT_ROW,
    "_standings": P.STANDINGS_ROW,
    "_not_classified": P.NOT_CLASSIFIED_ROW,
    "_coded": P.HAS_CODE,
    "_named": P.NAMED_ROW,  # a retirement without its code must start with a name
    "_unplaced": P.UNPLACED_ROW,  # "DNF Carlos Sainz (ESP), Ferrari, collision damage"
    "_extra": P.ROW_EXTRA,  # a standings row giving more than a name and points: no constructors' row
}
ROW_KIND = {  # section: the kind of its rows, and the shape (ROW_SHAPES) a row must have
    "results": ("result_row", "_result"),
    "out": ("out_row", "_not_classified"),
    "dsq": ("dsq_row", "_not_classified"),
    "driver_standings": ("driver_row", "_standings"),
    "constructor_standings": ("constructor_row", "_team_standings"),
}


def _shapes(t: pl.Expr) -> list[pl.Expr]:
    """What each line looks like, each regex run once over the whole column (they are the cost)."""
    return [
        *(t.str.contains(pattern).alias(name) for name, pattern in ROW_SHAPES.items()),
        t.str.contains(r"[.!?\"”’']$").alias("_sentence_end"),
        *(_has_words(t, n).alias(f"_words_{n}") for n in (P.PROSE_MIN_WORDS, P.PROSE_MIN_WORDS_WITH_STOP)),
    ]


def _has_words(t: pl.Expr, n: int) -> pl.Expr:
    """At least n words; the regex stops at the nth word (counting every word costs three times more)."""
    return t.str.contains(rf"^\s*(?:\S+\s+){{{n - 1}}}\S")


def _looks_like_prose() -> pl.Expr:
    """A sentence ends any table it follows; a short line inside a table is a (possibly broken) row."""
    return pl.col(f"_words_{P.PROSE_MIN_WORDS}") | (pl.col(f"_words_{P.PROSE_MIN_WORDS_WITH_STOP}") & pl.col("_sentence_end"))


def _looks_like_row() -> pl.Expr:
    """Shaped like a table row: a long row (entrant names, long reasons) is still a row, and a
    sentence that happens to hold a name, a bracket and commas is not (it ends like a sentence). A
    line shaped so is no prose, so it does not end the table it is in (see _looks_like_stray_row
    for one outside any table)."""
    return pl.col("_result") | pl.col("_unplaced") | pl.col("_standings") | (pl.col("_not_classified") & ~pl.col("_sentence_end"))


def _looks_like_stray_row() -> pl.Expr:
    """A line outside any table shaped like a row, and likely one: a results row that gives its
    nationality code, or a short one that does not ("05 George Russell, Mercedes, +24.999"); not a
    retirement without its code ("Verstappen, Red Bull, dominant" could be any line)."""
    coded = pl.col("_coded")
    short_result = pl.col("_result") & (coded | ~_looks_like_prose())
    return short_result | pl.col("_standings") | (pl.col("_not_classified") & coded & ~pl.col("_sentence_end"))


def classify(lines: pl.DataFrame, headers: pl.DataFrame) -> pl.DataFrame:
    """Add `kind` and `section` to every line (the text lines: `document.text_lines`). Kinds of table
    rows: result_row, out_row, dsq_row, driver_row, constructor_row; `unreadable` for a line inside a
    table that fits no row pattern; `orphan_row` for a line shaped like a table row with no table
    heading above it; `later_header` for a line after the header that starts like one."""
    t = pl.col("_t")
    heading_kind = (
        pl.when(pl.col("line") == pl.col("header_line"))
        .then(pl.lit("header"))
        .when(t.str.contains(P.LATER_HEADER))
        .then(pl.lit("later_header"))
        .when(t.str.contains(P.DRIVERS_HEADING))  # before the standings heading: "Drivers' standings after round 12"
        .then(pl.lit("drivers_heading"))
        .when(t.str.contains(P.CONSTRUCTORS_HEADING))
        .then(pl.lit("constructors_heading"))
        .when(t.str.contains(P.STANDINGS_HEADING))
        .then(pl.lit("standings_heading"))
        .when(t.str.contains(P.ANY_STANDINGS_HEADING) & (t.str.len_chars() < 120))
        .then(pl.lit("bad_standings_heading"))
        .when(t.str.contains(P.OUT_HEADING))
        .then(pl.lit("out_heading"))
        .when(t.str.contains(P.DSQ_HEADING))
        .then(pl.lit("dsq_heading"))
        .when(t.str.contains(P.EVENT_HEADING))
        .then(pl.lit("event_heading"))
        .when((_looks_like_prose() | t.str.contains(P.FOOTNOTE)) & ~_looks_like_row())
        .then(pl.lit("prose"))
        .otherwise(None)
    )
    frame = (
        lines.join(headers.select("article_id", "header_line"), on="article_id", how="left", maintain_order="left")
        .with_columns(pl.col("text").str.strip_chars().alias("_t"))
        .with_columns(_shapes(t))
        .with_columns((pl.col("_not_classified") & (pl.col("_coded") | pl.col("_named"))).alias("_not_classified"))  # see patterns.NAMED_ROW
        .with_columns((pl.col("_standings") & ~pl.col("_extra")).alias("_team_standings"))  # see patterns.STANDINGS_ROW
        .with_columns(heading_kind.alias("kind"))
        .with_columns(
            fill_forward(pl.col("kind").replace_strict(HEADING_SECTIONS, default=None, return_dtype=pl.String), ["article_id"])
            .fill_null("prose")
            .alias("section")
        )
    )
    row_kind = pl.lit(None, dtype=pl.String)
    for section, (kind, shape) in ROW_KIND.items():
        row_kind = (
            pl.when((pl.col("section") == section) & pl.col(shape))
            .then(pl.lit(kind))
            .when(pl.col("section") == section)
            .then(pl.lit("unreadable"))
            .otherwise(row_kind)
        )
    unplaced_kind = pl.when(pl.col("_unplaced")).then(pl.col("_t")).str.extract(P.UNPLACED, 1).str.to_lowercase().replace_strict(P.UNPLACED_KINDS, default=None, return_dtype=pl.String)
    row_kind = pl.when((pl.col("section") == "results") & pl.col("_unplaced")).then(unplaced_kind).otherwise(row_kind)
    row_kind = (
        pl.when((pl.col("section") == "prose") & _looks_like_stray_row())
        .then(pl.lit("orphan_row"))
        .when(pl.col("section") == "prose")
        .then(pl.lit("prose"))
        .otherwise(row_kind)
    )
    row_kind = pl.when(pl.col("section") == "standings").then(pl.lit("unreadable")).otherwise(row_kind)
    shapes = [*ROW_SHAPES, "_sentence_end", "_team_standings", f"_words_{P.PROSE_MIN_WORDS}", f"_words_{P.PROSE_MIN_WORDS_WITH_STOP}"]
    return frame.with_columns(pl.coalesce(pl.col("kind"), row_kind).alias("kind")).drop("header_line", "_t", *shapes)
