"""Race results: classified rows, the `Out` section, the `Disqualified` section and the `Did not start` section."""

from __future__ import annotations

import polars as pl

from parcferme.parse import patterns as P
from parcferme.parse.fields import clock_to_ms, points_value, position_columns
from parcferme.windows import fill_forward

RESULT_KINDS = {"result_row": "classified", "out_row": "retired", "dsq_row": "disqualified", "dns_row": "did_not_start"}


SESSIONS = ("race", "sprint")  # what a results table gives the results of (patterns.EVENT_HEADING)
TABLE = ["article_id", "event_line"]  # the rows of one results table


def _event_context(lines: pl.DataFrame) -> pl.DataFrame:
    """Each line with the event heading above it in its article (event, circuit, session, heading line)."""
    is_heading = pl.col("kind") == "event_heading"
    heading_text = pl.when(is_heading).then(pl.col("text").str.strip_chars())
    relevant = lines.filter(is_heading | pl.col("kind").is_in(list(RESULT_KINDS)))  # the rest cannot change a context
    frame = relevant.with_columns(heading_text.str.extract_groups(P.EVENT_HEADING).alias("_heading"))
    heading = pl.col("_heading")
    sprint = pl.coalesce(*(heading.struct.field(f"sprint_{where}") for where in ("before", "after", "last"))).is_not_null()
    return frame.with_columns(
        fill_forward(pl.when(is_heading).then(pl.when(sprint).then(pl.lit(SESSIONS[1])).otherwise(pl.lit(SESSIONS[0]))), ["article_id"]).alias("session"),
        fill_forward(heading.struct.field("event").str.strip_chars(), ["article_id"]).alias("event"),
        # a heading without a circuit ends the circuit of the heading before it ("" until filled)
        fill_forward(pl.when(is_heading).then(heading.struct.field("circuit").str.strip_chars().fill_null("")), ["article_id"])
        .replace("", None).alias("circuit"),
        fill_forward(pl.when(is_heading).then(pl.col("line")), ["article_id"]).alias("event_line"),
    ).drop("_heading")


