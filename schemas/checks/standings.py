"""Checks within one standings table (drivers' or constructors')."""

import polars as pl

from schemas.checks._sequence import sequence_check
from schemas.registry import Check, register, s

BOTH = ("driver_standings", "constructor_standings")


def _sprints_part() -> pl.Expr:
    """`, with S of T sprints` when the heading gives its sprints (it may not)."""
    return (
        pl.when(pl.col("sprints_done").is_not_null())
        .then(pl.format(" with {} of {} sprints", pl.col("sprints_done"), pl.col("sprints_total")))
        .otherwise(pl.lit(""))
    )


def _heading_said(unit: str = " Grands Prix") -> pl.Expr:
    """What a standings heading says it is after, in its own terms: 'after 18 of 22 Grands Prix with
    5 of 6 sprints', 'after round 12', 'after the Belgian Grand Prix (round 12)'."""
    return (
        pl.when(pl.col("after_race").is_not_null())
        .then(pl.format("after the {} (round {})", pl.col("after_race"), pl.col("after_round")))
        .when(pl.col("rounds_total").is_not_null())
        .then(pl.format("after {} of {}" + unit + "{}", pl.col("after_round"), pl.col("rounds_total"), _sprints_part()))
        .otherwise(pl.format("after round {}", pl.col("after_round")))
    )


kept = ~pl.col("set_aside")



# a row out of order with the one above it, unless that one is the odd one out (_TOO_LOW); a row below
# both of the next two ("2. Pérez 60" above 149 and 148: the 149 below it is right)
_TOO_LOW = (pl.col("points") < pl.col("next_points")) & (pl.col("points") < pl.col("next2_points"))
_ABOVE_TOO_LOW = (pl.col("prev_points") < pl.col("points")) & (pl.col("prev_points") < pl.col("next_points"))
_TOO_HIGH = (pl.col("points") > pl.col("prev_points")) & ~_ABOVE_TOO_LOW.fill_null(False)
_TOO_LOW, _TOO_HIGH = _TOO_LOW.fill_null(False), _TOO_HIGH.fill_null(False)

