"""pandera models of the warehouse tables: the published contract.

Column order, dtypes, nullability, allowed values and ranges are declared here once; the
warehouse writer validates every table against its model before anything is published, and the
data dictionary is generated from the descriptions below.
"""

from __future__ import annotations

import datetime

import pandera.polars as pa
import polars as pl

from parcferme.parse.results import SESSIONS

SEVERITY_VALUES = ["error", "warning", "info"]
RESULT_STATUSES = ["classified", "retired", "did_not_start", "disqualified"]
ARTICLE_STATUSES = ["parsed", "empty", "binary", "undated", "unread"]
CLAIM_KINDS = ["points", "margin", "gap", "combined", "lead", "within", "position", "finish", "time_gap", "laps"]
CLAIM_SUBJECTS = ["driver", "team", "race"]
TABLE_NAMES = ["articles", "lines", "race_results", "driver_standings", "constructor_standings", "claims", "series_mentions"]


def _f(description: str, **kwargs) -> object:
    return pa.Field(description=description, **kwargs)


def _opt(description: str, **kwargs) -> object:
    return pa.Field(description=description, nullable=True, **kwargs)


class _Traced(pa.DataFrameModel):
    article_id: str = _f("Raw file name without extension: the article the row comes from.")
    line: pl.Int64 = _f("1-based line number in the raw file.", ge=1)


class _Flagged(pa.DataFrameModel):
    worst_severity: str = _opt("Worst severity among the issues on this row (null: no issue).", isin=SEVERITY_VALUES)
    has_error: bool = _f("True when an error-severity issue is on this row: do not trust the row.")
    has_warning: bool = _f("True when a warning-severity issue is on this row: very likely wrong.")
    issue_checks: str = _opt("Ids of the checks that flagged this row, sorted, separated by a comma and a space (\", \").")


class _StandingsContext(pa.DataFrameModel):
    after_round: pl.Int64 = _opt("Grands Prix run when the standings were taken (heading: after N of M, after round N, after N rounds, or the round of the race it names).", ge=0)
    rounds_total: pl.Int64 = _opt("Grands Prix in the season, as the heading says (null when it does not).", ge=0)
    sprints_done: pl.Int64 = _opt("Sprints run, as the heading says (incl. S of T sprints).", ge=0)
    sprints_total: pl.Int64 = _opt("Sprints in the season, as the heading says.", ge=0)


class Articles(pa.DataFrameModel):
    """One row per raw article file."""

    article_id: str = _f("Raw file name without extension.", unique=True)
    line: pl.Int64 = _opt("Line of the `date` header (null when there is none).", ge=1)
    source_file: str = _f("Raw file name, relative to the raw folder.")
    sha256: str = _opt("SHA-256 of the raw bytes: a changed file gets a new hash (null when unread).", str_length={"min_value": 64, "max_value": 64})
    published: datetime.date = _opt("Publication date from the `date YYYY-MM-DD` header.")
    season: pl.Int64 = _opt("Championship season the article belongs to.")
    status: str = _f("How reading went: parsed, empty, binary, undated or unread.", isin=ARTICLE_STATUSES)
    encoding: str = _f("Encoding the file was read with (utf-8, utf-8-sig, windows-1252 for text that is not UTF-8, latin-1 included; binary or unread when not read).")
    size_bytes: pl.Int64 = _opt("Size of the raw file in bytes.", ge=0)
    read_error: str = _opt("Why the file could not be read as an article (null when read).")
    n_lines: pl.Int64 = _f("Number of lines in the file.", ge=0)
    n_errors: pl.Int64 = _f("Issues of severity error in this article.", ge=0)
    n_warnings: pl.Int64 = _f("Issues of severity warning in this article.", ge=0)
    n_infos: pl.Int64 = _f("Issues of severity info in this article.", ge=0)
    has_error: bool = _f("True when the article has at least one error.")
    has_warning: bool = _f("True when the article has at least one warning.")

    class Config:
        strict = True


