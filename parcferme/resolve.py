"""Resolve what articles name to the reference: season, event round, canonical drivers and teams,
nationality codes in whatever convention the article uses. Unknown names stay as rows with nulls."""

from __future__ import annotations

import polars as pl

from parcferme.parse import Parsed
from parcferme.parse.results import first_tables, outvoted_by, with_lead_laps
from parcferme.reference import Reference
from parcferme.reference.loader import ABBREVIATED, CODE_CONVENTIONS
from parcferme.text import fold_expr
from parcferme.windows import same_group_as


OFF_SEASON_DAYS = 100


def article_seasons(articles: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Season of each article and how many rounds had been run before (and by) its publication date.

    An article belongs to the season of its year, except in the off-season: up to OFF_SEASON_DAYS
    after a known season's last race, and before the next season's first race, it talks about the
    season just ended."""
    cal = reference.calendar
    bounds = cal.group_by("season").agg(pl.col("date").min().alias("first_race"), pl.col("date").max().alias("last_race"))
    firsts = dict(zip(bounds["season"].to_list(), bounds["first_race"].to_list()))
    lasts = dict(zip(bounds["season"].to_list(), bounds["last_race"].to_list()))
    year = pl.col("published").dt.year().cast(pl.Int64)
    previous_last = (year - 1).replace_strict(lasts, default=None, return_dtype=pl.Date)
    this_first = year.replace_strict(firsts, default=None, return_dtype=pl.Date)
    in_off_season = (
        (pl.col("published") <= previous_last + pl.duration(days=OFF_SEASON_DAYS))
        & (this_first.is_null() | (pl.col("published") < this_first))
    ).fill_null(False)
    frame = articles.with_columns(pl.when(in_off_season).then(year - 1).otherwise(year).alias("season"))
    held = (
        frame.select("article_id", "season", "published")
        .join(cal.select("season", "date", "round"), on="season", how="inner")
        .group_by("article_id")
        .agg(
            (pl.col("date") < pl.col("published")).sum().cast(pl.Int64).alias("rounds_before"),
            (pl.col("date") <= pl.col("published")).sum().cast(pl.Int64).alias("rounds_by"),
        )
    )
    known = reference.seasons.select("season", pl.lit(True).alias("season_known"))
    return (
        frame.join(held, on="article_id", how="left")
        .join(known, on="season", how="left")
        .with_columns(pl.col("season_known").fill_null(False))
    )


def _with_folded(frame: pl.DataFrame, raw: str, key_col: str, spelled: pl.Expr | None = None) -> pl.DataFrame:
    """Add `key_col`, the folded key of column `raw` (or of `spelled`, an expression of it), folding
    each distinct value once (names repeat on almost every row, and folding is a unicode
    normalisation and four regex passes)."""
    keys = frame.select(pl.col(raw).unique().drop_nulls()).with_columns(fold_expr(pl.col(raw) if spelled is None else spelled).alias(key_col))
    return frame.join(keys, on=raw, how="left", maintain_order="left")


def _names(reference: Reference, kinds: tuple[str, ...], id_col: str, key_col: str) -> pl.DataFrame:
    return (
        reference.names.filter(pl.col("kind").is_in(kinds))
        .group_by("season", "key")
        .agg(
            pl.when(pl.col("id").n_unique() == 1).then(pl.col("id").first()).alias(id_col),
            pl.col("is_alias").all().alias(f"{id_col}_alias"),
            (pl.col("id").n_unique() > 1).alias(f"{id_col}_ambiguous"),
            pl.col("id").unique().sort().str.join(", ").alias(f"{id_col}_candidates"),
        )
        .rename({"key": key_col})
    )


# a nickname in quotes inside a name: "Sergio 'Checo' Pérez" is Sergio Pérez
NICKNAME = r"""\s["'‘’“”][^"'‘’“”]{1,20}["'‘’“”]\s"""


def _with_driver(frame: pl.DataFrame, reference: Reference, raw: str, prefix: str = "") -> pl.DataFrame:
    id_col, key_col = f"{prefix}driver_id", f"_{prefix}driver_key"
    names = _names(reference, ("driver", ABBREVIATED), id_col, key_col)
    drivers = reference.drivers.select("season", pl.col("driver_id").alias(id_col), pl.col("driver").alias(f"{prefix}driver"))
    if key_col not in frame.columns:
        frame = _with_folded(frame, raw, key_col, pl.col(raw).str.replace(NICKNAME, " "))
    return (
        frame.join(names, on=["season", key_col], how="left")
        .join(drivers, on=["season", id_col], how="left")
        .with_columns(
            pl.col(f"{id_col}_alias").fill_null(False),
            pl.col(f"{id_col}_ambiguous").fill_null(False),
        )
    )


def _with_team(frame: pl.DataFrame, reference: Reference, raw: str = "team_raw", prefix: str = "") -> pl.DataFrame:
    id_col, key_col = f"{prefix}team_id", f"_{prefix}team_key"
    names = _names(reference, ("team",), id_col, key_col)
    teams = reference.teams.select("season", pl.col("team_id").alias(id_col), pl.col("team").alias(f"{prefix}team"))
    if key_col not in frame.columns:
        frame = _with_folded(frame, raw, key_col)
    return (
        frame.join(names, on=["season", key_col], how="left")
        .join(teams, on=["season", id_col], how="left")
        .with_columns(pl.col(f"{id_col}_alias").fill_null(False), pl.col(f"{id_col}_ambiguous").fill_null(False))
    )


def _with_subjects(claims: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Claims with the driver (and rival driver) or, for a claim about a team, the team (and rival
    team) they name; the reader already found each name's key."""
    about_team = pl.col("about") == "team"
    split = claims.with_columns(
        pl.when(about_team).then(pl.col("driver_raw")).alias("team_raw"),
        pl.when(about_team).then(pl.col("driver_key")).alias("_team_key"),
        pl.when(about_team).then(pl.col("rival_key")).alias("_rival_team_key"),
        pl.when(~about_team).then(pl.col("driver_raw")).alias("driver_raw"),
        pl.when(~about_team).then(pl.col("driver_key")).alias("_driver_key"),
        pl.when(~about_team).then(pl.col("rival_key")).alias("_rival_driver_key"),
    ).drop("driver_key", "rival_key")
    split = _with_driver(_with_driver(split, reference, "driver_raw"), reference, "rival_raw", prefix="rival_")
    return _with_team(_with_team(split, reference), reference, "rival_raw", prefix="rival_")


def _with_race(claims: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Claims with the race a place in a race names ("fifth in Austin"): its round in the article's
    season and its name in the calendar (null when it names none, or none of that season)."""
    keys = reference.events.rename({"key": "_race_key"})
    names = reference.calendar.select("season", "round", pl.col("grand_prix_name").alias("race"))
    return (
        _with_folded(claims, "race_raw", "_race_key")
        .join(keys, on=["season", "_race_key"], how="left")
        .join(names, on=["season", "round"], how="left")
        .drop("_race_key")
    )


HEADING_YEAR = pl.col("event").str.extract(r"^([0-9]{4})\s", 1)  # the year a results heading gives ("2022 Belgian Grand Prix")


def _with_round(results: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Results rows with the round their heading's race (or circuit) is in the article's season. A
    heading giving the year ("2023 Belgian Grand Prix") names a race of the article's season only in
    that season's year: another year's names none."""
    events = reference.events
    by_event = events.rename({"key": "_event_key", "round": "_round_event"})
    by_circuit = events.rename({"key": "_circuit_key", "round": "_round_circuit"})
    year = HEADING_YEAR
    this_year = pl.when(year == pl.col("season").cast(pl.String)).then(pl.col("event").str.replace(r"^[0-9]{4}\s+", "")).otherwise(pl.col("event"))
    other_year = (year != pl.col("season").cast(pl.String)).fill_null(False)  # "2022 Belgian Grand Prix - Spa-Francorchamps": not even by its circuit
    results = results.with_columns(this_year.alias("_event"), other_year.alias("_other_year"))
    return (
        _with_folded(_with_folded(results, "_event", "_event_key"), "circuit", "_circuit_key")
        .join(by_event, on=["season", "_event_key"], how="left")
        .join(by_circuit, on=["season", "_circuit_key"], how="left")
        .with_columns(
            pl.when(~pl.col("_other_year")).then(pl.coalesce("_round_event", "_round_circuit")).alias("round"),
            # the round the heading's circuit hosts, when it names a race too: the two agree (ref.event_circuit)
            pl.when(~pl.col("_other_year") & pl.col("_round_event").is_not_null()).then(pl.col("_round_circuit")).alias("circuit_round"),
        )
        .drop("_event", "_event_key", "_circuit_key", "_round_event", "_round_circuit", "_other_year")
    )


def _with_distance(results: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Results rows whose table's winner gives other laps than the calendar's distance of its race,
    which more of the table's other rows give than give his (parse.results.outvoted_by): the lead lap
    ran the calendar's laps (`lead_laps`), and the rows' laps are read from it (with_lead_laps); the
    winner's row keeps its own, an error (results.winner_laps). A sprint's table: the calendar gives
    no sprint's distance."""
    calendar = reference.calendar.select("season", "round", pl.col("laps").alias("_calendar_laps"))
    frame = results.join(calendar, on=["season", "round"], how="left", maintain_order="left")
    distance = pl.when(pl.col("session") == "race").then(pl.col("_calendar_laps"))
    frame = frame.with_columns(outvoted_by(distance).alias("_outvoted"))
    if frame["_outvoted"].any():
        frame = with_lead_laps(frame.with_columns(pl.when(pl.col("_outvoted")).then(distance).otherwise(pl.col("lead_laps")).alias("lead_laps")))
    return frame.drop("_calendar_laps", "_outvoted")


def with_heading_round(frame: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Standings rows (or headings) whose heading names a race instead of a round ("after the
    Belgian Grand Prix", `after_race`) get that race's round in the article's season as
    `after_round`: null when it is no race of the calendar, or more than one."""
    named = _with_folded(frame.select("season", "after_race").drop_nulls().unique(), "after_race", "_race_key")
    rounds = (
        named.join(reference.events.rename({"key": "_race_key"}), on=["season", "_race_key"], how="inner")
        .group_by("season", "after_race")
        .agg(pl.when(pl.col("round").n_unique() == 1).then(pl.col("round").first()).alias("_race_round"))
    )
    return frame.join(rounds, on=["season", "after_race"], how="left", maintain_order="left").with_columns(
        pl.coalesce("after_round", "_race_round").alias("after_round")
    ).drop("_race_round")


def _with_nationality(results: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Resolve each bracket code in the convention the article itself mostly uses. Where conventions
    tie (NL, GB and ES are each both a vehicle and an ISO code), a code is read in the one giving the
    row's driver his nationality, if one does (ES: Spain, not El Salvador), else by CODE_CONVENTIONS."""
    codes = reference.country_codes
    priority = {c: i for i, c in enumerate(CODE_CONVENTIONS)}
    written = results.select("article_id", "line", pl.col("nationality_code").str.to_uppercase().alias("code"), *_driver_of(results))
    candidates = written.join(codes, on="code", how="inner")
    if "driver_id" in written.columns:
        nationality = reference.drivers.select("season", "driver_id", pl.col("nationality_iso3").alias("_driver_iso3"))
        candidates = candidates.join(nationality, on=["season", "driver_id"], how="left", maintain_order="left")
        candidates = candidates.with_columns((pl.col("iso3") == pl.col("_driver_iso3")).fill_null(False).alias("_fits"))
    else:
        candidates = candidates.with_columns(pl.lit(False).alias("_fits"))
    usage = (
        candidates.group_by("article_id", "convention")
        .agg(pl.col("code").n_unique().alias("_used"))
        .with_columns(pl.col("convention").replace_strict(priority, return_dtype=pl.Int64).alias("_prio"))
    )
    ranked = candidates.join(usage, on=["article_id", "convention"], how="left").sort(
        "article_id", "line", pl.col("_used"), pl.col("_fits"), pl.col("_prio"), descending=[False, False, True, True, False]
    )
    best = ranked.filter(~same_group_as(["article_id", "line"], 1)).select(
        "article_id",
        "line",
        pl.col("convention").alias("nationality_convention"),
        pl.col("iso3").alias("nationality_iso3"),
        pl.col("country").alias("nationality"),
    )
    return results.join(best, on=["article_id", "line"], how="left")


def _driver_of(rows: pl.DataFrame) -> list[str]:
    """The columns naming a row's driver in its season, where the rows have them."""
    return ["season", "driver_id"] if {"season", "driver_id"} <= set(rows.columns) else []


def _with_bracket(drivers: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """What a drivers' standings row gives in brackets after the name, resolved: a nationality code,
    or a team. A bracket short enough to be a code (parse.standings) that is no country's but a
    team's name ("RBR") is the team. Resolved on the rows with a bracket only (few: most tables give
    none), then joined once."""
    keys = ["article_id", "line"]
    given = drivers.filter(pl.col("team_raw").is_not_null() | pl.col("nationality_code").is_not_null())
    given = _with_nationality(given.select(*keys, "season", "season_known", "team_raw", "nationality_code", "driver_id"), reference)
    code, maybe_team = pl.col("nationality_code"), pl.col("_maybe_team")
    given = given.with_columns(  # a row giving a team besides gives no team as its code
        (code.is_not_null() & pl.col("nationality_iso3").is_null() & pl.col("team_raw").is_null()).alias("_maybe_team")
    )
    given = _with_team(given.with_columns(pl.when(maybe_team).then(code).otherwise(pl.col("team_raw")).alias("team_raw")), reference)
    # in a season with no reference data no team is known: a bracket that is no country's code may be one
    is_team = maybe_team & (pl.col("team_id").is_not_null() | ~pl.col("season_known"))
    given = given.with_columns(
        pl.when(is_team).then(None).otherwise(code).alias("nationality_code"),
        pl.when(maybe_team & ~is_team).then(None).otherwise(pl.col("team_raw")).alias("team_raw"),
    ).drop("season", "season_known", "_team_key", "_maybe_team", "driver_id")
    return drivers.drop("team_raw", "nationality_code").join(given, on=keys, how="left", maintain_order="left").with_columns(
        pl.col("team_id_alias").fill_null(False), pl.col("team_id_ambiguous").fill_null(False)
    )


def _with_power_unit(teams: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """The power unit a constructors' row gives ("Red Bull Racing (Honda RBPT)"), resolved among the
    season's spellings: `power_unit`, null when the row gives none or none the season knows. Looked
    up only when some row gives one (most tables give none)."""
    if teams["power_unit_raw"].null_count() == teams.height:
        return teams.with_columns(pl.lit(None, dtype=pl.String).alias("power_unit"))
    keys = reference.power_units.rename({"key": "_power_unit_key"})
    return _with_folded(teams, "power_unit_raw", "_power_unit_key").join(keys, on=["season", "_power_unit_key"], how="left", maintain_order="left").drop("_power_unit_key")


RACE_KINDS = ["finish", "time_gap", "laps"]  # claims of a race: a place, a time at the flag, laps


def _with_race_of(claims: pl.DataFrame, results: pl.DataFrame, articles: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """`round_of` and `race_of`: the race (or sprint: `session`) a claim of a race that names none is of,
    as the checks take it: the article's first results table of that session (its round, null for an
    unknown race), else the latest run by the article's date, unless one was run that very day (the
    article may be of the one before: null)."""
    session = pl.coalesce("session", pl.lit("race"))
    tables = first_tables(results).group_by("article_id", "session").agg(pl.col("round").first().alias("_table_round"), pl.lit(True).alias("_has_table"))
    sprints = reference.calendar.filter(pl.col("has_sprint")).select("season", pl.col("round").alias("_sprint_round"), "sprint_date")
    last_sprint = (
        articles.select("article_id", "season", "published")
        .join(sprints, on="season", how="inner")
        .filter(pl.col("sprint_date") <= pl.col("published"))
        .group_by("article_id")
        .agg(pl.col("_sprint_round").sort_by("sprint_date").last(), (pl.col("sprint_date").max() == pl.col("published").first()).alias("_sprint_day"))
    )
    by_date = pl.when(session == "sprint").then(pl.when(~pl.col("_sprint_day")).then(pl.col("_sprint_round"))).otherwise(
        pl.when((pl.col("rounds_by") == pl.col("rounds_before")) & (pl.col("rounds_by") >= 1)).then(pl.col("rounds_by"))
    )
    unnamed = pl.col("kind").is_in(RACE_KINDS) & pl.col("race_raw").is_null()
    names = reference.calendar.select("season", pl.col("round").alias("round_of"), pl.col("grand_prix_name").alias("race_of"))
    return (
        claims.with_columns(session.alias("_session"))
        .join(tables, left_on=["article_id", "_session"], right_on=["article_id", "session"], how="left", maintain_order="left")
        .join(articles.select("article_id", "rounds_by", "rounds_before"), on="article_id", how="left", maintain_order="left")
        .join(last_sprint, on="article_id", how="left", maintain_order="left")
        .with_columns(pl.when(unnamed).then(pl.when(pl.col("_has_table")).then(pl.col("_table_round")).otherwise(by_date)).alias("round_of"))
        .join(names, on=["season", "round_of"], how="left", maintain_order="left")
        .drop("_session", "_table_round", "_has_table", "rounds_by", "rounds_before", "_sprint_round", "_sprint_day")
    )


def resolve(parsed: Parsed, reference: Reference) -> Parsed:
    articles = article_seasons(parsed.articles, reference)
    context = articles.select("article_id", "season", "published", "season_known")
    results = parsed.race_results.join(context, on="article_id", how="left")
    results = _with_nationality(_with_team(_with_driver(_with_distance(_with_round(results, reference), reference), reference, "driver_raw"), reference), reference)
    drivers = _with_driver(with_heading_round(parsed.driver_standings.join(context, on="article_id", how="left"), reference), reference, "driver_raw")
    drivers = _with_bracket(drivers, reference)
    teams = _with_team(with_heading_round(parsed.constructor_standings.join(context, on="article_id", how="left"), reference), reference)
    teams = _with_power_unit(teams, reference)
    claims = _with_race(_with_subjects(parsed.claims.join(context, on="article_id", how="left"), reference), reference)
    claims = _with_race_of(claims, results, articles, reference)
    mentions = parsed.series_mentions.join(context, on="article_id", how="left").rename({"subject_key": "_subject_driver_key"})
    mentions = _with_driver(mentions, reference, "subject_key", prefix="subject_")
    return Parsed(
        articles=articles,
        lines=parsed.lines,
        race_results=results,
        driver_standings=drivers,
        constructor_standings=teams,
        claims=claims,
        series_mentions=mentions,
        statements=parsed.statements,
    )
