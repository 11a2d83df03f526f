"""Check frames: the tables as parsed and resolved, plus the joined and windowed columns the
checks compare against. Every frame keeps `article_id` and `line` so a failing row is an issue row.

Duplicates are settled here once: when a driver (or team) is listed twice in one standings table,
the other tables of the article say which entry is consistent; the other one is "set aside" so that
rank, order and total checks judge the table as it would be without the extra line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
import polars.selectors as cs

from parcferme.parse import Parsed
from parcferme.parse.lines import HEADING_SECTIONS, ROW_KIND
from parcferme.parse.patterns import STANDINGS_HEADING
from parcferme.parse.results import SESSIONS, first_tables
from parcferme.parse.standings import SAYING_HEADINGS, heading_context
from parcferme.reference import Reference
from parcferme.resolve import with_heading_round
from parcferme.windows import fill_forward, following, previous, row_number, same_group_as
from schemas.registry import s as number_text

TABLE_KEYS = ["article_id", "table_line"]


@dataclass(frozen=True)
class CheckInput:
    parsed: Parsed  # resolved
    reference: Reference
    cache: dict[str, pl.DataFrame] = field(default_factory=dict)

    def frame(self, name: str) -> pl.DataFrame:
        """A check frame, built once per run."""
        if name not in self.cache:
            self.cache[name] = BUILDERS[name](self)
        return self.cache[name]

    def release(self, name: str) -> None:
        """Forget a check frame once its checks ran, unless other frames are built from it."""
        if name not in SHARED_FRAMES:
            self.cache.pop(name, None)


COUNTED = ("result_groups", "time_groups")  # what the tables of each race give, counted (see _count_tables)
SHARED_FRAMES = ("driver_standings", "constructor_standings", *COUNTED, "timed_results")  # other check frames start from these


def _rosters(frame: pl.DataFrame, reference: Reference, round_col: str, up_to: bool) -> pl.DataFrame:
    """`roster_teams` for each distinct (season, driver_id, round) of `frame`: the team(s) of the
    driver in the roster at round `round_col`, or (up_to) in any round up to it, an empty list when
    he had none then (a driver of the season's roster out of a seat: De Vries after round 10), and
    `roster_rounds`, his rounds in the season's roster ("1 to 10"). A null round means any round of
    the season. (A few hundred combinations stand for tens of thousands of rows.)"""
    keys = ["season", "driver_id", round_col]
    rnd = pl.col(round_col)
    in_rounds = pl.col("first_round") <= rnd if up_to else rnd.is_between(pl.col("first_round"), pl.col("last_round"))
    return (
        frame.select(keys).unique()
        .join(reference.roster, on=["season", "driver_id"], how="inner")
        .with_columns((rnd.is_null() | in_rounds).alias("_in_rounds"))
        .group_by(keys)
        .agg(
            pl.col("team_id").filter("_in_rounds").unique().sort().alias("roster_teams"),
            pl.format("{} to {}", "first_round", "last_round").sort_by("first_round").str.join(", ").alias("roster_rounds"),
        )
    )


def _roster_teams(frame: pl.DataFrame, reference: Reference, round_col: str, up_to: bool) -> pl.DataFrame:
    """Add `roster_teams` (see `_rosters`) to each row."""
    teams = _rosters(frame, reference, round_col, up_to)
    return frame.join(teams, on=["season", "driver_id", round_col], how="left", nulls_equal=True, maintain_order="left")


def race_results(ci: CheckInput) -> pl.DataFrame:
    res = ci.parsed.race_results
    ref = ci.reference
    roster_keys = ["season", "driver_id", "round"]
    roster = _rosters(res, ref, "round", up_to=False)
    roster = roster.join(_roster_team_names(roster, ref, roster_keys), on=roster_keys, how="left", nulls_equal=True)  # a null round is a key too; no team, no names
    calendar = ref.calendar.select("season", "round", pl.col("laps").alias("_laps"), "grand_prix_name", "has_sprint", pl.col("date").alias("_race_date"), "sprint_date")
    published = ci.parsed.articles.select("article_id", "published")
    cars = ref.drivers.select("season", "driver_id", pl.col("car_number").alias("driver_car_number"))
    classified = pl.col("status") == "classified"
    table = ["article_id", "event_line"]
    rows = [*table, "_classified"]  # the classified rows of a table, in line order
    # laps behind first, then the time: a lapped row gives no time ("+1 lap"), and is still compared
    gap_key = pl.when(pl.col("laps_behind") > 0).then(pl.col("laps_behind") * 10**9 + pl.col("gap_ms").fill_null(0)).otherwise(pl.col("gap_ms"))
    # of the car ahead giving a gap or laps behind: past a row that gives neither (unreadable, or more laps than the winner's)
    gapped_ahead = lambda expr: previous(fill_forward(pl.when(gap_key.is_not_null()).then(expr), rows), rows)  # noqa: E731
    frame = (
        _with_nationalities(res.join(roster, on=roster_keys, how="left", nulls_equal=True), ref)
        .join(calendar, on=["season", "round"], how="left")
        .join(cars, on=["season", "driver_id"], how="left")
        .join(published, on="article_id", how="left")
        .with_columns(
            classified.alias("_classified"),
            pl.when(pl.col("session") == "race").then(pl.col("_laps")).alias("calendar_laps"),  # the calendar gives a race's distance only
            pl.when(pl.col("session") == "sprint").then(pl.col("sprint_date")).otherwise(pl.col("_race_date")).alias("session_date"),
        )
        .drop("_laps", "_race_date", "sprint_date")
        .sort(*rows, "line")
        .with_columns(
            pl.when(classified).then(row_number(rows)).alias("classified_row"),
            pl.when(classified).then(previous(pl.col("position"), rows)).alias("prev_position"),
            pl.when(classified).then(gap_key).alias("gap_key"),
            pl.when(classified).then(gapped_ahead(gap_key)).alias("prev_gap_key"),
            pl.when(classified).then(gapped_ahead(pl.col("time_raw"))).alias("prev_time_raw"),
            pl.when(classified).then(gapped_ahead(pl.col("line"))).alias("prev_gap_line"),
            pl.when(classified).then(previous(pl.col("line"), rows)).alias("prev_line"),
            pl.col("line").filter(classified).min().over(*table).alias("lead_line"),
            pl.len().over(*table, "driver_id").alias("driver_count"),
            _nationality_left_out(table),
            pl.col("line").min().over(*table).alias("first_row_line"),
            pl.concat_str(pl.col("event"), pl.col("circuit"), separator=", ", ignore_nulls=True).alias("event_heading_text"),
        )
        .drop("_classified")
        .pipe(_lines_of_repeats, [*table, "driver_id"], "driver_count", {"driver_lines": pl.col("line")})
        .pipe(_points_scored, ref, table)
    )
    return _position_oddity(frame, [*table, "status"])


def _points_scored(frame: pl.DataFrame, ref: Reference, table: list[str]) -> pl.DataFrame:
    """What the rows giving their points should give: `race_points` and `fastest_lap_points` (see
    _race_points; a place below those that score scores nothing); `fastest_lap_taken`, the row's
    points are its place's with the fastest lap's point; and per table, how many rows take it
    (`fastest_lap_takers`) and on which lines (`fastest_lap_lines`). Joined only when some row gives
    its points (most tables give none)."""
    if frame["points"].null_count() == frame.height:
        return frame.with_columns(
            pl.lit(None, dtype=pl.Int64).alias("race_points"), pl.lit(None, dtype=pl.Int64).alias("fastest_lap_points"),
            pl.lit(False).alias("fastest_lap_taken"), pl.lit(None, dtype=pl.UInt32).alias("fastest_lap_takers"),
            pl.lit(None, dtype=pl.String).alias("fastest_lap_lines"),
        )
    frame = frame.join(_race_points(ref), on=["season", "session", "position"], how="left", maintain_order="left").with_columns(
        pl.when(pl.col("season").is_in(ref.seasons["season"].implode()) & (pl.col("position") >= 1))
        .then(pl.col("race_points").fill_null(0))
        .alias("race_points")
    )
    taken = (pl.col("points") == pl.col("fastest_lap_points")).fill_null(False)
    frame = frame.with_columns(taken.alias("fastest_lap_taken"))
    takers = (
        frame.filter(pl.col("fastest_lap_taken"))
        .group_by(table)
        .agg(pl.len().alias("fastest_lap_takers"), pl.col("line").sort().cast(pl.String).str.join(", ").alias("fastest_lap_lines"))
    )
    return frame.join(takers, on=table, how="left", maintain_order="left")


def _race_points(ref: Reference) -> pl.DataFrame:
    """season, session, position: what each scoring place scores in a Grand Prix or a sprint by the
    season's points system (`race_points`), and with the fastest lap (`fastest_lap_points`, null
    where it scores none: always in a sprint)."""
    rows = []
    for season, name in ref.seasons.select("season", "points_system").iter_rows():
        system = ref.points_systems[name]
        for position in range(1, max(len(system.race), system.fastest_lap_max_position) + 1):
            bonus = system.fastest_lap if system.fastest_lap and position <= system.fastest_lap_max_position else None
            points = system.race_points(position)
            rows.append((season, "race", position, points, points + bonus if bonus is not None else None))
        rows.extend((season, "sprint", position, points, None) for position, points in enumerate(system.sprint, start=1))
    schema = {"season": pl.Int64, "session": pl.String, "position": pl.Int64, "race_points": pl.Int64, "fastest_lap_points": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _position_oddity(frame: pl.DataFrame, table: list[str]) -> pl.DataFrame:
    """Mark positions written oddly: wrong ordinal suffix, a zero-padded ordinal (01st), or a style
    (dot, suffix, bare) that differs from both neighbours in its table (07 between 06. and 08.)."""
    kind = pl.col("_kind")
    prev_kind = previous(kind, table)
    next_kind = following(kind, table)
    isolated = ((prev_kind == next_kind) & (kind != prev_kind)).fill_null(False)
    padded_ordinal = pl.col("position_style").str.starts_with("0N") & pl.col("position_style").str.contains("th")
    return (
        frame.sort(*table, "line")
        .with_columns(pl.col("position_style").str.replace("0", "", literal=True).alias("_kind"))
        .with_columns(
            pl.when(pl.col("position_style").is_null())
            .then(None)
            .otherwise(isolated | padded_ordinal | ~pl.col("ordinal_ok").fill_null(True))
            .alias("position_odd"),
            pl.when(isolated).then(prev_kind).alias("neighbour_style"),
        )
        .drop("_kind")
    )


def _lines_of_repeats(frame: pl.DataFrame, keys: list[str], count_col: str, lists: dict[str, pl.Expr]) -> pl.DataFrame:
    """Add, per row, the comma-separated values of `lists` over the rows of its group (`keys`), in
    frame order. Joined for the repeated rows only (`count_col` > 1, a handful in an archive): a
    string join over every group costs more than all the other windows of a frame together."""
    as_text = {name: expr.cast(pl.String) for name, expr in lists.items()}
    repeated = frame.filter(pl.col(count_col) > 1).select(
        "article_id", "line", *(expr.str.join(", ").over(keys).alias(name) for name, expr in as_text.items())
    )
    return frame.join(repeated, on=["article_id", "line"], how="left", maintain_order="left").with_columns(
        pl.coalesce(name, expr).alias(name) for name, expr in as_text.items()
    )


def _duplicates(frame: pl.DataFrame, id_col: str) -> pl.DataFrame:
    """Count and list each entity's lines within its table."""
    keys = [*TABLE_KEYS, id_col]
    counted = frame.sort(*keys, "line").with_columns(
        pl.len().over(keys).alias("_count"), row_number(keys).alias("dup_order")
    ).with_columns(pl.when(pl.col(id_col).is_not_null()).then(pl.col("_count")).otherwise(1).alias("dup_count"))
    points_text = pl.col("points").cast(pl.Int64, strict=False)
    return (
        counted.pipe(_lines_of_repeats, keys, "_count", {"dup_lines": pl.col("line"), "dup_points": points_text})
        .drop("_count")
        .pipe(_position_oddity, TABLE_KEYS)
    )


def _sequence_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Row number, previous rank and previous points within the table, over rows not set aside, and the
    points and lines of the two rows below (`next_points`, `next_line`, `next2_points`, `next2_line`)."""
    two_below = lambda expr: pl.when(same_group_as(TABLE_KEYS, -2)).then(expr.shift(-2))  # noqa: E731
    kept = frame.filter(~pl.col("set_aside")).sort(*TABLE_KEYS, "line").select(
        "article_id",
        "line",
        row_number(TABLE_KEYS).alias("table_row"),
        previous(pl.col("rank"), TABLE_KEYS).alias("prev_rank"),
        previous(pl.col("points"), TABLE_KEYS).alias("prev_points"),
        previous(pl.col("line"), TABLE_KEYS).alias("prev_line"),
        following(pl.col("points"), TABLE_KEYS).alias("next_points"),
        following(pl.col("line"), TABLE_KEYS).alias("next_line"),
        two_below(pl.col("points")).alias("next2_points"),
        two_below(pl.col("line")).alias("next2_line"),
    )
    return frame.join(kept, on=["article_id", "line"], how="left")


def _per_season(ref: Reference, field: str) -> dict[int, int]:
    """season: a field of its points system (`driver_per_race`, `team_per_sprint`...)."""
    season_system = dict(zip(ref.seasons["season"].to_list(), ref.seasons["points_system"].to_list()))
    return {season: getattr(ref.points_systems[system], field) for season, system in season_system.items()}


def _next_sprints(ref: Reference, round_col: str) -> pl.DataFrame:
    """season, `round_col` (a round), `_next_sprint`: the date of the next round's sprint, where it has one."""
    return ref.calendar.filter(pl.col("has_sprint")).select("season", (pl.col("round") - 1).alias(round_col), pl.col("sprint_date").alias("_next_sprint"))


