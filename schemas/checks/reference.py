"""Checks against the reference data: nationalities, and which racing series an article speaks of."""

import polars as pl

from schemas.registry import Check, register, s

# how a message names the convention a nationality code was read in (resolve: nationality_convention)
CONVENTION_NAMES = {"vehicle": "a vehicle registration", "ioc": "an IOC", "iso3": "an ISO 3166 alpha-3", "iso2": "an ISO 3166 alpha-2"}

register(
    Check(
        id="ref.nationality",
        severity="error",
        description="The nationality code's country is the driver's nationality in the reference data.",
        frames=("race_results", "driver_standings"),
        rule=pl.col("nationality_iso3").is_null() | pl.col("driver_nationality_iso3").is_null() | (pl.col("nationality_iso3") == pl.col("driver_nationality_iso3")),
        # the code alone: a row may give it in brackets, between commas or in a cell
        message=pl.format(
            "`{}` is {} as {} code, but {} is from {}",
            pl.col("nationality_code"), pl.col("nationality"), pl.col("nationality_convention").replace_strict(CONVENTION_NAMES, default="a"),
            pl.col("driver"), pl.col("driver_nationality"),
        ),
        observed=pl.format("{} = {}", pl.col("nationality_code"), pl.col("nationality")),
        expected=pl.col("driver_nationality"),
    ),
    Check(
        id="ref.power_unit",
        severity="error",
        description="The power unit a constructors' row gives after the team is the team's power unit that season in the reference data.",
        frames=("constructor_standings",),
        rule=pl.col("power_unit_raw").is_null() | pl.col("team_power_unit").is_null() | (pl.col("power_unit") == pl.col("team_power_unit")).fill_null(False),
        message=pl.when(pl.col("power_unit").is_null())
        .then(pl.format("`{}` is no power unit of the {} season in the reference data ({} raced with {})", pl.col("power_unit_raw"), pl.col("season"), pl.col("team"), pl.col("team_power_unit")))
        .otherwise(pl.format("`{}` is not {}'s power unit: {} raced with {} in {}", pl.col("power_unit_raw"), pl.col("team"), pl.col("team"), pl.col("team_power_unit"), pl.col("season"))),
        observed=pl.col("power_unit_raw"),
        expected=pl.col("team_power_unit"),
    ),
    Check(
        id="ref.car_number",
        severity="error",
        description="The car number a results row gives (a table's No or # column) is the driver's car number that season in the reference data.",
        frames=("race_results",),
        rule=pl.col("car_number_raw").is_null()
        | (pl.col("car_number").is_not_null() & (pl.col("driver_car_number").is_null() | (pl.col("car_number") == pl.col("driver_car_number")))),
        message=pl.when(pl.col("car_number").is_null())
        .then(pl.format("`{}` is no car number", pl.col("car_number_raw")))
        .otherwise(pl.format("the row gives car {} to {}, whose car in {} is {}", pl.col("car_number"), pl.col("driver"), pl.col("season"), pl.col("driver_car_number"))),
        observed=pl.col("car_number_raw"),
        expected=s(pl.col("driver_car_number")),
    ),
    Check(
        id="ref.sprint_weekend",
        severity="error",
        description="A sprint's results table names a race whose weekend had a sprint in the season's calendar.",
        frames=("race_results",),
        rule=(pl.col("session") != "sprint").fill_null(True) | pl.col("has_sprint").fill_null(True) | (pl.col("line") != pl.col("first_row_line")),
        message=pl.format("this heading gives a sprint's results, but the weekend of the {} {} had no sprint in the calendar", pl.col("grand_prix_name"), pl.col("season")),
        observed=pl.col("event_heading_text"),
        expected=pl.lit("a race weekend with a sprint"),
        line=pl.col("event_line"),
    ),
    Check(
        id="ref.event_circuit",
        severity="error",
        description="A results heading naming both a race and a circuit ('Belgian GP, Circuit de Spa-Francorchamps') names the circuit of that race in the season's calendar.",
        frames=("race_results",),
        rule=pl.col("circuit_round").is_null() | (pl.col("circuit_round") == pl.col("round")) | (pl.col("line") != pl.col("first_row_line")),
        message=pl.format(
            "this heading names the {} (round {} of {}), but `{}` hosts round {} in the calendar: the rows are read as the {}'s",
            pl.col("grand_prix_name"), pl.col("round"), pl.col("season"), pl.col("circuit"), pl.col("circuit_round"), pl.col("grand_prix_name"),
        ),
        observed=pl.col("event_heading_text"),
        expected=pl.format("the circuit of round {}", pl.col("round")),
        line=pl.col("event_line"),
    ),
    Check(
        id="ref.results_before_race",
        severity="error",
        description="A results table's race (or sprint) was run by the article's date in the season's calendar.",
        frames=("race_results",),
        rule=pl.col("session_date").is_null() | pl.col("published").is_null() | (pl.col("published") >= pl.col("session_date")) | (pl.col("line") != pl.col("first_row_line")),
        message=pl.format(
            "this heading gives the results of the {}{} {}, run on {} in the calendar: after the article's date, {}",
            pl.col("grand_prix_name"), pl.when(pl.col("session") == "sprint").then(pl.lit("'s sprint")).otherwise(pl.lit("")), pl.col("season"),
            pl.col("session_date"), pl.col("published"),
        ),
        observed=pl.col("published").cast(pl.String),
        expected=pl.format("{} or later", pl.col("session_date")),
        line=pl.col("event_line"),
    ),
    Check(
        id="ref.claim_sprint_weekend",
        severity="error",
        description="A place in a sprint in the prose that names its race ('won the sprint in Monaco') names a race whose weekend had a sprint in the season's calendar.",
        frames=("claims",),
        # a place only: a time at the flag of the same words ("won the sprint in Monaco by 2 seconds") is the same claim of a sprint
        rule=(pl.col("kind") != "finish") | (pl.col("session") != "sprint").fill_null(True) | pl.col("round_has_sprint").fill_null(True),
        message=pl.format(
            "the text puts {} in place {} of a sprint of the {} {}, but that weekend had no sprint in the calendar",
            pl.col("subject"), pl.col("position"), pl.col("race"), pl.col("season"),
        ),
        observed=pl.col("race_raw"),
        expected=pl.lit("a race weekend with a sprint"),
    ),
    Check(
        id="ref.claim_race_laps",
        severity="error",
        description="A race's distance in the prose ('the 71-lap race', 'the 56-lap United States Grand Prix') in an article without a results table of that race is the calendar's: of the race named, else the latest run by the article's date (on a race day, that day's or the one before). With a table, the table is the check (cross.claim_laps), and the table is checked against the calendar (results.race_distance).",
        frames=("claims",),
        rule=(pl.col("kind") != "laps")
        | (pl.col("about") != "race")
        | pl.col("table_laps").is_not_null()
        | pl.col("calendar_laps").is_null()
        | (pl.col("laps") == pl.col("calendar_laps"))
        | (pl.col("laps") == pl.col("calendar_laps_before")).fill_null(False),
        message=pl.format(
            "the text gives the {} {} laps, but the calendar schedules it over {}{}",
            pl.col("calendar_race"), pl.col("laps"), pl.col("calendar_laps"),
            pl.when(pl.col("calendar_laps_before").is_not_null()).then(pl.format(" (and the race before it, run earlier that week, over {})", pl.col("calendar_laps_before"))).otherwise(pl.lit("")),
        ),
        observed=s(pl.col("laps")),
        expected=s(pl.col("calendar_laps")),
    ),
    Check(
        id="ref.series_mention",
        severity="warning",
        description="Another racing series is named where the article speaks of a current driver's standing in this season's championship.",
        frames=("series_mentions",),
        rule=(pl.col("series") == pl.col("season_series"))
        | pl.col("season_series").is_null()
        | ~pl.col("has_role")
        | pl.col("is_past")
        | pl.col("other_year")
        | ~pl.col("subject_in_season"),
        message=pl.format(
            "the sentence calls {}, a {} {} driver, by a current standing in {} ({}); this article is about the {} championship",
            pl.col("subject_driver"), s(pl.col("season")), pl.col("season_series"), pl.col("series_raw"), pl.col("series_name"), pl.col("season_series"),
        ),
        observed=pl.col("series_raw"),
        expected=pl.col("season_series"),
    ),
)
