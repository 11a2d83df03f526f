"""Laps in the prose (kind `laps`): a race's distance ("the 71-lap race", about race), checked against
the article's own results table (`cross.claim_laps`) or, without one, the calendar
(`ref.claim_race_laps`); a driver's laps at the flag after his place or time ("Pérez finished fifth after
56 laps", about driver), checked against his row of the table."""

import polars as pl
import pytest

from conftest import RAW, text_file
from test_finish_claims import usgp_with

# the seed's US GP table (round 18, 56 laps): Verstappen 56 laps in 1:35:21.362, Norris to Bottas on the
# lead lap, Zhou, Magnussen and Ricciardo a lap down; Alonso, Piastri and Ocon out


def _laps(marts, article_id: str = "usgp") -> list[tuple]:
    claims = marts["claims"].filter((pl.col("kind") == "laps") & (pl.col("article_id") == article_id)).sort("line")
    return claims.select("line", "about", "driver_id", "race", "session", "laps").rows()


def _issues(marts, check: str) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == check).sort("article_id", "line")
    return issues.select("line", "observed", "expected", "message").rows()


def test_laps_the_table_gives_pass(run_core):
    sentences = [
        "The 56-lap United States Grand Prix was a test of tyres.",
        "Verstappen won the 56-lap race.",  # the win is read too
        "Zhou finished 13th after 55 laps.",  # a lap down
        "Verstappen crossed the line 10.730 seconds ahead of Norris after 56 laps.",  # the subject's
        "Verstappen won ahead of Norris after 56 laps.",  # after those a win was ahead of: not read
    ]
    marts = run_core([usgp_with(sentences)])
    assert _laps(marts)[:4] == [
        (3, "race", None, "United States Grand Prix", "race", 56),
        (5, "race", None, "United States Grand Prix", "race", 56),  # the article's table's: no race named
        (7, "driver", "guanyu-zhou", "United States Grand Prix", "race", 55),
        (9, "driver", "max-verstappen", "United States Grand Prix", "race", 56),
    ]
    assert [line for line, *_ in _laps(marts)] == [3, 5, 7, 9, 13]  # 13: the seed's own "finished fifth after 56 laps"
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") == 5))
    assert finishes.select("driver_id", "position").rows() == [("max-verstappen", 1)]
    assert _issues(marts, "cross.claim_laps") == [] and _issues(marts, "ref.claim_race_laps") == []


def test_laps_the_table_does_not_give_are_flagged(run_core):
    sentences = ["The 57-lap race was long.", "Zhou finished 13th after 56 laps.", "Sainz finished third after 55 laps."]
    marts = run_core([usgp_with(sentences)])
    assert _issues(marts, "cross.claim_laps") == [
        (3, "57", "56", "the text gives the race 57 laps, the results table's winner on line 19 covered 56"),
        (5, "56", "55", "the text has Guanyu Zhou cover 56 laps in the race, the results table on line 43 gives him 55"),
        (7, "55", "56", "the text has Carlos Sainz Jr. cover 55 laps in the race, the results table on line 23 gives him 56"),
    ]
    assert _issues(marts, "ref.claim_race_laps") == []  # with a table, the table is the check (and results.race_distance checks it)


def test_a_distance_without_a_table_is_checked_against_the_calendar(run_core):
    """The 2023-11-06 seed: "the 71-lap race", of the latest race by its date, São Paulo (71 laps)."""
    seed_id = "2023-11-06_perez-alonso-brazil"
    seed = (RAW / f"{seed_id}.txt").read_text(encoding="utf-8")
    marts = run_core([text_file(seed_id, seed), text_file("wrong", seed.replace("71-lap race", "72-lap race"))])
    assert _laps(marts, seed_id) == [(3, "race", None, "São Paulo Grand Prix", "race", 71)]  # the latest race by its date
    assert marts["validation_issues"].filter(pl.col("article_id") == seed_id).is_empty()
    assert _issues(marts, "ref.claim_race_laps") == [
        (3, "72", "71", "the text gives the São Paulo Grand Prix 2023 72 laps, but the calendar schedules it over 71"),
    ]


def test_on_a_race_day_the_race_before_may_be_meant(run_core):
    """On 2023-10-29, Mexico's day (71 laps), "the 56-lap race" may be Austin's, run the week before."""
    preview = " date 2023-10-29\n\nThe 56-lap race was the last.\n\nThe 71-lap race starts at 14:00.\n\nThe 60-lap race was hot.\n"
    marts = run_core([text_file("raceday", preview)])
    assert [(line, race, laps) for line, _, _, race, _, laps in _laps(marts, "raceday")] == [(3, None, 56), (5, None, 71), (7, None, 60)]  # which race: not said
    assert _issues(marts, "ref.claim_race_laps") == [
        (7, "60", "71", "the text gives the Mexican Grand Prix 2023 60 laps, but the calendar schedules it over 71 (and the race before it, run earlier that week, over 56)"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Leclerc's car lost power after 39 laps.",  # a moment of the race, no place read before it
        "The 19-lap sprint was won by Verstappen.",  # the calendar gives no sprint's distance
        "Last year the 56-lap race was won by Verstappen.",  # another race
        "The 58-lap Atlantis Grand Prix was long.",  # no race of the calendar
        "The 20-lap race in the sprint shootout was short.",  # another session
    ],
)
def test_no_laps_are_read_from_words_that_say_none(run_core, sentence):
    assert [row for row in _laps(run_core([usgp_with([sentence])])) if row[0] == 3] == []
