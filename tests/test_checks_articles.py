"""Test articles written from real 2023 results: clean ones give no error or warning and every
row is right; each planted error is flagged on its line, and nothing else."""

import csv

import polars as pl
import pytest

from conftest import CLEAN, PLANTED, article_files, issue_set, planted_elsewhere, planted_expectations, serious, text_file

REFERENCE = CLEAN.parents[1] / "f1db-2023-results"
PLANTED_FILES = sorted(PLANTED.glob("*.txt"))


def test_clean_articles_have_no_error_or_warning(clean):
    _, marts = clean
    assert serious(marts["validation_issues"]).is_empty()
    assert marts["articles"].height == 7


def _reference_csv(name: str) -> list[dict]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("article_id, rnd", [
    ("2023-03-07_verstappen-opens-title-defence-in-bahrain", 1),
    ("2023-08-01_verstappen-spa-twelve-out-of-twelve", 12),
    ("2023-10-23_sargeant-first-point-in-austin", 18),
    ("2023-10-24_norris-second-after-double-disqualification", 18),
])
def test_clean_results_match_the_real_results(clean, article_id, rnd):
    _, marts = clean
    got = marts["race_results"].filter(pl.col("article_id") == article_id)
    real = [r for r in _reference_csv("results_rounds_1_12_18.csv") if r["round"] == str(rnd)]
    status = {"R": "retired", "D": "disqualified", "W": "did_not_start"}
    expected = sorted(
        (r["driver_id"], r["constructor_id"], int(r["position"]) if r["position"] else None,
         status.get(r["position_text"], "classified"), int(r["time_millis"]) if r["time_millis"] and r["position"] == "1" else None)
        for r in real
    )
    rows = sorted(got.select("driver_id", "team_id", "position", "status", "time_ms").iter_rows())
    assert rows == expected
    assert got["round"].unique().to_list() == [rnd]
    winner_ms = int(next(r for r in real if r["position"] == "1")["time_millis"])
    for r in real:
        if r["time_millis"] and r["position"] != "1":
            gap = got.filter(pl.col("driver_id") == r["driver_id"])["gap_ms"].item()
            assert gap == int(r["time_millis"]) - winner_ms, r["driver_id"]


@pytest.mark.parametrize("article_id, rnd", [
    ("2023-03-07_verstappen-opens-title-defence-in-bahrain", 1),
    ("2023-08-01_verstappen-spa-twelve-out-of-twelve", 12),
    ("2023-10-24_norris-second-after-double-disqualification", 18),
    ("2023-10-25_championship-standings-after-austin", 18),
])
def test_clean_standings_match_the_real_standings(clean, article_id, rnd):
    _, marts = clean
    drivers = marts["driver_standings"].filter(pl.col("article_id") == article_id)
    real = [(int(r["position"]), r["driver_id"], float(r["points"])) for r in _reference_csv("driver_standings_rounds_1_12_18.csv") if r["round"] == str(rnd)]
    assert drivers.select("rank", "driver_id", "points").rows() == real
    teams = marts["constructor_standings"].filter(pl.col("article_id") == article_id)
    real_t = [(int(r["position"]), r["constructor_id"], float(r["points"])) for r in _reference_csv("constructor_standings_rounds_1_12_18.csv") if r["round"] == str(rnd)]
    assert teams.select("rank", "team_id", "points").rows() == real_t
    assert drivers["after_round"].unique().to_list() == [rnd]


@pytest.mark.parametrize("planted", PLANTED_FILES, ids=lambda p: p.stem)
def test_planted_errors_flagged_on_their_lines(run_core, clean_files, planted):
    expected = planted_expectations()[planted.name]
    marts = run_core(clean_files + [(planted.stem, planted.name, planted.read_bytes())])
    issues = marts["validation_issues"]
    assert issue_set(issues, planted.stem) == expected
    others = serious(issues).filter(pl.col("article_id") != planted.stem)
    assert set(others.select("article_id", "line", "check").iter_rows()) == planted_elsewhere().get(planted.name, set())


