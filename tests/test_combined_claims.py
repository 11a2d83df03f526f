"""The points of two drivers (or teams) added up ("Norris and Piastri have 242 points between them"):
read as claims of kind combined, checked against the sum in the same article's table and against the
latest table before them."""

import polars as pl

from conftest import austin_then, austin_with_prose

PHRASINGS = (
    "McLaren's Lando Norris and Oscar Piastri have 242 points between them. "
    "Verstappen and Perez have scored a combined 700 points. "
    "Between them, Hamilton and Russell have 344 points. "
    "Together, Alonso and Stroll have collected 236 points. "
    "Red Bull and Mercedes have 1050 points between them. "
    "The combined tally of Leclerc and Sainz stands at 322 points. "
    "Gasly and Ocon have a combined total of 99 points."
)


def test_the_points_of_two_added_up_are_read_and_checked_against_the_table(run_core):
    marts = run_core([austin_with_prose("pairs", PHRASINGS)])
    claims = marts["claims"].filter(pl.col("kind") == "combined").sort("points")
    assert claims.select("about", "driver", "team", "rival", "rival_raw", "points", "margin", "line").rows() == [
        ("driver", "Pierre Gasly", None, "Esteban Ocon", "Ocon", 99.0, None, 51),
        ("driver", "Fernando Alonso", None, "Lance Stroll", "Stroll", 236.0, None, 51),
        ("driver", "Lando Norris", None, "Oscar Piastri", "Oscar Piastri", 242.0, None, 51),
        ("driver", "Charles Leclerc", None, "Carlos Sainz Jr.", "Sainz", 322.0, None, 51),
        ("driver", "Lewis Hamilton", None, "George Russell", "Russell", 344.0, None, 51),
        ("driver", "Max Verstappen", None, "Sergio Pérez", "Perez", 700.0, None, 51),
        ("team", None, "Red Bull", "Mercedes", "Mercedes", 1050.0, None, 51),
    ]
    issues = marts["validation_issues"].filter(pl.col("severity") != "info")
    assert issues.select("line", "check", "observed", "expected", "message").rows() == [
        (51, "cross.claim_combined", "700", "706", "the text gives Max Verstappen and Sergio Pérez 700 points between them, the drivers' table gives them 466 + 240 = 706"),
        (51, "cross.claim_combined", "99", "100", "the text gives Pierre Gasly and Esteban Ocon 99 points between them, the drivers' table gives them 56 + 44 = 100"),
    ]
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").is_empty()


def test_two_named_with_a_total_but_no_word_of_adding_up_stay_unread(run_core):
    """'Norris and Piastri have 242 points' does not say whose 242 it is: unread, and said so, for
    teams too (a team takes a verb in the plural, so 'Red Bull and Ferrari have 1028 points' was
    read as Ferrari's 1028); 'and' after a comma starts a clause of its own."""
    prose = "After a strong run of races, Norris and Piastri have 242 points. Red Bull and Ferrari have 1028 points, and Mercedes have 344 points."
    marts = run_core([austin_with_prose("pair", prose)])
    assert marts["claims"].select("kind", "team", "points").rows() == [("points", "Mercedes", 344.0)]
    assert marts["validation_issues"].filter(pl.col("severity") == "error").is_empty()
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["message"].to_list() == [
        "this sentence states 1028 points in a way the claim reader does not know: it is not checked",
        "this sentence states 242 points in a way the claim reader does not know: it is not checked",
    ]


def test_a_sum_is_checked_against_the_latest_table_before_it(run_core):
    """Norris 159 and Piastri 83 (Red Bull 706 and Ferrari 322) in the table of 25 October, no race
    until the 29th: a sum can neither fall nor rise before then."""
    later = (
        " date 2023-10-27 Mexico preview.\n\n"
        "Norris and Piastri have 242 points between them.\n\n"
        "Norris and Piastri have 250 points between them.\n\n"
        "Red Bull and Ferrari have 1000 points between them.\n"
    )
    marts = run_core(austin_then(later))
    issues = marts["validation_issues"].filter(pl.col("article_id") == "preview")
    assert issues.select("line", "check", "expected", "message").rows() == [
        (5, "season.claim_combined_vs_previous", "242 to 242", "the text gives Lando Norris and Oscar Piastri 250 points between them, but the standings of 2023-10-25 (austin, line 17) gave them 242, and together they could score at most 0 points since"),
        (7, "season.claim_combined_vs_previous", "1028 to 1028", "the text gives Red Bull and Ferrari 1000 points between them, but the standings of 2023-10-25 (austin, line 53) gave them 1028, and together they could score at most 0 points since"),
    ]
    assert marts["claims"].filter(pl.col("article_id") == "preview")["has_error"].to_list() == [False, True, True]


def test_a_sum_may_grow_by_what_both_could_score_since(run_core):
    """After the Mexico City Grand Prix (round 19, 26 points at most for one driver), Norris and
    Piastri can have gained up to 52 between them, and lost nothing."""
    later = (
        " date 2023-10-30 After Mexico.\n\n"
        "Norris and Piastri have 294 points between them.\n\n"
        "Norris and Piastri have 295 points between them.\n\n"
        "Norris and Piastri have 241 points between them.\n"
    )
    marts = run_core(austin_then(later))
    issues = marts["validation_issues"].filter(pl.col("article_id") == "preview")
    assert issues.select("line", "check", "observed", "expected").rows() == [
        (5, "season.claim_combined_vs_previous", "295", "242 to 294"),
        (7, "season.claim_combined_vs_previous", "241", "242 to 294"),
    ]
