"""Checks across articles a review found wrong on correct data (2026-12-07): an article of a sprint's
Saturday, when the sprint's points are already scored but its round's race is not run, and a time
written to a coarser precision that rounds up from a half (22.305 is 22.31 to hundredths)."""

import polars as pl

from conftest import text_file

HUNGARY = (
    "date 2023-07-24 Verstappen won in Hungary.\n\n"
    "World Championship standings (after 11 of 22 Grand Prix, incl. 2 of 6 sprints)\n\nDriver\n\n"
    "01. Verstappen 281 points\n\n02. Pérez 171\n"
)


def _serious(marts) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("severity").is_in(["error", "warning"])).sort("article_id", "line", "check")
    return issues.select("article_id", "line", "check").rows()


def test_points_of_a_sprint_run_on_the_article_s_saturday_could_be_scored(run_core):
    """Spa 2023: the sprint on Saturday 29 July (Verstappen won it, 8 points; Pérez retired), the race
    on the 30th. A claim, a margin and a table of the Saturday count the sprint; one beyond it is an
    error still."""
    saturday = (
        "date 2023-07-29 Max Verstappen won the sprint at Spa-Francorchamps on Saturday, while Perez crashed out.\n\n"
        "Max Verstappen now has 289 points after his sprint win.\n\n"
        "Verstappen has extended his lead to 118 points over Sergio Perez.\n\n"
        "World Championship standings (after 11 of 22 Grand Prix, incl. 3 of 6 sprints)\n\nDriver\n\n"
        "01. Verstappen 289 points\n\n02. Pérez 171\n"
    )
    marts = run_core([text_file("2023-07-24_hungary", HUNGARY), text_file("2023-07-29_spa-sprint", saturday)])
    assert _serious(marts) == []
    too_many = saturday.replace("now has 289 points", "now has 290 points")
    marts = run_core([text_file("2023-07-24_hungary", HUNGARY), text_file("2023-07-29_spa-sprint", too_many)])
    assert _serious(marts) == [("2023-07-29_spa-sprint", 3, "cross.claim_points"), ("2023-07-29_spa-sprint", 3, "season.points_jump")]


def test_a_friday_before_the_sprint_counts_no_sprint(run_core):
    friday = HUNGARY.replace("2023-07-24 Verstappen won in Hungary.", "2023-07-28 Qualifying at Spa.").replace("incl. 2 of 6", "incl. 3 of 6")
    marts = run_core([text_file("2023-07-28_spa-friday", friday)])
    assert [check for *_, check in _serious(marts)] == ["standings.context"]


SPA = (
    "date {date} Verstappen won at Spa.\n\nBelgian GP, Circuit de Spa-Francorchamps\n\n"
    "01 Max Verstappen (NL), Red Bull, 44 laps in 1:22:30.450 hrs\n\n02 Sergio Pérez (MEX), Red Bull, {gap}\n"
)


def test_a_time_to_a_coarser_precision_is_rounded_half_up(run_core):
    """Pérez finished 22.305 s behind: "+22.31" is that time to hundredths, "+22.30" is not."""
    agreeing = [text_file("a", SPA.format(date="2023-07-30", gap="+22.305")), text_file("b", SPA.format(date="2023-07-31", gap="+22.31"))]
    assert _serious(run_core(agreeing)) == []
    three = [*agreeing, text_file("c", SPA.format(date="2023-08-01", gap="+22.31"))]
    assert _serious(run_core(three)) == []
    wrong = [*agreeing, text_file("c", SPA.format(date="2023-08-01", gap="+22.30")), text_file("d", SPA.format(date="2023-08-02", gap="+22.305"))]
    assert _serious(run_core(wrong)) == [("c", 7, "season.times_agree")]