def test_a_constructor_sum_quotes_the_drivers_it_adds(run_core, clean_files):
    # the drivers' text is made for the teams whose points are not their sum only (schemas/frames.py)
    planted = PLANTED / "2023-10-25_standings__constructor-sum.txt"
    marts = run_core(clean_files + [(planted.stem, planted.name, planted.read_bytes())])
    issue = marts["validation_issues"].filter(pl.col("check") == "cross.constructor_sum").row(0, named=True)
    assert (issue["line"], issue["observed"], issue["expected"]) == (63, "104", "100 (Gasly 56 + Ocon 44)")
    assert issue["message"] == "Alpine has 104 points but its drivers in the drivers' table add up to 100 (Gasly 56 + Ocon 44)"


BASE = "2023-10-24_norris-second-after-double-disqualification"

# (what, line replaced, new text, serious issues expected on the mutated article, info expected)
MUTATIONS = [
    ("unreadable time", 27, "05. George Russell (GBR), Mercedes, +24,999s", {(27, "parse.unreadable_time")}, set()),
    ("unknown event", 17, "Atlantis GP, Lost City Circuit", {(17, "parse.unknown_event")}, set()),
    ("race and circuit apart", 17, "United States GP, Hungaroring", {(17, "ref.event_circuit")}, set()),
    # another year's race names none of this season, even by its circuit (it was read as this year's Austin)
    ("another year's race", 17, "2022 United States Grand Prix - Circuit of the Americas", {(17, "parse.unknown_event")}, set()),
    ("position zero", 19, "00. Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs", {(19, "results.position_range"), (19, "results.position_sequence"), (19, "season.results_agree")}, set()),
    ("winner without race time", 19, "01. Max Verstappen (NED), Red Bull, +0.000", {(19, "results.winner_time")}, set()),
    ("short race", 19, "01. Max Verstappen (NED), Red Bull, 55 laps in 1:35:21.362 hrs", {(19, "results.race_distance")}, set()),
    # Sainz's own laps and time, one lap more than the winner's 56
    ("more laps than the winner", 23, "03. Carlos Sainz (ESP), Ferrari, 57 laps in 1:35:36.496 hrs", {(23, "results.laps_beyond_winner")}, set()),
    # AlphaTauri (10 points) is left out for the second Alpine: a table without its last team, whose
    # total can still be the drivers' (it may have up to Haas's 12 points), so only the duplicate is an error
    ("duplicate team", 131, "10 Alpine 10", {(123, "standings.duplicate_team"), (131, "standings.duplicate_team")}, set()),
    ("team alias", 25, "04. Sergio Pérez (MEX), RBR, +18.460", set(), {(25, "format.team_alias")}),
    # Norris's 18 are second place's; Verstappen's 26, first place's with the fastest lap (in the top ten)
    ("points of a result", 21, "02. Lando Norris (GBR), McLaren, +10.730, 18 pts", set(), set()),
    ("points of a result with the fastest lap", 19, "01. Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs, 26 points", set(), set()),
    ("wrong points of a result", 23, "03. Carlos Sainz (ESP), Ferrari, +15.134, 18 pts", {(23, "results.points")}, set()),
    ("points of a disqualified driver", 59, "Lewis Hamilton (GBR), Mercedes, 18 pts", {(59, "results.points_unclassified")}, set()),
    ("power unit in brackets", 113, "01 Red Bull Racing (Honda RBPT) 706 points", set(), set()),
    ("wrong power unit", 119, "04 McLaren (Ferrari) 242", {(119, "ref.power_unit")}, set()),
    ("unknown power unit", 119, "04 McLaren, Mercedes-Benz, 242", {(119, "ref.power_unit")}, set()),
    ("nationality left out", 25, "04. Sergio Pérez, Red Bull, +18.460", set(), {(25, "format.nationality_left_out")}),
    ("footnote mark", 25, "04. Sergio Pérez (MEX), Red Bull Racing, +18.460*", set(), {(25, "format.footnote_mark")}),
    ("nationality left out of a retirement", 51, "Fernando Alonso, Aston Martin, damage to underbody", set(), {(51, "format.nationality_left_out")}),
    ("bad ordinal", 69, "2th. Pérez 240", set(), {(69, "format.position_style")}),
    ("team in brackets not his", 69, "2nd. Pérez (Ferrari) 240", {(69, "cross.standings_team_roster")}, set()),
    ("unknown season", 1, " date 2031-10-24", {(1, "parse.unknown_season")}, set()),
    ("bad date", 1, " date 2023-02-30", {(1, "parse.bad_date")}, set()),
    # dated the day before the race it reports: its results table and its standings after it cannot be
    ("results before the race", 1, " date 2023-10-21", {(5, "season.points_jump"), (17, "ref.results_before_race"), (63, "standings.context"), (67, "season.points_jump")}, set()),
    ("orphan row", 16, "16. Lance Stroll 53", {(16, "parse.orphan_row")}, set()),
    ("broken standings heading", 63, "World Championship standings (after 18 of", {(63, "parse.unreadable_row")}, set()),
    ("unread points statement", 16, "The gap between them is 226 points.", set(), {(16, "parse.unread_claim")}),
    ("wrong gap", 16, "The gap between Norris and Verstappen is 300 points.", {(16, "cross.claim_gap")}, set()),
    ("wrong sum of two", 16, "Norris and Verstappen have 700 points between them.", {(16, "cross.claim_combined")}, set()),
    ("wrong place of a described driver", 16, "Sergio Pérez was on the podium, and the Mexican is third in the championship.", {(16, "cross.claim_position")}, set()),
    ("wrong place in a relative clause", 16, "Lewis Hamilton, who is fourth in the championship, was disqualified.", {(16, "cross.claim_position")}, set()),
    ("a description no one named fits", 16, "The Briton has 201 points.", set(), {(16, "parse.unread_claim")}),
    ("later date header", 16, " date 2023-10-30 Max Verstappen has 466 points.", {(16, "parse.later_date_header")}, set()),
    # a heading without its sprints part: the message is still formed (a null part once nulled it)
    ("standings after the wrong round", 63, "World Championship standings (after 17 of 22 Grand Prix)", {(63, "standings.context")}, set()),
    ("no standings heading", 63, "", {(65, "standings.no_heading"), (111, "standings.no_heading")}, set()),
    # the classified rows stand under no heading at all; the Out and Disqualified rows are read, but for no race
    ("no event heading", 17, "", {(n, "parse.orphan_row") for n in range(19, 48, 2)} | {(51, "parse.no_event_heading")}, set()),
]