class RaceResults(_Traced, _Flagged):
    """One row per line of a race results table: classified, Out, Disqualified and Did not start sections."""

    season: pl.Int64 = _opt("Season of the article.")
    round: pl.Int64 = _opt("Round of the race in the season's calendar (null when the heading names no known race).", ge=1)
    event: str = _opt("Event as written in the heading (e.g. USA GP).")
    circuit: str = _opt("Circuit as written in the heading.")
    session: str = _opt("race, or sprint when the heading says the table is a sprint's (\"Belgian GP sprint, Spa-Francorchamps\"); null when no heading.", isin=list(SESSIONS))
    position: pl.Int64 = _opt("Finishing position; null unless classified.")
    position_raw: str = _opt("Position as written (01, 1., 09th, P1...); also the number of a numbered row that gives DNF, Ret or DSQ for its time, which is no place (`position` null).")
    status: str = _f("classified, retired, did_not_start or disqualified.", isin=RESULT_STATUSES)
    driver: str = _opt("Canonical driver name (null when unknown).")
    driver_id: str = _opt("Stable driver id (f1db style, e.g. sergio-perez).")
    driver_raw: str = _f("Driver name as written.")
    nationality_code: str = _opt("Nationality code as written in brackets (null when the row gives none).")
    nationality_convention: str = _opt("Convention the code was read in: vehicle, ioc, iso3, iso2 or home_nation (ENG, SCO, WAL, NIR: a part of the United Kingdom, as FIFA writes them).")
    nationality: str = _opt("Country the code stands for.")
    team: str = _opt("Canonical team name (null when unknown).")
    team_id: str = _opt("Stable team id (e.g. red-bull).")
    team_raw: str = _f("Team as written.")
    car_number_raw: str = _opt("The car's number as the row gives it, in a table of cells whose header names that column (No, #); null when it gives none.")
    car_number: pl.Int64 = _opt("That number read (null when the row gives none, or it is no number).", ge=0)
    laps_raw: str = _opt("The laps as the row gives them, in a table of cells whose header names that column (Laps); null when it gives none (the winner's laps with his race time are in `laps`).")
    laps: pl.Int64 = _opt("Laps completed: the lead lap's count (the winner's row's, or the calendar's distance where more of the table's other rows give it than give his: results.winner_laps), less laps behind; on a row giving its own laps with its race time, the winner's too, those (more than the lead lap's are an error, results.laps_beyond_winner); null when not classified.", ge=0)
    time_ms: pl.Int64 = _opt("Race time in milliseconds, on the rows that give one: the winner's (a later row gives a gap, or its own race time).", ge=0)
    gap_ms: pl.Int64 = _opt("Gap to the winner in milliseconds (0 for the winner; on a row giving its own race time on the lead lap, that time less the winner's; null when lapped, when the row gives more laps than the winner, or not classified).", ge=0)
    laps_behind: pl.Int64 = _opt("Laps behind the winner (0 on the lead lap; on a row giving its own laps with its race time, the winner's less those; null when not classified, or the row gives more laps than the winner).", ge=0)
    reason: str = _opt("Reason given in the Out or Did not start section, or after the DNF or Ret of a numbered row (\"16. ..., DNF (gearbox)\").")
    points: pl.Float64 = _opt("Points the row says the result scored (\"..., 56 laps in 1:35:21.362 hrs, 25 pts\"; a row out of the race, disqualified or not started too, \"..., undertray, 2 pts\", though it scores none); a dash in a Pts cell, \"–\", says none: 0; null when it gives none.", ge=0)

    class Config:
        strict = True


class DriverStandings(_Traced, _StandingsContext, _Flagged):
    """One row per line of a drivers' standings table (duplicates included, flagged)."""

    season: pl.Int64 = _opt("Season of the article.")
    published: datetime.date = _opt("Publication date of the article.")
    rank: pl.Int64 = _f("Rank, the row's number read (`position_raw` is as written).")
    position_raw: str = _f("Rank as written (01., 07, 21st...).")
    driver: str = _opt("Canonical driver name (null when unknown).")
    driver_id: str = _opt("Stable driver id.")
    driver_raw: str = _f("Driver as written (usually the surname).")
    team: str = _opt("Canonical name of the team the row gives in brackets after the driver (null when it gives none, or an unknown one).")
    team_id: str = _opt("Stable id of that team.")
    team_raw: str = _opt("Team as written in brackets after the driver (\"01. Verstappen (Red Bull) 466\"); null when the row gives none.")
    nationality_code: str = _opt("Nationality code as written in brackets after the driver (\"01. Verstappen (NED) 466\"); null when the row gives none.")
    nationality_convention: str = _opt("Convention the code was read in: vehicle, ioc, iso3, iso2 or home_nation (ENG, SCO, WAL, NIR: a part of the United Kingdom, as FIFA writes them).")
    nationality: str = _opt("Country the code stands for.")
    points: pl.Float64 = _f("Championship points (half points possible).")

    class Config:
        strict = True


