"""Checks across articles of one season: points only go up, never faster than they can be scored,
a claimed margin, gap, sum of two, place, lead or bound stays within reach of the latest standings published before it,
and the tables of one race give each driver the same result and the same time."""

import polars as pl

from schemas.checks.cross import lead_text, race_expected, race_text_of, time_gap_expected, time_gap_found
from schemas.frames import FINISH_ALLOWED, TIME_GAP_ALLOWED
from schemas.registry import Check, register, s

TIMELINES = ("season_driver_points", "season_constructor_points")
# the places a table allows a claim: "place 2", "places 2 to 5", "place 3 or lower"
_PLACES = (
    pl.when(pl.col("worst_place").is_null()).then(pl.format("place {} or lower", pl.col("best_place")))
    .when(pl.col("worst_place") == pl.col("best_place")).then(pl.format("place {}", pl.col("best_place")))
    .otherwise(pl.format("places {} to {}", pl.col("best_place"), pl.col("worst_place")))
)

_RACE = pl.coalesce(pl.col("race"), pl.format("round {} of {}", pl.col("round"), pl.col("season")))
_OTHER_TABLES = (
    pl.when(pl.col("other_tables") == 1).then(pl.format("another table of that race gives: {}", pl.col("other_result")))
    .otherwise(pl.format("{} other tables of that race give: {}", pl.col("other_tables"), pl.col("other_result")))
)

# a figure next to the one most others after the same round give
_SAME_ROUND = pl.format(
    "{} has {} points here, but {} (line {}), also after round {}{}, gives {}",
    pl.col("entity"), s(pl.col("points")), pl.col("round_other_article"), pl.col("round_other_line"), pl.col("round"),
    pl.when(pl.col("sprint_in")).then(pl.format(" and round {}'s sprint", pl.col("round") + 1)).otherwise(pl.lit("")), s(pl.col("round_other")),
)
_AS_DO = (
    pl.when(pl.col("round_other_count") == 2).then(pl.lit(", as does one more"))
    .when(pl.col("round_other_count") > 2).then(pl.format(", as do {} more", pl.col("round_other_count") - 1)).otherwise(pl.lit(""))
)

def _timeline_check(**fields) -> Check:
    """A check over the points timelines of drivers and teams: a flagged row is a standings row, or a claim."""
    return Check(frames=TIMELINES, table=pl.col("source"), tables_extra=("claims",), **fields)