def _mutate(line_no: int, text: str, *more: tuple[int, str]) -> tuple[str, str, bytes]:
    lines = (CLEAN / f"{BASE}.txt").read_text(encoding="utf-8").split("\n")
    for n, new in ((line_no, text), *more):
        lines[n - 1] = new
    return text_file(f"{BASE}-mutated", "\n".join(lines))


@pytest.mark.parametrize("what, line_no, text, expected, expected_info", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutations_flag_their_line(run_core, clean_files, what, line_no, text, expected, expected_info):
    mutated = _mutate(line_no, text)
    marts = run_core([f for f in clean_files if f[0] != BASE] + [mutated])
    issues = marts["validation_issues"]
    assert issue_set(issues, mutated[0]) == expected
    assert serious(issues).filter(pl.col("article_id") != mutated[0]).is_empty()
    info = set(issues.filter((pl.col("article_id") == mutated[0]) & (pl.col("severity") == "info")).select("line", "check").iter_rows())
    assert expected_info <= info


def test_a_wrong_team_in_a_race_that_is_not_known_is_still_explained(run_core, clean_files):
    """The roster is then the season's: the message says so (it once came out null and failed the run)."""
    mutated = _mutate(17, "Atlantis GP, Lost City Circuit", (25, "04. Sergio Pérez (MEX), Williams, +18.460"))
    marts = run_core([f for f in clean_files if f[0] != BASE] + [mutated])
    issues = marts["validation_issues"].filter(pl.col("article_id") == mutated[0])
    assert issue_set(issues, mutated[0]) == {(17, "parse.unknown_event"), (25, "cross.team_roster")}
    roster = issues.filter(pl.col("check") == "cross.team_roster").row(0, named=True)
    assert roster["message"] == "Sergio Pérez is listed with Williams, but raced for Red Bull in 2023 (the race is not known: any round of the season)"


def test_the_prose_after_a_later_date_header_is_still_read(run_core, clean_files):
    mutated = _mutate(16, " date 2023-10-30 Max Verstappen has 466 points.")
    marts = run_core([f for f in clean_files if f[0] != BASE] + [mutated])
    claims = marts["claims"].filter((pl.col("article_id") == mutated[0]) & (pl.col("line") == 16))
    assert claims.select("kind", "driver_id", "points").rows() == [("points", "max-verstappen", 466.0)]
    assert marts["articles"].filter(pl.col("article_id") == mutated[0])["published"].item().isoformat() == "2023-10-24"


# (what, lines blanked (first, last), serious issues expected on the article): a heading left with nothing under it
EMPTIED = [
    ("results without classified rows", (19, 47), {(17, "parse.empty_table")}),
    ("disqualified heading without rows", (59, 61), {(57, "parse.empty_table")}),
    ("drivers' heading without rows", (67, 109), {(65, "parse.empty_table")}),
    ("standings heading without tables", (65, 131), {(63, "standings.no_tables")}),
]


@pytest.mark.parametrize("what, blanked, expected", EMPTIED, ids=[e[0] for e in EMPTIED])
def test_headings_with_nothing_under_them_are_flagged(run_core, clean_files, what, blanked, expected):
    lines = (CLEAN / f"{BASE}.txt").read_text(encoding="utf-8").split("\n")
    first, last = blanked
    lines[first - 1 : last] = [""] * (last - first + 1)  # line numbers of the rest stay as they were
    emptied = text_file(f"{BASE}-emptied", "\n".join(lines))
    marts = run_core([f for f in clean_files if f[0] != BASE] + [emptied])
    issues = marts["validation_issues"]
    assert issue_set(issues, emptied[0]) == expected
    assert serious(issues).filter(pl.col("article_id") != emptied[0]).is_empty()


def test_mutation_bases_are_clean(run_core):
    marts = run_core(article_files(CLEAN))
    checks = {c for m in MUTATIONS for _, c in m[3] | m[4]}
    base_issues = marts["validation_issues"].filter(pl.col("article_id") == BASE)
    assert not set(base_issues["check"]) & checks


def test_a_heading_the_calendar_contradicts_does_not_misjudge_other_articles(run_core, clean_files):
    """Standings said to be after 13 rounds on a date when 12 were run: standings.context flags the
    heading, and the later articles' claims and tables are judged by the date's rounds instead of it
    (trusting it flagged their true margins and points: 'at most -N points could be scored')."""
    spa = "2023-08-01_verstappen-spa-twelve-out-of-twelve"
    lines = (CLEAN / f"{spa}.txt").read_text(encoding="utf-8").split("\n")
    assert lines[60] == "World Championship standings (after 12 of 22 Grand Prix, incl. 3 of 6 sprints)"
    lines[60] = "World Championship standings (after 13 of 22 Grand Prix, incl. 3 of 6 sprints)"
    mutated = text_file(f"{spa}-mutated", "\n".join(lines))
    marts = run_core([f for f in clean_files if f[0] != spa] + [mutated])
    issues = serious(marts["validation_issues"])
    assert set(issues.select("article_id", "line", "check").iter_rows()) == {(mutated[0], 61, "standings.context")}
    # the later article does compare its margins with the mutated table
    claims = marts["claims"].filter((pl.col("article_id") == "2023-08-02_summer-break-title-picture") & (pl.col("kind") == "margin"))
    assert claims.height > 0