class ConstructorStandings(_Traced, _StandingsContext, _Flagged):
    """One row per line of a constructors' standings table."""

    season: pl.Int64 = _opt("Season of the article.")
    published: datetime.date = _opt("Publication date of the article.")
    rank: pl.Int64 = _f("Rank, the row's number read (`position_raw` is as written).")
    position_raw: str = _f("Rank as written.")
    team: str = _opt("Canonical team name (null when unknown).")
    team_id: str = _opt("Stable team id.")
    team_raw: str = _f("Team as written.")
    power_unit: str = _opt("Canonical name of the power unit the row gives after the team (null when it gives none, or an unknown one).")
    power_unit_raw: str = _opt("Power unit as written after the team, in brackets or between commas (\"1. Red Bull Racing (Honda RBPT) 706\"); null when the row gives none.")
    points: pl.Float64 = _f("Championship points.")

    class Config:
        strict = True


class Claims(_Traced, _Flagged):
    """One row per numeric or positional claim about the championship in the prose."""

    claim_no: pl.Int64 = _f(
        "The claim's number on its line, in reading order (1, 2...): a line of prose is a paragraph, often of several claims. "
        "With article_id and line, the claim's key, which validation_issues.claim_no names.", ge=1,
    )
    season: pl.Int64 = _opt("Season of the article.")
    published: datetime.date = _opt("Publication date of the article.")
    kind: str = _f("points (has N points), margin (N points clear of rival), gap (N points between the two, who leads not said), combined (the two have N points between them), lead (N points clear of whoever is next, no rival named), within (at most N points from the rival, or from the leader when none is named), position (place in the championship), finish (a driver's place in the race the article reports, or in its sprint: see session), time_gap (the time between two drivers at the flag: see gap_ms) or laps (the race's distance, or a driver's laps at the flag: see laps).", isin=CLAIM_KINDS)
    about: str = _f("driver (a claim about a driver: the drivers' championship, or his race), team (the constructors') or race (the race itself: kind laps, its distance).", isin=CLAIM_SUBJECTS)
    driver: str = _opt("Canonical name of the driver the claim is about (about driver).")
    driver_id: str = _opt("Stable driver id.")
    driver_raw: str = _opt(
        "The driver as written: a name, 'he', a description ('The Mexican', 'Red Bull driver': the one driver named before it that it fits), "
        "'the winner' (kind time_gap: the driver whose win the article told before), or empty when taken from the sentences before; null about a team."
    )
    team: str = _opt("Canonical name of the team the claim is about (about team).")
    team_id: str = _opt("Stable team id.")
    team_raw: str = _opt("The team as written; null about a driver.")
    points: pl.Float64 = _opt("Points claimed (kind points), or of the driver (team) and the rival added up (kind combined).")
    rival: str = _opt(
        "Canonical name of the rival driver, or team about a team (kind margin or gap); the other of the two (kind combined); the one a bound is of "
        "(kind within: null for the leader); the driver behind (kind time_gap: null for a win's margin, over the one classified right behind the winner)."
    )
    rival_id: str = _opt("Stable id of the rival.")
    rival_raw: str = _opt("Rival as written.")
    margin: pl.Float64 = _opt("Points margin claimed over the rival (kind margin), between the two (kind gap: never negative), over whoever is next in the standings (kind lead), or the most points the two are apart (kind within).")
    gap_ms: pl.Int64 = _opt(
        "Time claimed between the driver and the rival at the flag, in milliseconds, the driver ahead (kind time_gap: 'won by 22.305 seconds from Perez', "
        "'Norris finished 10.730s behind Verstappen': Verstappen over Norris); as precise as the text writes it (22.3 seconds: 22300).", ge=0,
    )
    laps: pl.Int64 = _opt(
        "Laps claimed (kind laps): the race's distance (about race: 'the 71-lap race'), or the laps a driver had covered at the flag "
        "(about driver: 'Pérez finished fifth after 56 laps').", ge=1,
    )
    position: pl.Int64 = _opt("Championship place claimed (kind position), or place in the race (kind finish: 1 for a win).", ge=1)
    series: str = _opt("Racing series named with a position claim (e.g. F1, WRC).")
    race: str = _opt(
        "The race a place, a time or laps in a race (kind finish, time_gap, laps) are of, by its name in the season's calendar: the race named ('fifth in Austin': "
        "United States Grand Prix; race_raw gives it as written), else the race of the article's first results table of that session, else the latest run by "
        "the article's date. Null for the other kinds; when what is named is no race of the article's season; when the article's table is of no known race; "
        "or when none is named and one was run on the article's day (the article may be of the one before).",
    )
    race_raw: str = _opt("The race as written ('Austin', 'Mexican Grand Prix'); null when the sentence names none.")
    round: pl.Int64 = _opt("Round of that race (race) in the season.", ge=1)
    session: str = _opt(
        "What a place, a time or laps in a race (kind finish, time_gap, laps) are of: race, or sprint when the words say so ('second in the sprint', 'won the sprint'); "
        "null for the other kinds.", isin=list(SESSIONS)
    )
    text: str = _f("The sentence the claim was read from.")

    class Config:
        strict = True


