"""Standings: the seed tables (both Gasly lines kept) and the format variants."""

import polars as pl
import pytest

from conftest import SEED_USGP, text_file


def test_seed_driver_standings_keep_every_line(seeds):
    _, marts = seeds
    ds = marts["driver_standings"].filter(pl.col("article_id") == SEED_USGP)
    assert ds.height == 23
    assert ds.filter(pl.col("driver") == "Pierre Gasly").select("line", "rank", "points").rows() == [(79, 10, 56.0), (81, 11, 52.0)]
    assert ds.select("after_round", "rounds_total", "sprints_done", "sprints_total").unique().rows() == [(18, 22, 5, 6)]
    assert ds.filter(pl.col("line") == 103).select("driver", "driver_raw", "points").row(0) == ("Nyck de Vries", "De Vries", 0.0)
    assert ds.filter(pl.col("line") == 91)["driver"].item() == "Nico Hülkenberg"
    assert ds.filter(pl.col("line") == 73).select("rank", "position_raw").row(0) == (7, "07")


def test_seed_constructor_standings(seeds):
    _, marts = seeds
    cs = marts["constructor_standings"].filter(pl.col("article_id") == SEED_USGP)
    assert cs.height == 10
    assert cs.select("rank", "team", "team_raw", "points").row(0) == (1, "Red Bull", "Red Bull Racing", 706.0)
    assert cs["points"].sum() == 2014
    assert cs["after_round"].unique().to_list() == [18]


@pytest.mark.parametrize(
    "line, rank, name, points",
    [
        ("01. Verstappen 466 points", 1, "Max Verstappen", 466.0),
        ("1 Verstappen 466", 1, "Max Verstappen", 466.0),
        ("1st Verstappen 466 points", 1, "Max Verstappen", 466.0),
        ("22nd Ricciardo 0", 22, "Daniel Ricciardo", 0.0),
        ("21st. De Vries 0", 21, "Nyck de Vries", 0.0),
        ("09th Hulkenberg 9", 9, "Nico Hülkenberg", 9.0),
        ("5. Sainz 12.5 points", 5, "Carlos Sainz Jr.", 12.5),
        ("5. Sainz 12,5 points", 5, "Carlos Sainz Jr.", 12.5),
        ("1. Verstappen 1,028 points", 1, "Max Verstappen", 1028.0),
        ("5. Sainz 12½", 5, "Carlos Sainz Jr.", 12.5),
        ("1. Verstappen 466 Points", 1, "Max Verstappen", 466.0),
        ("1. Verstappen 466 PTS", 1, "Max Verstappen", 466.0),
    ],
)
def test_driver_row_variants(run_core, line, rank, name, points):
    text = (
        " date 2023-10-26 Standings.\n\nWorld Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\n"
        f"Driver\n\n{line}\n"
    )
    ds = run_core([text_file("variant", text)])["driver_standings"]
    assert ds.select("rank", "driver", "points").row(0) == (rank, name, points)


def test_points_with_a_comma_between_thousands(run_core):
    """A comma before three digits is a thousands separator, not a decimal point; a comma before
    anything else than three digits or a half is no number of points: the row is unreadable."""
    text = (
        " date 2023-10-26 Standings.\n\nWorld Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\n"
        "Constructors' Cup\n\n1. Red Bull Racing 1,028 points\n\n2. Mercedes 1,02\n\n3. Ferrari 1,0285\n\n4. McLaren 242\n"
    )
    marts = run_core([text_file("thousands", text)])
    cs = marts["constructor_standings"]
    assert cs.select("line", "team", "points").rows() == [(7, "Red Bull", 1028.0), (13, "McLaren", 242.0)]
    unreadable = marts["validation_issues"].filter(pl.col("check") == "parse.unreadable_row")
    assert unreadable["line"].to_list() == [9, 11]


def test_team_aliases_in_constructors_table(run_core):
    text = (
        " date 2023-10-26 Standings.\n\nWorld Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\n"
        "Constructors' Cup\n\n1. Oracle Red Bull Racing 706\n\n2. Mercedes-AMG Petronas F1 Team 344\n\n8 Alfa Romeo F1 Team Stake 16\n"
    )
    cs = run_core([text_file("teams", text)])["constructor_standings"]
    assert cs["team_id"].to_list() == ["red-bull", "mercedes", "alfa-romeo"]
