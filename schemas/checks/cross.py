"""Checks across the tables of one article: standings against each other, results against the
roster, prose claims against the standings table."""

import polars as pl

from schemas.frames import FINISH_ALLOWED, OUT_OF_TIME, RACE_LAST, TIME_GAP_ALLOWED, TIME_GAP_FOUND
from schemas.registry import Check, register, s

about_this_series = pl.col("series").is_null() | (pl.col("series") == "F1")
table_margin = pl.col("table_points") - pl.col("rival_table_points")  # the claim's two in its table
table_sum = pl.col("table_points") + pl.col("rival_table_points")
table_lead = pl.col("table_points") - pl.col("next_best_points")  # over the next best: negative when behind


def _roster_check(check_id: str, description: str, frame: str, verb: str, round_col: str, in_round: pl.Expr, any_round: pl.Expr) -> Check:
    """A driver's team as written (`team_id`) is one of his teams in the roster (`roster_teams`,
    whose names are `roster_team_names`; none when he had no seat then, `roster_rounds` saying when he
    had): `in_round` says when, `any_round` when `round_col` is null."""
    return Check(
        id=check_id,
        severity="error",
        description=description,
        frames=(frame,),
        rule=pl.col("team_id").is_null() | pl.col("roster_teams").is_null() | pl.col("roster_teams").list.contains(pl.col("team_id")),
        message=pl.when(pl.col("roster_teams").list.len() == 0).then(
            pl.format("{} is listed with {}, but {} no team {} (his rounds of {}: {})", pl.col("driver"), pl.col("team"), pl.lit(verb), in_round, pl.col("season"), pl.col("roster_rounds"))
        ).otherwise(
            pl.format(
                "{} is listed with {}, but {} {} {}",
                pl.col("driver"), pl.col("team"), pl.lit(verb), pl.col("roster_team_names"),
                pl.when(pl.col(round_col).is_not_null()).then(in_round).otherwise(any_round),
            )
        ),
        observed=pl.col("team_raw"),
        expected=pl.when(pl.col("roster_teams").list.len() == 0).then(pl.lit("no team")).otherwise(pl.col("roster_team_names")),
    )


def _range_text(least: pl.Expr, most: pl.Expr) -> pl.Expr:
    """'503', or '148 to 247' when a table left some out."""
    return pl.when(least == most).then(s(least)).otherwise(pl.format("{} to {}", s(least), s(most)))


def _bound_text(value: pl.Expr, least: pl.Expr, most: pl.Expr) -> pl.Expr:
    """What a sum is said to be against a value outside it: '148', 'at most 247', 'at least 148'."""
    return pl.when(least == most).then(s(least)).when(value > most).then(pl.format("at most {}", s(most))).otherwise(pl.format("at least {}", s(least)))


def _total_text(total: pl.Expr, most: pl.Expr, unlisted: pl.Expr, one: str, many: str) -> pl.Expr:
    """'946', or '946 (7 teams of the season not listed: at most 1117)' (those left out may have points)."""
    noun = pl.when(unlisted == 1).then(pl.lit(one)).otherwise(pl.lit(many))
    return pl.when((unlisted == 0) | (total == most)).then(s(total)).otherwise(pl.format("{} ({} {} of the season not listed: at most {})", s(total), unlisted, noun, s(most)))


# a bound is of the rival named, else of the next best (the leader, for anyone else)
within_other = pl.when(pl.col("rival_subject_id").is_not_null()).then(pl.col("rival_table_points")).otherwise(pl.col("next_best_points"))


race_expected = (
    pl.when(pl.col("race_status") != "classified").then(pl.col("race_status").str.replace_all("_", " "))
    .when(pl.col("race_disqualified") == 0).then(s(pl.col("race_place")))
    .otherwise(pl.format("{} to {}", s(pl.col("race_place")), s(RACE_LAST)))
)
def race_text_of(classifies: str, lists: str) -> pl.Expr:
    """What the results give a driver, after a verb: "classifies Lando Norris in place 2 (on the road
    places 2 to 4, 2 disqualified)", "lists Fernando Alonso as retired" (the verbs as given)."""
    return (
        pl.when(pl.col("race_status") != "classified").then(pl.format(f"{lists} {{}} as {{}}", pl.col("subject"), pl.col("race_status").str.replace_all("_", " ")))
        .when(pl.col("race_disqualified") == 0).then(pl.format(f"{classifies} {{}} in place {{}}", pl.col("subject"), pl.col("race_place")))
        .otherwise(pl.format(
            f"{classifies} {{}} in place {{}} (on the road places {{}} to {{}}, {{}} disqualified)",
            pl.col("subject"), pl.col("race_place"), pl.col("race_place"), RACE_LAST, pl.col("race_disqualified"),
        ))
    )


