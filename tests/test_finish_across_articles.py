"""A driver's place in the race claimed in an article with no results table of its own ("Norris
finished second on Sunday" in a preview) is checked against the tables of that race in other
articles (`season.claim_finish_vs_results`): the race is the latest run by the article's date, and
on a race day that day's or the one before."""

import polars as pl

from conftest import text_file
from test_results_agree import SWAPPED, results_article

# the Austin race (round 18, 2023-10-22): Verstappen 1, Norris 2, Sainz 3, Perez 4 ... Ricciardo 15;
# Alonso, Piastri and Ocon out; Hamilton and Leclerc disqualified. Mexico City (round 19) is on the 29th.
MEXICO = SWAPPED.replace("United States GP, Circuit of the Americas", "Mexico City GP, Autódromo Hermanos Rodríguez")  # Sainz 2, Norris 3


def preview(sentences: list[str], day: str = "2023-10-27") -> tuple[str, str, bytes]:
    return text_file("preview", f" date {day}\n\n" + "\n\n".join(sentences) + "\n")


def _issues(marts, check="season.claim_finish_vs_results") -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == check)
    return issues.select("article_id", "line", "observed", "expected", "message").rows()


def test_places_that_the_race_tables_give_pass(run_core):
    text = ["Norris finished second on Sunday.", "Sainz was classified third.", "Perez finished fifth after 56 laps.", "Hamilton finished second on the road."]
    marts = run_core([results_article("a"), results_article("b"), preview(text)])
    assert marts["claims"].filter((pl.col("article_id") == "preview") & (pl.col("kind") == "finish")).height == 4
    assert _issues(marts) == []


def test_a_wrong_place_is_flagged_against_the_tables_of_the_race(run_core):
    text = ["Norris finished fifth on Sunday.", "Perez finished seventh.", "Alonso finished ninth."]
    marts = run_core([results_article("a"), results_article("b"), preview(text)])
    assert _issues(marts) == [
        ("preview", 3, "5", "2 to 4", "the text puts Lando Norris in place 5 of the race, but the tables of the United States Grand Prix 2023 (the latest race by 2023-10-27) in other articles, 2 of them (the last b, line 7), classify Lando Norris in place 2 (on the road places 2 to 4, 2 disqualified)"),
        ("preview", 5, "7", "4 to 6", "the text puts Sergio Pérez in place 7 of the race, but the tables of the United States Grand Prix 2023 (the latest race by 2023-10-27) in other articles, 2 of them (the last b, line 11), classify Sergio Pérez in place 4 (on the road places 4 to 6, 2 disqualified)"),
        ("preview", 7, "9", "retired", "the text puts Fernando Alonso in place 9 of the race, but the tables of the United States Grand Prix 2023 (the latest race by 2023-10-27) in other articles, 2 of them (the last b, line 37), list Fernando Alonso as retired"),
    ]


def test_the_result_most_tables_give_is_the_one_compared(run_core):
    text = ["Norris finished fifth on Sunday."]  # the swapped table's Norris, third, allows it on the road (3 to 5)
    marts = run_core([results_article("a"), results_article("b"), results_article("c", SWAPPED), preview(text)])
    assert [(line, observed, expected) for _, line, observed, expected, _ in _issues(marts)] == [(3, "5", "2 to 4")]
    marts = run_core([results_article("a"), results_article("c", SWAPPED), preview(["Norris finished ninth on Sunday."])])
    assert _issues(marts) == []  # the two tables are level: no result to compare with (season.results_agree flags both)
    assert len(_issues(marts, "season.results_level")) == 4


def test_on_a_race_day_the_days_race_or_the_one_before_may_be_meant(run_core):
    mexico = results_article("mexico", MEXICO, day="2023-10-30")
    race_day = ["Norris finished third.", "Norris finished second.", "Norris finished ninth."]  # Mexico's, Austin's, neither
    marts = run_core([results_article("a"), mexico, preview(race_day, day="2023-10-29")])
    assert [(line, expected) for _, line, _, expected, _ in _issues(marts)] == [(7, "3 to 5")]
    assert "the tables of the Mexican Grand Prix 2023 (the latest race by 2023-10-29)" in _issues(marts)[0][4]
    marts = run_core([results_article("a"), mexico, preview(race_day, day="2023-10-31")])  # after Mexico: only its race
    assert [line for _, line, _, _, _ in _issues(marts)] == [5, 7]


def test_an_article_with_its_own_results_table_is_checked_against_it_only(run_core):
    own = text_file("own", " date 2023-10-24\n\nNorris finished ninth on Sunday.\n\n" + SWAPPED)
    marts = run_core([results_article("a"), results_article("b"), own])
    assert _issues(marts) == []
    assert [(a, line) for a, line, *_ in _issues(marts, "cross.claim_finish")] == [("own", 3)]


def test_no_table_of_the_race_anywhere_leaves_the_claim_unchecked(run_core):
    marts = run_core([preview(["Norris finished ninth on Sunday."])])
    assert marts["claims"].filter(pl.col("kind") == "finish").height == 1
    assert _issues(marts) == []
