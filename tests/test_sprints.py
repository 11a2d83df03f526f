"""A sprint's results table: read as the sprint's (`race_results.session`), its points checked by the
sprint's points system, its weekend checked against the calendar, and its tables compared with
other tables of that sprint only, never with the race's."""

import csv

import polars as pl
import pytest

from conftest import CLEAN, serious, text_file

SPRINT_ARTICLE = "2023-07-29_verstappen-wins-the-wet-spa-sprint"
SPRINT_TEXT = (CLEAN / f"{SPRINT_ARTICLE}.txt").read_text(encoding="utf-8")
SPRINT_HEADING = "Belgian GP sprint, Circuit de Spa-Francorchamps"
REAL = CLEAN.parents[1] / "f1db-2023-results" / "sprint_results_rounds_1_12_18.csv"


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_the_sprint_table_is_the_real_sprint(clean):
    _, marts = clean
    got = marts["race_results"].filter(pl.col("article_id") == SPRINT_ARTICLE)
    with REAL.open(encoding="utf-8") as handle:
        real = [r for r in csv.DictReader(handle) if r["round"] == "12"]
    winner_ms = int(real[0]["time_millis"])
    expected = sorted(
        (
            r["driver_id"], r["constructor_id"], int(r["position"]) if r["position"] else None,
            "classified" if r["position"] else "retired",
            int(r["time_millis"]) - winner_ms if r["time_millis"] else None,
            float(r["points"]) if r["position"] and int(r["points"]) else None,
        )
        for r in real
    )
    rows = sorted(got.select("driver_id", "team_id", "position", "status", "gap_ms", "points").iter_rows())
    assert rows == expected
    assert got.select("round", "session", "event", "circuit").unique().rows() == [(12, "sprint", "Belgian GP", "Circuit de Spa-Francorchamps")]
    assert got.filter(pl.col("position") == 1).select("laps", "time_ms").row(0) == (11, winner_ms)
    # the race of the same weekend, in another clean article, stays the race's
    race = marts["race_results"].filter(pl.col("article_id") == "2023-08-01_verstappen-spa-twelve-out-of-twelve")
    assert race["session"].unique().to_list() == ["race"]


@pytest.mark.parametrize("heading, session, event, circuit", [
    ("Belgian GP sprint, Circuit de Spa-Francorchamps", "sprint", "Belgian GP", "Circuit de Spa-Francorchamps"),
    ("Sprint: Belgian Grand Prix", "sprint", "Belgian Grand Prix", None),
    ("Sprint race Belgian GP, Spa-Francorchamps", "sprint", "Belgian GP", "Spa-Francorchamps"),
    ("Belgian Grand Prix - Sprint results", "sprint", "Belgian Grand Prix", None),
    ("Belgian GP, Spa-Francorchamps (sprint)", "sprint", "Belgian GP", "Spa-Francorchamps"),
    ("Belgian GP, Spa-Francorchamps, sprint:", "sprint", "Belgian GP", "Spa-Francorchamps"),
    ("Belgian GP, Circuit de Spa-Francorchamps", "race", "Belgian GP", "Circuit de Spa-Francorchamps"),
])
def test_a_heading_says_the_table_is_a_sprints(run_core, heading, session, event, circuit):
    marts = run_core([text_file("sprint", _with(SPRINT_TEXT, SPRINT_HEADING, heading))])
    got = marts["race_results"]
    assert got.select("round", "session", "event", "circuit").unique().rows() == [(12, session, event, circuit)]
    # as a race's table, the sprint's points and its 11 laps are wrong for the Grand Prix
    expected = set() if session == "sprint" else {(9, "results.race_distance"), *((line, "results.points") for line in range(9, 24, 2))}
    assert set(serious(marts["validation_issues"]).select("line", "check").iter_rows()) == expected


def test_a_sprint_shootout_is_no_sprint_race(run_core):
    """A sprint shootout (qualifying for the sprint) names no race: its heading is an unknown event."""
    marts = run_core([text_file("shootout", _with(SPRINT_TEXT, SPRINT_HEADING, "Sprint Shootout Belgian GP"))])
    issues = serious(marts["validation_issues"])
    assert issues.select("line", "check").rows() == [(7, "parse.unknown_event")]
    assert marts["race_results"]["round"].null_count() == marts["race_results"].height


