"""Checks across articles a review found wrong on correct data (2026-12-07): an article of a sprint's
Saturday, when the sprint's points are already scored but its round's race is not run, and a time
written to a coarser precision that rounds up from a half (22.305 is 22.31 to hundredths)."""

import polars as pl

from conftest import ROOT, text_file

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


AUSTIN_STANDINGS = (ROOT / "tests" / "fixtures" / "articles" / "clean" / "2023-10-25_championship-standings-after-austin.txt").read_text(encoding="utf-8")
PEREZ = "02nd Perez 240"  # the drivers' table's line 9


def _austin(article_id: str, day: str = "2023-10-25", perez: str = PEREZ) -> tuple[str, str, bytes]:
    """The standings after Austin, published on `day`, Pérez's line written `perez`."""
    assert PEREZ in AUSTIN_STANDINGS
    return text_file(article_id, AUSTIN_STANDINGS.replace("2023-10-25", day, 1).replace(PEREZ, perez))


def _checked(marts, check: str) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == check).sort("article_id", "line")
    return issues.select("article_id", "line", "message").rows()


def test_standings_after_the_same_round_are_compared(run_core):
    """Two tables of one day after round 18 giving Pérez 240 and 249 were never compared (a later
    day's table was compared with the highest, so a correct one was flagged). Now the tables and
    claims after the same round are: the figure fewer of them give is an error, both are warned of
    when as many give each; a figure most contradict is not compared with later days, and a later
    table is told the article that gave the figure it contradicts."""
    wrong = "02nd Perez 249"
    marts = run_core([_austin("a"), _austin("b", perez=wrong)])
    assert _checked(marts, "season.points_same_round") == []
    assert _checked(marts, "season.points_same_round_level") == [
        ("a", 9, "Sergio Pérez has 240 points here, but b (line 9), also after round 18, gives 249, as many as give 240"),
        ("b", 9, "Sergio Pérez has 249 points here, but a (line 9), also after round 18, gives 240, as many as give 249"),
    ]
    marts = run_core([_austin("a"), _austin("b", perez=wrong), _austin("c"), _austin("d", day="2023-10-26")])
    assert _checked(marts, "season.points_same_round") == [
        ("b", 9, "Sergio Pérez has 249 points here, but a (line 9), also after round 18, gives 240, as do 2 more"),  # c, and d a day later
    ]
    assert _checked(marts, "season.points_decrease") == []  # before: d's 240, fewer than the 249 "published on 2023-10-25 (a, line 9)"
    # a week later, after Mexico (its heading, still after round 18, is an error of its own)
    marts = run_core([_austin("a"), _austin("b", perez=wrong), _austin("e", day="2023-10-30", perez="02nd Perez 235")])
    assert _checked(marts, "season.points_decrease") == [("e", 9, "Sergio Pérez has 235 points here, fewer than the 249 published on 2023-10-25 (b, line 9)")]


def test_a_wrong_earlier_table_is_outvoted_by_later_ones_after_the_same_round(run_core):
    """Tables of Monday, Tuesday and Wednesday after Austin (round 18, no race until Mexico on the
    Sunday): Monday's Pérez 249 is the odd one, and it is the one flagged. Before, Tuesday's true 240
    was the error (fewer than Monday's), and Monday's 249 passed."""
    marts = run_core([_austin("mon", day="2023-10-23", perez="02nd Perez 249"), _austin("tue", day="2023-10-24"), _austin("wed")])
    assert _checked(marts, "season.points_same_round") == [
        ("mon", 9, "Sergio Pérez has 249 points here, but tue (line 9), also after round 18, gives 240, as does one more"),
    ]
    assert _checked(marts, "season.points_decrease") == []


def test_a_claim_is_compared_with_the_tables_of_its_round_only_without_its_own_table(run_core):
    """A false claim beside the article's own correct table is that table's business (cross.claim_points):
    it does not dispute another article's table. A claim in an article without a table is compared,
    and a table outweighs it; claims with no table are compared with each other."""
    own = AUSTIN_STANDINGS.replace("\n\nWorld Championship", "\n\nSergio Pérez has 249 points.\n\nWorld Championship", 1)
    marts = run_core([_austin("a"), text_file("own", own)])
    assert {(a, c) for a, _, c in _serious(marts)} == {("own", "cross.claim_points")}
    marts = run_core([_austin("a"), text_file("prose", "date 2023-10-25\n\nSergio Pérez has 249 points.\n")])
    # the table's figure outweighs the prose's
    assert _checked(marts, "season.points_same_round") == [("prose", 3, "Sergio Pérez has 249 points here, but a (line 9), also after round 18, gives 240")]
    assert _checked(marts, "season.points_same_round_level") == []
    # two claims without a table are level
    marts = run_core([text_file("one", "date 2023-10-25\n\nSergio Pérez has 249 points.\n"), text_file("two", "date 2023-10-26\n\nSergio Pérez has 240 points.\n")])
    assert [(a, line) for a, line, _ in _checked(marts, "season.points_same_round_level")] == [("one", 3), ("two", 3)]


