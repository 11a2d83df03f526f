"""Say what each line is: heading, table row of which table, prose, or a row that cannot be read."""

from __future__ import annotations

import polars as pl

from parcferme.parse import patterns as P
from parcferme.windows import fill_forward, previous, same_group_as

HEADING_SECTIONS = {
    "event_heading": "results",
    "out_heading": "out",
    "dsq_heading": "dsq",
    "dns_heading": "dns",
    "standings_heading": "standings",
    "bad_standings_heading": "standings",
    "drivers_heading": "driver_standings",
    "constructors_heading": "constructor_standings",
    "header": "prose",
    "later_header": "prose",
    "prose": "prose",
}

ROW_SHAPES = {
    "_result": P.RESULT_SHAPE,
    "_standings": P.STANDINGS_ROW,
    "_not_classified": P.NOT_CLASSIFIED_ROW,
    "_coded": P.HAS_CODE,
    "_named": P.NAMED_ROW,  # a retirement without its code must start with a name
    "_unplaced": P.UNPLACED_ROW,  # "DNF Carlos Sainz (ESP), Ferrari, collision damage"
    "_extra": P.ROW_EXTRA,  # a standings row giving a bracket and a field between commas: no constructors' row
}
TABLE_HEADINGS = ("drivers_heading", "constructors_heading")
ROW_KIND = {  # section: the kind of its rows, and the shape (ROW_SHAPES) a row must have
    "results": ("result_row", "_result"),
    "out": ("out_row", "_not_classified"),
    "dsq": ("dsq_row", "_not_classified"),
    "dns": ("dns_row", "_not_classified"),
    "driver_standings": ("driver_row", "_standings"),
    "constructor_standings": ("constructor_row", "_team_standings"),
}


def _with_cells(frame: pl.DataFrame) -> tuple[pl.DataFrame, bool]:
    """Add `row_text`, a line of cells (between pipes, "| 1 | ... |", or tabs) written out as a row,
    null for every other line, `row_car_number` and `row_laps`, its car number and laps cells under a
    header naming them, and `_cell_kind`, what a line of cells is when it is no row; and say whether any line is one. Worked
    out on those lines only: most batches hold none."""
    t = pl.col("_t")
    row_text, car_number, laps, cell_kind = (pl.repeat(None, frame.height, dtype=pl.String, eager=True) for _ in range(4))
    maybe = frame.select(t.str.contains_any(["|", "\t"])).to_series()  # one pass over the text; then on these lines only
    candidates = frame.filter(maybe).select("article_id", "_t", pl.Series("_at", maybe.arg_true()))
    is_cells = (t.str.starts_with("|") & t.str.ends_with("|") & (t.str.len_bytes() > 1)) | t.str.contains("\t", literal=True)
    lines = candidates.filter(is_cells)
    if lines.height:  # Series.scatter sets values in place
        cells = cells_as_rows(lines)
        row_text.scatter(lines["_at"], cells["row_text"])
        car_number.scatter(lines["_at"], cells["row_car_number"])
        laps.scatter(lines["_at"], cells["row_laps"])
        cell_kind.scatter(lines["_at"], cells["_cell_kind"])
    return frame.with_columns(row_text.alias("row_text"), car_number.alias("row_car_number"), laps.alias("row_laps"), cell_kind.alias("_cell_kind")), lines.height > 0


CELL_ROLES = ("place", "car_number", "driver", "nationality", "team", "time", "laps", "points", "power_unit")  # what a row is written out from