register(
    sequence_check(
        "standings.rank_sequence",
        "Ranks run 1, 2, 3... down a standings table, each once, without gaps.",
        BOTH,
        applies=kept,
        value="rank",
        row="table_row",
        prev="prev_rank",
        noun="rank",
    ),
    Check(
        id="standings.points_order",
        severity="error",
        description="Points never increase down a standings table; of two rows out of order, the one that is out of order with the rows around it too is flagged.",
        frames=BOTH,
        rule=~kept | ~(_TOO_HIGH | _TOO_LOW),
        message=pl.when(_TOO_LOW)
        .then(pl.format(
            "{} points at rank {} is fewer than the {} and {} points of the two places below (lines {} and {})",
            s(pl.col("points")), pl.col("rank"), s(pl.col("next_points")), s(pl.col("next2_points")), pl.col("next_line"), pl.col("next2_line"),
        ))
        .otherwise(pl.format("{} points at rank {} is more than {} points one place higher (line {})", s(pl.col("points")), pl.col("rank"), s(pl.col("prev_points")), pl.col("prev_line"))),
        observed=s(pl.col("points")),
        expected=pl.when(_TOO_LOW).then(pl.format("at least {}", s(pl.col("next_points")))).otherwise(pl.format("at most {}", s(pl.col("prev_points")))),
    ),
    Check(
        id="standings.points_possible",
        severity="error",
        description="Points are within what the season's points system allows after N rounds and S sprints.",
        frames=BOTH,
        rule=pl.col("max_points").is_null() | pl.col("points").is_between(0, pl.col("max_points")),
        message=pl.format(
            "{} points is more than the {} possible after {} Grands Prix and {} sprints",
            s(pl.col("points")), pl.col("max_points"), pl.col("after_round"), pl.col("max_points_sprints").fill_null(0),
        ),
        observed=s(pl.col("points")),
        expected=pl.format("0..{}", pl.col("max_points")),
    ),
    Check(
        id="standings.duplicate_team",
        severity="error",
        description="A team appears once per constructors' table.",
        frames=("constructor_standings",),
        rule=(pl.col("dup_count") == 1),
        message=pl.format("{} is listed {} times in this table (lines {}, points {})", pl.col("team"), pl.col("dup_count"), pl.col("dup_lines"), pl.col("dup_points")),
        observed=pl.col("dup_points"),
        expected=pl.lit("one line per team"),
    ),
    Check(
        id="standings.duplicate_driver",
        severity="error",
        description="A driver appears once per drivers' table; of two entries, the other tables say which is the inconsistent one (the other is standings.duplicate_kept).",
        frames=("driver_standings",),
        rule=(pl.col("dup_count") == 1) | (pl.col("dup_decided") & ~pl.col("set_aside")),
        message=pl.when(pl.col("dup_decided"))
        .then(
            pl.format(
                "{} is listed twice (lines {}); this entry ({} points) is the inconsistent one: {} {} in the constructors' table minus {} leaves {}, the value on line {}",
                pl.col("driver"), pl.col("dup_lines"), s(pl.col("points")), pl.col("roster_team"), s(pl.col("team_points")),
                pl.coalesce(pl.col("teammates_text"), pl.lit("no teammate points")), s(pl.col("implied_points")), pl.col("consistent_line"),
            )
        )
        .otherwise(
            pl.format(
                "{} is listed {} times (lines {}, points {}); the other tables cannot tell which entry is right",
                pl.col("driver"), pl.col("dup_count"), pl.col("dup_lines"), pl.col("dup_points"),
            )
        ),
        observed=s(pl.col("points")),
        expected=pl.when(pl.col("implied_points").is_not_null())
        .then(pl.format("{} (from {} {} − {})", s(pl.col("implied_points")), pl.col("roster_team"), s(pl.col("team_points")), pl.coalesce(pl.col("teammates_text"), pl.lit("0"))))
        .otherwise(pl.lit("one line per driver")),
    ),
    Check(
        id="standings.duplicate_kept",
        severity="info",
        description="Of a driver listed twice in a drivers' table, the entry the constructors' table agrees with: kept, its twin flagged (standings.duplicate_driver).",
        frames=("driver_standings",),
        rule=(pl.col("dup_count") == 1) | ~pl.col("dup_decided") | pl.col("set_aside"),
        message=pl.format(
            "{} is listed twice (lines {}); this entry ({} points) is the consistent one: {} {} in the constructors' table = {} + {}",
            pl.col("driver"), pl.col("dup_lines"), s(pl.col("points")), pl.col("roster_team"), s(pl.col("team_points")),
            s(pl.col("points")), pl.coalesce(pl.col("teammates_text"), pl.lit("0")),
        ),
        observed=s(pl.col("points")),
        expected=pl.format("{} (from {} {} − {})", s(pl.col("implied_points")), pl.col("roster_team"), s(pl.col("team_points")), pl.coalesce(pl.col("teammates_text"), pl.lit("0"))),
    ),
    Check(
        id="standings.no_heading",
        severity="warning",
        description="A standings table has no standings heading (after N of M Grand Prix) above it, so the round it stands after is unknown.",
        frames=BOTH,
        rule=pl.col("heading_line").is_not_null() | (pl.col("table_row") != 1),
        message=pl.lit(
            "no standings heading (World Championship standings, after N of M Grand Prix) comes before this table: "
            "the round it stands after is unknown, so its points are not checked against the calendar, the other table or other articles"
        ),
        expected=pl.lit("a standings heading above the table"),
        line=pl.col("table_line"),
    ),
    Check(
        id="standings.no_tables",
        severity="warning",
        description="A standings heading is followed by neither a drivers' (Driver) nor a constructors' (Constructors' Cup) table.",
        frames=("lines",),
        rule=(pl.col("kind") != "standings_heading") | pl.col("next_heading").is_in(["drivers_heading", "constructors_heading"]).fill_null(False),
        message=pl.lit("no drivers' (Driver) or constructors' (Constructors' Cup) table follows this standings heading"),
        observed=pl.col("text"),
        expected=pl.lit("a Driver or Constructors' Cup table under the heading"),
    ),
    Check(
        id="standings.context",
        severity="error",
        description=(
            "The standings heading (after N of M Grand Prix, S of T sprints; after round N; after the Belgian Grand Prix) "
            "agrees with the calendar at the article's date, and a race it names is one of the season's."
        ),
        frames=("standings_headings",),
        rule=~pl.col("season_known")
        | (
            pl.col("after_round").is_between(pl.col("rounds_before"), pl.col("rounds_by"))
            & (pl.col("rounds_total").is_null() | (pl.col("rounds_total") == pl.col("cal_rounds")))
            & (pl.col("sprints_done").is_null() | pl.col("sprints_done").is_between(pl.col("cal_sprints_done"), pl.col("cal_sprints_run")))
            & (pl.col("sprints_total").is_null() | (pl.col("sprints_total") == pl.col("cal_sprints")))
        ).fill_null(False),
        message=pl.when(pl.col("after_round").is_null())
        .then(pl.format("the heading's race `{}` is no race of the {} calendar, so the round it stands after is unknown", pl.col("after_race"), pl.col("season")))
        .otherwise(
            pl.format(
                "the heading says {}; on {} the {} calendar had {} of {} Grands Prix run with {} of {} sprints",
                _heading_said(), pl.col("published"), pl.col("season"), pl.col("rounds_by"), pl.col("cal_rounds"),
                pl.when(pl.col("date_sprints_run") > pl.col("date_sprints_done"))
                .then(pl.format("{} (or {}, with that day's sprint)", pl.col("date_sprints_done"), pl.col("date_sprints_run")))
                .otherwise(pl.col("date_sprints_done").cast(pl.String)),
                pl.col("cal_sprints"),
            )
        ),
        observed=pl.when(pl.col("after_round").is_null()).then(pl.col("after_race")).otherwise(_heading_said(unit="")),
        expected=pl.when(pl.col("after_round").is_null())
        .then(pl.format("a race of the {} calendar", pl.col("season")))
        .otherwise(pl.format("after {} of {}", pl.col("rounds_by"), pl.col("cal_rounds"))),
    ),
)
