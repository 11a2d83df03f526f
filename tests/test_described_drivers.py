"""A driver described instead of named ("the Mexican", "the Red Bull driver") is the one driver the
description fits among those the article named before it; a relative clause after a name ("Hamilton,
who has 201 points") is that name's claim. The Austin standings article is the table they are
checked against (Verstappen 466, Perez 240, Hamilton 201, Alonso 183, Sainz 171, Norris 159, Leclerc 151)."""

import shutil

import polars as pl
import pytest

from conftest import austin_with_paragraphs
from parcferme.reference import load_reference
from parcferme.reference.loader import DATA_DIR


def _claims(marts):
    return marts["claims"].sort("line").select("line", "kind", "driver", "driver_raw", "points", "position", "rival", "margin").rows()


def _unread(marts):
    issues = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").sort("line")
    return issues.select("line", "message").rows()


def test_a_described_driver_is_the_one_named_before_who_fits(run_core):
    marts = run_core([austin_with_paragraphs("described", [
        "Sergio Perez finished fourth at the weekend. The Mexican has 245 points.",
        "Fernando Alonso had a quiet race, and the Spaniard is fourth in the championship.",
        "Charles Leclerc was disqualified. The Ferrari driver is seventh in the standings.",
        "Max Verstappen won again, and the Dutch driver has 466 points.",
    ])])
    assert _claims(marts) == [
        (3, "finish", "Sergio Pérez", "Sergio Perez", None, 4, None, None),  # no results table here: not checked
        (3, "points", "Sergio Pérez", "The Mexican", 245.0, None, None, None),
        (5, "position", "Fernando Alonso", "Spaniard", None, 4, None, None),
        (7, "position", "Charles Leclerc", "The Ferrari driver", None, 7, None, None),
        (9, "points", "Max Verstappen", "Dutch driver", 466.0, None, None, None),
    ]
    errors = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert errors.select("line", "check", "message").rows() == [
        (3, "cross.claim_points", "the text gives Sergio Pérez 245 points, the drivers' table on line 17 gives 240"),
    ]
    assert _unread(marts) == []


def test_a_description_that_fits_no_one_named_or_two_stays_unread(run_core):
    """No Briton named yet, then two; no Aston Martin driver named: whoever is meant, the reader
    does not guess, and says the figure is not checked."""
    marts = run_core([austin_with_paragraphs("vague", [
        "The Briton is third in the championship.",
        "Lando Norris and Lewis Hamilton both scored. The Briton has 201 points.",
        "The Aston Martin driver has 183 points.",
        "Mexican fans filled the grandstands; Mexican has 240 points.",
    ])])
    assert _claims(marts) == []
    assert _unread(marts) == [
        (3, "this sentence states third in the championship in a way the claim reader does not know: it is not checked"),
        (5, "this sentence states 201 points in a way the claim reader does not know: it is not checked"),
        (7, "this sentence states 183 points in a way the claim reader does not know: it is not checked"),
        (9, "this sentence states 240 points in a way the claim reader does not know: it is not checked"),
    ]


def test_a_description_refers_back_across_paragraphs_to_the_latest_fitting_driver(run_core):
    """Perez named two paragraphs before; Verstappen (the other Red Bull driver) named after him
    but before the claim: 'the Mexican' is still Perez, 'the Red Bull driver' is either."""
    marts = run_core([austin_with_paragraphs("back", [
        "Sergio Perez was the first to congratulate the team.",
        "Max Verstappen crossed the line ten seconds clear.",
        "The Mexican is second in the championship. The Red Bull driver has 466 points.",
    ])])
    assert _claims(marts) == [(7, "position", "Sergio Pérez", "The Mexican", None, 2, None, None)]
    assert _unread(marts) == [(7, "this sentence states 466 points in a way the claim reader does not know: it is not checked")]


def test_a_relative_clause_after_a_name_is_its_claim(run_core):
    marts = run_core([austin_with_paragraphs("who", [
        "Hamilton, who has 205 points, was on the podium.",
        "Perez, who is P2 in the standings, started from the pit lane.",
        "Norris and Piastri, who have 242 points, were quick all weekend.",
        "Alonso is 12 points clear of the Spaniard Carlos Sainz.",
    ])])
    assert _claims(marts) == [
        (3, "points", "Lewis Hamilton", "Hamilton", 205.0, None, None, None),
        (5, "position", "Sergio Pérez", "Perez", None, 2, None, None),
        (9, "margin", "Fernando Alonso", "Alonso", None, None, "Carlos Sainz Jr.", 12.0),
    ]
    errors = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert errors.select("line", "check").rows() == [(3, "cross.claim_points")]
    assert _unread(marts) == [(7, "this sentence states 242 points in a way the claim reader does not know: it is not checked")]


def test_every_driver_of_every_season_can_be_described():
    """By his nationality's demonym and by his team's name: a season whose drivers come from a
    country demonyms.csv lacks fails here, not silently in the prose."""
    reference = load_reference()
    described = reference.descriptors.group_by("season", "driver_id").agg("key")
    missing = reference.drivers.join(described, on=["season", "driver_id"], how="left").filter(pl.col("key").is_null())
    assert missing.is_empty(), missing
    keys = {row[0]: set(row[1]) for row in reference.descriptors.group_by("key").agg("driver_id").iter_rows()}
    assert keys["mexican"] == {"sergio-perez"}
    assert keys["dutchman"] == keys["dutch"] == {"max-verstappen", "nyck-de-vries"}
    assert keys["red bull driver"] == keys["oracle red bull racing driver"] == {"max-verstappen", "sergio-perez"}


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        ("iso3,demonyms\nXXX,Atlantean\n", "unknown ISO 3166 alpha-3 codes ['XXX']"),
        ("iso3,demonyms\nMEX,Mexican\nESP,Spaniard|Mexican\n", "demonyms of more than one country ['mexican']"),
    ],
)
def test_a_bad_demonyms_file_is_refused(tmp_path, rows, error):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "demonyms.csv").write_text(rows, encoding="utf-8")
    with pytest.raises(ValueError, match=error.replace("[", r"\[").replace("]", r"\]")):
        load_reference(data)