race_text = race_text_of("classifies", "lists")


def time_gap_found(lists: str, gives: str, puts: str) -> pl.Expr:
    """What the results give the two of a time_gap claim, after a verb: "lists Fernando Alonso as retired",
    "gives 10.73 s between them", "puts Sergio Pérez 6.539 s ahead" (the verbs as given)."""
    return (
        pl.when(pl.col("race_status").is_in(OUT_OF_TIME)).then(pl.format(f"{lists} {{}} as {{}}", pl.col("subject"), pl.col("race_status").str.replace_all("_", " ")))
        .when(pl.col("other_status").is_in(OUT_OF_TIME))
        .then(pl.format(f"{lists} {{}} as {{}}", pl.col("other_subject"), pl.col("other_status").str.replace_all("_", " ")))
        .when(TIME_GAP_FOUND >= 0).then(pl.format(f"{gives} {{}} s between them", s(TIME_GAP_FOUND / 1000)))
        .otherwise(pl.format(f"{puts} {{}} {{}} s ahead", pl.col("other_subject"), s(-TIME_GAP_FOUND / 1000)))
    )


time_gap_expected = pl.when(pl.col("race_status").is_in(OUT_OF_TIME) | pl.col("other_status").is_in(OUT_OF_TIME)).then(pl.lit("out")).otherwise(s(TIME_GAP_FOUND / 1000))


def lead_text(lead: pl.Expr, ahead: str = "", behind: str = "") -> pl.Expr:
    """'20 points ahead', or '15 points behind' when the lead is negative (each with its own ending)."""
    return pl.when(lead >= 0).then(pl.format("{} points ahead" + ahead, s(lead))).otherwise(pl.format("{} points behind" + behind, s(-lead)))