def parse_results(lines: pl.DataFrame) -> pl.DataFrame:
    """One row per results line (classified, retired, did not start, disqualified), nothing dropped."""
    # each regex runs once: its captures are materialised as struct columns, then read field by field
    t = pl.coalesce(pl.col("row_text"), pl.col("text").str.strip_chars())  # a line of cells is read written out
    classified = pl.col("kind") == "result_row"
    rows = (
        _event_context(lines)
        .filter(pl.col("kind").is_in(list(RESULT_KINDS)))
        .with_columns(
            # each regex only on the rows of its kind (a null text is not searched)
            pl.when(classified).then(t).str.extract_groups(P.RESULT_ROW).alias("_full"),
            pl.when(~classified).then(t.str.replace(P.UNPLACED, "")).str.extract_groups(P.NOT_CLASSIFIED_ROW).alias("_short"),
            pl.when(~classified).then(t.str.extract(P.UNPLACED, 1).str.to_lowercase()).alias("_unplaced"),
        )
        .with_columns(pl.col("_full").struct.field("tail").alias("_tail"), pl.col("_short").struct.field("reason").str.extract_groups(P.REASON_POINTS).alias("_reason_points"))
        .with_columns(
            pl.col("_tail").str.extract_groups(P.WINNER_TAIL).alias("_winner"),
            pl.col("_tail").str.extract_groups(P.GAP_TIME_TAIL).alias("_gap_time"),
            pl.col("_tail").str.extract_groups(P.GAP_LAPS_TAIL).alias("_gap_laps"),
            pl.col("_tail").str.extract_groups(P.TAIL_STATUS).alias("_tail_status"),
        )
    )
    full, short = pl.col("_full"), pl.col("_short")
    pick = lambda field: pl.when(classified).then(full.struct.field(field)).otherwise(short.struct.field(field))  # noqa: E731
    tail = pl.col("_tail")
    winner, gap_time, gap_laps = pl.col("_winner"), pl.col("_gap_time"), pl.col("_gap_laps")
    # what follows the team of a row that is not classified: its reason, then the points it gives, if any
    reason_points = pl.col("_reason_points")
    reason = pl.when(reason_points.struct.field("points").is_not_null()).then(reason_points.struct.field("reason")).otherwise(short.struct.field("reason"))
    tail_status = pl.col("_tail_status").struct.field("code").str.to_lowercase().str.replace_all(r"\s+", " ").replace_strict(P.TAIL_STATUS_CODES, default=None)
    tail_reason = pl.col("_tail_status").struct.field("reason").str.strip_chars()
    frame = rows.with_columns(
        *position_columns(full),
        pick("name").str.strip_chars().alias("driver_raw"),
        pick("code").alias("nationality_code"),
        pick("team").str.strip_chars().alias("team_raw"),
        pl.col("row_car_number").str.strip_chars().alias("car_number_raw"),
        pl.col("row_car_number").str.strip_chars().str.extract(P.CAR_NUMBER, 1).cast(pl.Int64).alias("car_number"),
        pl.col("row_laps").str.strip_chars().alias("laps_raw"),
        pl.when(classified).then(tail).otherwise(None).alias("time_raw"),
        winner.struct.field("laps").cast(pl.Int64, strict=False).alias("_winner_laps"),
        clock_to_ms(winner.struct.field("time")).alias("time_ms"),
        clock_to_ms(gap_time.struct.field("time")).alias("_gap_ms"),
        gap_laps.struct.field("laps").cast(pl.Int64, strict=False).alias("_laps_behind"),
        pl.when(pl.col("kind").is_in(["out_row", "dns_row"])).then(reason.str.strip_chars()).when(tail_status != "disqualified").then(tail_reason).otherwise(None).alias("reason"),
        pl.coalesce(full.struct.field("points_raw"), reason_points.struct.field("points_raw")).alias("points_raw"),
        points_value(pl.coalesce(full.struct.field("points"), reason_points.struct.field("points"))).alias("points"),
        pl.coalesce(tail_status, pl.col("kind").replace_strict(RESULT_KINDS, return_dtype=pl.String)).alias("status"),
    )
    placed = pl.col("status") == "classified"  # a numbered row whose time is DNF, DSQ... is no classified place
    frame = frame.with_columns(
        pl.when((pl.col("status") == "retired") & (pl.col("reason").str.contains(P.DID_NOT_START).fill_null(False) | (pl.col("_unplaced") == "dns")))
        .then(pl.lit("did_not_start"))
        .otherwise(pl.col("status"))
        .alias("status"),
        pl.when(placed).then(pl.col("position_value")).otherwise(None).alias("position"),
        pl.when(classified).then(pl.col("position_raw")).otherwise(None).alias("position_raw"),
        pl.when(classified).then(pl.col("position_style")).otherwise(None).alias("position_style"),
        pl.when(classified).then(pl.col("ordinal_ok")).otherwise(None).alias("ordinal_ok"),
    )
    gap_given = pl.col("_gap_ms").is_not_null()
    frame = frame.with_columns(
        # what each row gives: its own laps with its race time, or its gap, or the laps it is behind
        pl.when(pl.col("time_ms").is_not_null()).then(pl.col("_winner_laps")).alias("laps"),
        pl.when(pl.col("time_ms").is_null()).then(pl.col("_gap_ms")).alias("gap_ms"),
        pl.when(pl.col("time_ms").is_null()).then(pl.when(gap_given).then(0).otherwise(pl.col("_laps_behind"))).alias("laps_behind"),
        (~placed | pl.col("time_ms").is_not_null() | gap_given | pl.col("_laps_behind").is_not_null()).alias("time_ok"),
    )
    frame = frame.with_columns(pl.col("laps").filter(_winner_row()).first().over(TABLE).alias("lead_laps"))
    return with_lead_laps(frame).select(
        "article_id",
        "line",
        "event",
        "circuit",
        "session",
        "event_line",
        "position",
        "position_raw",
        "position_style",
        "ordinal_ok",
        "status",
        "driver_raw",
        "nationality_code",
        "team_raw",
        "car_number_raw",
        "car_number",
        "laps_raw",
        "laps",
        "time_raw",
        "time_ms",
        "gap_ms",
        "laps_behind",
        "lead_laps",
        "time_ok",
        "reason",
        "points_raw",
        "points",
    )