def cells_as_rows(lines: pl.DataFrame) -> pl.DataFrame:
    """Lines of cells (`_t`, the text; `_at`, the line's place among all lines) with `row_text`, each
    written out as a table's row is ("1 Max Verstappen (NED), Red Bull, +22.305"), `row_car_number`
    and `row_laps`, the car's number and laps cells under a header naming them (a row written out
    gives neither, but the winner's laps with his race time), and `_cell_kind`:
    `table_rule` for a header and the rule under it, or for the header of a standings table (drivers
    or teams, and points, and no time) its table's heading. The lines of cells one after the other
    (blank lines aside) are a table, whose first line may be a header naming its columns."""
    t = pl.col("_t")
    cells = pl.when(t.str.starts_with("|")).then(t.str.strip_chars("|").str.split("|")).otherwise(t.str.split("\t"))
    roles = pl.col("_cells").list.eval(pl.element().str.to_lowercase().str.strip_chars_end(".").replace_strict(P.HEADER_CELLS, default="?", return_dtype=pl.String))
    is_header = pl.col("_roles").list.eval(pl.element() != "?").list.all() & (pl.col("_cells").list.len() >= 2)
    table_start = ~same_group_as(["article_id"], 1) | (pl.col("_at") != pl.col("_at").shift(1) + 1)
    frame = (
        lines.with_columns(cells.list.eval(pl.element().str.strip_chars()).alias("_cells"), table_start.cum_sum().alias("_table"))
        .with_columns(roles.alias("_roles"))
        .with_columns(is_header.alias("_is_header"))
    )
    # each header's column of each role (few: one a table), for the rows under it
    columns = (
        frame.filter(pl.col("_is_header"))
        .unique("_table", keep="first", maintain_order=True)
        .select("_table", pl.col("_at").alias("_header_at"), *(pl.col("_roles").list.eval(pl.element().index_of(r)).list.first().alias(f"_column_{r}") for r in CELL_ROLES))
    )
    frame = frame.join(columns, on="_table", how="left", maintain_order="left")
    has = lambda role: pl.col("_roles").list.contains(role).fill_null(False)  # noqa: E731
    standings = pl.col("_is_header") & has("points") & ~has("time")
    kind = (
        pl.when(t.str.contains(P.CELL_RULE)).then(pl.lit("table_rule"))
        .when(standings & has("driver")).then(pl.lit("drivers_heading"))
        .when(standings & has("team")).then(pl.lit("constructors_heading"))
        .when(pl.col("_is_header")).then(pl.lit("table_rule"))
    )
    under_header = pl.col("_at") > pl.col("_header_at")
    row = pl.when(under_header).then(_row_by_header()).otherwise(_row_in_order())
    car_number, laps = (pl.when(under_header).then(pl.col("_cells").list.get(pl.col(f"_column_{role}"), null_on_oob=True)) for role in ("car_number", "laps"))
    is_row = pl.col("_cell_kind").is_null()
    return frame.with_columns(kind.alias("_cell_kind")).select(
        pl.when(is_row).then(row).alias("row_text"),
        pl.when(is_row & (car_number != "")).then(car_number).alias("row_car_number"),
        pl.when(is_row & (laps != "")).then(laps).alias("row_laps"),
        "_cell_kind",
    )


def _row_in_order() -> pl.Expr:
    """Cells without a header, joined in their order: "1, Max Verstappen, NED, Red Bull, +22.305"
    gives "1 Max Verstappen (NED), Red Bull, +22.305"."""
    kept = pl.col("_cells").list.eval(pl.element().filter(pl.element() != ""))
    return kept.list.join(", ").str.replace(P.CELL_PLACE, "$1 ").str.replace(P.CELL_CODE, "$1 ($2)$3")


