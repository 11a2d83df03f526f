#!/usr/bin/env python3
"""Write a synthetic archive of Formula 1 news articles in the style of raw/, for scale tests.

    python scripts/synth_archive.py --n 1000 --out /tmp/archive --seed 7 [--error-rate 0.05]
    PYTHONPATH=. python scripts/synth_archive.py --n 300 --out /tmp/a --verify   # run the core over it

Deterministic: the same --seed, --n and options give byte-identical files. Nothing here imports
parcferme; the 2023 roster and calendar are read from `parcferme/reference/data/seasons/2023/`.

How it works
- Seasons are simulated round by round with the real points system (25-18-15-12-10-8-6-4-2-1, one
  point for a fastest lap in the top ten, sprints 8..1 on sprint rounds), so every results table,
  standings table, constructor sum and prose claim of an article agrees with every other article.
  Season 2023 uses the reference roster and calendar; other years (default 10% of articles, in
  2021 and 2022) reuse the roster on the calendar shifted to that year. parcferme has no reference
  data for those years, so each of their articles gives one `parse.unknown_season` warning and
  nothing else (use `--other-share 0` for an archive with no warning at all).
- An article reports the latest round run by its date: results of that round, standings after it,
  prose about the race (drivers' places, as the results table classifies them; the winner's time
  over the runner-up, and the fight for third told by its loser, "X lost out to Y by 0.7 seconds",
  "emerged as the loser by 53-thousandths of a second against Y", as the table times them) and claims about
  those standings (points, margins, leads with no rival named, bounds ("within N points of"), gaps
  that do not say who leads, two team-mates' points added up, places; the drivers', and in some articles the constructors'; a
  driver named, then described: "the Mexican", or with a relative clause: "X, who has N points"). Kinds: full report, results only, standings only, prose only,
  report with only the drivers' table.
- Format variants are drawn per article: positions 1 / 01 / 1. / 01. / 1st / 01st / 1st.;
  diacritics or not; team short, full, entrant and alias names; driver aliases; nationality codes
  in vehicle, IOC, ISO 3166 alpha-3 or alpha-2, or none at all in the results tables; a drivers'
  standings row with the driver's team or nationality code in brackets or between commas; gaps `+10.730`, `+1:14.385`, `+1:14.385 min`, `+1 lap`,
  `+2 laps`; the winner's `56 laps in 1:35:21.362 hrs` or `56 laps, 1:35:21.362`; the fastest lap
  marked `*` with `* fastest lap` under the table; standings points with no unit, `points`, `Points`, `pts`, `Pts`, `PTS` or `pts.`; Out
  (with "did not start") and Disqualified sections, or those rows placed `DNF`, `Ret`, `NC`, `DNS`,
  `DSQ` or `DQ` in the classified table; standings headings "(after N of M Grand Prix, incl. S of T
  sprints)", "after round N", "after N rounds" or "after the <Grand Prix>", some of them one per table
  ("Drivers' standings after round N"); standings of the top ten
  or top five drivers (and half as many teams); tables written as cells, as Markdown writes them
  (a header, its rule, "| 1 | Max Verstappen | NED | Red Bull | +22.305 |") or between tabs (no
  header); a constructors' table naming each team with its power unit ("McLaren Mercedes",
  "Alpine-Renault") or giving it in brackets ("Red Bull Racing (Honda RBPT)"); a drivers' standings
  row with the code and the team ("1. Max Verstappen (NED), Red Bull, 466"); a classified results
  row with the points it scored ("02 Lando Norris (GB), McLaren, +10.730, 18 pts"); CRLF; no final
  newline; BOM. Season 2021 has a
  race shortened to half points (round 12, as Spa was that year): its halves are written `12.5`,
  `12,5` or `12½`, in the tables and in the prose. No season's points reach 1,000, so no archive
  writes a comma between thousands. The variants added last (alpha-2, the units' capitals and
  abbreviations after `pts`, halves, results without codes, brackets in the standings, and after
  them, for articles without a planted error only, commas in the standings, placed retirements,
  the winner's comma, footnotes, headings, the top few, cells, power units, a row's code with
  its team and a result's points) are drawn from a second stream of each article's own, so an
  archive written before them differs only in the articles that draw one, and in season 2021's
  after its round 12.
- `--error-rate` of the articles (all in season 2023) get one planted error, the kinds in turn
  (EXPECTED_CHECK: 24 kinds, a claim changed among them: a place, a figure of points, a time at the flag or the winner's laps; from a duplicate in the standings to a file saved as latin-1, a date
  that does not exist or a second date line pasted in); `planted.csv` beside the articles lists
  file, line, kind, the check expected to fire there and what was changed. Planted values that
  enter the season timelines (constructor points, a driver's points, claimed points) are *lowered*
  and the article is dated on the last day before the next round, by no more than the next round's
  unused points: the article itself is flagged, but no later article is.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "parcferme" / "reference" / "data"
SEASON_2023 = DATA / "seasons" / "2023"

RACE_POINTS = (25, 18, 15, 12, 10, 8, 6, 4, 2, 1)
SPRINT_POINTS = (8, 7, 6, 5, 4, 3, 2, 1)
FASTEST_LAP_MAX_POSITION = 10
REFERENCE_SEASON = 2023
OTHER_SEASONS = (2021, 2022)
# a race shortened so that half points were given (none in 2023): the year, and its round
HALF_POINTS_ROUNDS = {2021: 12}
LAST_DAY = (12, 20)  # articles of a season run from its first race to 20 December
PLANT_LAST_DAY = (12, 31)  # planted timeline values after the final round: the last day of the year

# parcferme reads a line of 14 words or more as prose even inside a table (parse/lines.py,
# _looks_like_prose runs before the row patterns): rows are kept shorter so a clean archive is clean
PROSE_WORDS = 14

# planted error kinds and the check each one must fire on its line (cross.claim_*: the kind of claim changed)
EXPECTED_CHECK = {
    "standings_duplicate": "standings.duplicate_driver",
    "nationality_code": "ref.nationality",
    "constructor_sum": "cross.constructor_sum",
    "gap_order": "results.gap_order",
    "series_mention": "ref.series_mention",
    "claim_mismatch": "cross.claim_*",
    "unreadable_row": "parse.unreadable_row",
    "misspelt_driver": "parse.unknown_driver",
    "misspelt_team": "parse.unknown_team",
    "teammate_twice": "results.duplicate_driver",
    "position_repeated": "results.position_sequence",
    "wrong_team": "cross.team_roster",
    "unreadable_gap": "parse.unreadable_time",
    "misspelt_event": "parse.unknown_event",
    "unknown_code": "parse.unknown_nationality_code",
    "short_race": "results.race_distance",
    "points_out_of_order": "standings.points_order",
    "rank_repeated": "standings.rank_sequence",
    "wrong_round": "standings.context",
    "team_twice": "standings.duplicate_team",
    "impossible_date": "parse.bad_date",
    "second_date_line": "parse.later_date_header",
    "latin1_file": "parse.encoding",
    "team_claim_mismatch": "cross.claim_*",
}
KINDS = tuple(EXPECTED_CHECK)

TEAM_STRENGTH = {
    "red-bull": 1.00, "mercedes": 0.80, "ferrari": 0.79, "aston-martin": 0.76, "mclaren": 0.72,
    "alpine": 0.62, "williams": 0.50, "alphatauri": 0.48, "alfa-romeo": 0.49, "haas": 0.48,
}
RETIREMENTS = (
    "engine failure", "collision damage", "gearbox failure", "hydraulics", "power unit", "brake failure",
    "accident", "spun off", "damage to underbody", "electrical problem", "puncture", "withdrawn by the team",
    "overheating", "water pressure", "fuel pressure",
)
DNS_REASONS = ("did not start", "did not start (power unit)", "withdrawn before the start", "DNS")
DSQ_REASONS = ("", "", "skid block wear", "fuel irregularity", "technical infringement")
OTHER_HEADING_PREFIX = {"round": "Championship standings", "rounds": "F1 standings", "race": "Standings"}  # Style.heading
OUT_HEADINGS = ("Out", "Out", "Out", "Retired", "Retirements", "DNF", "Did not finish", "Not classified")
DSQ_HEADINGS = ("Disqualified", "Disqualified", "DSQ", "Disqualifications")
DRIVER_HEADINGS = ("Driver", "Driver", "Drivers", "Drivers' standings", "Drivers' championship", "Drivers:")
CONSTRUCTOR_HEADINGS = ("Constructors' Cup", "Constructors' Cup", "Constructors", "Constructors' Championship", "Teams")
ORDINAL_WORDS = (
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "13th", "14th", "15th", "16th", "17th", "18th", "19th", "20th",
    "21st", "22nd", "23rd", "24th",
)
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
# series named in a current-standing phrase (planted): spellings from reference/data/series.csv
OTHER_SERIES = ("MotoGP", "IndyCar", "WRC", "Formula E", "WEC", "NASCAR", "DTM", "Super Formula", "Formula 2")
OTHER_ROLES = ("championship leader", "points leader", "standings leader", "championship runner-up")
# past titles in other series: (driver id, series spelling, year) - legitimate mentions
PAST_TITLES = (
    ("oscar-piastri", "Formula 2", 2021), ("oscar-piastri", "Formula 3", 2020), ("pierre-gasly", "GP2", 2016),
    ("nico-hulkenberg", "GP2", 2009), ("nyck-de-vries", "Formula E", 2021), ("nyck-de-vries", "Formula 2", 2019),
    ("george-russell", "Formula 2", 2018), ("charles-leclerc", "Formula 2", 2017), ("lando-norris", "Formula 3", 2017),
)
WRONG_COUNTRIES = ("ITA", "BRA", "AUT", "BEL", "CHE", "SWE", "POL", "ARG", "IND", "IRL", "PRT", "CHL", "COL", "HUN", "CZE", "ZAF")
SLUG_WORDS = {
    "report": ("wins", "victory", "report", "result", "race-review"),
    "results": ("results", "classification", "race-result"),
    "standings": ("standings", "championship-table", "points-table"),
    "prose": ("title-picture", "analysis", "preview", "talking-points", "column"),
    "report_drivers": ("wins", "review", "race-recap"),
}


# ---------------------------------------------------------------------------------------------
# reference data (read directly: the generator does not depend on parcferme)


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Driver:
    id: str
    full: str
    last: str
    iso3: str
    abbreviation: str = ""  # "VER", as the championship's tables give it after the name
    car: str = ""  # the car's number that season


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    full: str
    entrant: str
    aliases: tuple[str, ...]
    power_unit: tuple[str, ...] = ()  # the power unit the team had, and its other spellings


@dataclass(frozen=True)
class Race:
    round: int
    gp: str
    circuit: str
    date: dt.date
    laps: int
    sprint: bool


class Reference:
    def __init__(self) -> None:
        self.drivers = {
            r["driver_id"]: Driver(r["driver_id"], r["full_name"], r["last_name"], r["nationality_code"], r.get("abbreviation") or "", r.get("car_number") or "")
            for r in _read(SEASON_2023 / "drivers.csv")
        }
        aliases = _read(DATA / "aliases.csv")
        self.driver_aliases: dict[str, list[str]] = {}
        team_aliases: dict[str, list[str]] = {}
        self.event_aliases: dict[str, list[str]] = {}
        unit_aliases: dict[str, list[str]] = {}
        for a in aliases:
            if a["kind"] == "driver":
                self.driver_aliases.setdefault(a["id"], []).append(a["alias"])
            elif a["kind"] == "team":
                team_aliases.setdefault(a["id"], []).append(a["alias"])
            elif a["kind"] == "event":
                self.event_aliases.setdefault(a["id"], []).append(a["alias"])
            elif a["kind"] == "power_unit":
                unit_aliases.setdefault(a["id"], []).append(a["alias"])
        self.teams = {
            r["constructor_id"]: Team(
                r["constructor_id"], r["name"], r["full_name"], r["entrant_name"], tuple(team_aliases.get(r["constructor_id"], ())),
                (r["power_unit"], *unit_aliases.get(r["power_unit"], ())),
            )
            for r in _read(SEASON_2023 / "teams.csv")
        }
        self.roster = [(r["driver_id"], r["constructor_id"], int(r["first_round"]), int(r["last_round"])) for r in _read(SEASON_2023 / "driver_team.csv")]
        self.calendar = [
            Race(int(r["round"]), r["grand_prix_name"], r["circuit"], dt.date.fromisoformat(r["date"]), int(r["laps"]), r["has_sprint"].lower() == "true")
            for r in _read(SEASON_2023 / "calendar.csv")
        ]
        # the demonyms of a nationality no other driver of the roster shares: "the Mexican" can only be him
        demonyms = {r["iso3"]: r["demonyms"].split("|") for r in _read(DATA / "demonyms.csv")}
        shared = {iso3 for iso3 in demonyms if sum(d.iso3 == iso3 for d in self.drivers.values()) > 1}
        self.demonyms = {d.id: demonyms[d.iso3] for d in self.drivers.values() if d.iso3 in demonyms and d.iso3 not in shared}
        self.codes: dict[str, dict[str, list[str]]] = {}
        for r in _read(DATA / "countries.csv"):
            self.codes[r["iso3"]] = {
                "vehicle": [c for c in [r["vehicle"], *r.get("vehicle_alt", "").split("|")] if c],
                "ioc": [r["ioc"]] if r["ioc"] else [],
                "iso3": [r["iso3"]],
                "iso2": [r["iso2"]] if r["iso2"] else [],
            }

    def entrants(self, rnd: int) -> list[tuple[str, str]]:
        return sorted((d, t) for d, t, first, last in self.roster if first <= rnd <= last)

    def calendar_for(self, year: int) -> list[Race]:
        if year == REFERENCE_SEASON:
            return self.calendar
        return [Race(r.round, r.gp, r.circuit, r.date.replace(year=year), r.laps, r.sprint) for r in self.calendar]


# ---------------------------------------------------------------------------------------------
# season simulation


@dataclass
class Result:
    driver: str
    team: str
    status: str  # classified, retired, did_not_start, disqualified
    position: int | None = None
    gap_ms: int | None = None  # to the winner, for time gaps
    laps_behind: int = 0
    reason: str = ""


@dataclass
class RoundResult:
    race: Race
    results: list[Result]
    winner_ms: int
    sprint_order: list[str]
    fastest_lap: str
    sprint: list[Result] = field(default_factory=list)  # the sprint's classification, in sprint_order
    sprint_ms: int = 0  # the sprint winner's time
    sprint_laps: int = 0


@dataclass
class Standing:
    rank: int
    id: str
    points: int | float  # a float only when it holds a half (after a half-points race)


@dataclass
class Season:
    year: int
    calendar: list[Race]
    rounds: list[RoundResult] = field(default_factory=list)
    drivers_after: list[list[Standing]] = field(default_factory=list)  # index r: after round r (0: none)
    teams_after: list[list[Standing]] = field(default_factory=list)
    team_of: dict[str, str] = field(default_factory=dict)

    def rounds_by(self, day: dt.date) -> int:
        return sum(1 for r in self.calendar if r.date <= day)

    def driver_points(self, rnd: int) -> dict[str, int | float]:
        return {s.id: s.points for s in self.drivers_after[rnd]}

    def team_points(self, rnd: int) -> dict[str, int | float]:
        return {s.id: s.points for s in self.teams_after[rnd]}


def _whole(points: int | float) -> int | float:
    """Points as an int when whole: only a half-points race makes a float."""
    return int(points) if points == int(points) else points


def simulate(ref: Reference, year: int, seed: int) -> Season:
    rng = random.Random(f"season:{seed}:{year}")
    season = Season(year, ref.calendar_for(year))
    skill = {d: TEAM_STRENGTH[t] + rng.gauss(0, 0.05) for d, t, _, _ in ref.roster}
    points: dict[str, int | float] = {}
    finishes: dict[str, list[int]] = {}
    team_points = {t: 0 for t in ref.teams}
    season.drivers_after.append([])
    season.teams_after.append([])
    for race in season.calendar:
        entrants = ref.entrants(race.round)
        for d, t in entrants:
            points.setdefault(d, 0)
            finishes.setdefault(d, [])
            season.team_of[d] = t
        order = sorted(entrants, key=lambda e: -(skill[e[0]] + rng.gauss(0, 0.12)))
        n_out = rng.choices((0, 1, 2, 3, 4), weights=(20, 35, 25, 15, 5))[0]
        n_dns = 1 if rng.random() < 0.25 else 0
        n_dsq = rng.choices((0, 1, 2), weights=(85, 10, 5))[0]
        picked = rng.sample(range(len(order)), n_out + n_dns + n_dsq)
        status = {}
        for i, idx in enumerate(picked):
            status[idx] = "retired" if i < n_out else "did_not_start" if i < n_out + n_dns else "disqualified"
        base_lap = rng.uniform(76.0, 108.0)
        winner_ms = int(race.laps * base_lap * rng.uniform(1.0, 1.035) * 1000)
        results: list[Result] = []
        gap_ms = 0
        pos = 0
        for idx, (d, t) in enumerate(order):
            st = status.get(idx, "classified")
            if st == "retired":
                results.append(Result(d, t, st, reason=rng.choice(RETIREMENTS)))
            elif st == "did_not_start":
                results.append(Result(d, t, st, reason=rng.choice(DNS_REASONS)))
            elif st == "disqualified":
                results.append(Result(d, t, st, reason=rng.choice(DSQ_REASONS)))
            else:
                pos += 1
                if pos > 1:  # the field spreads out towards the back: the last cars are often lapped
                    gap_ms += int((rng.uniform(0.3, 9.5) if pos < 12 else rng.uniform(3.0, 40.0)) * 1000)
                laps_behind = min(3, int(gap_ms / (base_lap * 1000)))
                results.append(Result(d, t, st, pos, None if laps_behind else gap_ms, laps_behind))
        classified = [r for r in results if r.status == "classified"]
        fl = rng.choice(classified[: min(12, len(classified))]).driver
        halved = HALF_POINTS_ROUNDS.get(year) == race.round  # half points, and none for the fastest lap
        for r in classified:
            if r.position <= len(RACE_POINTS):
                if halved:
                    gained = RACE_POINTS[r.position - 1] / 2
                else:
                    gained = RACE_POINTS[r.position - 1] + (1 if r.driver == fl and r.position <= FASTEST_LAP_MAX_POSITION else 0)
                points[r.driver] = _whole(points[r.driver] + gained)
                team_points[r.team] = _whole(team_points[r.team] + gained)
            finishes[r.driver].append(r.position)
        sprint_order: list[str] = []
        if race.sprint:
            sprint_order = [d for d, _ in sorted(entrants, key=lambda e: -(skill[e[0]] + rng.gauss(0, 0.15)))]
            for i, d in enumerate(sprint_order[: len(SPRINT_POINTS)]):
                points[d] += SPRINT_POINTS[i]
                team_points[season.team_of[d]] += SPRINT_POINTS[i]
        round_result = RoundResult(race, results, winner_ms, sprint_order, fl)
        if sprint_order:
            _sprint_times(round_result, dict(entrants), random.Random(f"sprint:{seed}:{year}:{race.round}"))
        season.rounds.append(round_result)

        def countback(d: str) -> tuple:
            return (-points[d], *(-finishes[d].count(p) for p in range(1, 21)), d)

        ranked = sorted(points, key=countback)
        season.drivers_after.append([Standing(i + 1, d, points[d]) for i, d in enumerate(ranked)])
        teams = sorted(team_points, key=lambda t: (-team_points[t], t))
        season.teams_after.append([Standing(i + 1, t, team_points[t]) for i, t in enumerate(teams)])
    return season


# ---------------------------------------------------------------------------------------------
# formatting


def _sprint_times(rr: RoundResult, team_of: dict[str, str], rng: random.Random) -> None:
    """The sprint's distance (about a third of the race's), time and gaps, in the order the season's
    points were given by (every car classified, on the lead lap). From a stream of its own, so that
    the seasons' draws, and so the archives made before, stay as they were."""
    rr.sprint_laps = max(1, round(rr.race.laps / 3))
    base_lap = rng.uniform(76.0, 108.0)
    rr.sprint_ms = int(rr.sprint_laps * base_lap * rng.uniform(1.0, 1.02) * 1000)
    gap_ms = 0
    for position, d in enumerate(rr.sprint_order, start=1):
        if position > 1:
            gap_ms += int(rng.uniform(0.2, 3.5) * 1000)
        rr.sprint.append(Result(d, team_of[d], "classified", position, gap_ms))


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


