"""Load the reference files into polars frames and lookup indexes.

Everything season-specific lives in `data/seasons/<year>/`; nothing here names a driver or team.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import polars as pl

from parcferme.text import fold

DATA_DIR = Path(str(resources.files("parcferme.reference") / "data"))

CODE_CONVENTIONS = ("vehicle", "ioc", "iso3", "iso2", "home_nation")


@dataclass(frozen=True)
class PointsSystem:
    race: tuple[int, ...]
    sprint: tuple[int, ...]
    fastest_lap: int
    cars_per_team: int
    fastest_lap_max_position: int = 10  # the fastest lap scores only for a driver classified this high

    def race_points(self, position: int) -> int:
        return self.race[position - 1] if 1 <= position <= len(self.race) else 0

    @property
    def driver_per_race(self) -> int:
        return self.race[0] + self.fastest_lap

    @property
    def driver_per_sprint(self) -> int:
        return self.sprint[0] if self.sprint else 0

    @property
    def team_per_race(self) -> int:
        return sum(self.race[: self.cars_per_team]) + self.fastest_lap

    @property
    def team_per_sprint(self) -> int:
        return sum(self.sprint[: self.cars_per_team])


@dataclass(frozen=True)
class Reference:
    drivers: pl.DataFrame
    teams: pl.DataFrame
    roster: pl.DataFrame
    calendar: pl.DataFrame
    names: pl.DataFrame
    events: pl.DataFrame
    country_codes: pl.DataFrame
    series: pl.DataFrame
    seasons: pl.DataFrame
    descriptors: pl.DataFrame  # season, key, driver_id: words that describe a driver without naming him ('the Mexican')
    power_units: pl.DataFrame  # season, key, power_unit: the spellings of the season's power units ('honda', 'rbpt')
    points_systems: dict[str, PointsSystem] = field(default_factory=dict)

    @property
    def season_years(self) -> list[int]:
        return self.seasons["season"].to_list()


def _read_csv(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema_length=0)  # all strings; cast explicitly below


def _season_dirs(data_dir: Path) -> list[tuple[int, Path]]:
    root = data_dir / "seasons"
    return sorted((int(p.name), p) for p in root.iterdir() if p.is_dir() and p.name.isdigit())


def _load_points_systems(data_dir: Path) -> dict[str, PointsSystem]:
    raw = json.loads((data_dir / "points_systems.json").read_text(encoding="utf-8"))
    return {
        name: PointsSystem(
            race=tuple(spec["race"]),
            sprint=tuple(spec.get("sprint", ())),
            fastest_lap=int(spec.get("fastest_lap", 0)),
            cars_per_team=int(spec.get("cars_per_team", 2)),
            fastest_lap_max_position=int(spec.get("fastest_lap_max_position", len(spec["race"]))),
        )
        for name, spec in raw.items()
    }


def _concat_seasons(frames: list[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()


def _season_frames(data_dir: Path) -> dict[str, pl.DataFrame]:
    parts: dict[str, list[pl.DataFrame]] = {"drivers": [], "teams": [], "roster": [], "calendar": [], "seasons": []}
    for year, folder in _season_dirs(data_dir):
        season = pl.lit(year, dtype=pl.Int64).alias("season")
        parts["drivers"].append(_read_csv(folder / "drivers.csv").with_columns(season))
        parts["teams"].append(_read_csv(folder / "teams.csv").with_columns(season))
        parts["roster"].append(_read_csv(folder / "driver_team.csv").with_columns(season))
        parts["calendar"].append(_read_csv(folder / "calendar.csv").with_columns(season))
        info = json.loads((folder / "season.json").read_text(encoding="utf-8"))
        parts["seasons"].append(
            pl.DataFrame({"season": [year], "series": [info["series"]], "points_system": [info["points_system"]]})
        )
    return {name: _concat_seasons(frames) for name, frames in parts.items()}


def _drivers(raw: pl.DataFrame) -> pl.DataFrame:
    abbreviation = pl.col("abbreviation") if "abbreviation" in raw.columns else pl.lit(None, dtype=pl.String).alias("abbreviation")
    return raw.select(
        "season",
        "driver_id",
        pl.col("full_name").alias("driver"),
        "last_name",
        pl.col("nationality_code").alias("nationality_iso3"),
        pl.col("car_number").cast(pl.Int64, strict=False),
        abbreviation,
    )


def _teams(raw: pl.DataFrame) -> pl.DataFrame:
    power_unit = pl.col("power_unit") if "power_unit" in raw.columns else pl.lit(None, dtype=pl.String).alias("power_unit")
    return raw.select("season", pl.col("constructor_id").alias("team_id"), pl.col("name").alias("team"), "full_name", "entrant_name", power_unit)


def _roster(raw: pl.DataFrame) -> pl.DataFrame:
    return raw.select(
        "season",
        "driver_id",
        pl.col("constructor_id").alias("team_id"),
        pl.col("first_round").cast(pl.Int64),
        pl.col("last_round").cast(pl.Int64),
    )


def _calendar(raw: pl.DataFrame, seasons: pl.DataFrame, systems: dict[str, PointsSystem]) -> pl.DataFrame:
    # a season without sprint dates: a sprint is run the day before its race, as every one has been
    given = pl.col("sprint_date").str.to_date() if "sprint_date" in raw.columns else pl.lit(None, dtype=pl.Date)
    cal = raw.select(
        "season",
        pl.col("round").cast(pl.Int64),
        "grand_prix_name",
        "circuit",
        pl.col("date").str.to_date(),
        pl.col("laps").cast(pl.Int64),
        (pl.col("has_sprint").str.to_lowercase() == "true").alias("has_sprint"),
        given.alias("sprint_date"),
    ).join(seasons.select("season", "points_system"), on="season", how="left")
    cal = cal.with_columns(pl.when(pl.col("has_sprint")).then(pl.coalesce("sprint_date", pl.col("date") - pl.duration(days=1))).alias("sprint_date"))
    def per_round(col: str, attr_race: str, attr_sprint: str) -> pl.Expr:
        race = pl.col("points_system").replace_strict({k: getattr(v, attr_race) for k, v in systems.items()}, return_dtype=pl.Int64)
        sprint = pl.col("points_system").replace_strict({k: getattr(v, attr_sprint) for k, v in systems.items()}, return_dtype=pl.Int64)
        return (race + pl.when(pl.col("has_sprint")).then(sprint).otherwise(0)).alias(col)
    return (
        cal.with_columns(
            per_round("driver_max", "driver_per_race", "driver_per_sprint"),
            per_round("team_max", "team_per_race", "team_per_sprint"),
        )
        .sort("season", "round")
        .with_columns(
            pl.col("driver_max").cum_sum().over("season").alias("cum_driver_max"),
            pl.col("team_max").cum_sum().over("season").alias("cum_team_max"),
            pl.col("has_sprint").cast(pl.Int64).cum_sum().over("season").alias("cum_sprints"),
        )
        .drop("points_system")
    )


# a driver's name with his abbreviation, as timing screens and the championship's tables give it ("Max
# Verstappen VER"): a name in a table only (the prose's names are kind `driver`)
ABBREVIATED = "driver_abbreviated"


# letters written out where a keyboard or a wire service lacks them ("Huelkenberg" for Hülkenberg)
WRITTEN_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _driver_forms(first: str, surname: str) -> set[str]:
    """The other ways a driver's name is written, each an alias: the surname first, as the FIA's
    documents and Chinese order write it ("VERSTAPPEN Max"), the given name as an initial ("M.
    Verstappen"), and letters with an umlaut written out ("Nico Huelkenberg")."""
    if not first:
        return set()
    forms = {f"{surname} {first}", f"{first[0]}. {surname}"}
    return forms | {form.translate(WRITTEN_OUT) for form in (*forms, f"{first} {surname}", surname)}


def _name_keys(drivers: pl.DataFrame, teams: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    rows: list[tuple[int, str, str, str, bool]] = []
    for season, driver_id, full, last in drivers.select("season", "driver_id", "driver", "last_name").iter_rows():
        surname = last.removesuffix(" Jr.").removesuffix(" Jr")
        first = full.removesuffix(last).strip()
        own = {fold(name) for name in (full, last, surname, f"{first} {surname}".strip())}
        rows.extend((season, "driver", key, driver_id, False) for key in own)
        rows.extend((season, "driver", key, driver_id, True) for key in {fold(form) for form in _driver_forms(first, surname)} - own)
    for season, team_id, name, full, entrant in teams.select("season", "team_id", "team", "full_name", "entrant_name").iter_rows():
        for spelling in {name, full, entrant}:
            rows.append((season, "team", fold(spelling), team_id, False))
    known = {(kind, ident) for _, kind, _, ident, _ in rows}
    seasons = sorted(set(drivers["season"].to_list()))
    for kind, alias, ident in aliases.filter(pl.col("kind").is_in(["driver", "team"])).iter_rows():
        if (kind, ident) not in known:
            raise ValueError(f"aliases.csv: {kind} alias {alias!r} points at unknown id {ident!r}")
        for season in seasons:
            rows.append((season, kind, fold(alias), ident, True))
    rows.extend(_team_with_power_unit_keys(rows, teams, aliases))
    keys = pl.DataFrame(rows, schema=["season", "kind", "key", "id", "is_alias"], orient="row").unique()
    # an alias row only counts for seasons in which that id exists
    exists = pl.concat(
        [
            drivers.select("season", pl.lit("driver").alias("kind"), pl.col("driver_id").alias("id")),
            teams.select("season", pl.lit("team").alias("kind"), pl.col("team_id").alias("id")),
        ]
    )
    keys = keys.join(exists, on=["season", "kind", "id"], how="semi")
    keys = pl.concat([keys, _abbreviated_keys(keys, drivers)])
    # a spelling that is both canonical and an alias of the same id is canonical
    keys = keys.group_by("season", "kind", "key", "id").agg(pl.col("is_alias").all())
    return keys.with_columns((pl.col("id").n_unique().over("season", "kind", "key") > 1).alias("ambiguous")).sort(
        "season", "kind", "key", "id"
    )


def _abbreviated_keys(keys: pl.DataFrame, drivers: pl.DataFrame) -> pl.DataFrame:
    """Each spelling of a driver (his own and his aliases: "Zhou Guanyu ZHO", as the championship's
    tables write him) followed by his abbreviation, and the abbreviation alone ("VER", as timing
    screens write him), kind ABBREVIATED."""
    abbreviations = drivers.select("season", pl.col("driver_id").alias("id"), pl.col("abbreviation").str.to_lowercase()).drop_nulls()
    spelled = keys.filter(pl.col("kind") == "driver").join(abbreviations, on=["season", "id"])
    return pl.concat([
        spelled.select("season", pl.concat_str("key", "abbreviation", separator=" ").alias("key"), "id"),
        abbreviations.select("season", pl.col("abbreviation").alias("key"), "id"),
    ]).select("season", pl.lit(ABBREVIATED).alias("kind"), "key", "id", pl.lit(True).alias("is_alias"))


def _power_unit_spellings(teams: pl.DataFrame, aliases: pl.DataFrame) -> dict[str, set[str]]:
    """Each power unit of teams.csv (`power_unit`) with its spellings: its name, and aliases.csv kind `power_unit`."""
    units = set(teams["power_unit"].drop_nulls().to_list())
    spellings = {unit: {unit} for unit in units}
    for _, alias, unit in aliases.filter(pl.col("kind") == "power_unit").iter_rows():
        if unit not in units:
            raise ValueError(f"aliases.csv: power_unit alias {alias!r} points at unknown power unit {unit!r}")
        spellings[unit].add(alias)
    return spellings


def _power_unit_keys(teams: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    """season, key, power_unit: the folded spellings of each power unit some team of the season had."""
    spellings = _power_unit_spellings(teams, aliases)
    rows = {(season, fold(s), unit) for season, unit in teams.select("season", "power_unit").drop_nulls().unique().iter_rows() for s in spellings[unit]}
    return pl.DataFrame(sorted(rows), schema={"season": pl.Int64, "key": pl.String, "power_unit": pl.String}, orient="row")


def _team_with_power_unit_keys(rows: list[tuple[int, str, str, str, bool]], teams: pl.DataFrame, aliases: pl.DataFrame) -> list[tuple[int, str, str, str, bool]]:
    """A team named with its power unit, as constructors are ("McLaren Mercedes", "Red Bull Racing
    Honda RBPT", "Alpine-Renault"): each of the team's spellings followed by each spelling of the power
    unit it had that season. Only the right power unit makes a key: "McLaren Ferrari" is no team."""
    unit_spellings = _power_unit_spellings(teams, aliases)
    team_spellings: dict[tuple[int, str], set[str]] = {}
    for season, kind, key, ident, _ in rows:
        if kind == "team":
            team_spellings.setdefault((season, ident), set()).add(key)
    keys = []
    for season, team_id, unit in teams.select("season", "team_id", "power_unit").drop_nulls().iter_rows():
        for team_key in team_spellings.get((season, team_id), ()):
            for unit_key in map(fold, unit_spellings[unit]):
                if not team_key.endswith(unit_key):  # "Mercedes" is already named with its power unit
                    keys.append((season, "team", f"{team_key} {unit_key}", team_id, True))
    return keys


def _event_keys(calendar: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    rows: list[tuple[int, str, int]] = []
    alias_map: dict[str, list[str]] = {}
    for _, alias, target in aliases.filter(pl.col("kind") == "event").iter_rows():
        alias_map.setdefault(target, []).append(alias)
    for season, rnd, gp, circuit in calendar.select("season", "round", "grand_prix_name", "circuit").iter_rows():
        spellings = {gp, gp.replace("Grand Prix", "GP"), circuit, *alias_map.get(gp, [])}
        rows.extend((season, fold(s), rnd) for s in spellings)
    return pl.DataFrame(rows, schema=["season", "key", "round"], orient="row").unique().sort("season", "key", "round")


def _country_codes(data_dir: Path) -> pl.DataFrame:
    rows: list[tuple[str, str, str, str]] = []
    with (data_dir / "countries.csv").open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            codes = {
                "vehicle": [rec["vehicle"], *filter(None, rec.get("vehicle_alt", "").split("|"))],
                "ioc": [rec["ioc"]],
                "iso3": [rec["iso3"]],
                "iso2": [rec["iso2"]],
                # a part of the country with a code of its own in sport: ENG, SCO, WAL, NIR (as FIFA writes them)
                "home_nation": rec.get("home_nations", "").split("|"),
            }
            for convention, values in codes.items():
                rows.extend((code.strip().upper(), convention, rec["iso3"], rec["name"]) for code in values if code.strip())
    return pl.DataFrame(rows, schema=["code", "convention", "iso3", "country"], orient="row").unique().sort("code", "convention")


# what follows a team's name to make it a driver's description ("the Red Bull driver")
DRIVER_NOUNS = ("driver", "racer")


def _descriptors(data_dir: Path, drivers: pl.DataFrame, countries: pl.DataFrame, names: pl.DataFrame, roster: pl.DataFrame) -> pl.DataFrame:
    """Per season, the drivers each description fits: a demonym of demonyms.csv by nationality
    ('Mexican', 'Dutchman', 'British'), a team's name and 'driver' by the roster ('Red Bull
    driver'). Columns season, key (folded), driver_id."""
    demonyms = _read_csv(data_dir / "demonyms.csv").with_columns(pl.col("demonyms").str.split("|")).explode("demonyms")
    demonyms = demonyms.select("iso3", pl.col("demonyms").map_elements(fold, return_dtype=pl.String).alias("key"))
    unknown = demonyms.join(countries, on="iso3", how="anti")["iso3"].unique().sort().to_list()
    if unknown:
        raise ValueError(f"demonyms.csv: unknown ISO 3166 alpha-3 codes {unknown}")
    shared = demonyms.filter(pl.col("iso3").n_unique().over("key") > 1)["key"].unique().sort().to_list()
    if shared:
        raise ValueError(f"demonyms.csv: demonyms of more than one country {shared}")
    by_nationality = drivers.select("season", "driver_id", pl.col("nationality_iso3").alias("iso3")).join(demonyms, on="iso3")
    team_keys = names.filter(pl.col("kind") == "team").select("season", "key", pl.col("id").alias("team_id"))
    by_team = (
        roster.join(team_keys, on=["season", "team_id"])
        .join(pl.DataFrame({"noun": DRIVER_NOUNS}), how="cross")
        .with_columns(pl.format("{} {}", "key", "noun").alias("key"))
    )
    return (
        pl.concat([by_nationality.select("season", "key", "driver_id"), by_team.select("season", "key", "driver_id")])
        .unique()
        .sort("season", "key", "driver_id")
    )


def _series(data_dir: Path) -> pl.DataFrame:
    raw = _read_csv(data_dir / "series.csv")
    return raw.with_columns(pl.col("spellings").str.split("|")).explode("spellings").rename({"spellings": "spelling"})


def load_reference(data_dir: Path | str | None = None) -> Reference:
    """Load reference data from `data_dir` (default: the files shipped with parcferme)."""
    if data_dir is None:
        return _default_reference()
    return _load(Path(data_dir))


@lru_cache(maxsize=1)
def _default_reference() -> Reference:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> Reference:
    systems = _load_points_systems(data_dir)
    frames = _season_frames(data_dir)
    aliases = _read_csv(data_dir / "aliases.csv")
    drivers = _drivers(frames["drivers"])
    teams = _teams(frames["teams"])
    missing = set(frames["seasons"]["points_system"].to_list()) - set(systems)
    if missing:
        raise ValueError(f"season.json names unknown points systems: {sorted(missing)}")
    calendar = _calendar(frames["calendar"], frames["seasons"], systems)
    country_codes = _country_codes(data_dir)
    names = _name_keys(drivers, teams, aliases)
    roster = _roster(frames["roster"])
    return Reference(
        drivers=drivers,
        teams=teams,
        roster=roster,
        calendar=calendar,
        names=names,
        events=_event_keys(calendar, aliases),
        country_codes=country_codes,
        series=_series(data_dir),
        seasons=frames["seasons"],
        descriptors=_descriptors(data_dir, drivers, country_codes.filter(pl.col("convention") == "iso3"), names, roster),
        power_units=_power_unit_keys(teams, aliases),
        points_systems=systems,
    )