register(
    Check(
        id="cross.constructor_sum",
        severity="error",
        description=(
            "A constructor's points equal the sum of its drivers' points in the same article (driver to team from the roster); "
            "where the drivers' table leaves some of the team's drivers out (a top ten), they lie between the sum of those listed "
            "and that plus, for each one left out, the points of the table's last row."
        ),
        frames=("constructor_standings",),
        rule=pl.col("set_aside") | pl.col("drivers_sum").is_null() | pl.col("points").is_between(pl.col("drivers_sum"), pl.col("drivers_most")),
        message=pl.format(
            "{} has {} points but its drivers in the drivers' table add up to {} ({})",
            pl.col("team"), s(pl.col("points")), _bound_text(pl.col("points"), pl.col("drivers_sum"), pl.col("drivers_most")),
            pl.coalesce(pl.col("drivers_text"), pl.lit("none listed")),
        ),
        observed=s(pl.col("points")),
        expected=pl.format("{} ({})", _range_text(pl.col("drivers_sum"), pl.col("drivers_most")), pl.coalesce(pl.col("drivers_text"), pl.lit("none listed"))),
    ),
    Check(
        id="cross.standings_totals",
        severity="error",
        description=(
            "The drivers' points and the constructors' points of one standings add up to the same total; where a table leaves "
            "some of the season's drivers (teams) out, each one left out has at most the points of its last row, and the two totals "
            "can still be equal."
        ),
        frames=("standings_totals",),
        rule=(pl.col("drivers_total") <= pl.col("constructors_most")) & (pl.col("constructors_total") <= pl.col("drivers_most")),
        message=pl.format(
            "the constructors' table adds up to {} points but the drivers' table to {}",
            _total_text(pl.col("constructors_total"), pl.col("constructors_most"), pl.col("unlisted_teams"), "team", "teams"),
            _total_text(pl.col("drivers_total"), pl.col("drivers_most"), pl.col("unlisted_drivers"), "driver", "drivers"),
        ),
        observed=_range_text(pl.col("constructors_total"), pl.col("constructors_most")),
        expected=_range_text(pl.col("drivers_total"), pl.col("drivers_most")),
    ),
    _roster_check(
        "cross.team_roster",
        "A driver's team in the results is his team in the season's roster for that round.",
        "race_results",
        "raced for",
        "round",
        pl.format("in round {} of {}", pl.col("round"), pl.col("season")),
        pl.format("in {} (the race is not known: any round of the season)", pl.col("season")),
    ),
    _roster_check(
        "cross.standings_team_roster",
        "A driver's team in brackets in the drivers' standings is a team of his in the season's roster up to the table's round.",
        "driver_standings",
        "drove for",
        "after_round",
        pl.format("up to round {} of {}", pl.col("after_round"), pl.col("season")),
        pl.format("in {} (the table's round is not known: any round of the season)", pl.col("season")),
    ),
    Check(
        id="cross.standings_result",
        severity="error",
        description="A driver has at least the points his result in the same article's table of the standings' round scores, and after a season's first race (no sprint before it), at most those (with the fastest lap's point).",
        frames=("driver_standings",),
        rule=pl.col("result_points").is_null()
        | ((pl.col("points") >= pl.col("result_points")) & (~pl.col("first_round") | (pl.col("points") <= pl.col("result_most")))),
        message=pl.when(pl.col("points") < pl.col("result_points"))
        .then(pl.format(
            "{} has {} points after round {}, fewer than the {} his {} in this article's table of that race scores (line {})",
            pl.col("driver"), s(pl.col("points")), pl.col("after_round"), pl.col("result_points"), pl.col("result_text"), pl.col("result_line"),
        ))
        .otherwise(pl.format(
            "{} has {} points after the season's first race, more than the {} his {} in this article's table of it scores (line {})",
            pl.col("driver"), s(pl.col("points")), pl.col("result_most"), pl.col("result_text"), pl.col("result_line"),
        )),
        observed=s(pl.col("points")),
        expected=pl.when(pl.col("first_round")).then(pl.format("{} to {}", pl.col("result_points"), pl.col("result_most")))
        .otherwise(pl.format("at least {}", pl.col("result_points"))),
    ),
    Check(
        id="cross.claim_points_possible",
        severity="error",
        description="A points claim in the prose is no more than one driver (or team) could have scored in the season by the article's date, by the season's points system.",
        frames=("claims",),
        rule=(pl.col("kind") != "points") | pl.col("most_by_date").is_null() | (pl.col("points") <= pl.col("most_by_date")),
        message=pl.format(
            "the text gives {} {} points, more than the {} one {} could have scored in {} by {}, with {} Grands Prix run (and their sprints)",
            pl.col("subject"), s(pl.col("points")), pl.col("most_by_date"), pl.col("about"), pl.col("season"), pl.col("published"), pl.col("rounds_by"),
        ),
        observed=s(pl.col("points")),
        expected=pl.format("at most {}", pl.col("most_by_date")),
    ),
    Check(
        id="cross.claim_points",
        severity="error",
        description="A points claim in the prose agrees with the same article's drivers' table (about a driver) or constructors' table (about a team).",
        frames=("claims",),
        rule=(pl.col("kind") != "points") | pl.col("table_points").is_null() | (pl.col("points") == pl.col("table_points")),
        message=pl.format(
            "the text gives {} {} points, the {} table on line {} gives {}",
            pl.col("subject"), s(pl.col("points")), pl.col("table_kind"), pl.col("table_row_line"), s(pl.col("table_points")),
        ),
        observed=s(pl.col("points")),
        expected=s(pl.col("table_points")),
    ),
    Check(
        id="cross.claim_margin",
        severity="error",
        description="A points margin in the prose agrees with the same article's drivers' table (between drivers) or constructors' table (between teams).",
        frames=("claims",),
        rule=(pl.col("kind") != "margin")
        | pl.col("table_points").is_null()
        | pl.col("rival_table_points").is_null()
        | (pl.col("margin") == table_margin),
        message=pl.format(
            "the text puts {} {} points ahead of {}, the {} table says {} − {} = {}",
            pl.col("subject"), s(pl.col("margin")), pl.col("rival_subject"), pl.col("table_kind"), s(pl.col("table_points")), s(pl.col("rival_table_points")),
            s(table_margin),
        ),
        observed=s(pl.col("margin")),
        expected=s(table_margin),
    ),
    Check(
        id="cross.claim_lead",
        severity="error",
        description="A lead in the prose with no rival named ('X leads the championship by N points') is the lead over the next best in the same article's drivers' (or constructors') table.",
        frames=("claims",),
        rule=(pl.col("kind") != "lead") | pl.col("table_points").is_null() | pl.col("next_best_points").is_null() | (pl.col("margin") == table_lead),
        message=pl.format(
            "the text gives {} a lead of {} points, the {} table on line {} gives {} {} and the next best, {}, {}: {}",
            pl.col("subject"), s(pl.col("margin")), pl.col("table_kind"), pl.col("table_row_line"), pl.col("subject"), s(pl.col("table_points")),
            pl.col("next_best_subject"), s(pl.col("next_best_points")), lead_text(table_lead),
        ),
        observed=s(pl.col("margin")),
        expected=s(table_lead),
    ),
    Check(
        id="cross.claim_finish",
        severity="error",
        description="A driver's place in the race (or its sprint) in the prose ('Norris finished second', 'won the race', 'moved up to fourth', 'second in the sprint') agrees with the same article's results table of the race (the sprint): the classified place, or on the road up to as many places lower as the table disqualifies; never a finish for a driver listed as out.",
        frames=("claims",),
        rule=(pl.col("kind") != "finish") | pl.col("race_status").is_null() | FINISH_ALLOWED,
        message=pl.format(
            "the text puts {} in place {} of the {}, the results table on line {} {}",
            pl.col("subject"), pl.col("position"), pl.col("session"), pl.col("race_row_line"), race_text,
        ),
        observed=s(pl.col("position")),
        expected=race_expected,
    ),
    Check(
        id="cross.claim_time_gap",
        severity="error",
        description="A time between two drivers at the flag in the prose ('won by 22.305 seconds from Perez', 'crossed the line 11.987 seconds ahead of Pérez', a win's over the runner-up when no one is named) agrees with the same article's results table of the race (the sprint), at the precision the text gives it; neither driver is one the table lists as out.",
        frames=("claims",),
        rule=(pl.col("kind") != "time_gap") | TIME_GAP_ALLOWED,
        message=pl.format(
            "the text puts {} {} s ahead of {} in the {}, the results table on lines {} and {} {}",
            pl.col("subject"), s(pl.col("gap_ms") / 1000), pl.col("other_subject"), pl.col("session"), pl.col("race_row_line"), pl.col("other_row_line"),
            time_gap_found("lists", "gives", "puts"),
        ),
        observed=s(pl.col("gap_ms") / 1000),
        expected=time_gap_expected,
    ),
    Check(
        id="cross.claim_laps",
        severity="error",
        description="Laps in the prose agree with the same article's results table of the race (the sprint): a race's distance ('the 71-lap race') with its winner's laps, a driver's at the flag ('finished fifth after 56 laps') with his row's.",
        frames=("claims",),
        rule=(pl.col("kind") != "laps")
        | pl.when(pl.col("about") == "race").then(pl.col("table_laps").is_null() | (pl.col("laps") == pl.col("table_laps")))
        .otherwise(pl.col("race_laps").is_null() | (pl.col("laps") == pl.col("race_laps"))),
        message=pl.when(pl.col("about") == "race")
        .then(pl.format("the text gives the {} {} laps, the results table's winner on line {} covered {}", pl.col("session"), pl.col("laps"), pl.col("table_laps_line"), pl.col("table_laps")))
        .otherwise(pl.format(
            "the text has {} cover {} laps in the {}, the results table on line {} gives him {}", pl.col("subject"), pl.col("laps"), pl.col("session"), pl.col("race_row_line"), pl.col("race_laps"),
        )),
        observed=s(pl.col("laps")),
        expected=s(pl.when(pl.col("about") == "race").then(pl.col("table_laps")).otherwise(pl.col("race_laps"))),
    ),
    Check(
        id="cross.claim_within",
        severity="error",
        description="A bound in the prose ('X is within N points of Y', 'within N points of the lead') holds in the same article's drivers' (or constructors') table: the two are at most N points apart.",
        frames=("claims",),
        rule=(pl.col("kind") != "within") | pl.col("table_points").is_null() | within_other.is_null() | ((pl.col("table_points") - within_other).abs() <= pl.col("margin")),
        message=pl.format(
            "the text puts {} within {} points of {}, the {} table gives them {} and {}: {} apart",
            pl.col("subject"), s(pl.col("margin")), pl.coalesce(pl.col("rival_subject"), pl.col("next_best_subject")), pl.col("table_kind"),
            s(pl.col("table_points")), s(within_other), s((pl.col("table_points") - within_other).abs()),
        ),
        observed=pl.format("within {}", s(pl.col("margin"))),
        expected=s((pl.col("table_points") - within_other).abs()),
    ),
    Check(
        id="cross.claim_gap",
        severity="error",
        description="A points gap in the prose that does not say who leads ('the gap between X and Y is N points') agrees with the same article's drivers' or constructors' table.",
        frames=("claims",),
        rule=(pl.col("kind") != "gap")
        | pl.col("table_points").is_null()
        | pl.col("rival_table_points").is_null()
        | (pl.col("margin") == table_margin.abs()),
        message=pl.format(
            "the text puts {} points between {} and {}, the {} table gives them {} and {}: {} apart",
            s(pl.col("margin")), pl.col("subject"), pl.col("rival_subject"), pl.col("table_kind"), s(pl.col("table_points")), s(pl.col("rival_table_points")),
            s(table_margin.abs()),
        ),
        observed=s(pl.col("margin")),
        expected=s(table_margin.abs()),
    ),
    Check(
        id="cross.claim_combined",
        severity="error",
        description="The points of two drivers (or teams) added up in the prose ('X and Y have N points between them') agree with the same article's drivers' or constructors' table.",
        frames=("claims",),
        rule=(pl.col("kind") != "combined")
        | pl.col("table_points").is_null()
        | pl.col("rival_table_points").is_null()
        | (pl.col("points") == table_sum),
        message=pl.format(
            "the text gives {} and {} {} points between them, the {} table gives them {} + {} = {}",
            pl.col("subject"), pl.col("rival_subject"), s(pl.col("points")), pl.col("table_kind"), s(pl.col("table_points")), s(pl.col("rival_table_points")),
            s(table_sum),
        ),
        observed=s(pl.col("points")),
        expected=s(table_sum),
    ),
    Check(
        id="cross.claim_position",
        severity="error",
        description=(
            "A championship place in the prose ('second place', 'runner-up', 'leads') agrees with the same article's drivers' table, "
            "or its constructors' table for a team; for one the table does not list (a top ten), it is no place the table gives another."
        ),
        frames=("claims",),
        rule=(pl.col("kind") != "position")
        | ~about_this_series
        | (pl.col("table_rank").is_null() & pl.col("place_holder").is_null())
        | (pl.col("position") == pl.col("table_rank")).fill_null(False),
        message=pl.when(pl.col("table_rank").is_null())
        .then(pl.format(
            "the text puts {} in place {} of the championship, the {} table on line {} gives it to {} and does not list {}",
            pl.col("subject"), pl.col("position"), pl.col("table_kind"), pl.col("place_holder_line"), pl.col("place_holder"), pl.col("subject"),
        ))
        .otherwise(pl.format(
            "the text puts {} in place {} of the championship, the {} table on line {} in place {}",
            pl.col("subject"), pl.col("position"), pl.col("table_kind"), pl.col("table_row_line"), pl.col("table_rank"),
        )),
        observed=s(pl.col("position")),
        expected=pl.when(pl.col("table_rank").is_null())
        .then(pl.format("not place {} ({}'s); not listed", pl.col("position"), pl.col("place_holder")))
        .otherwise(s(pl.col("table_rank"))),
    ),
)