class SeriesMentions(_Traced, _Flagged):
    """One row per mention of a racing series in the prose."""

    season: pl.Int64 = _opt("Season of the article.")
    published: datetime.date = _opt("Publication date of the article.")
    series: str = _f("Series id (F1, WRC, MotoGP, IndyCar, WEC, FormulaE...).")
    series_raw: str = _f("The series as written.")
    driver: str = _opt("Driver the sentence is about (named in it, or the last one named before).")
    driver_id: str = _opt("Stable id of that driver.")
    has_role: bool = _f("The clause of the mention (the sentence between the punctuation around it) speaks of a championship role (runner-up, champion, standings, points): \"the current WRC runner-up\" does, \"in the 2024 F1 season\" does not.")
    is_past: bool = _f("The clause of the mention speaks of the past (former, won, twice...).")
    text: str = _f("The sentence.")

    class Config:
        strict = True


class ValidationIssues(pa.DataFrameModel):
    """One row per problem found: source errors, warnings and normalised oddities."""

    article_id: str = _f("Article the issue is in.")
    line: pl.Int64 = _opt("Line the issue is on (null when it concerns the whole article).", ge=1)
    claim_no: pl.Int64 = _opt(
        "Of an issue on a claim (table claims), which claim of the line (claims.claim_no); null when the issue is on the whole line "
        "(a figure no claim reads: it is on each claim of the line), or on a row of another table.", ge=1,
    )
    check: str = _f("Id of the check (see the check registry).")
    severity: str = _f("error: contradicts itself or the reference; warning: very likely wrong; info: oddity normalised.", isin=SEVERITY_VALUES)
    table: str = _f("Warehouse table of the flagged row; `lines` for a line that is in no table (a row under no heading, an unreadable row, a later date header, a heading with no rows): its text is `raw_text`.", isin=TABLE_NAMES)
    message: str = _f("What is wrong, in a sentence; invisible characters in what it quotes are shown as <U+XXXX>.")
    observed: str = _opt("The value found: as written, or with what it was read as (\"RCH = Chile\").")
    expected: str = _opt("The value the other evidence calls for.")
    raw_text: str = _opt("The raw line the issue is on.")

    class Config:
        strict = True


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "articles": Articles,
    "race_results": RaceResults,
    "driver_standings": DriverStandings,
    "constructor_standings": ConstructorStandings,
    "claims": Claims,
    "series_mentions": SeriesMentions,
    "validation_issues": ValidationIssues,
}


def _columns(model: type[pa.DataFrameModel]) -> list[str]:
    """Published column order: article_id and line first, standings context and row flags last."""
    cols = list(model.to_schema().columns)
    head = [c for c in ("article_id", "line") if c in cols]
    shared = list(_StandingsContext.to_schema().columns) + list(_Flagged.to_schema().columns)
    tail = [c for c in shared if c in cols]
    return head + [c for c in cols if c not in head and c not in tail] + tail


MART_COLUMNS: dict[str, list[str]] = {name: _columns(model) for name, model in MODELS.items()}


def validate_marts(marts: dict[str, pl.DataFrame]) -> None:
    """Raise pandera's SchemaErrors if a table breaks its contract (a parcferme bug, never a source error)."""
    for name, model in MODELS.items():
        model.validate(marts[name], lazy=True)