def _row_by_header() -> pl.Expr:
    """Cells under a header, written out by what each column holds (`_column_<role>`): a standings
    row "1 Max Verstappen (NED), Red Bull, 314" or "1 Red Bull, Honda RBPT, 503" (the power unit); a
    results row "1 Max Verstappen (NED), Red Bull, 44 laps in 1:22:30.450, 25 pts" (the laps given
    with a race time only)."""
    def cell(role: str) -> pl.Expr:
        value = pl.col("_cells").list.get(pl.col(f"_column_{role}"), null_on_oob=True)
        return pl.when(value != "").then(value)

    place, driver, nationality, team = cell("place"), cell("driver"), cell("nationality"), cell("team")
    time, laps, points, power_unit = cell("time"), cell("laps"), cell("points"), cell("power_unit")
    joined = lambda *parts: pl.concat_str(*parts, separator=", ", ignore_nulls=True)  # noqa: E731
    name = pl.coalesce(driver, team)
    placed = pl.concat_str(place, name, separator=" ", ignore_nulls=True)
    coded = pl.concat_str(placed, pl.format(" ({})", nationality), ignore_nulls=True)
    standings_row = joined(coded, pl.when(driver.is_not_null()).then(team), power_unit, points)
    tail = pl.when(laps.is_not_null() & time.str.contains(P.CLOCK)).then(pl.format("{} laps in {}", laps, time)).otherwise(time)
    # a row's points, with their unit (a row placed DNF, NC, DSQ or DNS too: it scores none, and the
    # points it gives are checked), their footnote mark too; a dash is none; a cell that is no number
    # goes with a classified row's time
    classified = place.str.contains(r"^P?[0-9]")
    scored = (
        pl.when(points.str.contains(P.CELL_POINTS)).then(pl.format("{} pts", points))
        .when(points.str.contains(P.NO_POINTS)).then(pl.lit("0 pts"))
        .when(classified).then(points)
    )
    results_row = joined(coded, team, tail, scored)
    return pl.when(pl.col("_column_time").is_not_null()).then(results_row).otherwise(standings_row)


def _shapes(t: pl.Expr) -> list[pl.Expr]:
    """What each line looks like, each regex run once over the whole column (they are the cost)."""
    return [
        *(t.str.contains(pattern).alias(name) for name, pattern in ROW_SHAPES.items()),
        t.str.contains(r"[.!?\"”’']$").alias("_sentence_end"),
        t.str.contains(P.SENTENCE_START).alias("_sentence_start"),
        t.str.contains(P.NOTE).alias("_note"),
        *(_has_words(t, n).alias(f"_words_{n}") for n in (P.PROSE_MIN_WORDS, P.PROSE_MIN_WORDS_WITH_STOP)),
    ]


def _has_words(t: pl.Expr, n: int) -> pl.Expr:
    """At least n words; the regex stops at the nth word (counting every word costs three times more)."""
    return t.str.contains(rf"^\s*(?:\S+\s+){{{n - 1}}}\S")


def _looks_like_prose() -> pl.Expr:
    """A sentence ends any table it follows; a short line inside a table is a (possibly broken) row."""
    return pl.col(f"_words_{P.PROSE_MIN_WORDS}") | (pl.col(f"_words_{P.PROSE_MIN_WORDS_WITH_STOP}") & pl.col("_sentence_end"))


def _short_note() -> pl.Expr:
    """A short line that is no row: a note, a label and its colon ("Source: FIA", even "Driver of the
    Day: Fernando Alonso (E), Aston Martin", as no row starts so), or a sentence ("Hamilton set the
    fastest lap.") shaped like no row at all: no place, no nationality code, no name and its comma
    (see patterns.NOTE)."""
    sentence = pl.col("_sentence_start") & pl.col("_sentence_end") & ~pl.col("_not_classified") & ~pl.col("_coded")
    return (pl.col("_note") & pl.col("row_text").is_null()) | (sentence & ~_looks_like_row())


def _looks_like_row() -> pl.Expr:
    """Shaped like a table row: a long row (entrant names, long reasons) is still a row, and a
    sentence that happens to hold a name, a bracket and commas is not (it ends like a sentence). A
    line shaped so is no prose, so it does not end the table it is in (see _looks_like_stray_row
    for one outside any table)."""
    cells = pl.col("row_text").is_not_null()  # a line of cells is never prose
    # a retirement with its nationality code is a row however its reason ends ("..., damage to the underbody.")
    return cells | pl.col("_result") | pl.col("_unplaced") | pl.col("_standings") | (pl.col("_not_classified") & (pl.col("_coded") | ~pl.col("_sentence_end")))


