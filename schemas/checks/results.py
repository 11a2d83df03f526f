"""Checks within one race results table."""

import polars as pl

from schemas.checks._sequence import sequence_check
from schemas.registry import Check, register, s

classified = pl.col("status") == "classified"
# who a row that is not classified is, by its status
UNCLASSIFIED_DRIVERS = {"retired": "driver out of the race and not classified", "disqualified": "disqualified driver", "did_not_start": "driver who did not start"}


register(
    Check(
        id="results.position_range",
        severity="error",
        description="A classified position is outside 1..40.",
        frames=("race_results",),
        rule=~classified | pl.col("position").is_between(1, 40),
        message=pl.format("position {} is not a possible finishing position", pl.col("position_raw")),
        observed=pl.col("position_raw"),
        expected=pl.lit("1..40"),
    ),
    sequence_check(
        "results.position_sequence",
        "Classified positions run 1, 2, 3... down the table, each once, without gaps.",
        ("race_results",),
        applies=classified,
        value="position",
        row="classified_row",
        prev="prev_position",
        noun="position",
    ),
    Check(
        id="results.numbered_unclassified",
        severity="warning",
        description="A numbered results row gives no time but what became of the driver (16. ..., DNF): read as that, not as a classified place.",
        frames=("race_results",),
        rule=classified | pl.col("position_raw").is_null(),
        message=pl.format(
            "the row numbered `{}` gives `{}` for its time: read as {}, its number not taken for a classified place",
            pl.col("position_raw"), pl.col("time_raw"), pl.col("status").str.replace("_", " ", literal=True),
        ),
        observed=pl.col("time_raw"),
        expected=pl.lit("a time or gap, or the row under Out or Disqualified"),
    ),
    Check(
        id="results.duplicate_driver",
        severity="error",
        description="A driver appears once per results table.",
        frames=("race_results",),
        rule=(pl.col("driver_count") == 1) | pl.col("driver_id").is_null(),
        message=pl.format("{} is listed {} times in this results table (lines {})", pl.col("driver"), pl.col("driver_count"), pl.col("driver_lines")),
        observed=pl.col("driver_lines"),
        expected=pl.lit("one line per driver"),
    ),
    Check(
        id="results.gap_order",
        severity="error",
        description="Gaps to the winner never decrease down the classified results.",
        frames=("race_results",),
        rule=~classified | pl.col("gap_key").is_null() | pl.col("prev_gap_key").is_null() | (pl.col("gap_key") >= pl.col("prev_gap_key")),
        message=pl.format("gap {} is smaller than the gap {} of the car classified ahead (line {})", pl.col("time_raw"), pl.col("prev_time_raw"), pl.col("prev_gap_line")),
        observed=pl.col("time_raw"),
        expected=pl.format("at least {}", pl.col("prev_time_raw")),
    ),
    Check(
        id="results.laps_beyond_winner",
        severity="error",
        description="A classified row giving its own laps and race time gives no more laps than the winner covered: no car is classified with more laps than the winner.",
        frames=("race_results",),
        rule=~classified | pl.col("time_ms").is_null() | (pl.col("line") == pl.col("lead_line")) | pl.col("lead_laps").is_null() | (pl.col("laps") <= pl.col("lead_laps")),
        message=pl.format("the row gives {} laps with its race time, more than the {} the winner covered (line {})", pl.col("laps"), pl.col("lead_laps"), pl.col("lead_line")),
        observed=s(pl.col("laps")),
        expected=pl.format("at most {}", pl.col("lead_laps")),
    ),
    Check(
        id="results.laps_cell",
        severity="error",
        description="The laps a results row's Laps cell gives (a table of cells whose header names that column) are the laps its time gives: the winner's, less the laps it is behind.",
        frames=("race_results",),
        rule=pl.col("laps_raw").is_null() | pl.col("laps").is_null() | (pl.col("laps_raw").cast(pl.Int64, strict=False) == pl.col("laps")).fill_null(False),
        message=pl.when(pl.col("laps_raw").cast(pl.Int64, strict=False).is_null())
        .then(pl.format("the Laps cell `{}` is no number of laps", pl.col("laps_raw")))
        .otherwise(pl.format("the Laps cell gives {} laps, but the row's time `{}` gives {} (the winner's laps, less {} behind)", pl.col("laps_raw"), pl.col("time_raw"), pl.col("laps"), pl.col("laps_behind"))),
        observed=pl.col("laps_raw"),
        expected=s(pl.col("laps")),
    ),
    Check(
        id="results.winner_laps",
        severity="error",
        description="The winner's row gives the laps the other rows of his table give: where more of them give the calendar's distance of the race (their Laps cells with the laps each is behind, or their own laps with a race time) than give his, his are wrong, and theirs are read from the calendar's.",
        frames=("race_results",),
        rule=~classified | (pl.col("line") != pl.col("lead_line")) | pl.col("laps").is_null() | pl.col("lead_laps").is_null() | (pl.col("laps") == pl.col("lead_laps")),
        message=pl.format(
            "the winner's row gives {} laps, but more of the table's other rows give the {} the calendar schedules the {} over "
            "(their Laps cells with the laps each is behind, or their own laps) than give his",
            pl.col("laps"), pl.col("lead_laps"), pl.col("grand_prix_name"),
        ),
        observed=s(pl.col("laps")),
        expected=s(pl.col("lead_laps")),
    ),
    Check(
        id="results.race_distance",
        severity="warning",
        description="The winner's lap count matches the scheduled race distance in the calendar (a race's: the calendar gives no sprint's distance).",
        frames=("race_results",),
        rule=pl.col("time_ms").is_null() | (pl.col("position") != 1) | pl.col("calendar_laps").is_null() | (pl.col("laps") == pl.col("calendar_laps")),
        message=pl.format("the winner covered {} laps but the {} is scheduled over {} laps", pl.col("laps"), pl.col("grand_prix_name"), pl.col("calendar_laps")),
        observed=s(pl.col("laps")),
        expected=s(pl.col("calendar_laps")),
    ),
    Check(
        id="results.points",
        severity="error",
        description="The points a classified row says it scored are what its place scores in a race or a sprint by the season's points system (with the fastest lap's point, where that can score: never in a sprint).",
        frames=("race_results",),
        rule=pl.col("points").is_null()
        | (pl.col("status") != "classified")
        | pl.col("race_points").is_null()
        | (pl.col("points") == pl.col("race_points"))
        | (pl.col("points") == pl.col("fastest_lap_points")).fill_null(False),
        message=pl.format(
            "the row gives {} {} for position {}, which scores {} in {}{}",
            s(pl.col("points")), pl.when(pl.col("points") == 1).then(pl.lit("point")).otherwise(pl.lit("points")),
            pl.col("position"), pl.col("race_points"), pl.when(pl.col("session") == "sprint").then(pl.format("a sprint of {}", pl.col("season"))).otherwise(pl.col("season").cast(pl.String)),
            pl.when(pl.col("fastest_lap_points").is_not_null()).then(pl.format(" ({} with the fastest lap)", pl.col("fastest_lap_points"))).otherwise(pl.lit("")),
        ),
        observed=s(pl.col("points")),
        expected=pl.concat_str(pl.col("race_points"), pl.col("fastest_lap_points"), separator=" or ", ignore_nulls=True),
    ),
    Check(
        id="results.points_unclassified",
        severity="error",
        description="A driver out of the race and not classified, disqualified or who did not start scores no points: the points his row gives are 0.",
        frames=("race_results",),
        rule=classified | pl.col("points").is_null() | (pl.col("points") == 0),
        message=pl.format(
            "the row gives {} {}, but a {} scores none",
            s(pl.col("points")), pl.when(pl.col("points") == 1).then(pl.lit("point")).otherwise(pl.lit("points")),
            pl.col("status").replace_strict(UNCLASSIFIED_DRIVERS, default="driver not classified", return_dtype=pl.String),
        ),
        observed=s(pl.col("points")),
        expected=pl.lit("0"),
    ),
    Check(
        id="results.fastest_lap_points",
        severity="error",
        description="At most one row of a results table scores the fastest lap's point: one driver sets the fastest lap.",
        frames=("race_results",),
        rule=~pl.col("fastest_lap_taken") | (pl.col("fastest_lap_takers") <= 1),
        message=pl.format(
            "{} rows of this table score the fastest lap's point (lines {}), but one driver sets the fastest lap",
            pl.col("fastest_lap_takers"), pl.col("fastest_lap_lines"),
        ),
        observed=s(pl.col("points")),
        expected=s(pl.col("race_points")),
    ),
    Check(
        id="results.winner_time",
        severity="warning",
        description="The winner's row gives the race distance and time (N laps in H:MM:SS), which the other rows' gaps and laps are read from.",
        frames=("race_results",),
        rule=(pl.col("status") != "classified") | (pl.col("position") != 1) | pl.col("time_ms").is_not_null() | ~pl.col("time_ok"),
        message=pl.format(
            "the winner's row gives `{}` instead of the race distance and time: the race time and the laps of the drivers behind are unknown",
            pl.col("time_raw"),
        ),
        observed=pl.col("time_raw"),
        expected=pl.lit("N laps in H:MM:SS.mmm"),
    ),
)