def test_a_sprints_points_are_the_sprint_systems(run_core):
    """8 to 1 for the first eight, and no fastest lap's point: a Grand Prix's points, or one more, are wrong."""
    text = _with(SPRINT_TEXT, "11 laps in 24:58.433, 8 pts", "11 laps in 24:58.433, 9 pts")
    text = _with(text, "+6.677, 7 pts", "+6.677, 18 pts")
    text = _with(text, "+22.410\n", "+22.410, 1 pt\n")
    issues = serious(run_core([text_file("points", text)])["validation_issues"])
    assert issues.select("line", "check", "message").rows() == [
        (9, "results.points", "the row gives 9 points for position 1, which scores 8 in a sprint of 2023"),
        (11, "results.points", "the row gives 18 points for position 2, which scores 7 in a sprint of 2023"),
        (25, "results.points", "the row gives 1 point for position 9, which scores 0 in a sprint of 2023"),
    ]


def test_a_sprint_on_a_weekend_without_one_is_an_error(run_core):
    text = _with(SPRINT_TEXT, SPRINT_HEADING, "Monaco GP sprint, Circuit de Monaco")
    issues = serious(run_core([text_file("monaco", text)])["validation_issues"])
    assert issues.select("line", "check", "message", "observed").rows() == [(
        7, "ref.sprint_weekend",
        "this heading gives a sprint's results, but the weekend of the Monaco Grand Prix 2023 had no sprint in the calendar",
        "Monaco GP, Circuit de Monaco",
    )]


def test_the_prose_is_checked_against_the_race_not_the_sprint(run_core, clean_files):
    """An article giving the sprint's table before the race's: 'Leclerc finished third' is the race's
    place (fifth in the sprint)."""
    spa = next(text for stem, _, text in clean_files if stem == "2023-08-01_verstappen-spa-twelve-out-of-twelve").decode("utf-8")
    sprint_table = SPRINT_TEXT[SPRINT_TEXT.index(SPRINT_HEADING):].rstrip("\n")
    both = _with(spa, "Belgian GP, Circuit de Spa-Francorchamps", f"{sprint_table}\n\nBelgian GP, Circuit de Spa-Francorchamps")
    marts = run_core([text_file("weekend", both)])
    assert serious(marts["validation_issues"]).is_empty()
    finish = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("driver_id") == "charles-leclerc"))
    assert finish["position"].to_list() == [3]
    assert marts["race_results"].group_by("session").len().sort("session").rows() == [("race", 20), ("sprint", 20)]
    # an article giving the sprint's table only: a place in the race is checked against no table of it
    alone = _with(SPRINT_TEXT, "\n\nBelgian GP sprint", "\n\nCharles Leclerc finished third.\n\nBelgian GP sprint")
    marts = run_core([text_file("sprint", alone)])
    assert marts["claims"].filter(pl.col("kind") == "finish").select("line", "driver_id", "position").rows() == [(7, "charles-leclerc", 3)]
    assert serious(marts["validation_issues"]).is_empty()


def test_the_tables_of_a_sprint_are_compared_with_each_other_only(run_core, clean_files):
    """Three tables of the Spa sprint, one giving Gasly fourth and Sainz third: it is outvoted, named
    as the sprint's; the race's table of that weekend (Gasly 11th) is compared with none of them."""
    swapped = _with(SPRINT_TEXT, "3. Pierre Gasly (FRA), Alpine, +10.733, 6 pts", "3. Carlos Sainz Jr. (ESP), Ferrari, +10.733, 6 pts")
    swapped = _with(swapped, "4. Carlos Sainz Jr. (ESP), Ferrari, +12.648, 5 pts", "4. Pierre Gasly (FRA), Alpine, +12.648, 5 pts")
    files = [*clean_files, text_file("2023-07-30_sprint-again", SPRINT_TEXT), text_file("2023-07-30_sprint-swapped", swapped)]
    issues = serious(run_core(files)["validation_issues"])
    flagged = issues.filter(pl.col("check") == "season.results_agree").sort("line")
    assert flagged.select("article_id", "line").rows() == [("2023-07-30_sprint-swapped", 13), ("2023-07-30_sprint-swapped", 15)]
    assert "the sprint of the Belgian Grand Prix 2023" in flagged["message"][0]
    assert issues.filter(pl.col("article_id") != "2023-07-30_sprint-swapped").is_empty()