def _max_points(frame: pl.DataFrame, ref: Reference, per: str) -> pl.DataFrame:
    """Most points possible after the heading's rounds and sprints, by the season's points system."""
    race, sprint = _per_season(ref, f"{per}_per_race"), _per_season(ref, f"{per}_per_sprint")
    season = pl.col("season")
    # a heading that does not count sprints: take the sprints the calendar had run by then
    sprints = ref.calendar.select("season", pl.col("round").alias("after_round"), pl.col("cum_sprints").alias("_cal_sprints"))
    return (
        frame.join(sprints, on=["season", "after_round"], how="left")
        .with_columns(
            (
                pl.col("after_round") * season.replace_strict(race, default=None, return_dtype=pl.Int64)
                + pl.coalesce("sprints_done", "_cal_sprints") * season.replace_strict(sprint, default=None, return_dtype=pl.Int64)
            ).alias("max_points"),
            pl.coalesce("sprints_done", "_cal_sprints").alias("max_points_sprints"),  # the sprints max_points counts
        )
        .drop("_cal_sprints")
    )


def _driver_teams(drivers: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    """Each standings driver's team in the roster up to the table's round (`roster_team_id`): one
    team, or null if several/unknown. The team a row gives in brackets, if any, is `team_id`; the
    names of his roster teams (`roster_team_names`) are made for those rows only, the only rows
    `cross.standings_team_roster` quotes them for."""
    keys = ["season", "driver_id", "after_round"]
    teams = _roster_teams(drivers, ref, "after_round", up_to=True)
    names = _roster_team_names(teams.filter(pl.col("team_id").is_not_null()), ref, keys)
    return teams.join(names, on=keys, how="left", nulls_equal=True, maintain_order="left").with_columns(
        pl.when(pl.col("roster_teams").list.len() == 1).then(pl.col("roster_teams").list.first()).alias("roster_team_id"),
        (pl.col("roster_teams").list.len() > 1).fill_null(False).alias("multi_team"),
    )


def _roster_team_names(frame: pl.DataFrame, ref: Reference, keys: list[str]) -> pl.DataFrame:
    """Per distinct `keys` of `frame`: `roster_team_names` ("Alpine / Williams"), the names of its `roster_teams`."""
    return (
        frame.select(*keys, "roster_teams").unique(keys)
        .explode("roster_teams")
        .join(ref.teams.select("season", "team_id", "team"), left_on=["season", "roster_teams"], right_on=["season", "team_id"], how="left")
        .group_by(keys)
        .agg(pl.col("team").sort().str.join(" / ").alias("roster_team_names"))
    )


def _with_nationalities(frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    """Add the driver's nationality in the reference (`driver_nationality_iso3`, `driver_nationality`)."""
    nationality = ref.drivers.select("season", "driver_id", pl.col("nationality_iso3").alias("driver_nationality_iso3"))
    countries = ref.country_codes.filter(pl.col("convention") == "iso3").select(
        pl.col("iso3").alias("driver_nationality_iso3"), pl.col("country").alias("driver_nationality")
    )
    return frame.join(nationality, on=["season", "driver_id"], how="left").join(countries, on="driver_nationality_iso3", how="left")


def _nationality_left_out(table: list[str]) -> pl.Expr:
    """A row without a nationality code in a table most of whose rows give one (a table without codes is a style)."""
    code = pl.col("nationality_code")
    return pl.when(code.is_null()).then(code.is_not_null().mean().over(table) > 0.5).alias("nationality_left_out")


def driver_standings(ci: CheckInput) -> pl.DataFrame:
    ref = ci.reference
    drivers = _duplicates(_driver_teams(ci.parsed.driver_standings, ref), "driver_id")
    drivers = _with_nationalities(drivers, ref).with_columns(_nationality_left_out(TABLE_KEYS))
    frame = drivers.join(_implied_points(drivers, ci.parsed.constructor_standings), on=["article_id", "line"], how="left", maintain_order="left")
    consistent = pl.col("points") == pl.col("implied_points")
    n_consistent = consistent.fill_null(False).sum().over(*TABLE_KEYS, "driver_id")
    frame = frame.with_columns(
        pl.when(pl.col("dup_count") > 1).then(consistent).alias("dup_consistent"),
        pl.when(pl.col("dup_count") > 1).then(n_consistent == 1).otherwise(False).alias("dup_decided"),
    ).with_columns(
        pl.when(pl.col("dup_count") == 1)
        .then(False)
        .when(pl.col("dup_decided"))
        .then(~pl.col("dup_consistent").fill_null(False))
        .otherwise(pl.col("dup_order") > 1)
        .alias("set_aside"),
        pl.col("line").filter(pl.col("dup_consistent").fill_null(False)).min().over(*TABLE_KEYS, "driver_id").alias("consistent_line"),
    )
    return _max_points(_sequence_columns(frame), ref, "driver").pipe(_result_scored, ci)


def _result_scored(drivers: pl.DataFrame, ci: CheckInput) -> pl.DataFrame:
    """Each drivers' standings row next to his result in the same article's first race table when
    that race is the table's round: `result_text` ("place 2", "out"), `result_line`, `result_points`
    (what it scores: 0 unless a scoring place) and `result_most` (with the fastest lap's point),
    and `first_round`, whether the round is the season's first with no sprint before its race (then
    the standings are that race's points alone)."""
    race = _first_race(ci.parsed.race_results).filter(pl.col("session") == "race").select(
        "article_id", pl.col("subject_id").alias("driver_id"), "race_place", "race_status", "race_round", pl.col("race_row_line").alias("result_line"),
    )
    points = _race_points(ci.reference).filter(pl.col("session") == "race").select("season", pl.col("position").alias("race_place"), "race_points", "fastest_lap_points")
    first = ci.reference.calendar.filter((pl.col("round") == 1) & ~pl.col("has_sprint")).select("season", pl.col("round").alias("after_round"), pl.lit(True).alias("first_round"))
    return (
        drivers.join(race, on=["article_id", "driver_id"], how="left", maintain_order="left")
        .with_columns(pl.when(pl.col("race_round") == pl.col("after_round")).then(pl.col("race_status")).alias("race_status"))
        .join(points, on=["season", "race_place"], how="left", maintain_order="left")
        .join(first, on=["season", "after_round"], how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("race_status").is_not_null()).then(pl.col("race_points").fill_null(0)).alias("result_points"),
            pl.when(pl.col("race_status").is_not_null()).then(pl.coalesce("fastest_lap_points", "race_points").fill_null(0)).alias("result_most"),
            pl.when(pl.col("race_status") == "classified").then(pl.format("place {}", pl.col("race_place")))
            .otherwise(pl.col("race_status").replace_strict(RESULT_WORDS, default=None)).alias("result_text"),
            pl.col("first_round").fill_null(False),
        )
        .drop("race_place", "race_status", "race_round", "race_points", "fastest_lap_points")
    )


def _implied_points(drivers: pl.DataFrame, constructors: pl.DataFrame) -> pl.DataFrame:
    """For each row of a driver listed more than once in his table, the only rows that read them
    (`standings.duplicate_driver`): his team's row in the constructors' table, his teammates'
    points (and as text), and so the points the two tables imply he has. The other rows have none:
    the teammates' text of every row took a third of this frame's time."""
    repeated = drivers.filter(pl.col("dup_count") > 1)
    team_keys = ["article_id", "heading_line", "roster_team_id"]
    team_points = (
        constructors.filter(pl.col("team_id").is_not_null())
        .rename({"team_id": "roster_team_id", "team": "roster_team"})
        .join(repeated.select(team_keys), on=team_keys, how="semi")
        .group_by(team_keys)
        .agg(pl.col("points", "line", "roster_team").sort_by("line").first())  # a team listed twice: its first row
        .rename({"points": "team_points", "line": "team_line"})
    )
    single = drivers.filter(pl.col("dup_count") == 1)
    teammates = (
        repeated.select("article_id", "table_line", "line", "driver_id", "roster_team_id")
        .join(
            single.select("article_id", "table_line", pl.col("line").alias("_l"), pl.col("driver_id").alias("_d"), "roster_team_id", "points", "driver"),
            on=["article_id", "table_line", "roster_team_id"],
            how="inner",
        )
        .filter(pl.col("_d") != pl.col("driver_id"))
        .group_by("article_id", "line")
        .agg(
            pl.col("points").sum().alias("teammates_points"),
            pl.concat_str(pl.col("driver"), pl.lit(" "), number_text(pl.col("points"))).sort_by("_l").str.join(" + ").alias("teammates_text"),
        )
    )
    return (
        repeated.select("article_id", "line", *team_keys[1:], "multi_team")
        .join(team_points, on=team_keys, how="left")
        .join(teammates, on=["article_id", "line"], how="left")
        .select(
            "article_id", "line", "team_points", "team_line", "roster_team", "teammates_points", "teammates_text",
            pl.when(pl.col("team_points").is_not_null() & ~pl.col("multi_team"))
            .then(pl.col("team_points") - pl.col("teammates_points").fill_null(0))
            .alias("implied_points"),
        )
    )


def constructor_standings(ci: CheckInput) -> pl.DataFrame:
    ref = ci.reference
    teams = _duplicates(ci.parsed.constructor_standings, "team_id").with_columns(
        ((pl.col("dup_count") > 1) & (pl.col("dup_order") > 1)).alias("set_aside")
    )
    drivers = ci.frame("driver_standings").filter(~pl.col("set_aside"))
    per_table = drivers.group_by("article_id", "heading_line").agg(
        (pl.col("driver_id").is_null() | pl.col("multi_team")).any().alias("drivers_unclear"),
        pl.col("points").min().alias("drivers_floor"),
    )
    sums = (
        drivers.filter(pl.col("roster_team_id").is_not_null())
        .group_by("article_id", "heading_line", pl.col("roster_team_id").alias("team_id"))
        .agg(pl.col("points").sum().alias("drivers_sum"), pl.len().alias("listed_drivers"))
    )
    team_sizes = (
        _roster_up_to(teams, ref).group_by("season", "after_round", "team_id").agg(pl.col("driver_id").n_unique().alias("team_drivers"))
    )
    keys = ["article_id", "heading_line", "team_id"]
    frame = (
        teams.join(per_table, on=["article_id", "heading_line"], how="left")
        .join(sums, on=keys, how="left")
        .join(team_sizes, on=["season", "after_round", "team_id"], how="left", nulls_equal=True, maintain_order="left")
        .with_columns(
            # a team the roster does not know has no drivers to sum (its name is an issue of its own)
            pl.when(pl.col("drivers_unclear").is_not_null() & ~pl.col("drivers_unclear") & pl.col("team_id").is_not_null())
            .then(pl.col("drivers_sum").fill_null(0))
            .alias("drivers_sum"),
            # the team's drivers the table leaves out (a top ten): each has at most its last row's points
            (pl.col("team_drivers").fill_null(0) - pl.col("listed_drivers").fill_null(0)).clip(lower_bound=0).alias("unlisted_drivers"),
        )
        .with_columns((pl.col("drivers_sum") + pl.col("unlisted_drivers") * pl.col("drivers_floor")).alias("drivers_most"))
        .drop("listed_drivers", "team_drivers")
    )
    power_units = ref.teams.select("season", "team_id", pl.col("power_unit").alias("team_power_unit"))
    frame = frame.join(power_units, on=["season", "team_id"], how="left", maintain_order="left")
    return _max_points(_sequence_columns(_with_drivers_text(frame, drivers, ref)), ref, "team")


def _roster_up_to(tables: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    """Per distinct (`season`, `after_round`) of `tables`, each driver of the roster up to that round
    (any round when it is null) with his team: `driver_id`, `team_id`."""
    return (
        tables.select("season", "after_round").unique()
        .join(ref.roster, on="season")
        .filter(pl.col("after_round").is_null() | (pl.col("first_round") <= pl.col("after_round")))
        .select("season", "after_round", "driver_id", "team_id")
    )


def _with_drivers_text(teams: pl.DataFrame, drivers: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    """`drivers_text` ('Verstappen 575 + Perez 285', '+ 1 not listed, at most 99 each'), for the
    rows whose points are not within their drivers' sum, the only rows `cross.constructor_sum`
    quotes it for: the text of every team took most of this frame's time."""
    keys = ["article_id", "heading_line", "team_id"]
    drivers_keys = ["article_id", "heading_line", "roster_team_id"]  # a driver's team in the roster, not in his row's brackets
    unequal = teams.filter((~pl.col("points").is_between(pl.col("drivers_sum"), pl.col("drivers_most"))).fill_null(False))
    text = (
        drivers.join(unequal.select(keys), left_on=drivers_keys, right_on=keys, how="semi")
        .join(ref.drivers.select("season", "driver_id", "last_name"), on=["season", "driver_id"], how="left")
        .group_by("article_id", "heading_line", pl.col("roster_team_id").alias("team_id"))
        .agg(
            pl.concat_str(pl.col("last_name"), pl.lit(" "), number_text(pl.col("points")))
            .sort_by("line")
            .str.join(" + ")
            .alias("listed_text")
        )
    )
    unlisted = pl.format("{} not listed, at most {} each", pl.col("unlisted_drivers"), number_text(pl.col("drivers_floor")))
    texts = unequal.unique(keys).join(text, on=keys, how="left").select(
        *keys,
        pl.when((pl.col("unlisted_drivers") == 0) | (pl.col("drivers_floor") == 0))  # those left out have no points
        .then(pl.col("listed_text"))
        .when(pl.col("listed_text").is_null())
        .then(unlisted)
        .otherwise(pl.format("{} + {}", pl.col("listed_text"), unlisted))
        .alias("drivers_text"),
    )
    return teams.join(texts, on=keys, how="left", maintain_order="left")


def standings_totals(ci: CheckInput) -> pl.DataFrame:
    """One row per standings heading with both tables: the two totals, pinned to the constructors'
    heading line. A table that leaves out some of the season's drivers (teams) up to its round, a
    table of the top ten, says its total only within a bound (`drivers_most`, `constructors_most`):
    each one left out has at most the points of its last row."""
    ref = ci.reference
    drivers = ci.frame("driver_standings").filter(~pl.col("set_aside"))
    teams = ci.frame("constructor_standings").filter(~pl.col("set_aside"))
    in_roster = _roster_up_to(drivers, ref).group_by("season", "after_round").agg(
        pl.col("driver_id").n_unique().alias("roster_drivers"), pl.col("team_id").n_unique().alias("roster_teams")
    )
    d = drivers.group_by("article_id", "heading_line").agg(
        pl.col("season", "after_round").first(),
        pl.col("points").sum().alias("drivers_total"),
        pl.len().alias("drivers_listed"),
        pl.col("points").min().alias("drivers_floor"),
    )
    t = teams.group_by("article_id", "heading_line").agg(
        pl.col("points").sum().alias("constructors_total"),
        pl.len().alias("constructors_listed"),
        pl.col("points").min().alias("constructors_floor"),
        pl.col("table_line").min().alias("line"),
    )
    unlisted_drivers = (pl.col("roster_drivers").fill_null(0) - pl.col("drivers_listed")).clip(lower_bound=0)
    unlisted_teams = (pl.col("roster_teams").fill_null(0) - pl.col("constructors_listed")).clip(lower_bound=0)
    return (
        d.join(t, on=["article_id", "heading_line"], how="inner")
        .join(in_roster, on=["season", "after_round"], how="left", nulls_equal=True)
        .select(
            "article_id", "heading_line", "line", "drivers_total", "constructors_total",
            unlisted_drivers.alias("unlisted_drivers"),
            unlisted_teams.alias("unlisted_teams"),
            (pl.col("drivers_total") + unlisted_drivers * pl.col("drivers_floor")).alias("drivers_most"),
            (pl.col("constructors_total") + unlisted_teams * pl.col("constructors_floor")).alias("constructors_most"),
        )
    )


def standings_headings(ci: CheckInput) -> pl.DataFrame:
    """One row per standings heading with what the calendar says for the article's date."""
    heads = (
        ci.parsed.lines.filter(pl.col("kind").is_in(SAYING_HEADINGS))
        .select("article_id", "line", "text", pl.col("text").str.strip_chars().str.extract_groups(STANDINGS_HEADING).alias("_heading"))
        .select("article_id", "line", "text", *heading_context("_heading"))
        .filter(pl.col("after_round").is_not_null() | pl.col("after_race").is_not_null())  # a table heading that says none: "Driver"
        .join(ci.parsed.articles.select("article_id", "season", "published", "rounds_before", "rounds_by", "season_known"), on="article_id")
    )
    cal = ci.reference.calendar
    totals = cal.group_by("season").agg(pl.len().cast(pl.Int64).alias("cal_rounds"), pl.col("has_sprint").sum().cast(pl.Int64).alias("cal_sprints"))
    sprints_at = cal.select("season", pl.col("round").alias("after_round"), pl.col("cum_sprints").alias("cal_sprints_done"))
    # on a sprint's Saturday the standings may count that sprint too, before its round's race
    return (
        with_heading_round(heads, ci.reference)
        .join(totals, on="season", how="left")
        .join(sprints_at, on=["season", "after_round"], how="left")
        .join(_next_sprints(ci.reference, "after_round"), on=["season", "after_round"], how="left")
        .with_columns((pl.col("cal_sprints_done") + (pl.col("_next_sprint") <= pl.col("published")).fill_null(False).cast(pl.Int64)).alias("cal_sprints_run"))
        .drop("_next_sprint")
        # the same at the article's date (the rounds run by then), for the message
        .join(sprints_at.rename({"after_round": "rounds_by", "cal_sprints_done": "date_sprints_done"}), on=["season", "rounds_by"], how="left")
        .join(_next_sprints(ci.reference, "rounds_by"), on=["season", "rounds_by"], how="left")
        .with_columns(pl.when(pl.col("season_known")).then(pl.col("date_sprints_done").fill_null(0)).alias("date_sprints_done"))
        .with_columns((pl.col("date_sprints_done") + (pl.col("_next_sprint") <= pl.col("published")).fill_null(False).cast(pl.Int64)).alias("date_sprints_run"))
        .drop("_next_sprint")
    )


def _first_table(table: pl.DataFrame, about: str, id_col: str, name_col: str) -> pl.DataFrame:
    """Each article's first standings table of one kind (duplicates set aside), as `about`,
    `subject_id` and the entry's table_subject, table_points, table_rank and table_row_line."""
    table = table.filter(~pl.col("set_aside"))
    first = table.group_by("article_id").agg(pl.col("table_line").min().alias("table_line"))
    return table.join(first, on=["article_id", "table_line"], how="semi").select(
        "article_id", pl.lit(about).alias("about"), pl.col(id_col).alias("subject_id"), pl.col(name_col).cast(pl.String).alias("table_subject"),
        pl.col("points").alias("table_points"), pl.col("rank").alias("table_rank"), pl.col("line").alias("table_row_line"),
    )


def _next_best(entries: pl.DataFrame) -> pl.DataFrame:
    """Per article and kind of table, its two entries with the most points: whom a lead is over (the
    second for the first entry, the first for everyone else)."""
    order = {"by": ["table_points", "table_row_line"], "descending": [True, False], "nulls_last": True}  # level on points: the row above
    best = pl.col("table_points").sort_by(**order)
    names = pl.col("table_subject").sort_by(**order)
    return entries.group_by("article_id", "about").agg(
        pl.col("subject_id").sort_by(**order).first().alias("top_id"),
        names.first().alias("top_subject"), best.first().alias("top_points"),
        names.slice(1, 1).first().alias("second_subject"), best.slice(1, 1).first().alias("second_points"),
    )


def _first_race(results: pl.DataFrame) -> pl.DataFrame:
    """Each article's first results table of each session, per driver listed once (a driver listed
    twice is results.duplicate_driver's): race_place (null unless classified), race_status,
    race_row_line; and race_disqualified, how many the table disqualifies (each could have crossed the
    line ahead of anyone)."""
    table = first_tables(results)
    disqualified = table.group_by("article_id", "session").agg((pl.col("status") == "disqualified").sum().cast(pl.Int64).alias("race_disqualified"))
    return (
        table.filter(pl.col("driver_id").is_not_null() & (pl.len().over("article_id", "session", "driver_id") == 1))
        .select(
            "article_id", "session", "driver_id", pl.col("position").alias("race_place"), pl.col("status").alias("race_status"),
            pl.col("line").alias("race_row_line"), pl.col("round").alias("race_round"), pl.col("driver").alias("race_driver"),
            # how far behind the winner he crossed the line (the winner: 0), where the table says (not a lapped row's)
            pl.when((pl.col("status") == "classified") & (pl.col("laps_behind").fill_null(0) == 0)).then(pl.col("gap_ms")).alias("race_behind_ms"),
            pl.col("laps").alias("race_laps"),  # the laps he had covered at the flag (null unless classified)
        )
        .join(disqualified, on=["article_id", "session"])
        .with_columns(pl.lit("driver").alias("about"))
        .rename({"driver_id": "subject_id"})
    )


def _table_distance(results: pl.DataFrame) -> pl.DataFrame:
    """Per article and session, the distance its first results table gives: its lead lap's laps (the
    winner's, or the calendar's where more of the other rows give it: results.winner_laps) as
    `table_laps`, the winner's row's line and the table's round."""
    winner = first_tables(results).filter((pl.col("position") == 1) & pl.col("lead_laps").is_not_null())
    return winner.group_by("article_id", "session").agg(
        pl.col("lead_laps").first().alias("table_laps"), pl.col("line").first().alias("table_laps_line"), pl.col("round").first().alias("table_round"),
    )


def _race_distances(claims_: pl.DataFrame, ci: CheckInput) -> pl.DataFrame:
    """`claims_` with the calendar's distance of the race a race's distance (kind laps, about race) is
    claimed of: the race named (`calendar_laps`); else the article's, its table's round, or without a
    table the latest race run by its date (`calendar_laps`) and, on a race day, the one before
    (`calendar_laps_before`); `calendar_race`, the race the first of those is."""
    calendar = ci.reference.calendar.select("season", "round", "laps", pl.concat_str("grand_prix_name", pl.lit(" "), "season").alias("race_season"))
    arts = ci.parsed.articles.select("article_id", "rounds_before", "rounds_by")
    unnamed = pl.col("race_raw").is_null()
    distance = (pl.col("kind") == "laps") & (pl.col("about") == "race")
    rounds = claims_.join(arts, on="article_id", how="left").with_columns(
        pl.when(distance).then(pl.when(unnamed).then(pl.coalesce("table_round", "rounds_by")).otherwise(pl.col("round"))).alias("_race_round"),
        pl.when(distance & unnamed & pl.col("table_round").is_null() & (pl.col("rounds_before") != pl.col("rounds_by"))).then(pl.col("rounds_before")).alias("_before_round"),
    )
    return (
        rounds.join(calendar.rename({"round": "_race_round", "laps": "calendar_laps", "race_season": "calendar_race"}), on=["season", "_race_round"], how="left")
        .join(calendar.select("season", pl.col("round").alias("_before_round"), pl.col("laps").alias("calendar_laps_before")), on=["season", "_before_round"], how="left")
        .drop("rounds_before", "rounds_by", "_race_round", "_before_round")
    )


def _with_other_id(frame: pl.DataFrame, places: pl.DataFrame, keys: list[str], place_id: str, rival_id: str) -> pl.DataFrame:
    """`frame` (time_gap claims with the subject's `race_place`) with `_other_id`, the other driver of
    the time: the rival named (`rival_id`), else the one `places` (keys, race_place, `place_id`)
    classify right behind the subject (a win's margin is over the runner-up)."""
    behind = places.filter(pl.col("race_place").is_not_null()).select(
        *keys, (pl.col("race_place") - 1).alias("race_place"), pl.col(place_id).alias("_behind_id"),
    ).unique([*keys, "race_place"], keep="first", maintain_order=True)
    return frame.join(behind, on=[*keys, "race_place"], how="left").with_columns(pl.coalesce(rival_id, "_behind_id").alias("_other_id")).drop("_behind_id")


def _time_gap_others(claims_: pl.DataFrame, first_race: pl.DataFrame) -> pl.DataFrame:
    """`claims_` (joined with the subject's row of `first_race`) with, for a time between two drivers
    (kind time_gap), the other's row of the same table (see _with_other_id). Columns other_*: subject,
    status, row_line, behind_ms."""
    keys = ["article_id", "session"]
    rows = first_race.select(
        *keys, pl.col("subject_id").alias("_other_id"), pl.col("race_driver").alias("other_subject"),
        pl.col("race_status").alias("other_status"), pl.col("race_row_line").alias("other_row_line"), pl.col("race_behind_ms").alias("other_behind_ms"),
    )
    time_gaps = claims_.with_row_index("_claim").filter(pl.col("kind") == "time_gap")
    others = _with_other_id(time_gaps, first_race, keys, "subject_id", "rival_subject_id").join(rows, on=[*keys, "_other_id"], how="left")
    columns = ["other_subject", "other_status", "other_row_line", "other_behind_ms"]
    return claims_.with_row_index("_claim").join(others.select("_claim", *columns), on="_claim", how="left", maintain_order="left").drop("_claim")


def _names_another_race(table_round: pl.Expr = pl.col("race_round")) -> pl.Expr:
    """A place in a race that names a race (`race_raw`) other than the one of `table_round`, or one of no known round."""
    return pl.col("race_raw").is_not_null() & ~(pl.col("round") == table_round).fill_null(False)


def claims(ci: CheckInput) -> pl.DataFrame:
    """Each prose claim next to the same article's standings: the drivers' table for a claim about a
    driver, the constructors' about a team (the first table of each, duplicates set aside); and, for a
    driver, his row in the article's first results table. `subject` and `rival_subject` are the driver
    or team named."""
    entries = pl.concat([
        _first_table(ci.frame("driver_standings"), "driver", "driver_id", "driver"),
        _first_table(ci.frame("constructor_standings"), "team", "team_id", "team"),
    ])
    rival = entries.drop("table_subject").rename({c: f"rival_{c}" for c in ("subject_id", "table_points", "table_rank", "table_row_line")})
    # who the table gives a claimed place to: for a subject it does not list (below a top ten's cut),
    # a place it gives to another is not his
    holders = entries.select(
        "article_id", "about", pl.col("table_rank").alias("position"), pl.col("table_subject").alias("place_holder"),
        pl.col("table_row_line").alias("place_holder_line"),
    ).unique(["article_id", "about", "position"], keep="first", maintain_order=True)
    leads = pl.col("subject_id") == pl.col("top_id")
    claims_ = (
        ci.parsed.claims.with_columns(
            pl.coalesce("driver", "team").alias("subject"),
            pl.coalesce("driver_id", "team_id").alias("subject_id"),
            pl.coalesce("rival_driver", "rival_team").alias("rival_subject"),
            pl.coalesce("rival_driver_id", "rival_team_id").alias("rival_subject_id"),
            pl.when(pl.col("about") == "team").then(pl.lit("constructors'")).otherwise(pl.lit("drivers'")).alias("table_kind"),
        )
        .join(entries.drop("table_subject"), on=["article_id", "about", "subject_id"], how="left")
        .join(rival, on=["article_id", "about", "rival_subject_id"], how="left")
        .join(holders, on=["article_id", "about", "position"], how="left")
    )
    # a lead (kind lead), and a bound with no rival named (kind within), is over the next best of the
    # table: the second for its leader, else the leader;
    # a finishing place (kind finish) is the article's results table's of its session, unless it names another race
    race_columns = (
        "race_place", "race_status", "race_row_line", "race_disqualified", "race_behind_ms", "race_laps", "other_subject", "other_status",
        "other_row_line", "other_behind_ms",
    )
    first_race = _first_race(ci.parsed.race_results)
    with_race = claims_.join(first_race.drop("race_driver"), on=["article_id", "about", "session", "subject_id"], how="left")
    with_distance = with_race.join(_table_distance(ci.parsed.race_results), on=["article_id", "session"], how="left")
    return (
        _race_distances(_time_gap_others(with_distance, first_race), ci)
        .with_columns(pl.when(_names_another_race(pl.col("table_round"))).then(None).otherwise(pl.col(c)).alias(c) for c in ("table_laps", "table_laps_line"))
        .join(_next_best(entries), on=["article_id", "about"], how="left")
        .join(ci.reference.calendar.select("season", "round", pl.col("has_sprint").alias("round_has_sprint")), on=["season", "round"], how="left")
        .with_columns(pl.when(_names_another_race()).then(None).otherwise(pl.col(c)).alias(c) for c in race_columns)
        .with_columns(
            pl.when(leads).then(pl.col("second_subject")).otherwise(pl.col("top_subject")).alias("next_best_subject"),
            pl.when(leads).then(pl.col("second_points")).otherwise(pl.col("top_points")).alias("next_best_points"),
        )
        .drop("top_id", "top_subject", "top_points", "second_subject", "second_points")
        .pipe(_most_by_date, ci)
    )


def _most_by_date(claims_: pl.DataFrame, ci: CheckInput) -> pl.DataFrame:
    """`most_by_date`: the most points one driver (or team, as the claim is about) could have scored
    in the season by the article's date (its rounds, and a sprint run by then: _with_cum_hi), and
    `rounds_by`, the Grands Prix run by then."""
    frame = claims_.join(ci.parsed.articles.select("article_id", "rounds_by"), on="article_id", how="left")
    for about, cum_col in (("driver", "cum_driver_max"), ("team", "cum_team_max")):
        frame = _with_cum_hi(frame, ci.reference, cum_col, "rounds_by").rename({"cum_hi": f"_most_{about}"})
    team = pl.col("about") == "team"
    return frame.with_columns(pl.when(team).then(pl.col("_most_team")).otherwise(pl.col("_most_driver")).alias("most_by_date")).drop("_most_driver", "_most_team")


def series_mentions(ci: CheckInput) -> pl.DataFrame:
    ref = ci.reference
    season_series = ref.seasons.select("season", pl.col("series").alias("season_series"))
    roster = ref.drivers.select("season", pl.col("driver_id").alias("subject_driver_id"), pl.lit(True).alias("subject_in_season"))
    names = ref.series.group_by("series").agg(pl.col("name").first().alias("series_name"))
    return (
        ci.parsed.series_mentions.join(season_series, on="season", how="left")
        .join(roster, on=["season", "subject_driver_id"], how="left")
        .join(names, on="series", how="left")
        .with_columns(pl.col("subject_in_season").fill_null(False))
        .with_columns(
            (pl.col("years").list.len() > 0).alias("_has_years"),
            pl.col("years").list.contains(pl.col("season")).alias("_season_year"),
        )
        .with_columns((pl.col("_has_years") & ~pl.col("_season_year")).alias("other_year"))
        .drop("_has_years", "_season_year")
    )


def _cumulative(ref: Reference, cum_col: str) -> pl.DataFrame:
    """season, round, cum: the most points one driver (or team) can have scored by each round, from round 0."""
    cum = ref.calendar.select("season", "round", pl.col(cum_col).cast(pl.Int64).alias("cum"))
    zero = cum.select("season").unique().with_columns(pl.lit(0, dtype=pl.Int64).alias("round"), pl.lit(0, dtype=pl.Int64).alias("cum"))
    return pl.concat([zero, cum])


def _with_cum_hi(frame: pl.DataFrame | pl.LazyFrame, ref: Reference, cum_col: str, round_col: str) -> pl.DataFrame | pl.LazyFrame:
    """`cum_hi`: the most points one driver (or team) can have scored by each row's date (`published`):
    by its `round_col` rounds, and the next round's sprint when that was run by then (a sprint's
    Saturday comes before its round's race)."""
    per_sprint = _per_season(ref, ("driver" if "driver" in cum_col else "team") + "_per_sprint")
    cum = _cumulative(ref, cum_col).rename({"round": round_col, "cum": "_cum"})
    next_sprint = _next_sprints(ref, round_col)
    if isinstance(frame, pl.LazyFrame):
        cum, next_sprint = cum.lazy(), next_sprint.lazy()
    sprint_run = (pl.col("_next_sprint") <= pl.col("published")).fill_null(False)
    sprint_points = pl.col("season").replace_strict(per_sprint, default=0, return_dtype=pl.Int64)
    return (
        frame.join(cum, on=["season", round_col], how="left")
        .join(next_sprint, on=["season", round_col], how="left")
        .with_columns((pl.col("_cum") + pl.when(sprint_run).then(sprint_points).otherwise(0)).alias("cum_hi"))
        .drop("_cum", "_next_sprint")
    )


def _same_round(obs: pl.LazyFrame, ref: Reference, id_col: str) -> pl.LazyFrame:
    """Observations with `_round`, the round they are certainly after, when that leaves no doubt (a
    table's heading, or a date with no race: not a race's day, nor a sprint's, when one article can be
    of the morning and another of the evening; a claim only in an article whose own table does not
    list the entity), and `_sprint_in`, whether the next round's sprint was run by then; and, where the
    observations of the entity after that round (and sprint) do not all agree, in any article of any
    day, `round_count`, how many give this figure, and `round_other`, the figure most of the others
    give, with how many give it (`round_other_count`) and the first of them (`round_other_article`,
    `round_other_line`), counting only the `trusted` ones, as the tables of a race are
    (_count_tables), and the claims only where no table gives the entity's points after that round.
    A figure fewer give than another is outvoted."""
    next_sprint = pl.col("_next_sprint")
    sprint_day = (next_sprint == pl.col("published")).fill_null(False)
    # a claim in an article whose own table lists the entity is checked against that table (cross.claim_points)
    listed = obs.filter(pl.col("source") != "claims").select("article_id", id_col).unique().with_columns(pl.lit(True).alias("_own_table"))
    exact = (pl.col("rounds_lo") == pl.col("rounds_hi")) & ~sprint_day & ((pl.col("source") != "claims") | ~pl.col("_own_table").fill_null(False))
    dated = (
        obs.join(_next_sprints(ref, "rounds_lo").lazy(), on=["season", "rounds_lo"], how="left")
        .join(listed, on=["article_id", id_col], how="left")
        .with_columns(pl.when(exact).then(pl.col("rounds_lo")).alias("_round"), (next_sprint < pl.col("published")).fill_null(False).alias("_sprint_in"))
        .drop("_next_sprint", "_own_table")
    )
    keys = ["season", "_round", "_sprint_in", id_col]
    claim = pl.col("source") == "claims"
    first = lambda column: pl.col(column).sort_by(~pl.col("trusted"), claim, "article_id", "line").first()  # noqa: E731  (a trusted table first)
    figures = (
        dated.filter(pl.col("_round").is_not_null())
        .group_by(*keys, "points")
        .agg(
            (pl.col("trusted") & ~claim).sum().cast(pl.Int64).alias("_tables"), (pl.col("trusted") & claim).sum().cast(pl.Int64).alias("_claims"),
            first("article_id").alias("_article"), first("line").alias("_line"),
        )
        .filter(pl.len().over(keys) > 1)  # a round whose observations disagree: few
        # a table's figure, checked against the rest of its table, outweighs the prose: claims count where no table does
        .with_columns(pl.when(pl.col("_tables").sum().over(keys) > 0).then(pl.col("_tables")).otherwise(pl.col("_claims")).alias("_n"))
    )
    order = {"by": ["_n", "points"], "descending": [True, False]}
    ranked = figures.filter(pl.col("_n") > 0).group_by(keys).agg(
        *(pl.col(c).sort_by(**order).first().alias(f"_top{c}") for c in ("points", "_n", "_article", "_line")),
        *(pl.col(c).sort_by(**order).slice(1, 1).first().alias(f"_second{c}") for c in ("points", "_n", "_article", "_line")),
    )
    is_top = pl.col("points") == pl.col("_toppoints")
    other = lambda part: pl.when(is_top).then(pl.col(f"_second{part}")).otherwise(pl.col(f"_top{part}"))  # noqa: E731
    compared = figures.join(ranked, on=keys, how="inner").filter(pl.col("_toppoints").is_not_null()).select(
        *keys, "points", pl.col("_n").alias("round_count"),
        other("points").alias("round_other"), other("_n").alias("round_other_count"),
        other("_article").alias("round_other_article"), other("_line").alias("round_other_line"),
    )
    return dated.join(compared, on=[*keys, "points"], how="left")


def _timeline(obs: pl.LazyFrame, ref: Reference, id_col: str, max_col: str) -> pl.DataFrame:
    """Each observation of an entity's points next to the latest earlier date's observations and the
    points that could be scored in between, and to the others after the same round (_same_round).
    Lazy until the end: the frame spans a whole season."""
    cum = _cumulative(ref, max_col).lazy().rename({"cum": "_cum"})
    per_sprint = _per_season(ref, ("driver" if "driver" in max_col else "team") + "_per_sprint")
    obs = _same_round(obs, ref, id_col)
    per_date = (
        # an outvoted figure is not carried forward, nor one with an error in its own article (a claim its table contradicts)
        obs.filter(~(pl.col("round_count") < pl.col("round_other_count")).fill_null(False) & pl.col("trusted"))
        .group_by("season", id_col, "published")
        .agg(
            pl.col("points").max().alias("date_max"),
            pl.col("points").min().alias("date_min"),
            pl.col("rounds_lo").min().alias("date_rounds_lo"),
            # whether every observation at that lowest round counts the next round's sprint: then it is no more to score
            pl.col("lo_sprint").filter(pl.col("rounds_lo") == pl.col("rounds_lo").min()).all().alias("date_lo_sprint"),
            # the round (and sprint) the date's observations certain of theirs are all after, if one
            pl.when(pl.col("_round").drop_nulls().n_unique() == 1)
            .then(pl.struct("_round", "_sprint_in").filter(pl.col("_round").is_not_null()).first()).alias("date_round"),
            # where the date's highest and lowest figures were published (the first article giving each)
            *(pl.col(c).sort_by("points", "article_id", "line", descending=[True, False, False]).first().alias(f"date_max_{c}") for c in ("article_id", "line")),
            *(pl.col(c).sort_by("points", "article_id", "line").first().alias(f"date_min_{c}") for c in ("article_id", "line")),
        )
        .sort("season", id_col, "published")
        .with_columns(
            pl.col("date_max").shift(1).over("season", id_col).alias("prev_max"),
            pl.col("date_min").shift(1).over("season", id_col).alias("prev_min"),
            pl.col("date_rounds_lo").shift(1).over("season", id_col).alias("prev_rounds_lo"),
            pl.col("date_lo_sprint").shift(1).over("season", id_col).alias("prev_lo_sprint"),
            pl.col("date_round").shift(1).over("season", id_col).alias("prev_round"),
            *(pl.col(f"date_{c}").shift(1).over("season", id_col).alias(f"prev_{c}") for c in ("max_article_id", "max_line", "min_article_id", "min_line")),
            pl.col("published").shift(1).over("season", id_col).alias("prev_published"),
        )
        .select(
            "season", id_col, "published", "prev_max", "prev_min", "prev_rounds_lo", "prev_lo_sprint", "prev_round", "prev_published",
            pl.col("prev_max_article_id").alias("prev_max_article"), "prev_max_line", pl.col("prev_min_article_id").alias("prev_min_article"), "prev_min_line",
        )
    )
    return (
        _with_cum_hi(obs.join(per_date, on=["season", id_col, "published"], how="left"), ref, max_col, "rounds_hi")
        .join(cum.rename({"round": "prev_rounds_lo", "_cum": "cum_lo"}), on=["season", "prev_rounds_lo"], how="left")
        .select(  # what the season checks read: the frame spans every article of a season
            "article_id", "line", "claim_no", "source", "entity", "points", "published",
            "prev_max", "prev_min", "prev_max_article", "prev_max_line", "prev_min_article", "prev_min_line", "prev_published",
            # a sprint the earlier figures already count is no more to score
            (pl.col("cum_hi") - pl.col("cum_lo") - pl.when(pl.col("prev_lo_sprint")).then(pl.col("season").replace_strict(per_sprint, default=0, return_dtype=pl.Int64)).otherwise(0))
            .alias("available"),
            pl.col("_round").alias("round"), pl.col("_sprint_in").alias("sprint_in"),
            # after the same round (and sprint) as the latest earlier date: compared by _same_round, not by date
            (pl.struct("_round", "_sprint_in") == pl.col("prev_round")).fill_null(False).alias("same_round_as_prev"),
            "round_count", "round_other", "round_other_count", "round_other_article", "round_other_line",
        )
        .collect()
    )


def _table_rounds(table: pl.LazyFrame, arts: pl.LazyFrame, ref: Reference) -> pl.LazyFrame:
    """`rounds_lo`, `rounds_hi`: the rounds a standings table was taken after. Its heading's N,
    unless the calendar contradicts it (standings.context): then, like a claim, any its date allows.
    `lo_sprint`: whether its heading counts one sprint more than the calendar had run by `rounds_lo`
    ("after 17 of 22, incl. 5 of 6 sprints" on the Saturday of round 18's): that sprint is no more to score."""
    trusted = pl.col("after_round").is_null() | pl.col("after_round").is_between(pl.col("rounds_before"), pl.col("rounds_by"))
    sprints_by = ref.calendar.lazy().select("season", pl.col("round").alias("rounds_lo"), pl.col("cum_sprints").alias("_sprints_by"))
    return (
        table.join(arts.select("article_id", "rounds_before", "rounds_by"), on="article_id", how="left")
        .with_columns(
            pl.when(trusted).then(pl.col("after_round")).otherwise(pl.col("rounds_before")).alias("rounds_lo"),
            pl.when(trusted).then(pl.col("after_round")).otherwise(pl.col("rounds_by")).alias("rounds_hi"),
        )
        .join(sprints_by, on=["season", "rounds_lo"], how="left")
        .with_columns((pl.col("sprints_done") > pl.col("_sprints_by").fill_null(0)).fill_null(False).alias("lo_sprint"))
        .drop("_sprints_by")
    )


def _with_available(frame: pl.DataFrame, ref: Reference, cum_col: str) -> pl.DataFrame:
    """`available`: the most points one driver (or team) could score between a table (after
    `after_round`, counting the next round's sprint when `lo_sprint`) and each row's date (`rounds_by`, `published`)."""
    per_sprint = _per_season(ref, ("driver" if "driver" in cum_col else "team") + "_per_sprint")
    counted = pl.when(pl.col("lo_sprint")).then(pl.col("season").replace_strict(per_sprint, default=0, return_dtype=pl.Int64)).otherwise(0)
    return (
        _with_cum_hi(frame, ref, cum_col, "rounds_by")
        .join(_cumulative(ref, cum_col).rename({"round": "after_round", "cum": "cum_lo"}), on=["season", "after_round"], how="left")
        .with_columns((pl.col("cum_hi") - pl.col("cum_lo") - counted).alias("available"))
    )


def _trusted(rows: pl.LazyFrame) -> pl.Expr:
    """Whether a row counts when compared with others: no error in its own article (season_inputs
    marks them; an article's own staging has every row counted)."""
    return pl.col("trusted") if "trusted" in rows.collect_schema().names() else pl.lit(True).alias("trusted")


def _season_points(ci: CheckInput, table_name: str, id_col: str, name_col: str, cum_col: str) -> pl.DataFrame:
    """The points timeline of drivers or teams: their standings rows and the points claimed of them."""
    arts = ci.parsed.articles.lazy().select("article_id", "published", "rounds_before", "rounds_by")
    rows = ci.frame(table_name).lazy()
    table = _table_rounds(rows.filter(~pl.col("set_aside") & pl.col(id_col).is_not_null()), arts, ci.reference).select(
        "article_id", "line", pl.lit(None, dtype=pl.Int64).alias("claim_no"), "season", id_col, name_col, "points", "rounds_lo", "rounds_hi",
        pl.lit(table_name).alias("source"), _trusted(rows), "lo_sprint",
    )
    claims_ = ci.parsed.claims.lazy()
    claimed = (
        claims_.filter((pl.col("kind") == "points") & pl.col(id_col).is_not_null())
        .join(arts.select("article_id", "rounds_before", "rounds_by"), on="article_id", how="left")
        .select(
            "article_id", "line", "claim_no", "season", id_col, name_col, "points",
            pl.col("rounds_before").alias("rounds_lo"), pl.col("rounds_by").alias("rounds_hi"), pl.lit("claims").alias("source"), _trusted(claims_),
            pl.lit(False).alias("lo_sprint"),
        )
    )
    obs = pl.concat([table, claimed]).join(arts.select("article_id", "published"), on="article_id", how="left")
    obs = obs.filter(pl.col("published").is_not_null() & pl.col("season").is_not_null())
    return _timeline(obs.with_columns(pl.col(name_col).alias("entity")), ci.reference, id_col, cum_col)


def season_driver_points(ci: CheckInput) -> pl.DataFrame:
    return _season_points(ci, "driver_standings", "driver_id", "driver", "cum_driver_max")


def season_constructor_points(ci: CheckInput) -> pl.DataFrame:
    return _season_points(ci, "constructor_standings", "team_id", "team", "cum_team_max")


def _earlier_tables(ci: CheckInput, table_name: str, id_col: str) -> pl.LazyFrame:
    """The standings rows a later claim is compared with (none set aside), each `trusted` or not: a
    row with an error in its own article is never the figure compared, but still takes its place in
    its table."""
    rows = ci.frame(table_name).lazy()
    return rows.filter(~pl.col("set_aside") & pl.col(id_col).is_not_null()).with_columns(_trusted(rows))


MARGIN_PAIRS_PER_SLICE = 8


def _margins_before(claims_: pl.DataFrame, table: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Each claim about a pair next to the margin and the sum of its two drivers (or teams) in the latest table published before it."""
    margins = (
        table.join(pairs, on=["season", "subject_id"], how="inner")
        .join(
            table.filter(pl.col("subject_id").is_in(pairs["rival_subject_id"].unique().implode()))
            .select("article_id", "table_line", pl.col("subject_id").alias("rival_subject_id"), pl.col("points").alias("p2")),
            on=["article_id", "table_line", "rival_subject_id"],  # both from the same table
            how="inner",
        )
        .select(
            "season", "subject_id", "rival_subject_id", "table_published", "after_round", "lo_sprint",
            pl.col("article_id").alias("prev_article"), pl.col("line").alias("prev_line"),
            (pl.col("points") - pl.col("p2")).alias("prev_margin"),
            (pl.col("points") + pl.col("p2")).alias("prev_sum"),
        )
        .sort("table_published", "prev_article", "prev_line")  # a total order: the as-of join takes the last of a day's tables
    )
    return claims_.sort("published").join_asof(
        margins,
        left_on="published",
        right_on="table_published",
        by=["season", "subject_id", "rival_subject_id"],
        strategy="backward",
        allow_exact_matches=False,
        check_sortedness=False,  # both sides sorted on the date above
    )


def _pair_tables(claims_: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """Each claim about a pair next to the margin and the sum of its two in the latest table published
    before it that lists both. That is the latest table listing the subject whenever it lists the
    rival too, as a full table does: one as-of join finds it for every claim. Only the claims whose
    latest table leaves the rival out go through `_margins_before`, a slice of pairs at a time (every
    table holding both of a pair is a row there)."""
    pair_keys = ["season", "subject_id", "rival_subject_id"]
    table_keys = ["prev_article", "table_line"]
    rows = table.select(
        "season", "subject_id", "table_published", "after_round", "lo_sprint",
        pl.col("article_id").alias("prev_article"), "table_line", pl.col("line").alias("prev_line"), "points",
    )
    subject_rows = (
        rows.filter(pl.col("subject_id").is_in(claims_["subject_id"].unique().implode()))
        .rename({"points": "p1"})
        .sort("table_published", "prev_article", "prev_line")  # a total order: the as-of join takes the last of a day's tables
    )
    latest = claims_.sort("published").join_asof(
        subject_rows, left_on="published", right_on="table_published", by=["season", "subject_id"],
        strategy="backward", allow_exact_matches=False, check_sortedness=False,
    )
    wanted = latest.select(*table_keys, pl.col("rival_subject_id").alias("subject_id")).drop_nulls().unique()
    rival_rows = (
        rows.join(wanted, on=[*table_keys, "subject_id"], how="semi")  # the few rows looked up, before sorting any
        .sort("prev_line")
        .unique([*table_keys, "subject_id"], keep="last")
        .select(*table_keys, pl.col("subject_id").alias("rival_subject_id"), pl.col("points").alias("p2"), pl.lit(True).alias("rival_listed"))
    )
    latest = latest.join(rival_rows, on=[*table_keys, "rival_subject_id"], how="left", maintain_order="left")
    found = latest.filter(pl.col("rival_listed")).with_columns(
        (pl.col("p1") - pl.col("p2")).alias("prev_margin"), (pl.col("p1") + pl.col("p2")).alias("prev_sum"),
    )
    columns = [*claims_.columns, "table_published", "after_round", "lo_sprint", "prev_article", "prev_line", "prev_margin", "prev_sum"]
    partial = latest.filter(pl.col("prev_article").is_not_null() & pl.col("rival_listed").is_null()).select(claims_.columns)
    pairs = partial.select(pair_keys).unique().sort(pl.all())
    return pl.concat([
        found.select(columns),
        *(_margins_before(partial.join(chunk, on=pair_keys, how="semi"), table, chunk).select(columns) for chunk in pairs.iter_slices(MARGIN_PAIRS_PER_SLICE)),
    ])


PAIR_KINDS = ["margin", "gap", "combined", "within"]  # claims about two drivers (or teams): the rival is the other
PLACE_KINDS = ["position", "lead", "within"]  # claims about one driver (or team) against the whole table (a bound: of the leader)
# a claim about two drivers is compared with the drivers' tables, about two teams with the constructors'
PAIR_SUBJECTS = (
    ("driver", "driver_standings", "cum_driver_max"),
    ("team", "constructor_standings", "cum_team_max"),
)


def _subject_pairs(ci: CheckInput, arts: pl.DataFrame, subject: str, table_name: str, cum_col: str) -> pl.DataFrame:
    id_col, rival_col = f"{subject}_id", f"rival_{subject}_id"
    claims_ = (
        ci.parsed.claims.lazy().filter(pl.col("kind").is_in(PAIR_KINDS) & pl.col(id_col).is_not_null() & pl.col(rival_col).is_not_null())
        .select(
            "article_id", "line", "claim_no", "season", "kind", pl.col(id_col).alias("subject_id"), pl.col(rival_col).alias("rival_subject_id"),
            pl.col(subject).cast(pl.String).alias("subject"), pl.col(f"rival_{subject}").cast(pl.String).alias("rival_subject"), "margin", "points",
        )
        .join(arts.lazy(), on="article_id", how="left")
        .filter(pl.col("published").is_not_null())
        .collect()
    )
    table = (
        _table_rounds(_earlier_tables(ci, table_name, id_col).filter("trusted"), arts.lazy(), ci.reference)
        .select("article_id", "table_line", "line", "season", pl.col(id_col).alias("subject_id"), "points", pl.col("rounds_lo").alias("after_round"), "lo_sprint")
        .join(arts.lazy().select("article_id", pl.col("published").alias("table_published")), on="article_id", how="inner")
        .collect()
    )  # after_round: the fewest rounds the table can be after, so the most points could be scored since
    matched = _pair_tables(claims_, table)
    return _with_available(matched.filter(pl.col("prev_margin").is_not_null()), ci.reference, cum_col).with_columns(
        pl.when(pl.col("kind") == "gap").then(pl.col("prev_margin").abs()).otherwise(pl.col("prev_margin")).alias("prev_margin"),
    )


def season_pairs(ci: CheckInput) -> pl.DataFrame:
    """Margin, gap and combined claims next to the two drivers' (or teams') margin and sum in the latest
    table of their kind published before the claim (an as-of join per pair; of a day's tables the last
    by article and line), and the points one of
    them could have scored in between."""
    arts = ci.parsed.articles.select("article_id", "published", "rounds_before", "rounds_by")
    return pl.concat([_subject_pairs(ci, arts, *subject) for subject in PAIR_SUBJECTS])


def _subject_places(ci: CheckInput, arts: pl.DataFrame, subject: str, table_name: str, cum_col: str) -> pl.DataFrame:
    id_col = f"{subject}_id"
    series = ci.reference.seasons.select("season", pl.col("series").alias("season_series"))
    claims_ = (
        ci.parsed.claims.lazy().filter(pl.col("kind").is_in(PLACE_KINDS) & pl.col(id_col).is_not_null() & pl.col(f"rival_{id_col}").is_null())
        .join(series.lazy(), on="season", how="left")
        .filter(pl.col("series").is_null() | (pl.col("series") == pl.col("season_series")))  # "the current WRC runner-up" is no F1 place
        .select("article_id", "line", "claim_no", "season", "kind", pl.col(id_col).alias("subject_id"), pl.col(subject).cast(pl.String).alias("subject"), "position", "margin")
        .join(arts.lazy(), on="article_id", how="left")
        .filter(pl.col("published").is_not_null())
        .collect()
    )
    table = (
        _table_rounds(_earlier_tables(ci, table_name, id_col), arts.lazy(), ci.reference)
        .select(
            pl.col("article_id").alias("prev_article"), "table_line", "line", "season", pl.col(id_col).alias("subject_id"), "points",
            pl.col("rounds_lo").alias("after_round"), "lo_sprint", "trusted",
        )
        .join(arts.lazy().select(pl.col("article_id").alias("prev_article"), pl.col("published").alias("table_published")), on="prev_article", how="inner")
        .collect()
    )  # after_round: the fewest rounds the table can be after, so the most points could be scored since
    latest = claims_.sort("published").join_asof(
        table.filter("trusted").select("season", "subject_id", "table_published", "prev_article", "table_line", pl.col("line").alias("prev_line"),
                     pl.col("points").alias("subject_points"), "after_round", "lo_sprint").sort("table_published", "prev_article", "table_line"),
        left_on="published", right_on="table_published", by=["season", "subject_id"],
        strategy="backward", allow_exact_matches=False, check_sortedness=False,
    ).filter(pl.col("prev_article").is_not_null())
    latest = _with_available(latest, ci.reference, cum_col)
    others = table.select("prev_article", "table_line", pl.col("subject_id").alias("other_id"), pl.col("points").alias("other_points"))
    reach = pl.col("available")
    # the claims of a day mostly look back at the same few tables: each (table, subject, reach) is
    # compared with its table's rows once, not once per claim (a large archive has many claims)
    keys = ["prev_article", "table_line", "subject_id", "subject_points", "available"]
    counts = (
        latest.select(keys).unique()
        .join(others, on=["prev_article", "table_line"])
        .filter(pl.col("other_id") != pl.col("subject_id"))
        .group_by(keys)
        .agg(
            (pl.col("other_points") > pl.col("subject_points") + reach).sum().cast(pl.Int64).alias("out_of_reach_ahead"),
            (pl.col("other_points") + reach >= pl.col("subject_points")).sum().cast(pl.Int64).alias("may_be_ahead"),
            pl.col("other_points").min().alias("lowest_other"),
            pl.col("other_points").max().alias("best_other"),
        )
    )
    return (
        latest.join(counts, on=keys, how="left", nulls_equal=True)
        .with_columns(pl.col("out_of_reach_ahead", "may_be_ahead").fill_null(0))
        .with_columns(
            (pl.col("out_of_reach_ahead") + 1).alias("best_place"),
            # a table need not list everyone: below its last row anyone could be as close, unless even its last row is out of reach
            pl.when(pl.min_horizontal("lowest_other", "subject_points") + reach < pl.col("subject_points"))
            .then(pl.col("may_be_ahead") + 1)
            .alias("worst_place"),
            (pl.col("subject_points") - pl.col("best_other")).alias("prev_lead"),  # over the next best: negative when behind
        )
        .with_columns(pl.col("prev_lead").alias("prev_margin"), pl.lit(None, dtype=pl.String).alias("rival_subject"))  # as season_pairs has them: a bound of the leader
    )


def season_places(ci: CheckInput) -> pl.DataFrame:
    """Place and lead claims (of this season's series) next to the latest table of their kind published
    before the claim that lists the driver (or team; of a day's tables the last by article and line), and what the points that could be scored in
    between allow: the places from `best_place` (one after those out of reach ahead) to `worst_place`
    (one after those who could be level or ahead; null when the table's last rows leave it open); and
    `prev_lead`, the table's lead over the next best (negative when behind), which can move by at most
    the points available since."""
    arts = ci.parsed.articles.select("article_id", "published", "rounds_before", "rounds_by")
    return pl.concat([_subject_places(ci, arts, *subject) for subject in PAIR_SUBJECTS])


RESULT_WORDS = {"retired": "out", "did_not_start": "did not start", "disqualified": "disqualified"}
# a time between two drivers (kind time_gap): what the table gives (the other's time behind the winner less
# the subject's), compared at the last digit the text writes (22.3 s: 100 ms; 22 s: a second), rounded or
# cut: 22.3 s is right for 22.250 up to 22.399
TIME_GAP_FOUND = pl.col("other_behind_ms") - pl.col("race_behind_ms")
TIME_GAP_UNIT = (
    pl.when(pl.col("gap_ms") % 1000 == 0).then(1000).when(pl.col("gap_ms") % 100 == 0).then(100).when(pl.col("gap_ms") % 10 == 0).then(10).otherwise(1)
)
OUT_OF_TIME = ["retired", "did_not_start"]  # results with no place at the flag (a driver disqualified had one)
# whether the table's time bears a time_gap claim out (a time it cannot tell, a lapped or disqualified driver's, does)
TIME_GAP_ALLOWED = pl.col("race_status").is_null() | pl.col("other_status").is_null() | (
    ~pl.col("race_status").is_in(OUT_OF_TIME) & ~pl.col("other_status").is_in(OUT_OF_TIME)
    & (pl.col("race_behind_ms").is_null() | pl.col("other_behind_ms").is_null() | (TIME_GAP_FOUND - pl.col("gap_ms")).is_between(-TIME_GAP_UNIT / 2, TIME_GAP_UNIT, closed="left"))
)
RACE_LAST = pl.col("race_place") + pl.col("race_disqualified")  # on the road, behind every driver disqualified since
# a place in the race (`position`) a result allows: any for a driver disqualified (where he crossed the line is not
# in the table), for one classified his place down to as many places lower as the race disqualifies, none for one out
FINISH_ALLOWED = (pl.col("race_status") == "disqualified") | (
    (pl.col("race_status") == "classified") & pl.col("position").is_between(pl.col("race_place"), RACE_LAST)
)


def _result(status: pl.Expr = pl.col("status"), position: pl.Expr = pl.col("position")) -> pl.Expr:
    """A results row's result as words: 'place 3', 'out', 'did not start', 'disqualified'."""
    return pl.when(status == "classified").then(pl.format("place {}", position)).otherwise(
        status.cast(pl.String).replace_strict(RESULT_WORDS, default=None)
    )


RESULT_KEYS = ["season", "round", "session", "driver_id"]  # the tables of a race and of its sprint are compared apart
RESULT_VALUES = ("status", "position")
RESULT_PARTS = (*RESULT_VALUES, "tables", "cited_article", "cited_line")
TIME_KEYS = [*RESULT_KEYS, "time_kind"]
TIME_KINDS = {0: "race time", 1: "gap to the winner", 2: "laps behind"}

# Comparing the tables of one race: a large archive holds thousands of tables of each race, nearly all
# agreeing. What they give is counted by the streaming engine over the season's scan, per race, driver
# and value (_result_groups, _time_groups: a few rows per driver and race); the only rows read into
# memory are those a check can flag, the ones not giving the value most tables agree on (_flaggable).


def _count_tables(rows: pl.LazyFrame, keys: list[str], shown: tuple[str, ...] = ()) -> pl.DataFrame:
    """Per `keys` (a race, a driver and a value): how many trusted rows (no error in their own article)
    give it, `tables` (0 when only untrusted rows do), and the last of them (`cited_article`,
    `cited_line`, and its `shown` columns)."""
    trusted = pl.col("trusted") if "trusted" in rows.collect_schema().names() else pl.lit(True)  # an article's own staging: every row
    last = lambda column: pl.col(column).sort_by("article_id", "line").last()  # noqa: E731
    rows = rows.with_columns(pl.col("article_id", "driver_id").cast(pl.String))
    counted = rows.filter(trusted).group_by(keys).agg(
        pl.len().alias("tables"), last("article_id").alias("cited_article"), last("line").alias("cited_line"), *(last(c) for c in shown),
    )
    given = rows.select(keys).unique().join(counted, on=keys, how="left", nulls_equal=True)
    return given.with_columns(pl.col("tables").fill_null(0).cast(pl.Int64)).collect(engine="streaming").sort(keys, nulls_last=True)


def _rank(groups: pl.DataFrame, keys: list[str], values: tuple[str, ...], shown: tuple[str, ...] = ()) -> pl.DataFrame:
    """Per `keys`, the value most trusted tables give (`top_*`) and the next (`second_*`), level ones in value order."""
    order = {"by": ["tables", *values], "descending": [True, *(False for _ in values)], "nulls_last": True}
    parts = (*values, "tables", "cited_article", "cited_line", *shown)
    return groups.filter(pl.col("tables") > 0).group_by(keys).agg(
        *(pl.col(c).sort_by(**order).first().alias(f"top_{c}") for c in parts),
        *(pl.col(c).sort_by(**order).slice(1, 1).first().alias(f"second_{c}") for c in parts),
    )


def _flaggable(groups: pl.DataFrame, keys: list[str], values: tuple[str, ...]) -> pl.DataFrame:
    """(keys, values) of a disputed key (more than one value given) but the value most trusted tables
    give, when one does: the only rows a check comparing tables can flag."""
    disputed = groups.filter(pl.len().over(keys) > 1)
    ranked = _rank(disputed, keys, values)
    clear = ranked.filter(pl.col("second_tables").is_null() | (pl.col("top_tables") > pl.col("second_tables")))
    agreed = clear.select(*keys, *(pl.col(f"top_{v}").alias(v) for v in values))
    return disputed.select(*keys, *values).join(agreed, on=[*keys, *values], how="anti", nulls_equal=True)


def _comparable_rows(results: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame | pl.LazyFrame:
    """Results rows with a result, ids and status as text (text sorts the same in every run)."""
    return results.filter(_result().is_not_null()).with_columns(pl.col("article_id", "driver_id", "status").cast(pl.String))


def _result_groups(results: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Per race, driver and result (status and place) the tables give, how many trusted tables give it
    and the last of them (see _count_tables)."""
    return _count_tables(_comparable_rows(results.lazy()), [*RESULT_KEYS, *RESULT_VALUES])


def _timed_rows(results: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame | pl.LazyFrame:
    """The results rows that give a time (season inputs carry `_time_given`; an article's own staging gets it here)."""
    if "time_kind" not in results.collect_schema().names():
        results = results.with_columns(_time_given())
    return results.filter(pl.col("time_kind").is_not_null()).with_columns(pl.col("driver_id").cast(pl.String))


def _with_time_key(rows: pl.DataFrame | pl.LazyFrame, coarsest: pl.DataFrame) -> pl.DataFrame | pl.LazyFrame:
    """Timed rows of the keys of `coarsest` (the unit of the least precise table of each: '+10.7' and
    '+10.730' are the same gap) with their `time_key`, the time at that precision."""
    joined = rows.join(coarsest.lazy() if isinstance(rows, pl.LazyFrame) else coarsest, on=TIME_KEYS, how="inner")
    return joined.with_columns((pl.col("time_value") / pl.col("coarsest")).round(0, mode="half_away_from_zero").cast(pl.Int64).alias("time_key"))


def _time_groups(results: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Per race, driver and kind of time whose tables do not all give the same time, and per time given
    (`time_key`, with the group's `coarsest` unit): how many trusted tables give it and the last of
    them with its text `time_raw` (see _count_tables)."""
    timed = _timed_rows(results.lazy())
    time_key = (pl.col("time_value") / pl.col("time_unit").max()).round(0, mode="half_away_from_zero")  # 22.305 written to hundredths is 22.31
    coarsest = (
        timed.group_by(TIME_KEYS).agg(time_key.n_unique().alias("_times"), pl.col("time_unit").max().alias("coarsest"))
        .filter(pl.col("_times") > 1).select(*TIME_KEYS, "coarsest").collect(engine="streaming")
    )
    return _count_tables(_with_time_key(timed, coarsest), [*TIME_KEYS, "coarsest", "time_key"], shown=("time_raw",))


def _claimed_races(
    claims: pl.DataFrame | pl.LazyFrame, articles: pl.DataFrame | pl.LazyFrame, calendar: pl.DataFrame, kind: str = "finish",
) -> pl.DataFrame | pl.LazyFrame:
    """(season, round) of the races a place in the race (or, `kind` time_gap, a time at its flag) can be
    claimed of, per claim: the race it names if run by the article's date; else the latest race run by
    the article's date, and on a race day the one before too. A place in a sprint, likewise by the
    sprints' dates (`_claimed_sprints`)."""
    named = pl.when(pl.col("round") <= pl.col("rounds_by")).then(pl.concat_list("round"))  # a race named: if run by the article's date
    latest = pl.concat_list("rounds_by", "rounds_before").list.unique()
    finishes = claims.filter((pl.col("kind") == kind) & pl.col("driver_id").is_not_null()).join(
        articles.select("article_id", "published", "rounds_before", "rounds_by"), on="article_id", how="inner"
    )
    races = (
        finishes.filter(pl.col("session") == "race")
        .with_columns(pl.when(pl.col("race_raw").is_not_null()).then(named).otherwise(latest).alias("round"))
        .explode("round")
    )
    return pl.concat([races, _claimed_sprints(finishes.filter(pl.col("session") == "sprint"), calendar)]).filter(pl.col("round") >= 1)


def _claimed_sprints(finishes: pl.DataFrame | pl.LazyFrame, calendar: pl.DataFrame) -> pl.DataFrame | pl.LazyFrame:
    """`finishes` (places in a sprint, with the article's `published`) per sprint they can be of: the one
    it names if run by the article's date; else the latest run by then, and on a sprint's day the one
    before too."""
    sprints = calendar.filter(pl.col("has_sprint")).select("season", pl.col("round").alias("_sprint"), "sprint_date")
    run = finishes.with_row_index("_claim").join(sprints.lazy() if isinstance(finishes, pl.LazyFrame) else sprints, on="season", how="inner")
    run = run.filter(pl.col("sprint_date") <= pl.col("published"))
    latest = (pl.col("_sprint") == pl.col("_sprint").max().over("_claim")) | (
        pl.col("_sprint") == pl.col("_sprint").filter(pl.col("sprint_date") < pl.col("published")).max().over("_claim")
    )
    chosen = pl.when(pl.col("race_raw").is_not_null()).then(pl.col("_sprint") == pl.col("round")).otherwise(latest)
    return run.filter(chosen.fill_null(False)).with_columns(pl.col("_sprint").alias("round")).drop("_claim", "_sprint", "sprint_date")


def _results_needed(results: pl.LazyFrame, result_groups: pl.DataFrame, time_groups: pl.DataFrame) -> pl.LazyFrame:
    """Of a season's results rows, the few its checks read: those a comparison of the race's tables can
    flag (see _flaggable), by result or by time. The rest are only ever counted (`result_groups`,
    `time_groups`): a large archive holds millions, nearly all agreeing."""
    by_result = _flaggable(result_groups, RESULT_KEYS, RESULT_VALUES)
    by_time = _flaggable(time_groups, [*TIME_KEYS, "coarsest"], ("time_key",))
    names = results.collect_schema().names()
    return pl.concat([
        _comparable_rows(results).join(by_result.lazy(), on=[*RESULT_KEYS, *RESULT_VALUES], how="semi", nulls_equal=True).select(names),
        _with_time_key(_timed_rows(results), by_time.select(*TIME_KEYS, "coarsest").unique())
        .join(by_time.lazy(), on=[*TIME_KEYS, "coarsest", "time_key"], how="semi").select(names),
    ]).unique()


def _race_names(ci: CheckInput) -> pl.DataFrame:
    """season, round, session: the race as messages name it ('the Belgian Grand Prix 2023', and its sprint
    'the sprint of the Belgian Grand Prix 2023')."""
    name = pl.format("the {} {}", pl.col("grand_prix_name"), pl.col("season"))
    sessions = pl.DataFrame({"session": SESSIONS})
    return ci.reference.calendar.join(sessions, how="cross").select(
        "season", "round", "session", pl.when(pl.col("session") == "sprint").then(pl.format("the sprint of {}", name)).otherwise(name).alias("race")
    )


def result_groups(ci: CheckInput) -> pl.DataFrame:
    """See _result_groups (a season's are counted while its inputs are read: `one_season`)."""
    return _result_groups(ci.parsed.race_results)


def time_groups(ci: CheckInput) -> pl.DataFrame:
    """See _time_groups (a season's are counted while its inputs are read: `one_season`)."""
    return _time_groups(ci.parsed.race_results)


def timed_results(ci: CheckInput) -> pl.LazyFrame:
    """The results rows giving a time (see _timed_rows; a season's are a scan of its inputs: `one_season`)."""
    return _timed_rows(ci.parsed.race_results.lazy())


def _with_other(rows: pl.DataFrame, groups: pl.DataFrame, keys: list[str], values: tuple[str, ...], shown: tuple[str, ...] = ()) -> pl.DataFrame:
    """Rows that give a value, with how many trusted tables give the same (`same_tables`) and the value
    most others give (`other_*`: the top, or for the top's own rows the next)."""
    ranked = _rank(groups, keys, values, shown)
    top = pl.all_horizontal(pl.col(v).eq_missing(pl.col(f"top_{v}")) for v in values)
    other = {c: pl.when(top).then(pl.col(f"second_{c}")).otherwise(pl.col(f"top_{c}")) for c in (*values, "tables", "cited_article", "cited_line", *shown)}
    return (
        rows.join(groups.select(*keys, *values, pl.col("tables").alias("same_tables")), on=[*keys, *values], how="left", nulls_equal=True)
        .with_columns(pl.col("same_tables").fill_null(0))
        .join(ranked, on=keys, how="left")
        .with_columns(
            *(other[v].alias(f"other_{v}") for v in (*values, *shown)),
            other["tables"].alias("other_tables"), other["cited_article"].alias("other_article"), other["cited_line"].alias("other_line"),
        )
        .drop(cs.starts_with("top_", "second_"))
    )


def season_results(ci: CheckInput) -> pl.DataFrame:
    """Each results row of a race a check can flag (see _flaggable) next to what the tables of that race
    (in any article) give the same driver, counting only the rows no check within their article flags
    with an error (`trusted`): `same_tables`, how many give his result (this one included when
    trusted); `other_result` and `other_tables`, the most common other result and how many give it,
    with the last of them (`other_article`, `other_line`); `race`, the race's name and season. A row
    giving the result most tables agree on passes every check of it, and is not here."""
    groups = ci.frame("result_groups")
    keys = [*RESULT_KEYS, *RESULT_VALUES]
    rows = _comparable_rows(ci.parsed.race_results).join(_flaggable(groups, RESULT_KEYS, RESULT_VALUES), on=keys, how="semi", nulls_equal=True)
    return (
        _with_other(rows.select("article_id", "line", *keys, "driver"), groups, RESULT_KEYS, RESULT_VALUES)
        .join(_race_names(ci), on=["season", "round", "session"], how="left")
        .with_columns(_result().alias("result"), _result(pl.col("other_status"), pl.col("other_position")).alias("other_result"))
        .drop("other_status", "other_position")
    )


def season_times(ci: CheckInput) -> pl.DataFrame:
    """Each results row giving a time (the winner's race time, a gap to the winner, laps behind) a check
    can flag, next to what the tables of that race (in any article) give the same driver, compared at
    the precision of the least precise (`time_key`), counting only trusted rows as season_results
    does: `same_tables`, how many give his time; `other_result` (as its text gives it) and
    `other_tables`, the most common other time and how many give it, with the last of them
    (`other_article`, `other_line`); `result`, the row's own text; `race`, the race's name and season."""
    groups = ci.frame("time_groups")
    keys = [*TIME_KEYS, "coarsest"]
    flagged = _flaggable(groups, keys, ("time_key",))
    rows = _with_time_key(_timed_rows(ci.parsed.race_results), flagged.select(keys).unique()).join(flagged, on=[*keys, "time_key"], how="semi")
    rows = rows.select(pl.col("article_id").cast(pl.String), "line", *keys, "driver", "time_key", "time_raw")
    return (
        _with_other(rows, groups, keys, ("time_key",), shown=("time_raw",))
        .join(_race_names(ci), on=["season", "round", "session"], how="left")
        .with_columns(
            pl.col("time_kind").replace_strict(TIME_KINDS, return_dtype=pl.String).alias("time_of"),
            pl.col("time_raw").alias("result"), pl.col("other_time_raw").alias("other_result"),
        )
    )


def season_finishes(ci: CheckInput) -> pl.DataFrame:
    """Places in a race (or a sprint: `session`) claimed in articles with no results table of their own
    of it, or naming another race (the season inputs hold no others), next to the result most tables
    of that race (sprint) in other articles give the driver, when most agree (`race_status`,
    `race_place`, `race_tables`, the last of them `race_article` and `race_line`), and
    `race_disqualified`, how many drivers most tables of it disqualify. The race is the one named
    (`race_chosen` says so), else the latest run by the article's date; on a race's (sprint's) day,
    that day's or the one before, the one that allows the claim if either does."""
    chosen = pl.when(pl.col("race_raw").is_not_null()).then(pl.format("named in the text: {}", pl.col("race_raw")))
    candidates = _claimed_races(ci.parsed.claims.lazy(), ci.parsed.articles.lazy(), ci.reference.calendar).select(
        "article_id", "line", "claim_no", "season", "round", "session", pl.col("driver_id").cast(pl.String), pl.col("driver").cast(pl.String).alias("subject"),
        "position", "published", chosen.otherwise(pl.format("the latest {} by {}", pl.col("session"), pl.col("published"))).alias("race_chosen"),
    ).collect()
    groups = ci.frame("result_groups").join(candidates.select("season", "round", "session").unique(), on=["season", "round", "session"], how="semi")
    ranked = _rank(groups, RESULT_KEYS, RESULT_VALUES)
    agreed = ranked.filter(pl.col("second_tables").is_null() | (pl.col("top_tables") > pl.col("second_tables"))).select(
        *RESULT_KEYS, *(pl.col(f"top_{c}").alias(f"race_{name}") for c, name in zip(RESULT_PARTS, ("status", "place", "tables", "article", "line")))
    )
    disqualified = agreed.group_by("season", "round", "session").agg((pl.col("race_status") == "disqualified").sum().cast(pl.Int64).alias("race_disqualified"))
    claim = ["article_id", "line", "claim_no"]
    return (
        candidates.join(agreed, on=RESULT_KEYS, how="inner")
        .join(disqualified, on=["season", "round", "session"], how="left")
        .join(_race_names(ci), on=["season", "round", "session"], how="left")
        .with_columns(FINISH_ALLOWED.alias("_allows"))
        .sort(*claim, "_allows", "round", descending=[False, False, False, True, True])
        .unique(subset=claim, keep="first", maintain_order=True)  # the race that allows it, else the later
        .drop("_allows")
    )


def _agreed_results(groups: pl.DataFrame) -> pl.DataFrame:
    """Per race, session and driver, the result most trusted tables give, when most agree: race_status,
    race_place (see _rank)."""
    ranked = _rank(groups, RESULT_KEYS, RESULT_VALUES)
    clear = pl.col("second_tables").is_null() | (pl.col("top_tables") > pl.col("second_tables"))
    return ranked.filter(clear).select(*RESULT_KEYS, pl.col("top_status").alias("race_status"), pl.col("top_position").alias("race_place"))


def _agreed_times(timed: pl.LazyFrame, races: pl.DataFrame) -> pl.DataFrame:
    """Per driver of `races` (season, round, session), the time most trusted tables of his race give,
    when most agree: race_behind_ms, how far behind the winner (0 for the winner's race time, null a
    lap or more down), and the last table giving it (time_article, time_line)."""
    keys = ["season", "round", "session", "driver_id"]
    if races.is_empty():  # the season claims no time without a table of its own: its results are not read again
        timed = pl.LazyFrame(schema=timed.collect_schema())
    trusted = pl.col("trusted") if "trusted" in timed.collect_schema().names() else pl.lit(True).alias("trusted")  # an article's own staging: every row
    rows = timed.join(races.lazy(), on=["season", "round", "session"], how="semi").select(
        *keys, "time_kind", "time_value", trusted, "article_id", "line", pl.col("driver").cast(pl.String),
    )
    groups = _count_tables(rows, [*keys, "time_kind", "time_value"], shown=("driver",))
    ranked = _rank(groups, keys, ("time_kind", "time_value"), shown=("driver",))
    clear = pl.col("second_tables").is_null() | (pl.col("top_tables") > pl.col("second_tables"))
    behind = pl.when(pl.col("top_time_kind") == 0).then(0).when(pl.col("top_time_kind") == 1).then(pl.col("top_time_value"))
    return ranked.filter(clear).select(
        *keys, behind.cast(pl.Int64).alias("race_behind_ms"), pl.col("top_driver").alias("time_driver"), pl.col("top_tables").alias("time_tables"),
        pl.col("top_cited_article").cast(pl.String).alias("time_article"), pl.col("top_cited_line").alias("time_line"),
    )


def season_time_gaps(ci: CheckInput) -> pl.DataFrame:
    """Times between two drivers at the flag (kind time_gap) claimed in articles with no results table of
    their own of that race, or naming another (the season inputs hold no others), next to what most
    tables of that race in other articles give the two: race_status and race_behind_ms of the driver
    ahead, other_* of the other (the rival named, else the one classified right behind him), and the
    last table giving the other's time (time_article, time_line). The race is chosen as
    season_finishes chooses it, the one that bears the claim out if either does."""
    chosen = pl.when(pl.col("race_raw").is_not_null()).then(pl.format("named in the text: {}", pl.col("race_raw")))
    candidates = _claimed_races(ci.parsed.claims.lazy(), ci.parsed.articles.lazy(), ci.reference.calendar, kind="time_gap").select(
        "article_id", "line", "claim_no", "season", "round", "session", pl.col("driver_id").cast(pl.String), pl.col("driver").cast(pl.String).alias("subject"),
        pl.col("rival_driver_id").cast(pl.String), pl.col("rival_driver").cast(pl.String), "gap_ms", "published",
        chosen.otherwise(pl.format("the latest {} by {}", pl.col("session"), pl.col("published"))).alias("race_chosen"),
    ).collect()
    races = candidates.select("season", "round", "session").unique()
    results = ci.frame("result_groups").join(races, on=["season", "round", "session"], how="semi")
    agreed = _agreed_results(results).join(_agreed_times(ci.frame("timed_results"), races), on=RESULT_KEYS, how="left")
    other = agreed.select(
        "season", "round", "session", pl.col("driver_id").alias("_other_id"), pl.col("race_status").alias("other_status"),
        pl.col("race_behind_ms").alias("other_behind_ms"), pl.col("time_driver").alias("_other_name"), "time_tables", "time_article", "time_line",
    )
    claim = ["article_id", "line", "claim_no"]
    with_subject = candidates.join(agreed.drop("time_driver", "time_tables", "time_article", "time_line"), on=RESULT_KEYS, how="inner")
    found = (
        _with_other_id(with_subject, agreed, ["season", "round", "session"], "driver_id", "rival_driver_id")
        .join(other, on=["season", "round", "session", "_other_id"], how="inner")
        .join(_race_names(ci), on=["season", "round", "session"], how="left")
        .with_columns(TIME_GAP_ALLOWED.alias("_allows"))
        .sort(*claim, "_allows", "round", descending=[False, False, False, True, True], nulls_last=True)
        .unique(subset=claim, keep="first", maintain_order=True)  # the race that allows it, else the later
    )
    return found.with_columns(pl.coalesce("rival_driver", "_other_name").alias("other_subject")).drop("_allows", "_other_id", "_other_name")


def articles(ci: CheckInput) -> pl.DataFrame:
    return ci.parsed.articles.with_columns(pl.lit(None, dtype=pl.Int64).alias("line"))


# the kinds of line parsing gives (parcferme.parse.lines): headings of a section other than prose, and table rows
HEADINGS = tuple(kind for kind, section in HEADING_SECTIONS.items() if section != "prose")
TABLE_HEADINGS = tuple(kind for kind in HEADINGS if HEADING_SECTIONS[kind] != "standings")
TABLE_ROWS = (*(kind for kind, _ in ROW_KIND.values()), "unreadable")


def statements(ci: CheckInput) -> pl.DataFrame:
    return ci.parsed.statements


def lines(ci: CheckInput) -> pl.DataFrame:
    """The kept lines; each heading with the rows under it (`rows_under`, up to the next heading)
    and the kind of the next heading in its article (`next_heading`)."""
    kept = ci.parsed.lines
    is_heading = pl.col("kind").is_in(HEADINGS)
    tables = kept.filter(is_heading | pl.col("kind").is_in(TABLE_ROWS)).with_columns(
        fill_forward(pl.when(is_heading).then(pl.col("line")), ["article_id"]).alias("_heading")
    )
    rows = tables.filter(~is_heading).group_by("article_id", "_heading").agg(pl.len().cast(pl.Int64).alias("rows_under"))
    headings = (
        tables.filter(is_heading)
        .select("article_id", "line", following(pl.col("kind"), ["article_id"]).alias("next_heading"))
        .join(rows, left_on=["article_id", "line"], right_on=["article_id", "_heading"], how="left")
        .with_columns(pl.col("rows_under").fill_null(0))
    )
    return kept.join(headings, on=["article_id", "line"], how="left", maintain_order="left")


# What the season checks read of each article: narrow enough to hold a whole archive in memory,
# while everything else is checked one batch of articles at a time.
SEASON_INPUT_COLUMNS = {
    "articles": ["article_id", "published", "rounds_before", "rounds_by"],
    "claims": [
        "article_id", "line", "claim_no", "season", "kind", "driver_id", "driver", "team_id", "team", "points", "rival_driver_id", "rival_driver", "rival_team_id",
        "rival_team", "margin", "position", "series", "race_raw", "round", "session", "gap_ms", "trusted",
    ],
    "driver_standings": ["article_id", "line", "table_line", "season", "driver_id", "driver", "points", "after_round", "sprints_done", "set_aside", "trusted"],
    "constructor_standings": ["article_id", "line", "table_line", "season", "team_id", "team", "points", "after_round", "sprints_done", "set_aside", "trusted"],
    "race_results": [
        "article_id", "line", "season", "round", "session", "driver_id", "driver", "position", "status", "trusted", "time_kind", "time_value", "time_unit",
        "time_raw",
    ],
}
SEASON_ROWS = ("claims", "driver_standings", "constructor_standings", "race_results")  # the inputs with a season column


def season_inputs(ci: CheckInput, article_issues: pl.DataFrame | None = None) -> dict[str, pl.DataFrame]:
    """The rows of `ci` the season checks can use (duplicates set aside), in SEASON_INPUT_COLUMNS;
    `article_issues`, the issues the checks within an article found in them, mark the rows with an
    error (not `trusted`: a table or claim compared with others of its race or day does not count)."""
    counted = ~pl.col("set_aside")
    errors = (
        article_issues.filter(pl.col("severity") == "error").select("table", "article_id", "line", "claim_no").unique()
        if article_issues is not None else pl.DataFrame(schema={"table": pl.String, "article_id": pl.String, "line": pl.Int64, "claim_no": pl.Int64})
    )

    def trusted(rows: pl.DataFrame, table: str) -> pl.DataFrame:
        """`trusted`: no error on the row; of a claim, on it or on its whole line (no `claim_no`)."""
        flagged = errors.filter(pl.col("table") == table)
        on_line = flagged.filter(pl.col("claim_no").is_null()).select("article_id", "line", pl.lit(True).alias("_on_line")).unique()
        rows = rows.join(on_line, on=["article_id", "line"], how="left", maintain_order="left")
        if "claim_no" in rows.columns:
            on_claim = flagged.filter(pl.col("claim_no").is_not_null()).select("article_id", "line", "claim_no", pl.lit(True).alias("_on_claim")).unique()
            rows = rows.join(on_claim, on=["article_id", "line", "claim_no"], how="left", maintain_order="left")
        else:
            rows = rows.with_columns(pl.lit(None, dtype=pl.Boolean).alias("_on_claim"))
        return rows.with_columns((~pl.coalesce("_on_line", "_on_claim", False)).alias("trusted")).drop("_on_line", "_on_claim")

    claims_ = _with_own_table(ci).filter(
        (pl.col("kind").is_in(["points", *PLACE_KINDS, *PAIR_KINDS]) | _finish_of_no_own_table()) & (pl.col("driver_id").is_not_null() | pl.col("team_id").is_not_null())
    )
    return {
        "articles": ci.parsed.articles.select(SEASON_INPUT_COLUMNS["articles"]),
        "claims": trusted(claims_, "claims").select(SEASON_INPUT_COLUMNS["claims"]),
        "driver_standings": trusted(ci.frame("driver_standings").filter(counted & pl.col("driver_id").is_not_null()), "driver_standings")
        .select(SEASON_INPUT_COLUMNS["driver_standings"]),
        "constructor_standings": trusted(ci.frame("constructor_standings").filter(counted & pl.col("team_id").is_not_null()), "constructor_standings")
        .select(SEASON_INPUT_COLUMNS["constructor_standings"]),
        "race_results": trusted(ci.parsed.race_results.filter(_comparable_result()), "race_results").with_columns(*_time_given())
        .select(SEASON_INPUT_COLUMNS["race_results"]),
    }


DECIMALS_UNIT = {0: 1000, 1: 100, 2: 10}  # ms per last digit a time's text gives; three decimals or more: 1


def _time_given() -> list[pl.Expr]:
    """What a classified results row says of the driver's time, as the tables of one race compare it:
    `time_kind` (TIME_KINDS: the race time of a row with a total time and no gap, a gap to the winner,
    laps behind), `time_value` (ms, or laps) and `time_unit`, the precision of its text in ms."""
    lapped = pl.col("laps_behind").fill_null(0) > 0
    race_time = pl.col("time_ms").is_not_null() & (pl.col("gap_ms") == 0)
    gap = pl.col("gap_ms").is_not_null()
    decimals = pl.col("time_raw").str.extract(r"\.([0-9]+)", 1).str.len_chars().fill_null(0)
    classified = pl.col("status") == "classified"
    return [
        pl.when(classified & lapped).then(2).when(classified & race_time).then(0).when(classified & gap).then(1)
        .otherwise(None).cast(pl.Int64).alias("time_kind"),
        pl.when(lapped).then(pl.col("laps_behind")).when(race_time).then(pl.col("time_ms")).otherwise(pl.col("gap_ms")).alias("time_value"),
        pl.when(lapped).then(1).otherwise(decimals.replace_strict(DECIMALS_UNIT, default=1, return_dtype=pl.Int64)).alias("time_unit"),
    ]


def _with_own_table(ci: CheckInput) -> pl.DataFrame:
    """The claims, each place in a race (or sprint) with `own_round`, the round of the article's first
    table of that session, null when it has none."""
    tables = first_tables(ci.parsed.race_results).group_by("article_id", "session").agg(pl.col("round").first().alias("own_round"), pl.len().alias("_rows"))
    return ci.parsed.claims.join(tables, on=["article_id", "session"], how="left", maintain_order="left")


def _finish_of_no_own_table() -> pl.Expr:
    """A place in a race (or sprint), or a time at its flag, claimed in an article with no results table
    of that session, or naming another race than that table's (the others are checked against the
    article's own table, by cross.claim_finish and cross.claim_time_gap); on `_with_own_table`'s claims."""
    return pl.col("kind").is_in(["finish", "time_gap"]) & (pl.col("_rows").is_null() | _names_another_race(pl.col("own_round")))


def _comparable_result() -> pl.Expr:
    """A results row another article's table of the same race (or sprint) can be compared with: a known
    driver listed once in his table, and a known round."""
    listed_once = pl.len().over("article_id", "event_line", "driver_id") == 1  # not the check frame's driver_count: it is released by now
    return pl.col("driver_id").is_not_null() & pl.col("round").is_not_null() & pl.col("season").is_not_null() & listed_once


def seasons_of(inputs: dict[str, pl.LazyFrame]) -> list[int]:
    """The seasons the season inputs hold rows of (rows without a season are never compared)."""
    found = pl.concat([inputs[name].select("season") for name in SEASON_ROWS])
    return sorted(found.drop_nulls().unique().collect()["season"].to_list())


def one_season(inputs: dict[str, pl.LazyFrame], season: int) -> dict[str, pl.DataFrame | pl.LazyFrame]:
    """The season inputs of one season: every season check compares rows of the same season only, so
    a large archive is checked a season at a time. Articles and the results rows the checks read are
    read into memory; claims and standings stay scans, from which each check frame reads the rows it
    compares (points, pairs, places, finishes), so a season's claims and tables are never in memory
    all at once (measured at 100,000 articles: the pipeline's peak 822 to 865 MiB, against 1,062 MiB
    with every input read first)."""
    rows = {name: inputs[name].filter(pl.col("season") == season) for name in SEASON_ROWS}
    # the few results rows the checks read, found by the streaming engine: the others are never in memory
    counted = {"result_groups": _result_groups(rows["race_results"]), "time_groups": _time_groups(rows["race_results"])}
    timed = _timed_rows(rows["race_results"])  # read only by a time claimed with no table of its own (season_time_gaps)
    results = _compact(_results_needed(rows.pop("race_results"), *counted.values())).collect(engine="streaming")
    frames = {name: _compact(scan) for name, scan in rows.items()}
    ids = pl.concat([
        *(frame.select(pl.col("article_id").cast(pl.String)).unique().collect(engine="streaming") for frame in frames.values()),
        results.select(pl.col("article_id").unique().cast(pl.String)),
    ]).unique()
    frames["articles"] = _compact(inputs["articles"].join(ids.lazy(), on="article_id", how="semi")).collect()
    return {**frames, "race_results": results, **counted, "timed_results": timed}


def _compact(scan: pl.LazyFrame) -> pl.LazyFrame:
    """Names and ids as categoricals: a season of a large archive repeats the same few hundred
    thousand strings millions of times (measured: 100 MB less at 100,000 articles)."""
    names = scan.collect_schema().names()
    return scan.with_columns(pl.col(c).cast(pl.Categorical) for c in COMPACT if c in names)


COMPACT = ("article_id", "driver_id", "rival_driver_id", "driver", "rival_driver", "team_id", "rival_team_id", "team", "rival_team", "status")


def season_check_input(inputs: dict[str, pl.DataFrame | pl.LazyFrame], reference: Reference) -> CheckInput:
    """A CheckInput over season inputs only: enough for the SEASON_FRAMES builders, nothing else (its
    claims and standings may be scans, as `one_season` leaves them: the season builders read them
    lazily)."""
    empty = pl.DataFrame()
    parsed = Parsed(
        articles=inputs["articles"], lines=empty, race_results=inputs["race_results"], driver_standings=empty,
        constructor_standings=empty, claims=inputs["claims"], series_mentions=empty, statements=empty,
    )
    cache = {name: inputs[name] for name in ("driver_standings", "constructor_standings", *COUNTED, "timed_results") if name in inputs}
    return CheckInput(parsed, reference, cache)


BUILDERS = {
    "articles": articles,
    "lines": lines,
    "race_results": race_results,
    "driver_standings": driver_standings,
    "constructor_standings": constructor_standings,
    "standings_totals": standings_totals,
    "standings_headings": standings_headings,
    "claims": claims,
    "series_mentions": series_mentions,
    "statements": statements,
    "season_driver_points": season_driver_points,
    "season_constructor_points": season_constructor_points,
    "season_pairs": season_pairs,
    "season_places": season_places,
    "season_results": season_results,
    "season_finishes": season_finishes,
    "season_time_gaps": season_time_gaps,
    "season_times": season_times,
    "result_groups": result_groups,
    "time_groups": time_groups,
    "timed_results": timed_results,
}