def _winner_row() -> pl.Expr:
    """The winner's row: its table's first classified row."""
    placed = pl.col("status") == "classified"
    return placed & (pl.col("line") == pl.col("line").filter(placed).min().over(TABLE))


def outvoted_by(distance: pl.Expr) -> pl.Expr:
    """True on the rows of a table whose winner's laps (`lead_laps`) `distance` (the calendar's)
    outvotes: more of its other classified rows contradict his laps than contradict `distance`. A row
    giving a gap or laps behind and a Laps cell contradicts a count other than the cell's plus the laps
    it is behind; one giving its own laps and race time, a count below those. So one wrong Laps cell
    under a winner giving the calendar's distance is that row's error (results.laps_cell), and a
    winner's count more of them contradict than contradict the calendar's is his (results.winner_laps)."""
    placed = pl.col("status") == "classified"
    others = placed & ~_winner_row()
    implied = pl.when(pl.col("time_ms").is_null()).then(pl.col("laps_raw").cast(pl.Int64, strict=False) + pl.col("laps_behind"))
    own = pl.when(pl.col("time_ms").is_not_null()).then(pl.col("laps"))

    def against(count: pl.Expr) -> pl.Expr:
        return (others & ((implied != count).fill_null(False) | (own > count).fill_null(False))).sum().over(TABLE)

    lead = pl.col("lead_laps")
    return lead.is_not_null() & distance.is_not_null() & (lead != distance) & (against(lead) > against(distance))


def with_lead_laps(results: pl.DataFrame) -> pl.DataFrame:
    """`laps`, `laps_behind` and `gap_ms` of each classified row from `lead_laps`, the laps its table's
    lead lap ran (the laps the winner's row, the table's first classified, gives with his race time):
    a row giving a gap ran them, one "+N laps" N fewer; a row giving its own laps and race time (the
    winner's, or a later one) keeps its laps, is as many behind as it gives fewer, and on the lead lap
    has for its gap its time less the fastest there (none lapped, nor when it gives more laps than the
    lead lap: results.laps_beyond_winner). The winner's row is on the lead lap whatever laps it gives.
    Reads only what the rows give (the laps of a row with a time, the gap or laps behind of one
    without), so a table's lead lap can be set again (resolve: the calendar's distance, when the
    other rows give it against the winner's)."""
    placed = pl.col("status") == "classified"
    own = placed & pl.col("time_ms").is_not_null()
    winner = _winner_row()
    lead = pl.col("lead_laps")
    on_lead_lap = own & (winner | (pl.col("laps") == lead))
    fastest = pl.col("time_ms").filter(on_lead_lap).min().over(TABLE)
    behind = lead - pl.col("laps")
    return results.with_columns(
        pl.when(own).then(pl.when(winner).then(0).when(behind >= 0).then(behind)).otherwise(pl.col("laps_behind")).alias("laps_behind"),
        pl.when(own).then(pl.when(on_lead_lap).then(pl.col("time_ms") - fastest)).otherwise(pl.col("gap_ms")).alias("gap_ms"),
        pl.when(own).then(pl.col("laps")).when(placed).then(lead - pl.col("laps_behind")).alias("laps"),
    )


def first_tables(results: pl.DataFrame) -> pl.DataFrame:
    """The rows of each article's first results table of each session (the race, or the sprint, its
    prose is checked against)."""
    tables = results.filter(pl.col("session").is_not_null())
    return tables.filter(pl.col("event_line") == pl.col("event_line").min().over("article_id", "session"))