def _looks_like_stray_row() -> pl.Expr:
    """A line outside any table shaped like a row, and likely one: a results row that gives its
    nationality code, or a short one that does not ("05 George Russell, Mercedes, +24.999"); not a
    retirement without its code ("Verstappen, Red Bull, dominant" could be any line)."""
    coded = pl.col("_coded")
    short_result = pl.col("_result") & (coded | ~_looks_like_prose())
    cells = pl.col("row_text").is_not_null()
    return cells | short_result | pl.col("_standings") | (pl.col("_not_classified") & coded & ~pl.col("_sentence_end"))


def _header_under_its_heading() -> pl.Expr:
    """A header of cells that heads a standings table right under that table's heading ("Driver", then
    "| Pos | Driver | Points |") is the table's own line, not a second heading."""
    kind = pl.col("kind")
    again = pl.col("_cell_kind").is_in(TABLE_HEADINGS) & (previous(kind, ["article_id"]) == kind)
    return pl.when(again.fill_null(False)).then(pl.lit("table_rule")).otherwise(kind)


def classify(lines: pl.DataFrame, headers: pl.DataFrame) -> pl.DataFrame:
    """Add `kind` and `section` to every line (the text lines: `document.text_lines`). Kinds of table
    rows: result_row, out_row, dsq_row, dns_row, driver_row, constructor_row; `unreadable` for a line inside a
    table that fits no row pattern; `orphan_row` for a line shaped like a table row with no table
    heading above it; `later_header` for a line after the header that starts like one; `table_rule`
    for the header and rule of a table written as cells. `row_text`: a line of cells written out
    as a row (cells_as_rows), which the row parsers read instead of `text`, `row_laps` its laps cell, and `row_car_number`, its
    car number cell; null for other lines."""
    t = pl.col("_t")
    heading_kind = (
        pl.when(pl.col("line") == pl.col("header_line"))
        .then(pl.lit("header"))
        .when(t.str.contains(P.LATER_HEADER))
        .then(pl.lit("later_header"))
        .when(pl.col("_cell_kind").is_not_null())
        .then(pl.col("_cell_kind"))
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
        .when(t.str.contains(P.DNS_HEADING))
        .then(pl.lit("dns_heading"))
        .when(t.str.contains(P.EVENT_HEADING))
        .then(pl.lit("event_heading"))
        .when(((_looks_like_prose() | t.str.contains(P.FOOTNOTE)) & ~_looks_like_row()) | _short_note())
        .then(pl.lit("prose"))
        .otherwise(None)
    )
    frame, has_cells = _with_cells(
        lines.join(headers.select("article_id", "header_line"), on="article_id", how="left", maintain_order="left")
        .with_columns(pl.col("text").str.strip_chars().alias("_t"))
    )
    if has_cells:  # a line of cells has the shape of the row it writes out
        frame = frame.with_columns(pl.coalesce("row_text", "_t").alias("_t"))
    frame = (
        frame.with_columns(_shapes(t))
        .with_columns((pl.col("_not_classified") & (pl.col("_coded") | pl.col("_named"))).alias("_not_classified"))  # see patterns.NAMED_ROW
        .with_columns((pl.col("_standings") & ~pl.col("_extra")).alias("_team_standings"))  # see patterns.STANDINGS_ROW
        .with_columns(heading_kind.alias("kind"))
    )
    if has_cells:
        frame = frame.with_columns(_header_under_its_heading().alias("kind"))
    frame = frame.with_columns(
        fill_forward(pl.col("kind").replace_strict(HEADING_SECTIONS, default=None, return_dtype=pl.String), ["article_id"])
        .fill_null("prose")
        .alias("section")
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
    shapes = [*ROW_SHAPES, "_sentence_end", "_sentence_start", "_note", "_team_standings", f"_words_{P.PROSE_MIN_WORDS}", f"_words_{P.PROSE_MIN_WORDS_WITH_STOP}"]
    return frame.with_columns(pl.coalesce(pl.col("kind"), row_kind).alias("kind")).drop("header_line", "_t", "_cell_kind", *shapes)