register(
    _timeline_check(
        id="season.points_decrease",
        severity="error",
        description="A driver's or team's points never go down from an earlier article to a later one in the same season (tables and claims; two after the same round are compared by season.points_same_round).",
        rule=pl.col("prev_max").is_null() | pl.col("same_round_as_prev") | (pl.col("points") >= pl.col("prev_max")),
        message=pl.format(
            "{} has {} points here, fewer than the {} published on {} ({}, line {})",
            pl.col("entity"), s(pl.col("points")), s(pl.col("prev_max")), pl.col("prev_published"), pl.col("prev_max_article"), pl.col("prev_max_line"),
        ),
        observed=s(pl.col("points")),
        expected=pl.format("at least {}", s(pl.col("prev_max"))),
    ),
    _timeline_check(
        id="season.points_jump",
        severity="error",
        description="Between two articles a driver's or team's points rise by no more than the points available in the rounds run in between (two after the same round are compared by season.points_same_round).",
        rule=pl.col("prev_min").is_null() | pl.col("same_round_as_prev") | pl.col("available").is_null() | (pl.col("points") - pl.col("prev_min") <= pl.col("available")),
        message=pl.format(
            "{} went from {} points ({}, {}) to {}: a gain of {}, but at most {} could be scored in the rounds between",
            pl.col("entity"), s(pl.col("prev_min")), pl.col("prev_min_article"), pl.col("prev_published"), s(pl.col("points")),
            s(pl.col("points") - pl.col("prev_min")), pl.col("available"),
        ),
        observed=s(pl.col("points") - pl.col("prev_min")),
        expected=pl.format("at most {}", pl.col("available")),
    ),
    _timeline_check(
        id="season.points_same_round",
        severity="error",
        description="A driver's or team's points in a standings table or claim are given by at least as many tables after the same round (any day; claims where no table gives them) as any other figure is.",
        rule=pl.col("round_other_count").is_null() | (pl.col("round_count") >= pl.col("round_other_count")),
        message=pl.format("{}{}", _SAME_ROUND, _AS_DO),
        observed=s(pl.col("points")),
        expected=s(pl.col("round_other")),
    ),
    _timeline_check(
        id="season.points_same_round_level",
        severity="warning",
        description="A driver's or team's points are given by as many tables after the same round (claims where no table gives them) as another figure is: one of them is wrong, the text does not say which.",
        rule=pl.col("round_other_count").is_null() | (pl.col("round_count") != pl.col("round_other_count")),
        message=pl.format("{}{}, as many as give {}", _SAME_ROUND, _AS_DO, s(pl.col("points"))),
        observed=s(pl.col("points")),
        expected=pl.format("{} or {}", s(pl.col("points")), s(pl.col("round_other"))),
    ),
    Check(
        id="season.claim_vs_previous",
        severity="error",
        description="A claimed margin or gap between two drivers (or two teams) is within reach of their margin in the latest standings published before it.",
        frames=("season_pairs",),
        rule=~pl.col("kind").is_in(["margin", "gap"]) | pl.col("available").is_null() | ((pl.col("margin") - pl.col("prev_margin")).abs() <= pl.col("available")),
        message=pl.format(
            "the text gives a margin of {} points, but the standings of {} ({}, line {}) had it at {} and at most {} points could be scored since",
            s(pl.col("margin")), pl.col("table_published"), pl.col("prev_article"), pl.col("prev_line"), s(pl.col("prev_margin")), pl.col("available"),
        ),
        observed=s(pl.col("margin")),
        expected=pl.format("{} ± {}", s(pl.col("prev_margin")), pl.col("available")),
    ),
    Check(
        id="season.claim_combined_vs_previous",
        severity="error",
        description="The claimed points of two drivers (or two teams) added up are no fewer than their sum in the latest standings published before it, and no more than that plus what both could score since.",
        frames=("season_pairs",),
        rule=(pl.col("kind") != "combined")
        | pl.col("available").is_null()
        | pl.col("points").is_between(pl.col("prev_sum"), pl.col("prev_sum") + 2 * pl.col("available")),
        message=pl.format(
            "the text gives {} and {} {} points between them, but the standings of {} ({}, line {}) gave them {}, and together they could score at most {} points since",
            pl.col("subject"), pl.col("rival_subject"), s(pl.col("points")), pl.col("table_published"), pl.col("prev_article"), pl.col("prev_line"),
            s(pl.col("prev_sum")), 2 * pl.col("available"),
        ),
        observed=s(pl.col("points")),
        expected=pl.format("{} to {}", s(pl.col("prev_sum")), s(pl.col("prev_sum") + 2 * pl.col("available"))),
    ),
    Check(
        id="season.claim_place_vs_previous",
        severity="error",
        description="A claimed place in the championship is one the latest standings published before it allow, given the points that could be scored since.",
        frames=("season_places",),
        rule=(pl.col("kind") != "position")
        | pl.col("available").is_null()
        | ((pl.col("position") >= pl.col("best_place")) & (pl.col("worst_place").is_null() | (pl.col("position") <= pl.col("worst_place")))),
        message=pl.format(
            "the text puts {} in place {} of the championship, but the standings of {} ({}, line {}) allow {}, with at most {} points scored since",
            pl.col("subject"), pl.col("position"), pl.col("table_published"), pl.col("prev_article"), pl.col("prev_line"), _PLACES, pl.col("available"),
        ),
        observed=s(pl.col("position")),
        expected=_PLACES,
    ),
    Check(
        id="season.claim_within_vs_previous",
        severity="error",
        description="A claimed bound ('within N points of Y', 'of the lead') can hold given the two's points in the latest standings published before it and the points that could be scored since.",
        frames=("season_pairs", "season_places"),
        rule=(pl.col("kind") != "within")
        | pl.col("available").is_null()
        | pl.col("prev_margin").is_null()
        | (pl.col("prev_margin").abs() - pl.col("available") <= pl.col("margin")),
        message=pl.format(
            "the text puts {} within {} points of {}, but the standings of {} ({}, line {}) had them {} points apart, and at most {} points could be scored since",
            pl.col("subject"), s(pl.col("margin")), pl.coalesce(pl.col("rival_subject"), pl.lit("the leader")), pl.col("table_published"),
            pl.col("prev_article"), pl.col("prev_line"), s(pl.col("prev_margin").abs()), pl.col("available"),
        ),
        observed=pl.format("within {}", s(pl.col("margin"))),
        expected=pl.format("at least {}", s((pl.col("prev_margin").abs() - pl.col("available")).clip(lower_bound=0))),
    ),
    Check(
        id="season.claim_lead_vs_previous",
        severity="error",
        description="A claimed lead with no rival named is within reach of the driver's (or team's) lead over the next best in the latest standings published before it.",
        frames=("season_places",),
        rule=(pl.col("kind") != "lead") | pl.col("available").is_null() | pl.col("prev_lead").is_null() | ((pl.col("margin") - pl.col("prev_lead")).abs() <= pl.col("available")),
        message=pl.format(
            "the text gives {} a lead of {} points, but the standings of {} ({}, line {}) had {} {}, and at most {} points could be scored since",
            pl.col("subject"), s(pl.col("margin")), pl.col("table_published"), pl.col("prev_article"), pl.col("prev_line"), pl.col("subject"),
            lead_text(pl.col("prev_lead"), " of the next best", " the leader"), pl.col("available"),
        ),
        observed=s(pl.col("margin")),
        expected=pl.format("{} ± {}", s(pl.col("prev_lead")), pl.col("available")),
    ),
    Check(
        id="season.results_agree",
        severity="error",
        description="A driver's result in a race (his place, or out, did not start, disqualified) is given by at least as many tables of that race, in any article, as any other result is (a row with an error in its own article does not count).",
        frames=("season_results",),
        rule=pl.col("other_tables").is_null() | (pl.col("same_tables") >= pl.col("other_tables")),
        message=pl.format(
            "this table of {} gives {}: {}; {} (the last: {}, line {})",
            _RACE, pl.col("driver"), pl.col("result"), _OTHER_TABLES, pl.col("other_article"), pl.col("other_line"),
        ),
        observed=pl.col("result"),
        expected=pl.col("other_result"),
    ),
    Check(
        id="season.results_level",
        severity="warning",
        description="A driver's result in a race is given by as many tables of that race (in any article, a row with an error in its own article not counted) as another result is: one of them is wrong, the text does not say which.",
        frames=("season_results",),
        rule=pl.col("other_tables").is_null() | (pl.col("same_tables") != pl.col("other_tables")),
        message=pl.format(
            "this table of {} gives {}: {}; {} (the last: {}, line {}), as many as give: {}",
            _RACE, pl.col("driver"), pl.col("result"), _OTHER_TABLES, pl.col("other_article"), pl.col("other_line"), pl.col("result"),
        ),
        observed=pl.col("result"),
        expected=pl.format("{} or {}", pl.col("result"), pl.col("other_result")),
    ),
    Check(
        id="season.times_agree",
        severity="error",
        description="A driver's time in a race (the winner's race time, a gap to the winner, laps behind) is given by at least as many tables of that race, in any article, as any other time is, compared at the precision of the least precise (a row with an error in its own article does not count).",
        frames=("season_times",),
        rule=pl.col("other_tables").is_null() | (pl.col("same_tables") >= pl.col("other_tables")),
        message=pl.format(
            "this table of {} gives {} {} ({}); {} (the last: {}, line {})",
            _RACE, pl.col("driver"), pl.col("result"), pl.col("time_of"), _OTHER_TABLES, pl.col("other_article"), pl.col("other_line"),
        ),
        observed=pl.col("result"),
        expected=pl.col("other_result"),
    ),
    Check(
        id="season.times_level",
        severity="warning",
        description="A driver's time in a race is given by as many tables of that race (in any article, a row with an error in its own article not counted) as another time is: one of them is wrong, the text does not say which.",
        frames=("season_times",),
        rule=pl.col("other_tables").is_null() | (pl.col("same_tables") != pl.col("other_tables")),
        message=pl.format(
            "this table of {} gives {} {} ({}); {} (the last: {}, line {}), as many as give: {}",
            _RACE, pl.col("driver"), pl.col("result"), pl.col("time_of"), _OTHER_TABLES, pl.col("other_article"), pl.col("other_line"), pl.col("result"),
        ),
        observed=pl.col("result"),
        expected=pl.format("{} or {}", pl.col("result"), pl.col("other_result")),
    ),
    Check(
        id="season.claim_finish_vs_results",
        severity="error",
        description="A driver's place in a race (or a sprint) claimed in an article with no results table of it, or naming another race ('fifth in Austin', 'second in the Austin sprint'), agrees with the result most tables of that race (sprint) give him in other articles (the latest by the article's date when none is named): the classified place, or on the road up to as many places lower as they disqualify; never a finish for a driver out.",
        frames=("season_finishes",),
        rule=pl.col("race_status").is_null() | FINISH_ALLOWED,
        message=pl.format(
            "the text puts {} in place {} of the {}, but the tables of {} ({}) in other articles, {} of them (the last {}, line {}), {}",
            pl.col("subject"), pl.col("position"), pl.col("session"), pl.col("race"), pl.col("race_chosen"),
            pl.col("race_tables"), pl.col("race_article"), pl.col("race_line"), race_text_of("classify", "list"),
        ),
        observed=s(pl.col("position")),
        expected=race_expected,
    ),
    Check(
        id="season.claim_time_gap_vs_results",
        severity="error",
        description="A time between two drivers at the flag claimed in an article with no results table of that race (or sprint), or naming another race ('won by 10.7 seconds in Austin'), agrees with the times most tables of that race give the two in other articles (the latest by the article's date when none is named), at the precision the text gives it; neither is a driver they list as out.",
        frames=("season_time_gaps",),
        rule=TIME_GAP_ALLOWED,
        message=pl.format(
            "the text puts {} {} s ahead of {} in the {}, but the tables of {} ({}) in other articles{} {}",
            pl.col("subject"), s(pl.col("gap_ms") / 1000), pl.col("other_subject"), pl.col("session"), pl.col("race"), pl.col("race_chosen"),
            pl.coalesce(pl.format(", {} of them (the last {}, line {}),", pl.col("time_tables"), pl.col("time_article"), pl.col("time_line")), pl.lit("")),
            time_gap_found("list", "give", "put"),
        ),
        observed=s(pl.col("gap_ms") / 1000),
        expected=time_gap_expected,
    ),
)