POSITION_STYLES = ("N", "0N", "N.", "0N.", "Nth", "0Nth", "Nth.")


def fmt_position(n: int, style: str) -> str:
    padded = f"{n:02d}" if style.startswith("0") else str(n)
    if "th" in style:
        padded = padded[:-len(str(n))] + ordinal(n) if style.startswith("0") else ordinal(n)
    return padded + ("." if style.endswith(".") else "")


def fmt_clock(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h}:{m:02d}:{s:02d}.{milli:03d}"


def fmt_sprint_clock(ms: int) -> str:
    """A sprint's time, under an hour: "24:58.433"."""
    m, rest = divmod(ms, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{m}:{s:02d}.{milli:03d}"


def fmt_gap(ms: int, minute_suffix: bool) -> str:
    m, rest = divmod(ms, 60_000)
    s, milli = divmod(rest, 1000)
    if m:
        return f"+{m}:{s:02d}.{milli:03d}" + (" min" if minute_suffix else "")
    return f"+{s}.{milli:03d}"


def fmt_seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


HALF_STYLES = (".5", ",5", "½")


def fmt_points(points: int | float, half: str) -> str:
    """Points as an article writes them: a half as ".5", ",5" or "½" (`half`: "12½", and "½" alone)."""
    whole = int(points)
    if points == whole:
        return str(whole)
    if half == "½":
        return f"{whole or ''}½"
    return f"{whole}{half}"


@dataclass
class Style:
    spacing: int  # blank lines between lines: 1 (double spaced) or 0
    crlf: bool
    final_newline: bool
    bom: bool
    header_space: bool
    header_inline: bool  # the first paragraph on the date line
    accents: bool
    convention: str  # vehicle, ioc, iso3 (or iso2: draw_variants)
    results_pos: str
    drivers_pos: str
    teams_pos: str
    team_names: str  # short, full, entrant, mixed
    driver_names: str  # full, alias-mixed
    minute_suffix: str  # always, never, mixed
    points_unit: str  # first, all, none, pts
    standings_full_names: bool
    winner_unit: str
    sprint_words: str
    # drawn apart (draw_variants), so that the draws above, and so the archives made before, stay as they were
    points_word: str = "points"  # the standings' unit: "points" or "Points"
    pts_word: str = "pts"  # and abbreviated: "pts", "Pts", "PTS" or "pts."
    half: str = ".5"  # how a half point is written: HALF_STYLES
    codes: bool = True  # the results tables give each driver's nationality code ("George Russell (GB)")
    standings_bracket: str = ""  # what a drivers' standings row gives in brackets: "", "team" or "code"
    # drawn for articles without planted errors only (a plant edits the lines these write)
    standings_commas: bool = False  # that team or code between commas instead: "1. Max Verstappen, Red Bull, 466"
    unplaced: bool = False  # retirements placed DNF, Ret, NC or DNS (disqualifications DSQ or DQ) in the classified table
    winner_comma: bool = False  # "56 laps, 1:35:21.362" for "56 laps in 1:35:21.362 hrs"
    footnote: bool = False  # the fastest lap's time marked "*", and "* fastest lap" under the table
    heading: str = ""  # the standings heading: "" (after N of M Grand Prix), "round", "rounds" or "race"
    top: int = 0  # standings of the top `top` drivers (and of half as many teams, at least three); 0: whole tables
    split_headings: bool = False  # with another heading: one per table instead ("Drivers' standings after round 12")
    cells: str = ""  # the tables written as cells: "markdown" ("| 1 | Max Verstappen | NED | ... |", under a header) or "tabs" (no header)
    power_units: str = ""  # the constructors' table names each team with its power unit: "name" ("McLaren Mercedes") or "bracket" ("McLaren (Mercedes)")
    both_brackets: bool = False  # a drivers' standings row gives the code and the team: "1. Max Verstappen (NED), Red Bull, 466"
    result_points: bool = False  # a classified results row gives the points it scored: "02 Lando Norris (GB), McLaren, +10.730, 18 pts"
    abbreviations: bool = False  # a results table of cells gives each name with its abbreviation: "| 1 | Max Verstappen VER | NED | ..."
    sprint_table: str = ""  # on a sprint weekend, the sprint's table before the race's, its heading "after" ("Belgian GP sprint, Spa"), "before" ("Sprint: Belgian GP") or "last"


def draw_style(rng: random.Random) -> Style:
    return Style(
        spacing=1 if rng.random() < 0.85 else 0,
        crlf=rng.random() < 0.07,
        final_newline=rng.random() < 0.9,
        bom=rng.random() < 0.02,
        header_space=rng.random() < 0.5,
        header_inline=rng.random() < 0.5,
        accents=rng.random() < 0.6,
        convention=rng.choice(("vehicle", "ioc", "iso3")),
        results_pos=rng.choice(POSITION_STYLES),
        drivers_pos=rng.choice(POSITION_STYLES),
        teams_pos=rng.choice(POSITION_STYLES),
        team_names=rng.choice(("short", "short", "full", "entrant", "mixed")),
        driver_names=rng.choice(("full", "full", "mixed")),
        minute_suffix=rng.choice(("always", "never", "mixed")),
        points_unit=rng.choice(("first", "first", "all", "none", "pts")),
        standings_full_names=rng.random() < 0.1,
        winner_unit=rng.choice(("hrs", "hrs", "hrs", "h", "")),
        sprint_words=rng.choice(("Grand Prix", "Grands Prix", "GPs", "races")),
    )


def draw_variants(style: Style, rng: random.Random, planted: bool = False) -> None:
    """The format variants added after the first archives were written, drawn from an article's second
    stream of its own: an article that draws none of them keeps the bytes it had. The last ones only
    for an article without planted errors, whose plants edit the lines they write."""
    style.points_word = rng.choice(("points", "points", "points", "Points"))
    style.pts_word = rng.choice(("pts", "pts", "Pts", "PTS", "pts."))
    style.half = rng.choice(HALF_STYLES)
    if rng.random() < 0.15:
        style.convention = "iso2"
    style.codes = rng.random() >= 0.05
    style.standings_bracket = rng.choices(("", "team", "code"), weights=(92, 4, 4))[0]
    if planted:
        return
    style.standings_commas = bool(style.standings_bracket) and rng.random() < 0.5
    style.unplaced = rng.random() < 0.04
    style.winner_comma = rng.random() < 0.05
    style.footnote = rng.random() < 0.04
    style.heading = rng.choices(("", "round", "rounds", "race"), weights=(85, 5, 5, 5))[0]
    style.top = rng.choices((0, 10, 5), weights=(92, 5, 3))[0]
    style.split_headings = bool(style.heading) and rng.random() < 0.4
    cells = rng.choices(("", "markdown", "tabs"), weights=(94, 3, 3))[0]
    style.cells = "" if cells == "tabs" and not style.codes else cells  # cells in their order: a code is what tells the name from the team
    style.power_units = rng.choices(("", "name", "bracket"), weights=(92, 4, 4))[0]
    style.both_brackets = style.standings_bracket == "code" and rng.random() < 0.5
    style.result_points = rng.random() < 0.05
    style.sprint_table = rng.choices(("", "after", "before", "last"), weights=(70, 18, 6, 6))[0]
    style.abbreviations = bool(style.cells) and rng.random() < 0.3


class Names:
    """How one article writes names, drawn once per article."""

    def __init__(self, ref: Reference, style: Style, rng: random.Random):
        self.ref, self.style, self.rng = ref, style, rng
        self.alias_for: dict[str, str] = {}
        if style.driver_names == "mixed":
            for d, aliases in ref.driver_aliases.items():
                multi = [a for a in aliases if " " in a and a not in ("Carlos Sainz Junior",)]
                if multi and rng.random() < 0.5:
                    self.alias_for[d] = rng.choice(multi)
        self.team_for: dict[str, str] = {}
        for t, team in ref.teams.items():
            scheme = style.team_names if style.team_names != "mixed" else rng.choice(("short", "full", "entrant", "alias"))
            if scheme == "alias" and team.aliases:
                self.team_for[t] = rng.choice(team.aliases)
            else:
                self.team_for[t] = {"short": team.name, "full": team.full, "entrant": team.entrant}.get(scheme, team.name)

    def _acc(self, text: str) -> str:
        return text if self.style.accents else _ascii(text)

    def full(self, d: str) -> str:
        """A driver's full name in the results and the prose."""
        return self._acc(self.alias_for.get(d, self.ref.drivers[d].full))

    def prose_full(self, d: str) -> str:
        name = self.full(d)
        return name.removesuffix(" Jr.")  # "Carlos Sainz Jr. has" would end a sentence early in prose

    def surname(self, d: str) -> str:
        last = self.ref.drivers[d].last
        if last.endswith(" Jr."):
            last = last if self.rng.random() < 0.3 else last.removesuffix(" Jr.")
        return self._acc(last)

    def prose_surname(self, d: str) -> str:
        return self._acc(self.ref.drivers[d].last.removesuffix(" Jr."))

    def standings_name(self, d: str) -> str:
        return self.full(d) if self.style.standings_full_names else self.surname(d)

    def team(self, t: str) -> str:
        return self.team_for[t]

    def team_short(self, t: str) -> str:
        return self.ref.teams[t].name

    def code(self, iso3: str) -> str:
        codes = self.ref.codes[iso3][self.style.convention] or self.ref.codes[iso3]["iso3"]
        return codes[-1] if len(codes) > 1 and self.rng.random() < 0.5 else codes[0]

    def with_code(self, d: str) -> str:
        """A driver in a results table: "George Russell (GB)", or his name alone when the article's
        tables give no codes (the code is drawn either way, so the draws after it stay as they were)."""
        code = self.code(self.ref.drivers[d].iso3)
        return f"{self.full(d)} ({code})" if self.style.codes else self.full(d)


# ---------------------------------------------------------------------------------------------
# article model


@dataclass
class Line:
    text: str
    tag: str | None = None
    tight: bool = False  # no blank line before it, whatever the article's spacing (a table's rows written as cells)


ONE_POINT = re.compile(r"(?<![0-9.,])1 points\b")  # "Sargeant has 1 point"


def _nudged(old: int, rng: random.Random, lowest: int = 1) -> int:
    """A planted figure: `old` moved by 1 to 12 either way, never below `lowest`."""
    return old + rng.choice([d for d in range(-min(old - lowest, 12), 13) if d != 0])


@dataclass
class Claim:
    """A sentence of prose that makes claims, re-rendered when a planted error changes a value."""

    template: str
    values: dict

    def render(self, half: str = ".5") -> str:
        v = {k: fmt_points(x, half) if isinstance(x, float) else x for k, x in self.values.items()}
        if "rank" in v:
            v["ord"] = rank_words(v["rank"], v.get("ord_style", "word"))
        if "fin" in v:
            v["fin_ord"] = ORDINAL_WORDS[v["fin"]]
        if "gap_ms" in v:  # a time at the flag: "10.730 seconds", or under a second "53-thousandths of a second"
            v["secs"] = fmt_seconds(v["gap_ms"])
            v["time_said"] = f"{v['gap_ms']}-thousandths of a second" if v["gap_ms"] < 1000 else f"{v['secs']} seconds"
        return ONE_POINT.sub("1 point", self.template.format(**v))


TEAM_MARGINS = ("{a} are {tm} points clear of {b}.", "{a} lead {b} by {tm} points.", "{b} trail {a} by {tm} points.")
# a gap does not say who leads: either can be named first
GAPS = (
    "The gap between {a} and {b} is {g} points.", "The gap between {b} and {a} is {g} points.",
    "{b} and {a} are separated by {g} points.", "{g} points separate {a} from {b}.",
    "There are {g} points between {b} and {a}.",
)


# a driver named, then described by a demonym only he fits among the drivers named before ("the Mexican")
DESCRIBED = (
    "{a} was among the fastest in practice. The {dem} has {p} points.",
    "{a} spoke to the press after the race, and the {dem} is {ord} in {c}.",
    "{a} finished in the points again. The {dem} now has {p} points.",
)
# a claim in a relative clause after the name
WHO = ("{a}, who has {p} points, had a quiet afternoon.", "{a}, who is {ord} in {c}, had a quiet afternoon.")
# two drivers' points added up
COMBINED = (
    "{a} and {b} have {s} points between them.", "Between them, {a} and {b} have scored {s} points.",
    "{a} and {b} have a combined {s} points.", "Together, {a} and {b} have {s} points.",
)


# the driver fourth at the flag (b) losing third to a by gap_ms milliseconds
LOST_THIRD = (
    "{b} emerged as the loser by {time_said} against {a} in the fight for the last place on the podium.",
    "{b} lost out to {a} by {time_said} in the fight for third.",
    "{b} lost the battle for third by {time_said} to {a}.",
)


# the driver fifth at the flag (d) behind the winner by gap_ms milliseconds, after a sentence telling the win
BEHIND_THE_WINNER = (
    "{d} finished {secs} seconds behind the winner.",
    "{d} crossed the line {secs} seconds behind race winner {winner}.",
    "{d} was {secs} seconds adrift of {winner} at the chequered flag.",
    "{d} was {fin_ord}, {secs} seconds behind {winner}.",  # a place (value fin) and a time
)
# the winner's time over the runner-up (p2), after a sentence telling the win and the podium without it
WINNING_MARGIN = (
    "The winning margin was {secs} seconds.",
    "{winner} beat {p2} by {secs} seconds.",
    "{winner} led {p2} home by {secs} seconds.",
    "{winner}'s winning margin was {secs} seconds.",
    "{p2} was second, {secs} seconds behind {winner}.",
    "{p2} was second, {secs} seconds behind {winner}, with {p3} third.",
    "{winner} crossed the line {secs} seconds up the road from {p2}.",
    "{winner} won the race ahead of {p2} and {p3} by {secs} seconds.",
)


def _gap_claim(rng: random.Random, a: str, b: str, gap: int) -> Claim:
    """A claim of the gap g between a (ahead) and b, named in either order."""
    return Claim(rng.choice(GAPS), {"a": a, "b": b, "g": gap})


def rank_words(rank: int, style: str) -> str:
    if style == "P":
        return f"P{rank}"
    if style == "word" and rank <= 12:
        return ORDINAL_WORDS[rank]
    return ordinal(rank)


@dataclass
class Article:
    index: int
    season: Season
    day: dt.date
    kind: str
    rnd: int
    style: Style
    names: Names
    paragraphs: list[list] = field(default_factory=list)  # sentences: str or Claim
    results: list[Line] = field(default_factory=list)
    results_rows: list[dict] = field(default_factory=list)  # per classified row: what re-renders it
    standings: list[Line] = field(default_factory=list)
    drivers_rows: list[dict] = field(default_factory=list)
    teams_rows: list[dict] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    slug: str = "article"
    para_tags: dict[int, str] = field(default_factory=dict)  # paragraph index -> tag
    header_date: str | None = None  # the date as the header writes it (default: the article's day)
    header_tag: str | None = None
    encoding: str = "utf-8"

    @property
    def file_name(self) -> str:
        return f"{self.day.isoformat()}_{self.slug}-{self.index}.txt"


CHAMPIONSHIPS = ("the drivers' championship", "the championship", "the standings", "the world championship", "the drivers' standings")


class Writer:
    def __init__(self, ref: Reference, seasons: dict[int, Season], seed: int):
        self.ref, self.seasons, self.seed = ref, seasons, seed

    # --- prose -----------------------------------------------------------------------------

    def _race_paragraphs(self, a: Article, rng: random.Random) -> list[list]:
        n = a.names
        rr = a.season.rounds[a.rnd - 1]
        classified = [r for r in rr.results if r.status == "classified"]
        w, p2, p3 = classified[0], classified[1], classified[2]
        gp = rr.race.gp
        podium = {"winner": n.prose_full(w.driver), "p2": n.prose_full(p2.driver), "p3": n.prose_full(p3.driver), "gap_ms": p2.gap_ms or 0}
        distance = {**podium, "laps": rr.race.laps}  # the winner's laps at the flag (value laps)
        told = (
            Claim(f"{{winner}} won the {gp} on Sunday, {{secs}} seconds ahead of {{p2}}, with {{p3}} completing the podium.", podium),  # time value gap_ms
            f"{n.prose_full(w.driver)} took victory in the {gp} at the {rr.race.circuit}, with {n.prose_full(p2.driver)} second and {n.prose_full(p3.driver)} third.",
            Claim(f"The {gp} went to {{winner}}, who crossed the line {{secs}} seconds clear of {{p2}} after {{laps}} laps.", distance),  # no win said
        )
        first = [rng.choice(told)]
        # no draw of rng below: the prose drawn after it stays as it was
        if len(classified) > 3 and classified[3].gap_ms is not None and p3.gap_ms is not None:
            # the fight for third, told by its loser
            behind = {"a": n.prose_full(p3.driver), "b": n.prose_full(classified[3].driver), "gap_ms": classified[3].gap_ms - p3.gap_ms}
            first.append(Claim(LOST_THIRD[a.index % len(LOST_THIRD)], behind))
        if first[0] is told[1] and p2.gap_ms is not None:
            first.append(Claim(WINNING_MARGIN[a.index % len(WINNING_MARGIN)], dict(podium)))  # the time the first sentence left out
        if first[0] is not told[2] and len(classified) > 4 and classified[4].gap_ms is not None:
            # the fifth's time behind the winner ("the winner": the one the first sentence says won)
            fifth = {"d": n.prose_full(classified[4].driver), "winner": podium["winner"], "gap_ms": classified[4].gap_ms}
            wording = BEHIND_THE_WINNER[a.index % len(BEHIND_THE_WINNER)]
            first.append(Claim(wording, {**fifth, "fin": 5} if "{fin_ord}" in wording else fifth))
        if rr.race.sprint and rr.sprint_order:
            first.append(f"On Saturday {n.prose_full(rr.sprint_order[0])} won the sprint ahead of {n.prose_full(rr.sprint_order[1])}.")
        paras = [first]
        notes = []
        for r in rng.sample(classified[3:], min(len(classified) - 3, rng.randint(2, 4))):
            template = rng.choice((
                "{d} finished {fin_ord} for {t}.", "{d} came home {fin_ord} in the {t}.", "For {t}, {d} was classified {fin_ord}.",
                "{d} started from the back and finished {fin_ord}.",
            ))  # a place in this race (value fin), as the table classifies it
            notes.append(Claim(template, {"d": n.prose_full(r.driver), "t": n.team_short(r.team), "fin": r.position}))
        fl = rr.fastest_lap
        notes.append(f"{n.prose_full(fl)} set the fastest lap of the race.")
        paras.append(notes)
        out = [r for r in rr.results if r.status != "classified"]
        if out:
            sents = []
            for r in out:
                if r.status == "retired":
                    sents.append(f"{n.prose_full(r.driver)} was out of the race early: {r.reason}.")
                elif r.status == "did_not_start":
                    sents.append(f"{n.prose_full(r.driver)} did not take the start of the race.")
                else:
                    sents.append(f"{n.prose_full(r.driver)} was excluded from the results after the race by the stewards.")
            paras.append(sents)
        return paras

    def _claims(self, a: Article, rng: random.Random, with_kinds: bool) -> list[list]:
        """Paragraphs of claims about the standings after round a.rnd, all true."""
        n = a.names
        table = a.season.drivers_after[a.rnd]
        by_rank = {s.rank: s for s in table}
        prev = a.season.driver_points(a.rnd - 1) if a.rnd > 1 else {}
        paras: list[list] = []
        leader, second = by_rank[1], by_rank[2]
        nm = lambda d: n.prose_full(d) if rng.random() < 0.4 else n.prose_surname(d)  # noqa: E731
        sents: list = []
        if leader.points > second.points:
            sents.append(rng.choice((
                Claim("{a} leads the standings with {p} points.", {"a": nm(leader.id), "id": leader.id, "p": leader.points}),
                Claim("{a} leads the drivers' championship with {p} points.", {"a": nm(leader.id), "id": leader.id, "p": leader.points}),
                Claim("{a} has {p} points.", {"a": nm(leader.id), "id": leader.id, "p": leader.points}),
                Claim("{a} remains at the top of the standings with {p} points.", {"a": nm(leader.id), "id": leader.id, "p": leader.points}),
            )))
            margin = leader.points - second.points
            grew = a.rnd > 1 and prev.get(leader.id, 0) - prev.get(second.id, 0) < margin
            templates = [
                "{a} is {m} points clear of {b}.", "{a} is {m} points ahead of {b}.", "{a} leads {b} by {m} points.",
                "{a} has a {m}-point lead over {b}.", "{a} now has a lead of {m} points over {b}.", "{a}'s advantage over {b} is {m} points.",
                "{a} leads the championship by {m} points from {b}.", "{b}'s deficit to {a} is {m} points.", "{b} is {m} points down on {a}.",
            ]
            if grew:
                templates.append("{a} increased his lead to {m} points over {b}.")
            # a lead with no rival named is over the next: the second (value l)
            leads = [
                "{a} leads the championship by {l} points.", "{a} has a {l}-point lead at the top.", "{a}'s lead at the top is {l} points.",
                "{a} is {l} points clear at the top of the standings.",
            ]
            if grew:
                leads.append("{a} has extended his lead to {l} points.")
            if rng.random() < 0.3:
                sents.append(Claim(rng.choice(leads), {"a": nm(leader.id), "l": margin}))
            else:
                sents.append(Claim(rng.choice(templates), {"a": nm(leader.id), "b": nm(second.id), "m": margin}))
        else:
            sents.append(Claim("{a} has {p} points.", {"a": nm(leader.id), "id": leader.id, "p": leader.points}))
        if rng.random() < 0.5:
            sents.append(Claim("The championship runner-up {a} is on {p} points.", {"a": nm(second.id), "id": second.id, "p": second.points}))
        else:
            sents.append(Claim("{a} is {ord} in {c}.", {"a": nm(second.id), "rank": 2, "ord_style": rng.choice(("word", "word", "P", "th")), "c": rng.choice(CHAMPIONSHIPS)}))
        paras.append(sents)
        others = [s for s in table if 3 <= s.rank <= min(len(table), 14)]
        picked = sorted(rng.sample(others, min(len(others), rng.randint(3, 6))), key=lambda s: s.rank)
        sents = []
        for s in picked:
            d = nm(s.id)
            choice = rng.randrange(10)
            ost = rng.choice(("word", "word", "P", "th"))
            if choice == 0:
                template = rng.choice(("With {p} points to his name, {a} is {ord} in {c}.", "{a} has {p} points and is {ord} in {c}.", "{a} is {ord} in {c} and has {p} points."))
                sents.append(Claim(template, {"a": d, "id": s.id, "p": s.points, "rank": s.rank, "ord_style": ost, "c": rng.choice(CHAMPIONSHIPS)}))
            elif choice == 1:
                sents.append(Claim("{a} is {ord} in {c}.", {"a": d, "rank": s.rank, "ord_style": ost, "c": rng.choice(CHAMPIONSHIPS)}))
            elif choice == 2:
                sents.append(Claim("{a} sits {ord} in the standings.", {"a": d, "rank": s.rank, "ord_style": ost}))
            elif choice == 3:
                template = rng.choice(("{a} is on {p} points.", "{a} sits {ord} on {p} points.", "{a}, {ord} in {c}, has {p} points."))
                values = {"a": d, "id": s.id, "p": s.points}
                if "{ord}" in template:
                    values |= {"rank": s.rank, "ord_style": ost, "c": rng.choice(CHAMPIONSHIPS)}
                sents.append(Claim(template, values))
            elif choice == 4:
                sents.append(Claim(rng.choice(("{a} now has {p} points.", "{a} took his tally to {p} points.")), {"a": d, "id": s.id, "p": s.points}))
            elif choice == 5:
                below, above = by_rank.get(s.rank + 1), by_rank.get(s.rank - 1)
                if above and above.points > s.points and rng.random() < 0.25:  # a bound: at least the gap
                    sents.append(Claim("{a} is within {w} points of {b}.", {"a": d, "b": nm(above.id), "w": above.points - s.points + rng.choice((0, 0, 1, 2, 5))}))
                elif below and s.points > below.points and rng.random() < 0.3:
                    sents.append(_gap_claim(rng, d, nm(below.id), s.points - below.points))
                elif below and s.points > below.points:
                    sents.append(Claim("{a} is {m} points clear of {b}.", {"a": d, "b": nm(below.id), "m": s.points - below.points}))
                else:
                    sents.append(Claim("{a} has {p} points.", {"a": d, "id": s.id, "p": s.points}))
            elif choice == 6:
                sents.append(Claim("{a} remains {ord} in the championship.", {"a": d, "rank": s.rank, "ord_style": ost}))
            elif choice >= 8 and (choice == 9 or (a.season.year == REFERENCE_SEASON and s.id in self.ref.demonyms)):
                template = rng.choice(WHO if choice == 9 else DESCRIBED)
                values = {"a": d, "dem": rng.choice(self.ref.demonyms.get(s.id, [""]))}
                if "{p}" in template:  # a claim holds only the values its sentence says: a planted error changes one of them
                    values |= {"id": s.id, "p": s.points}
                else:
                    values |= {"rank": s.rank, "ord_style": ost, "c": rng.choice(CHAMPIONSHIPS)}
                sents.append(Claim(template, values))
            else:
                sents.append(Claim("{a} has {p} points.", {"a": d, "id": s.id, "p": s.points}))
        if len(picked) >= 2 and rng.random() < 0.4:
            x, y = picked[-2], picked[-1]
            sents.append(Claim("Behind them come {a} ({p} points) and {b} ({q} points).", {"a": n.prose_full(x.id), "p": x.points, "b": n.prose_full(y.id), "q": y.points}))
        if with_kinds or rng.random() < 0.25:
            sents.extend(self._combined_claim(a, rng, nm))
        for i in range(0, len(sents), 3):
            paras.append(sents[i : i + 3])
        if with_kinds or rng.random() < 0.4:
            paras.append(self._team_claims(a, rng))
        if with_kinds:  # planted articles: make sure every kind of claim is there to be changed
            flat = [c for p in paras for c in p if isinstance(c, Claim)]
            if not any("rank" in c.values for c in flat):
                s = picked[0] if picked else by_rank[2]
                paras[-1].append(Claim("{a} is {ord} in {c}.", {"a": nm(s.id), "rank": s.rank, "ord_style": "word", "c": "the drivers' championship"}))
            if not any("m" in c.values for c in flat):
                for s in table:
                    below = by_rank.get(s.rank + 1)
                    if below and s.points > below.points:
                        paras[-1].append(Claim("{a} is {m} points clear of {b}.", {"a": nm(s.id), "b": nm(below.id), "m": s.points - below.points}))
                        break
            if not any("g" in c.values for c in flat):
                for s in reversed(table):
                    above = by_rank.get(s.rank - 1)
                    if above and above.points > s.points:
                        paras[-1].append(_gap_claim(rng, nm(above.id), nm(s.id), above.points - s.points))
                        break
        return paras

    def _combined_claim(self, a: Article, rng: random.Random, nm) -> list[Claim]:
        """The points of two team-mates added up (value s), or nothing when no team has two drivers in the table."""
        by_team: dict[str, list[Standing]] = {}
        for s in a.season.drivers_after[a.rnd]:
            by_team.setdefault(a.season.team_of[s.id], []).append(s)
        pairs = [ds[:2] for ds in by_team.values() if len(ds) >= 2]
        if not pairs:
            return []
        x, y = rng.choice(pairs)
        return [Claim(rng.choice(COMBINED), {"a": nm(x.id), "b": nm(y.id), "s": x.points + y.points})]

    def _team_claims(self, a: Article, rng: random.Random) -> list:
        """Claims about the constructors' championship after round a.rnd, all true (values tp, tm: the
        drivers' claim values p, m are what claim_mismatch changes)."""
        t = a.names.team_short
        teams = a.season.teams_after[a.rnd]
        first, second, third = teams[0], teams[1], teams[2]
        sents = [Claim(rng.choice((
            "{t} have {tp} points in the constructors' championship.", "{t} are on {tp} points.", "{t} has {tp} points.",
        )), {"t": t(first.id), "tid": first.id, "tp": first.points})]
        if first.points > second.points and rng.random() < 0.3:
            sents.append(Claim("{t} lead the constructors' championship by {tl} points.", {"t": t(first.id), "tl": first.points - second.points}))
        if second.points > third.points:
            margin = "tm" if rng.random() < 0.75 else "tg"  # a margin, or a gap that does not say who leads
            sents.append(Claim(rng.choice(TEAM_MARGINS if margin == "tm" else GAPS).replace("{a}", "{t}").replace("{b}", "{u}").replace("{g}", "{tg}"),
                               {"t": t(second.id), "u": t(third.id), margin: second.points - third.points}))
        placed = rng.choice(teams[1:6])
        if all(s.points != placed.points for s in teams if s is not placed):  # a tie has no one place
            style = rng.choice(("word", "word", "P", "th"))
            sents.append(Claim(rng.choice(("{t} are {tord} in the constructors' championship.", "{t} sit {tord} in the constructors' standings.")),
                               {"t": t(placed.id), "trank": placed.rank, "tord": rank_words(placed.rank, style), "tstyle": style}))
        return sents

    def _colour(self, a: Article, rng: random.Random) -> list[str]:
        """Sentences that name other series legitimately (past titles) or F1 itself."""
        n = a.names
        sents = []
        active = {s.id for s in a.season.drivers_after[a.rnd]}
        titles = [t for t in PAST_TITLES if t[0] in active and t[2] < a.season.year]
        if titles and rng.random() < 0.5:
            d, series, year = rng.choice(titles)
            sents.append(f"The {year} {series} champion {n.prose_full(d)} was in the thick of the midfield fight again.")
        if rng.random() < 0.4:
            sents.append(f"The season has {len(a.season.calendar)} Grands Prix, the longest calendar in the history of Formula 1.")
        return sents

    def _closing(self, a: Article) -> list[str]:
        cal = a.season.calendar
        if a.rnd < len(cal):
            nxt = cal[a.rnd]
            return [f"The next round is the {nxt.gp} at the {nxt.circuit} on {nxt.date.day} {MONTHS[nxt.date.month]}, where the teams will bring further upgrades to their cars."]
        return ["The season is over, and the teams now turn their attention to the winter, the new cars and the first tests of next year."]

    # --- tables ----------------------------------------------------------------------------

    def _gap_text(self, a: Article, r: Result, rr: RoundResult, rng: random.Random) -> str:
        if r.position == 1:
            unit = f" {a.style.winner_unit}" if a.style.winner_unit else ""
            if a.style.winner_comma:
                return f"{rr.race.laps} laps, {fmt_clock(rr.winner_ms)}"
            return f"{rr.race.laps} laps in {fmt_clock(rr.winner_ms)}{unit}"
        if r.laps_behind:
            return f"+{r.laps_behind} lap" + ("s" if r.laps_behind > 1 else "")
        suffix = {"always": True, "never": False}.get(a.style.minute_suffix)
        return fmt_gap(r.gap_ms, rng.random() < 0.5 if suffix is None else suffix)

    def _event_heading(self, race: Race, rng: random.Random) -> str:
        names = [race.gp, race.gp.replace("Grand Prix", "GP")]
        names += [e for e in self.ref.event_aliases.get(race.gp, []) if (e.endswith("GP") or e.endswith("Grand Prix")) and "." not in e]
        event = rng.choice(names)
        return event if rng.random() < 0.2 else f"{event}, {race.circuit}"

    def _table_name(self, a: Article, d: str) -> str:
        """A driver's name in a results table: with his abbreviation after it in a table of cells that gives them (Style.abbreviations)."""
        name = a.names.full(d)
        return f"{name} {self.ref.drivers[d].abbreviation}" if a.style.abbreviations and self.ref.drivers[d].abbreviation else name

    def _sprint_heading(self, a: Article, race: Race, rng: random.Random) -> str:
        event, _, circuit = self._event_heading(race, rng).partition(", ")
        words = rng.choice(("sprint", "Sprint", "sprint results"))
        if a.style.sprint_table == "before":
            return f"{words.capitalize()}: {event}"
        if a.style.sprint_table == "last":
            return f"{event}, {circuit or race.circuit} ({words})"
        return f"{event} {words}" + (f", {circuit}" if circuit else "")

    def _sprint(self, a: Article, rr: RoundResult) -> None:
        """The sprint's table (Style.sprint_table), from a stream of its own: the article's other draws stay as they were."""
        rng = random.Random(f"sprint-table:{self.seed}:{a.index}")
        n = a.names
        a.results.append(Line(self._sprint_heading(a, rr.race, rng)))
        self._cells_header(a, a.results, self._results_header(a))
        for r in rr.sprint:
            gap = f"{rr.sprint_laps} laps in {fmt_sprint_clock(rr.sprint_ms)}" if r.position == 1 else fmt_gap(r.gap_ms, False)
            row = {"result": r, "gap": gap, "code": n.code(self.ref.drivers[r.driver].iso3), "name": self._table_name(a, r.driver), "team": n.team(r.team)}
            if a.style.result_points:
                points = SPRINT_POINTS[r.position - 1] if r.position <= len(SPRINT_POINTS) else 0
                word = a.style.pts_word if a.style.points_unit == "pts" else "point" if points == 1 else "points"
                row["points"] = f"{points} {word}"
            if len(self.result_row(a, row, written_out=True).split()) >= PROSE_WORDS:
                row["team"] = n.team_short(r.team)
            a.results.append(Line(self.result_row(a, row), tight=bool(a.style.cells)))

    def _results(self, a: Article, rng: random.Random) -> None:
        n = a.names
        rr = a.season.rounds[a.rnd - 1]
        if a.style.sprint_table and rr.sprint:
            self._sprint(a, rr)
        a.results.append(Line(self._event_heading(rr.race, rng)))
        self._cells_header(a, a.results, self._results_header(a))
        for r in rr.results:
            if r.status != "classified":
                continue
            row = {"result": r, "gap": self._gap_text(a, r, rr, rng), "code": n.code(self.ref.drivers[r.driver].iso3), "name": self._table_name(a, r.driver), "team": n.team(r.team)}
            if a.style.result_points:
                row["points"] = self._scored(a, r, rr)
            if len(self.result_row(a, row, written_out=True).split()) >= PROSE_WORDS:
                row["team"] = n.team_short(r.team)
            row["line"] = Line(self.result_row(a, row), tag=f"res:{r.driver}", tight=bool(a.style.cells))
            a.results_rows.append(row)
            a.results.append(row["line"])
        fastest = [row for row in a.results_rows if row["result"].driver == rr.fastest_lap]
        if a.style.footnote and fastest:
            row = fastest[0]
            row["gap"] += "*"
            row["line"].text = self.result_row(a, row)
        out = [r for r in rr.results if r.status in ("retired", "did_not_start")]
        dsq = [r for r in rr.results if r.status == "disqualified"]
        if a.style.unplaced:
            self._unplaced(a, out, dsq, rng)
            out = dsq = []
        if out:
            a.results.append(Line(rng.choice(OUT_HEADINGS)))
            self._cells_header(a, a.results, ["Driver", *(["Nat"] if a.style.codes else []), "Team", "Reason"])
            for r in out:
                name = n.with_code(r.driver)
                text = f"{name}, {n.team(r.team)}, {r.reason}"
                if len(text.split()) >= PROSE_WORDS:
                    text = f"{name}, {n.team_short(r.team)}, {r.reason}"
                a.results.append(self._row_line(a, text, f"out:{r.driver}"))
        if dsq:
            a.results.append(Line(rng.choice(DSQ_HEADINGS)))
            self._cells_header(a, a.results, ["Driver", *(["Nat"] if a.style.codes else []), "Team", "Reason"])
            for r in dsq:
                reason = f", {r.reason}" if r.reason else ""
                a.results.append(self._row_line(a, f"{n.with_code(r.driver)}, {n.team(r.team)}{reason}", f"dsq:{r.driver}"))
        if a.style.footnote and fastest:
            a.results.append(Line("* fastest lap"))

    def _unplaced(self, a: Article, out: list[Result], dsq: list[Result], rng: random.Random) -> None:
        """Retirements and disqualifications as rows of the classified table, placed by what became of
        the driver ("DNF Carlos Sainz (ESP), Ferrari, collision damage", "DSQ Lewis Hamilton (GB), Mercedes")."""
        n = a.names
        for r in out:
            place = "DNS" if r.status == "did_not_start" else rng.choice(("DNF", "DNF", "Ret", "NC"))
            name = n.with_code(r.driver)
            text = f"{place} {name}, {n.team(r.team)}, {r.reason}"
            if len(text.split()) >= PROSE_WORDS:
                text = f"{place} {name}, {n.team_short(r.team)}, {r.reason}"
            a.results.append(self._row_line(a, text, f"out:{r.driver}", self.ref.drivers[r.driver].car))
        for r in dsq:
            reason = f", {r.reason}" if r.reason else ""
            text = f"{rng.choice(('DSQ', 'DQ'))} {n.with_code(r.driver)}, {n.team(r.team)}{reason}"
            a.results.append(self._row_line(a, text, f"dsq:{r.driver}", self.ref.drivers[r.driver].car))

    def _car_numbers(self, a: Article) -> bool:
        """A Markdown results table in the championship's style (names with their abbreviation) gives each car's number."""
        return a.style.cells == "markdown" and a.style.abbreviations

    def _results_header(self, a: Article) -> list[str]:
        return ["Pos", *(["No"] if self._car_numbers(a) else []), "Driver", *(["Nat"] if a.style.codes else []), "Team", "Time", *(["Pts"] if a.style.result_points else [])]

    def result_row(self, a: Article, row: dict, written_out: bool = False) -> str:
        position = row.get("position", row["result"].position)
        place = fmt_position(position, a.style.results_pos)
        scored = [row["points"]] if row.get("points") else []
        if a.style.cells and not written_out:
            car = [self.ref.drivers[row["result"].driver].car] if self._car_numbers(a) else []
            return self._cells(a, [place, *car, row["name"], *([row["code"]] if a.style.codes else []), row["team"], row["gap"], *scored])
        driver = f"{row['name']} ({row['code']})" if a.style.codes else row["name"]
        return ", ".join([f"{place} {driver}", row["team"], row["gap"], *scored])

    def _scored(self, a: Article, r: Result, rr: RoundResult) -> str:
        """The points a classified result scored, as a results row gives them: "18 pts", "26 points"."""
        halved = HALF_POINTS_ROUNDS.get(a.season.year) == rr.race.round
        points = RACE_POINTS[r.position - 1] if r.position <= len(RACE_POINTS) else 0
        if halved:
            points = points / 2
        elif r.driver == rr.fastest_lap and r.position <= FASTEST_LAP_MAX_POSITION:
            points += 1
        word = a.style.pts_word if a.style.points_unit == "pts" else "point" if points == 1 else "points"
        return f"{fmt_points(points, a.style.half)} {word}"

    # a table written as cells (Style.cells): in the order its rows are written out, so that the cells
    # joined in their order are the row written out; the nationality code in a cell of its own

    ROW_FIELDS = re.compile(r"^(?:(?P<place>DNF|Ret|NC|DNS|DSQ|DQ) )?(?P<name>[^(),]+?)(?: \((?P<code>[^()]+)\))?, (?P<team>[^,]+)(?:, (?P<rest>.+))?$")

    def _row_line(self, a: Article, text: str, tag: str, car: str = "") -> Line:
        """A retirement's or disqualification's row ("DNF Carlos Sainz (ESP), Ferrari, collision damage"),
        as cells when the article writes its tables so (a disqualification without a reason: an empty cell)."""
        if not a.style.cells:
            return Line(text, tag=tag)
        m = self.ROW_FIELDS.match(text)
        cells = [m["place"]] if m["place"] else []
        if m["place"] and self._car_numbers(a):
            cells.append(car)  # placed in the classified table, under its car numbers
        cells += [m["name"], *([m["code"]] if m["code"] else []), m["team"], m["rest"] or ""]
        if m["place"] and a.style.result_points:
            cells.append("")  # placed in the classified table, under its points column: it scored none
        return Line(self._cells(a, cells), tag=tag, tight=True)

    def _cells(self, a: Article, cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |" if a.style.cells == "markdown" else "\t".join(cells)

    def _cells_header(self, a: Article, lines: list[Line], names: list[str]) -> None:
        """A Markdown table's header and the rule under it (a table between tabs has none)."""
        if a.style.cells == "markdown":
            lines.append(Line(self._cells(a, names)))
            lines.append(Line("|" + "|".join("---" for _ in names) + "|", tight=True))

    def _standings(self, a: Article, rng: random.Random, constructors: bool) -> None:
        n = a.names
        sprints = sum(1 for r in a.season.calendar[: a.rnd] if r.sprint)
        total_sprints = sum(1 for r in a.season.calendar if r.sprint)
        prefix = rng.choice(("World Championship standings", "World Championship standings", "Championship standings"))
        words = a.style.sprint_words
        incl = rng.choice(("incl.", "incl.", "including"))
        sprint_part = f", {incl} {sprints} of {total_sprints} sprints" if sprints or rng.random() < 0.5 else ""
        heading = f"{prefix} (after {a.rnd} of {len(a.season.calendar)} {words}{sprint_part})" + (":" if rng.random() < 0.1 else "")
        driver_heading = rng.choice(DRIVER_HEADINGS)
        if a.style.split_headings:
            a.standings.append(Line(f"Drivers' standings {self._after(a)}"))
        else:
            a.standings.append(Line(f"{OTHER_HEADING_PREFIX[a.style.heading]} {self._after(a)}" if a.style.heading else heading))
            a.standings.append(Line(driver_heading))
        given = {"team": ["Team"], "code": ["Nat", "Team"] if a.style.both_brackets else ["Nat"]}.get(a.style.standings_bracket, [])
        self._cells_header(a, a.standings, ["Pos", "Driver", *given, "Points"])
        for s in a.season.drivers_after[a.rnd][: a.style.top or None]:
            row = {"rank": s.rank, "name": n.standings_name(s.id), "points": s.points, "id": s.id, "bracket": self._bracket(a, s.id)}
            if a.style.both_brackets:
                row["listed"] = n.team(a.season.team_of[s.id])
            row["line"] = Line(self.standings_row(a, row, a.style.drivers_pos, first=s.rank == 1), tag=f"drv:{s.id}", tight=bool(a.style.cells))
            a.drivers_rows.append(row)
            a.standings.append(row["line"])
        if constructors:
            constructors_heading = rng.choice(CONSTRUCTOR_HEADINGS)
            a.standings.append(Line(f"Constructors' standings {self._after(a)}" if a.style.split_headings else constructors_heading))
            self._cells_header(a, a.standings, ["Pos", "Team", "Points"])
            for s in a.season.teams_after[a.rnd][: max(3, a.style.top // 2) if a.style.top else None]:
                row = {"rank": s.rank, "name": self._constructor(a, s.id, rng), "points": s.points, "id": s.id}
                row["line"] = Line(self.standings_row(a, row, a.style.teams_pos, first=s.rank == 1), tag=f"team:{s.id}", tight=bool(a.style.cells))
                a.teams_rows.append(row)
                a.standings.append(row["line"])

    def _after(self, a: Article) -> str:
        """What a standings heading of the article's other style says the standings are after."""
        return {
            "round": f"after round {a.rnd}",
            "rounds": f"after {a.rnd} rounds",
            "race": f"after the {a.season.calendar[a.rnd - 1].gp}",
        }[a.style.heading]

    def _constructor(self, a: Article, t: str, rng: random.Random) -> str:
        """A team in the constructors' table, with its power unit if the article's style names it:
        "McLaren Mercedes", "Alpine-Renault", "Red Bull Racing (Honda RBPT)" (no bracket in cells)."""
        name = a.names.team(t)
        if not a.style.power_units:
            return name
        unit = rng.choice(self.ref.teams[t].power_unit)
        if a.style.power_units == "bracket" and not a.style.cells:
            return f"{name} ({unit})"
        if _ascii(name).lower().endswith(_ascii(unit).lower()):
            return name  # "Ferrari" is named with its power unit already
        return f"{name}{rng.choice((' ', ' ', '-'))}{unit}"

    def _bracket(self, a: Article, d: str) -> str | None:
        """What a drivers' standings row gives in brackets after the name, if the article's style has one."""
        if a.style.standings_bracket == "team":
            return a.names.team(a.season.team_of[d])
        if a.style.standings_bracket == "code":
            return a.names.code(self.ref.drivers[d].iso3)
        return None

    def standings_row(self, a: Article, row: dict, pos_style: str, first: bool) -> str:
        word, pts = a.style.points_word, a.style.pts_word
        unit = {"first": f" {word}" if first else "", "all": f" {word}", "none": "", "pts": f" {pts}"}[a.style.points_unit]
        place, points = fmt_position(row["rank"], pos_style), f"{fmt_points(row['points'], a.style.half)}{unit}"
        if a.style.cells:
            return self._cells(a, [place, row["name"], *([row["bracket"]] if row.get("bracket") else []), *([row["listed"]] if row.get("listed") else []), points])
        name = row["name"]
        if row.get("listed"):
            name = f"{name} ({row['bracket']}), {row['listed']},"
        elif row.get("bracket"):
            name = f"{name}, {row['bracket']}," if a.style.standings_commas else f"{name} ({row['bracket']})"
        return f"{place} {name} {points}"

    # --- whole articles --------------------------------------------------------------------

    def article(self, index: int, season: Season, day: dt.date, kind: str, planted: bool) -> Article:
        rng = random.Random(f"article:{self.seed}:{index}")
        style = draw_style(rng)
        draw_variants(style, random.Random(f"variants:{self.seed}:{index}"), planted)
        a = Article(index, season, day, kind, season.rounds_by(day), style, Names(self.ref, style, rng))
        rr = season.rounds[a.rnd - 1]
        winner = next(r for r in rr.results if r.position == 1)
        place = rr.race.gp.replace(" Grand Prix", "").lower().replace(" ", "-")
        place = _ascii(place)
        a.slug = f"{_ascii(self.ref.drivers[winner.driver].last).lower().replace(' ', '-').replace('.', '')}-{place}-{rng.choice(SLUG_WORDS[kind])}"
        if kind in ("report", "results", "report_drivers"):
            a.paragraphs += self._race_paragraphs(a, rng)
        if kind in ("report", "prose", "report_drivers") or (kind == "results" and rng.random() < 0.5):
            a.paragraphs += self._claims(a, rng, with_kinds=planted)
        colour = self._colour(a, rng)
        if colour and a.paragraphs:
            a.paragraphs[rng.randrange(len(a.paragraphs))].extend(colour)
        if kind in ("report", "results", "report_drivers"):
            self._results(a, rng)
        if kind in ("report", "standings", "report_drivers"):
            self._standings(a, rng, constructors=kind != "report_drivers")
        if kind != "standings" and rng.random() < 0.5:
            a.closing = self._closing(a)
        return a

    def render(self, a: Article) -> tuple[bytes, dict[str, int]]:
        """The article's bytes and the line number of every tagged line."""
        lines: list[Line] = []
        header = f"{' ' if a.style.header_space else ''}date {a.header_date or a.day.isoformat()}"
        paras = [" ".join(s.render(a.style.half) if isinstance(s, Claim) else s for s in p) for p in a.paragraphs if p]
        tags = [a.para_tags.get(i) for i, p in enumerate(a.paragraphs) if p]
        if a.style.header_inline and paras:
            lines.append(Line(f"{header} {paras[0]}", a.header_tag or tags[0]))
            rest = list(zip(paras[1:], tags[1:]))
        else:
            lines.append(Line(header, a.header_tag))
            rest = list(zip(paras, tags))
        lines += [Line(t, tag) for t, tag in rest]
        lines += a.results + a.standings + [Line(t) for t in a.closing]
        positions: dict[str, int] = {}
        out: list[str] = []
        for line in lines:
            if out and a.style.spacing and not line.tight:
                out.append("")
            out.append(line.text)
            if line.tag:
                positions[line.tag] = len(out)
        if a.encoding != "utf-8":  # the line parcferme must point at: the first one that is not ASCII
            positions["ENCODING"] = next(i for i, text in enumerate(out, start=1) if not text.isascii())
        eol = "\r\n" if a.style.crlf else "\n"
        text = eol.join(out) + (eol if a.style.final_newline else "")
        data = text.encode(a.encoding)
        return (b"\xef\xbb\xbf" + data if a.style.bom else data), positions


# ---------------------------------------------------------------------------------------------
# planted errors


def _slack(season: Season, rnd: int, kind: str) -> dict[str, int]:
    """Points an entity could still have scored in round rnd+1 but did not: how far a value of
    round rnd can be lowered without a later article's jump check catching it (nothing to lower
    against after the final round: unlimited)."""
    if rnd >= len(season.calendar):
        return {s.id: 10**6 for s in (season.drivers_after if kind == "driver" else season.teams_after)[rnd]}
    race = season.calendar[rnd]
    if kind == "driver":
        available = RACE_POINTS[0] + 1 + (SPRINT_POINTS[0] if race.sprint else 0)
        now, nxt = season.driver_points(rnd), season.driver_points(rnd + 1)
    else:
        available = RACE_POINTS[0] + RACE_POINTS[1] + 1 + (SPRINT_POINTS[0] + SPRINT_POINTS[1] if race.sprint else 0)
        now, nxt = season.team_points(rnd), season.team_points(rnd + 1)
    return {k: available - (nxt.get(k, v) - v) for k, v in now.items()}


def _timeline_day(season: Season, rnd: int) -> dt.date:
    """The last day an article can report round rnd: the eve of the next race (or year end)."""
    if rnd < len(season.calendar):
        return season.calendar[rnd].date - dt.timedelta(days=1)
    return dt.date(season.year, *PLANT_LAST_DAY)


class Planter:
    def __init__(self, writer: Writer):
        self.w = writer

    def plant(self, a: Article, kind: str, rng: random.Random) -> tuple[str, str, str]:
        """Change the article; returns (tag of the planted line, expected check, note)."""
        return getattr(self, kind)(a, rng)

    def _listed_again(self, a: Article, rows: list[dict], position_style, rng: random.Random, other_points: bool) -> str:
        """One of `rows` listed again below the table's last row, with points no more than the last
        row's (and, with other_points, not its own); returns the note."""
        row = rng.choice(rows)
        last = rows[-1]
        points = rng.randint(0, last["points"]) if last["points"] else 0
        if other_points and points == row["points"] and row["points"] > 0:
            points = row["points"] - 1 if row["points"] - 1 <= last["points"] else 0
        extra = {"rank": last["rank"] + 1, "name": row["name"], "points": points, "id": row["id"]}
        text = self.w.standings_row(a, extra, position_style, first=False)
        at = next(i for i, line in enumerate(a.standings) if line is last["line"])
        a.standings.insert(at + 1, Line(text, tag="PLANT"))
        return f"{row['name']} listed again at {extra['rank']} with {points} points"

    def standings_duplicate(self, a: Article, rng: random.Random):
        return "PLANT", "standings.duplicate_driver", self._listed_again(a, a.drivers_rows, a.style.drivers_pos, rng, other_points=True)

    def nationality_code(self, a: Article, rng: random.Random):
        line = rng.choice([line for line in a.results if line.tag and line.tag.split(":")[0] in ("res", "out", "dsq")])
        own = self.w.ref.drivers[line.tag.split(":", 1)[1]]
        conv = a.style.convention
        choices = [c for c in WRONG_COUNTRIES if c != own.iso3 and self.w.ref.codes.get(c, {}).get(conv)]
        wrong = self.w.ref.codes[rng.choice(choices)][conv][0]
        if not a.style.codes:  # a table without codes: the wrong one is the only code in it
            end = line.text.index(",")
            line.text = f"{line.text[:end]} ({wrong}){line.text[end:]}"
            line.tag = "PLANT"
            return "PLANT", "ref.nationality", f"{own.full}: ({wrong}) written in a table without codes"
        start = line.text.index(" (") + 2
        end = line.text.index(")", start)
        old = line.text[start:end]
        line.text = line.text[:start] + wrong + line.text[end:]
        line.tag = "PLANT"
        return "PLANT", "ref.nationality", f"{own.full}: ({old}) changed to ({wrong})"

    def constructor_sum(self, a: Article, rng: random.Random):
        slack = _slack(a.season, a.rnd, "team")
        rows = a.teams_rows
        options = []
        for i, row in enumerate(rows):
            room = min(slack[row["id"]], row["points"])
            if room < 1:
                continue
            below = rows[i + 1]["points"] if i + 1 < len(rows) else 0
            keep_order = min(room, row["points"] - below)
            options.append((keep_order >= 1, row, keep_order if keep_order >= 1 else room))
        if not options:
            return self.standings_duplicate(a, rng)
        best = [o for o in options if o[0]] or options
        _, row, room = rng.choice(best)
        k = rng.randint(1, min(room, 15))
        old = row["points"]
        row["points"] = old - k
        line = row["line"]
        line.text = self.w.standings_row(a, row, a.style.teams_pos, first=row["rank"] == 1)
        line.tag = "PLANT"
        a.day = _timeline_day(a.season, a.rnd)
        return "PLANT", "cross.constructor_sum", f"{row['name']} {old} -> {old - k} (drivers unchanged)"

    def gap_order(self, a: Article, rng: random.Random):
        rows = a.results_rows
        options = [
            i for i in range(2, len(rows))
            if rows[i]["result"].gap_ms is not None and rows[i - 1]["result"].gap_ms is not None and rows[i - 1]["result"].gap_ms > 1500
        ]
        if not options:
            return self.nationality_code(a, rng)
        i = rng.choice(options)
        prev = rows[i - 1]["result"].gap_ms
        new = prev - rng.randint(100, min(5000, prev - 1000))
        row = rows[i]
        old = row["gap"]
        row["gap"] = fmt_gap(new, old.endswith("min"))
        r = row["result"]
        line = row["line"]
        line.text = self.w.result_row(a, row)
        line.tag = "PLANT"
        return "PLANT", "results.gap_order", f"P{r.position} gap {old} -> {row['gap']} (P{r.position - 1}: {rows[i - 1]['gap']})"

    def series_mention(self, a: Article, rng: random.Random):
        n = a.names
        d = rng.choice([s.id for s in a.season.drivers_after[a.rnd][:10]])
        series, role = rng.choice(OTHER_SERIES), rng.choice(OTHER_ROLES)
        sentence = rng.choice((
            f"It was another strong weekend for {n.prose_full(d)}, the current {series} {role}, who impressed the team again.",
            f"{n.prose_full(d)}, the current {series} {role}, spent the evening with the engineers.",
        ))
        at = rng.randrange(1, len(a.paragraphs) + 1) if a.paragraphs else 0
        a.paragraphs.insert(at, [sentence])
        a.para_tags = {at: "PLANT"}
        if at == 0 and a.style.header_inline:
            a.style.header_inline = False
        return "PLANT", "ref.series_mention", f"{n.prose_full(d)} called the current {series} {role}"

    def claim_mismatch(self, a: Article, rng: random.Random):
        n_rows = len(a.drivers_rows)
        table = {row["id"]: row["points"] for row in a.drivers_rows}
        slack = _slack(a.season, a.rnd, "driver")
        claims = [(i, c) for i, p in enumerate(a.paragraphs) for c in p if isinstance(c, Claim)]
        by_kind = {
            "position": [(i, c) for i, c in claims if "rank" in c.values],
            "margin": [(i, c) for i, c in claims if "m" in c.values],
            "lead": [(i, c) for i, c in claims if "l" in c.values],
            "finish": [(i, c) for i, c in claims if "fin" in c.values],
            "time_gap": [(i, c) for i, c in claims if "gap_ms" in c.values],
            "laps": [(i, c) for i, c in claims if "laps" in c.values],
            "within": [(i, c) for i, c in claims if "w" in c.values and c.values["w"] >= 7],
            "gap": [(i, c) for i, c in claims if "g" in c.values],
            "combined": [(i, c) for i, c in claims if "s" in c.values],
            # a claimed points value enters the season timeline: only lowered, within the next round's slack
            "points": [(i, c) for i, c in claims if "p" in c.values and "q" not in c.values and min(slack.get(c.values["id"], 0), c.values["p"]) >= 1],
        }
        kind = rng.choice([k for k, v in by_kind.items() if v])
        i, c = rng.choice(by_kind[kind])
        # per kind: the value changed, its planted value, and what the note says
        changes = {
            "position": ("rank", lambda old: rng.choice([r for r in range(max(1, old - 3), min(n_rows, old + 3) + 1) if r != old]), "{a} place {old} -> {new}"),
            "margin": ("m", lambda old: _nudged(old, rng), "margin of {a} over {b} {old} -> {new}"),
            # the bound is at most 5 above the gap: now below it
            "within": ("w", lambda old: old - rng.randint(6, min(old - 1, 17)), "{a} within {old} -> {new} points of {b}"),
            # ahead of the table's place: no disqualification explains it
            "finish": ("fin", lambda old: rng.randint(max(1, old - 3), old - 1), "{d} finished {old} -> {new}"),
            "lead": ("l", lambda old: _nudged(old, rng), "lead of {a} {old} -> {new}"),
            # at least half a second off, written to the millisecond: never within the precision the text gives
            "laps": ("laps", lambda old: old + rng.choice((-2, -1, 1, 2)), "winner's laps {old} -> {new}"),
            "time_gap": ("gap_ms", lambda old: old + rng.randint(500, 3000) if old < 3500 or rng.random() < 0.5 else old - rng.randint(500, 3000), "time {old} -> {new} ms"),
            "gap": ("g", lambda old: _nudged(old, rng), "gap between {a} and {b} {old} -> {new}"),
            "combined": ("s", lambda old: _nudged(old, rng, lowest=0), "{a} and {b} between them {old} -> {new}"),
            "points": ("p", lambda old: old - rng.randint(1, min(slack[c.values["id"]], old, 15)), "{a} claimed points {old} -> {new} (table {table})"),
        }
        key, planted, says = changes[kind]
        old = c.values[key]
        c.values[key] = new = planted(old)
        if kind == "points":
            a.day = _timeline_day(a.season, a.rnd)
        note = says.format(**c.values, old=old, new=new, table=table.get(c.values.get("id")))
        a.para_tags = {i: "PLANT"}
        return "PLANT", f"cross.claim_{kind}", note

    def team_claim_mismatch(self, a: Article, rng: random.Random):
        """A team's claimed points (lowered, as claim_mismatch does), its margin over the next team or its
        place changed."""
        claims = [(i, c) for i, p in enumerate(a.paragraphs) for c in p if isinstance(c, Claim) and {"tp", "tm", "tg", "tl", "trank"} & set(c.values)]
        slack = _slack(a.season, a.rnd, "team")
        points = [(i, c) for i, c in claims if "tp" in c.values and min(slack.get(c.values["tid"], 0), c.values["tp"]) >= 1]
        margins = [(i, c) for i, c in claims if {"tm", "tg", "tl"} & set(c.values)]
        places = [(i, c) for i, c in claims if "trank" in c.values]
        if not a.teams_rows or not (points or margins or places):
            return self.claim_mismatch(a, rng)
        i, c = rng.choice(rng.choice([kind for kind in (points, margins, places) if kind]))
        if "trank" in c.values:
            old = c.values["trank"]
            c.values["trank"] = rng.choice([r for r in range(max(1, old - 3), min(len(a.teams_rows), old + 3) + 1) if r != old])
            c.values["tord"] = rank_words(c.values["trank"], c.values["tstyle"])
            check, note = "cross.claim_position", f"{c.values['t']} place {old} -> {c.values['trank']}"
        elif {"tm", "tg", "tl"} & set(c.values):
            key = next(k for k in ("tm", "tg", "tl") if k in c.values)
            old = c.values[key]
            c.values[key] = _nudged(old, rng)
            what = {"tm": "margin", "tg": "gap", "tl": "lead"}[key]
            check = f"cross.claim_{what}"
            note = f"{what} of {c.values['t']} over {c.values.get('u', 'the next')} {old} -> {c.values[key]}"
        else:
            old = c.values["tp"]
            c.values["tp"] = old - rng.randint(1, min(slack[c.values["tid"]], old, 15))
            a.day = _timeline_day(a.season, a.rnd)
            check, note = "cross.claim_points", f"{c.values['t']} claimed points {old} -> {c.values['tp']}"
        a.para_tags = {i: "PLANT"}
        return "PLANT", check, note

    def unreadable_row(self, a: Article, rng: random.Random):
        rows = [line for line in a.results if line.tag and (line.tag.startswith("out:") or line.tag.startswith("dsq:"))]
        if not rows:
            rows = [line for line in a.results if line.tag and line.tag.startswith("res:")][-1:]
        line = rng.choice(rows)
        old = line.text
        line.text = " ".join(line.text.replace("(", " ").replace(")", " ").replace(",", " ").split())
        line.tag = "PLANT"
        return "PLANT", "parse.unreadable_row", f"brackets and commas removed from: {old}"


    # --- names ---------------------------------------------------------------------------------

    def _spellings(self) -> set[str]:
        ref = self.w.ref
        names = {x for d in ref.drivers.values() for x in (d.full, d.last)}
        names |= {x for aliases in ref.driver_aliases.values() for x in aliases}
        names |= {x for t in ref.teams.values() for x in (t.name, t.full, t.entrant, *t.aliases)}
        return {_ascii(x).lower() for x in names}

    def _misspell(self, name: str, rng: random.Random) -> str:
        """The name with one letter of its longest word dropped or two letters swapped (or, for a word too
        short for either, a letter doubled): no known spelling."""
        known = self._spellings()
        words = name.split(" ")
        at = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[at]
        edits = [word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)]
        edits += [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 2) if word[i] != word[i + 1]]
        rng.shuffle(edits)
        edits += [word[: i + 1] + word[i:] for i in range(len(word))]  # a letter doubled: the only edits of "US"
        for edit in edits:
            candidate = " ".join([*words[:at], edit, *words[at + 1 :]])
            if _ascii(candidate).lower() not in known and _ascii(edit).lower() not in known:
                return candidate
        raise ValueError(f"no misspelling of {name!r}")

    def _replant(self, a: Article, row: dict) -> Line:
        line = row["line"]
        line.text = self.w.result_row(a, row)
        line.tag = "PLANT"
        return line

    def _misspelt(self, a: Article, rng: random.Random, field: str, check: str):
        """A results row's driver (field name) or team misspelt."""
        row = rng.choice(a.results_rows)
        old = row[field]
        row[field] = self._misspell(old, rng)
        self._replant(a, row)
        return "PLANT", check, f"{old} written {row[field]}"

    def misspelt_driver(self, a: Article, rng: random.Random):
        return self._misspelt(a, rng, "name", "parse.unknown_driver")

    def misspelt_team(self, a: Article, rng: random.Random):
        return self._misspelt(a, rng, "team", "parse.unknown_team")

    def teammate_twice(self, a: Article, rng: random.Random):
        """A driver's row names his team-mate (both classified): the team-mate is listed twice."""
        by_team: dict[str, list[dict]] = {}
        for row in a.results_rows:
            by_team.setdefault(row["result"].team, []).append(row)
        pairs = [rows for rows in by_team.values() if len(rows) == 2]
        if not pairs:
            return self.misspelt_driver(a, rng)
        row, mate = rng.sample(rng.choice(pairs), 2)
        old = row["name"]
        row["name"], row["code"] = mate["name"], mate["code"]
        self._replant(a, row)
        return "PLANT", "results.duplicate_driver", f"P{row['result'].position} {old} written as his team-mate {mate['name']}"

    def position_repeated(self, a: Article, rng: random.Random):
        rows = a.results_rows
        i = rng.randrange(1, len(rows))
        rows[i]["position"] = rows[i - 1]["result"].position
        self._replant(a, rows[i])
        return "PLANT", "results.position_sequence", f"P{rows[i]['result'].position} written as P{rows[i]['position']} (the position above)"

    def wrong_team(self, a: Article, rng: random.Random):
        row = rng.choice(a.results_rows)
        own = row["result"].team
        other = rng.choice(sorted(t for t in self.w.ref.teams if t != own))
        old = row["team"]
        row["team"] = a.names.team(other)
        if len(self.w.result_row(a, row).split()) >= PROSE_WORDS:
            row["team"] = a.names.team_short(other)
        self._replant(a, row)
        return "PLANT", "cross.team_roster", f"{row['name']}: team {old} -> {row['team']}"

    def unreadable_gap(self, a: Article, rng: random.Random):
        """A gap with a decimal comma, or the letter O for a zero."""
        rows = [row for row in a.results_rows if row["gap"].startswith("+") and "." in row["gap"]]
        if not rows:
            return self.unreadable_row(a, rng)
        row = rng.choice(rows)
        old = row["gap"]
        zero = old.find("0")
        row["gap"] = old[:zero] + "O" + old[zero + 1 :] if zero > 0 and rng.random() < 0.5 else old.replace(".", ",")
        self._replant(a, row)
        return "PLANT", "parse.unreadable_time", f"P{row['result'].position} gap {old} written {row['gap']}"

    def misspelt_event(self, a: Article, rng: random.Random):
        """The event heading's Grand Prix misspelt and no circuit after it: no race of the calendar."""
        heading = a.results[0]
        old = heading.text
        event = old.split(",")[0]
        words = event.split(" ")
        place = " ".join(words[:-1] if words[-1] == "GP" else words[:-2])  # the name before GP / Grand Prix
        heading.text = event.replace(place, self._misspell(place, rng), 1)
        heading.tag = "PLANT"
        return "PLANT", "parse.unknown_event", f"event heading {old} written {heading.text}"

    def unknown_code(self, a: Article, rng: random.Random):
        """Two letters of a nationality code swapped, giving no country in any convention."""
        if not a.style.codes:
            return self.nationality_code(a, rng)
        known = {c for conventions in self.w.ref.codes.values() for codes in conventions.values() for c in codes}
        known |= {r["iso2"] for r in _read(DATA / "countries.csv")}  # parcferme reads ISO alpha-2 codes too
        lines = [line for line in a.results if line.tag and line.tag.split(":")[0] in ("res", "out", "dsq")]
        rng.shuffle(lines)
        for line in lines:
            start = line.text.index(" (") + 2
            end = line.text.index(")", start)
            code = line.text[start:end]
            swaps = [code[:i] + code[i + 1] + code[i] + code[i + 2 :] for i in range(len(code) - 1)]
            swaps = [c for c in swaps if c not in known and c != code]
            if swaps:
                line.text = line.text[:start] + swaps[0] + line.text[end:]
                line.tag = "PLANT"
                return "PLANT", "parse.unknown_nationality_code", f"({code}) written ({swaps[0]})"
        return self.nationality_code(a, rng)

    def short_race(self, a: Article, rng: random.Random):
        """The winner's lap count one or two short of the race distance."""
        row = a.results_rows[0]
        laps = a.season.rounds[a.rnd - 1].race.laps
        short = laps - rng.randint(1, 2)
        old = row["gap"]
        row["gap"] = old.replace(f"{laps} laps in ", f"{short} laps in ", 1)
        self._replant(a, row)
        return "PLANT", "results.race_distance", f"winner's laps {laps} written {short}"

    # --- standings -----------------------------------------------------------------------------

    def _restand(self, a: Article, row: dict, pos_style: str) -> Line:
        line = row["line"]
        line.text = self.w.standings_row(a, row, pos_style, first=row["rank"] == 1)
        line.tag = "PLANT"
        return line

    def points_out_of_order(self, a: Article, rng: random.Random):
        """A driver's points lowered below the next driver's (within the slack of the next round:
        lowered values enter the season timeline). The check flags where the points rise: the next
        row, and that is the line listed (the lowered row may get season.points_decrease)."""
        rows, slack = a.drivers_rows, _slack(a.season, a.rnd, "driver")
        options = [
            i for i in range(len(rows) - 1)
            if rows[i + 1]["points"] > 0 and rows[i]["points"] - rows[i + 1]["points"] + 1 <= min(slack[rows[i]["id"]], rows[i]["points"])
        ]
        if not options:
            return self.rank_repeated(a, rng)
        i = rng.choice(options)
        row, below = rows[i], rows[i + 1]
        old = row["points"]
        row["points"] = below["points"] - 1
        self._restand(a, row, a.style.drivers_pos).tag = None
        below["line"].tag = "PLANT"
        a.day = _timeline_day(a.season, a.rnd)
        return "PLANT", "standings.points_order", f"{row['name']} {old} -> {row['points']} points, below {below['name']} ({below['points']}) on the next row"

    def rank_repeated(self, a: Article, rng: random.Random):
        rows = a.drivers_rows
        options = [i for i in range(1, len(rows)) if rows[i]["points"] < rows[i - 1]["points"]]
        row = rows[rng.choice(options)]
        old = row["rank"]
        row["rank"] = old - 1
        self._restand(a, row, a.style.drivers_pos)
        return "PLANT", "standings.rank_sequence", f"{row['name']} ranked {row['rank']} (the rank above) instead of {old}"

    def wrong_round(self, a: Article, rng: random.Random):
        heading = a.standings[0]
        total = len(a.season.calendar)
        before = sum(1 for race in a.season.calendar if race.date < a.day)  # on a race day, before or after it both agree
        new = rng.choice([r for r in (a.rnd - 1, a.rnd + 1, a.rnd - 2) if 1 <= r <= total and not before <= r <= a.rnd])
        old = heading.text
        heading.text = old.replace(f"(after {a.rnd} of {total} ", f"(after {new} of {total} ", 1)
        assert heading.text != old
        heading.tag = "PLANT"
        return "PLANT", "standings.context", f"standings after {a.rnd} written after {new}"

    def team_twice(self, a: Article, rng: random.Random):
        return "PLANT", "standings.duplicate_team", self._listed_again(a, a.teams_rows, a.style.teams_pos, rng, other_points=False)

    # --- the file ------------------------------------------------------------------------------

    def impossible_date(self, a: Article, rng: random.Random):
        """Day and month swapped (a day over 12), else the day after the month's last."""
        d = a.day
        if d.day > 12:
            a.header_date = f"{d.year}-{d.day:02d}-{d.month:02d}"
        else:
            a.header_date = f"{d.year}-{d.month:02d}-{calendar.monthrange(d.year, d.month)[1] + 1:02d}"
        a.header_tag = "PLANT"
        return "PLANT", "parse.bad_date", f"header date {d.isoformat()} written {a.header_date}"

    def second_date_line(self, a: Article, rng: random.Random):
        """A later article's date line pasted into this one."""
        other = a.day + dt.timedelta(days=rng.randint(1, 6))
        at = rng.randrange(1, len(a.paragraphs) + 1)
        a.paragraphs.insert(at, [f"date {other.isoformat()}"])
        a.para_tags = {at: "PLANT"}
        return "PLANT", "parse.later_date_header", f"a line `date {other.isoformat()}` inserted"

    def latin1_file(self, a: Article, rng: random.Random):
        """The file saved as latin-1, with at least one accented name in its results."""
        for line in a.results:
            if line.tag and ":" in line.tag:
                d = line.tag.split(":", 1)[1]
                for name in (self.w.ref.drivers[d].full, a.names.alias_for.get(d)):
                    if name and not name.isascii():
                        line.text = line.text.replace(_ascii(name), name)
        a.encoding, a.style.bom = "latin-1", False
        return "ENCODING", "parse.encoding", "saved as latin-1"


# ---------------------------------------------------------------------------------------------
# the archive


ARTICLE_KINDS = ("report", "results", "standings", "prose", "report_drivers")
KIND_WEIGHTS = (40, 15, 15, 20, 10)


def _article_day(season: Season, rng: random.Random) -> dt.date:
    cal = season.calendar
    rnd = rng.randrange(len(cal))
    start = cal[rnd].date
    end = cal[rnd + 1].date - dt.timedelta(days=1) if rnd + 1 < len(cal) else dt.date(season.year, *LAST_DAY)
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def generate(out: Path, n: int, seed: int = 0, error_rate: float = 0.05, other_share: float = 0.1, force: bool = False) -> dict:
    """Write n articles and planted.csv into `out`; returns a summary (counts per kind)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} is not empty (use --force to replace its .txt files and planted.csv)")
        for p in out.glob("*.txt"):
            p.unlink()
        (out / "planted.csv").unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    ref = Reference()
    years = (REFERENCE_SEASON, *OTHER_SEASONS)
    seasons = {y: simulate(ref, y, seed) for y in years}
    writer = Writer(ref, seasons, seed)
    planter = Planter(writer)
    rng = random.Random(f"archive:{seed}")
    plan = []
    for i in range(1, n + 1):
        year = REFERENCE_SEASON if rng.random() >= other_share else rng.choice(OTHER_SEASONS)
        day = _article_day(seasons[year], rng)
        kind = rng.choices(ARTICLE_KINDS, weights=KIND_WEIGHTS)[0]
        plan.append([i, year, day, kind])
    candidates = [p for p in plan if p[1] == REFERENCE_SEASON]
    n_planted = min(len(candidates), round(error_rate * n))
    chosen = rng.sample(candidates, n_planted)
    kinds = [KINDS[j % len(KINDS)] for j in range(n_planted)]
    rng.shuffle(kinds)
    planted_kind = {p[0]: k for p, k in zip(chosen, kinds)}
    manifest = []
    counts = {"articles": n, "bytes": 0, "by_season": {}, "by_kind": {}, "planted": {}}
    names = set()
    for i, year, day, kind in plan:
        pk = planted_kind.get(i)
        if pk:
            kind = "report"
        a = writer.article(i, seasons[year], day, kind, planted=pk is not None)
        if pk:
            prng = random.Random(f"plant:{seed}:{i}")
            tag, check, note = planter.plant(a, pk, prng)
            data, positions = writer.render(a)
            manifest.append((a.file_name, positions[tag], pk, check, note))
            counts["planted"][pk] = counts["planted"].get(pk, 0) + 1
        else:
            data, _ = writer.render(a)
        assert a.file_name not in names
        names.add(a.file_name)
        (out / a.file_name).write_bytes(data)
        counts["bytes"] += len(data)
        counts["by_season"][str(year)] = counts["by_season"].get(str(year), 0) + 1
        counts["by_kind"][kind] = counts["by_kind"].get(kind, 0) + 1
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(("file", "line", "kind", "check", "note"))
    w.writerows(sorted(manifest))
    (out / "planted.csv").write_text(buf.getvalue(), encoding="utf-8")
    return counts


def read_manifest(folder: Path) -> list[dict]:
    with (Path(folder) / "planted.csv").open(encoding="utf-8", newline="") as handle:
        return [{**r, "line": int(r["line"])} for r in csv.DictReader(handle)]


# ---------------------------------------------------------------------------------------------
# verification through the core (needs parcferme importable: PYTHONPATH=.)


def evaluate(folder: Path, issues=None) -> dict:
    """Run parcferme.pipeline.build over the folder (unless `issues` is given) and compare with planted.csv.

    Returns: errors and warnings by check, per planted kind how many were flagged on their line
    (error or warning), and the serious issues on lines that are not planted (collateral), with the
    unknown-season warnings of other years counted apart."""
    import polars as pl

    folder = Path(folder)
    if issues is None:
        sys.path.insert(0, str(ROOT))
        from parcferme.pipeline import build
        from parcferme.reference import load_reference

        files = [(p.stem, p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]
        _, marts = build(files, load_reference())
        issues = marts["validation_issues"]
    serious = issues.filter(pl.col("severity").is_in(["error", "warning"]))
    manifest = read_manifest(folder)
    flagged = set(serious.select("article_id", "line").iter_rows())
    detected: dict[str, list[int]] = {}
    for row in manifest:
        hit = (row["file"].removesuffix(".txt"), row["line"]) in flagged
        d = detected.setdefault(row["kind"], [0, 0])
        d[0] += hit
        d[1] += 1
    planted_articles = {r["file"].removesuffix(".txt") for r in manifest}
    other = serious.filter(~pl.col("article_id").is_in(sorted(planted_articles)))
    unknown_season = other.filter(pl.col("check") == "parse.unknown_season")
    other_years = sum(1 for p in folder.glob("*.txt") if not p.name.startswith(str(REFERENCE_SEASON)))
    return {
        "errors": int((serious["severity"] == "error").sum()),
        "warnings": int((serious["severity"] == "warning").sum()),
        "by_check": dict(sorted(serious.group_by("check").len().iter_rows())),
        "detected": {k: {"found": v[0], "planted": v[1], "rate": v[0] / v[1]} for k, v in sorted(detected.items())},
        "collateral": other.height - unknown_season.height,
        "collateral_by_check": dict(sorted(other.filter(pl.col("check") != "parse.unknown_season").group_by("check").len().iter_rows())),
        "unknown_season_warnings": unknown_season.height,
        "other_season_articles": other_years,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, required=True, help="number of articles")
    p.add_argument("--out", type=Path, required=True, help="folder to write (must be empty unless --force)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--error-rate", type=float, default=0.05, help="share of articles with one planted error (default 0.05)")
    p.add_argument("--other-share", type=float, default=0.1, help="share of articles dated in seasons without reference data (default 0.1)")
    p.add_argument("--force", action="store_true", help="replace the .txt files and planted.csv of a non-empty folder")
    p.add_argument("--verify", action="store_true", help="then run parcferme.pipeline.build over it and report (needs PYTHONPATH=.)")
    args = p.parse_args(argv)
    counts = generate(args.out, args.n, args.seed, args.error_rate, args.other_share, args.force)
    print(json.dumps(counts, indent=1))
    if args.verify:
        print(json.dumps(evaluate(args.out), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