def test_tables_of_a_sprint_s_saturday_may_differ(run_core):
    """On a sprint's Saturday one article can be of the morning, another of the evening: the same
    heading's round, with and without the sprint's points, is no contradiction."""
    morning = HUNGARY.replace("2023-07-24 Verstappen won in Hungary.", "2023-07-29 The sprint at Spa is today.")
    evening = morning.replace("The sprint at Spa is today.", "Verstappen won the sprint.").replace("incl. 2 of 6", "incl. 3 of 6").replace("281", "289")
    marts = run_core([text_file("morning", morning), text_file("evening", evening)])
    assert _serious(marts) == []


def test_a_sprint_an_earlier_heading_counts_is_not_scored_again(run_core):
    """Saturday 21 October 2023, after the Austin sprint: "after 17 of 22 Grand Prix, incl. 5 of 6
    sprints", Verstappen 441. By Monday only the race's 26 could be added (467 at most): 475 passed, the
    sprint's 8 counted a second time."""
    saturday = (
        "date 2023-10-21 Verstappen won the sprint in Austin.\n\n"
        "World Championship standings (after 17 of 22 Grand Prix, incl. 5 of 6 sprints)\n\nDriver\n\n01. Verstappen 441 points\n"
    )
    marts = run_core([text_file("saturday", saturday), text_file("monday", "date 2023-10-23\n\nMax Verstappen has 475 points.\n")])
    assert _checked(marts, "season.points_jump") == [
        ("monday", 3, "Max Verstappen went from 441 points (saturday, 2023-10-21) to 475: a gain of 34, but at most 26 could be scored in the rounds between"),
    ]
    marts = run_core([text_file("saturday", saturday), text_file("monday", "date 2023-10-23\n\nMax Verstappen has 466 points.\n")])
    assert _serious(marts) == []


AUSTIN_SATURDAY = (
    "date 2023-10-21 Verstappen won the sprint in Austin.\n\n"
    "World Championship standings (after 17 of 22 Grand Prix, incl. 5 of 6 sprints)\n\nDriver\n\n"
    "01. Verstappen 441 points\n\n02. Pérez 228\n\n03. Hamilton 198\n"
)


def test_a_sprint_an_earlier_heading_counts_is_not_scored_again_in_a_margin_or_lead(run_core):
    """The Saturday's table (Verstappen 441, Pérez 228, Hamilton 198) already counts the Austin sprint:
    by Monday the margin and the lead of 213 can move by the race's 26 only, and Hamilton cannot have
    passed Pérez. All three passed, the sprint's 8 allowed a second time."""
    monday = (
        "date 2023-10-23\n\nMax Verstappen leads Sergio Perez by 247 points.\n\nMax Verstappen leads the championship by 247 points.\n\n"
        "Lewis Hamilton is second in the championship.\n"
    )
    marts = run_core([text_file("saturday", AUSTIN_SATURDAY), text_file("monday", monday)])
    assert [(line, check) for _, line, check in _serious(marts)] == [
        (3, "season.claim_vs_previous"), (5, "season.claim_lead_vs_previous"), (7, "season.claim_place_vs_previous"),
    ]
    assert _checked(marts, "season.claim_vs_previous")[0][2].endswith("had it at 213 and at most 26 points could be scored since")
    marts = run_core([text_file("saturday", AUSTIN_SATURDAY), text_file("monday", monday.replace("247", "239").replace("second", "third"))])
    assert _serious(marts) == []


def test_a_figure_with_an_error_in_its_own_article_is_not_compared_with_later_ones(run_core):
    """Article a's claim of 480 contradicts its own table (466): flagged there, it is no earlier
    figure for b's true 476 a week later (before: a false `season.points_decrease`). Likewise a
    standings row flagged in its own article is no earlier table for a later claim."""
    a = (
        "date 2023-10-24 Verstappen won in Austin.\n\nMax Verstappen has 480 points.\n\n"
        "World Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\nDriver\n\n"
        "01. Verstappen 466 points\n\n02. Pérez 240\n\n03. Hamilton 290\n"
    )
    b = (
        "date 2023-10-30 Verstappen won in Mexico.\n\nLewis Hamilton is 24 points behind Sergio Perez.\n\n"
        "World Championship standings (after 19 of 22 Grand Prix, incl. 5 of 6 sprints)\n\nDriver\n\n01. Verstappen 476 points\n"
    )
    marts = run_core([text_file("a", a), text_file("b", b)])
    assert [(article, line, check) for article, line, check in _serious(marts)] == [
        ("a", 3, "cross.claim_points"), ("a", 13, "standings.points_order"),
    ]


def test_a_row_with_an_error_still_takes_its_place_in_its_table(run_core):
    """Sainz's 300 is out of order in a's table (flagged there): it is not compared with later claims,
    but it is still a row ahead of Hamilton, who is fourth the next day as the table lists him."""
    a = (
        "date 2023-10-24 Verstappen won in Austin.\n\n"
        "World Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\nDriver\n\n"
        "01. Verstappen 466 points\n\n02. Pérez 240\n\n03. Sainz 300\n\n04. Hamilton 220\n\n05. Alonso 200\n"
    )
    b = "date 2023-10-25\n\nLewis Hamilton is fourth in the championship.\n"
    marts = run_core([text_file("a", a), text_file("b", b)])
    assert _serious(marts) == [("a", 11, "standings.points_order")]
