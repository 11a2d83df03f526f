"""Gaps that do not say who leads ("the gap between Hamilton and Alonso is 18 points", "Alonso and
Hamilton are separated by 18 points"): read as claims of kind gap, checked as a distance against the
same article's table and against the latest table before them."""

import polars as pl

from conftest import austin_then, austin_with_prose, text_file


def test_gaps_are_read_in_either_order_and_checked_as_a_distance(run_core):
    prose = (
        "The gap between Verstappen and Perez is 226 points. Alonso and Hamilton are separated by 18 points. "
        "12 points separate Norris from Sainz. There are 25 points between Mercedes and Ferrari. "
        "The difference between Hamilton and Sainz in the drivers' standings has grown to 31 points."
    )
    marts = run_core([austin_with_prose("gaps", prose)])
    claims = marts["claims"].filter(pl.col("kind") == "gap").sort("margin")
    assert claims.select("about", "driver", "team", "rival", "rival_raw", "margin", "line").rows() == [
        ("driver", "Lando Norris", None, "Carlos Sainz Jr.", "Sainz", 12.0, 51),
        ("driver", "Fernando Alonso", None, "Lewis Hamilton", "Hamilton", 18.0, 51),
        ("team", None, "Mercedes", "Ferrari", "Ferrari", 25.0, 51),
        ("driver", "Lewis Hamilton", None, "Carlos Sainz Jr.", "Sainz", 31.0, 51),
        ("driver", "Max Verstappen", None, "Sergio Pérez", "Perez", 226.0, 51),
    ]
    issues = marts["validation_issues"].filter(pl.col("severity") != "info")
    assert issues.select("line", "check", "observed", "expected", "message").rows() == [
        (51, "cross.claim_gap", "25", "22", "the text puts 25 points between Mercedes and Ferrari, the constructors' table gives them 344 and 322: 22 apart"),
        (51, "cross.claim_gap", "31", "30", "the text puts 31 points between Lewis Hamilton and Carlos Sainz Jr., the drivers' table gives them 201 and 171: 30 apart"),
    ]
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").is_empty()


def test_a_gap_between_them_names_no_one_and_stays_unread(run_core):
    marts = run_core([austin_with_prose("them", "Hamilton and Alonso are close. The gap between them is 32 points.")])
    assert marts["claims"].filter(pl.col("kind") == "gap").is_empty()
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread.select("line", "message").rows() == [
        (51, "this sentence states 32 points in a way the claim reader does not know: it is not checked"),
    ]


def test_a_gap_is_checked_against_the_latest_table_before_it(run_core):
    """Mercedes were 22 points ahead of Ferrari in the table of 25 October; no race until the 29th,
    so a gap of 22 either way round is right and one of 60 is out of reach."""
    later = (
        " date 2023-10-27 Mexico preview.\n\n"
        "The gap between Ferrari and Mercedes is 22 points.\n\n"
        "The gap between Mercedes and Ferrari is 60 points.\n"
    )
    marts = run_core(austin_then(later))
    issues = marts["validation_issues"].filter(pl.col("article_id") == "preview")
    assert issues.select("line", "check", "message").rows() == [
        (5, "season.claim_vs_previous", "the text gives a margin of 60 points, but the standings of 2023-10-25 (austin, line 55) had it at 22 and at most 0 points could be scored since"),
    ]
    assert marts["claims"].filter(pl.col("article_id") == "preview").select("kind", "team", "rival", "margin", "has_error").rows() == [
        ("gap", "Ferrari", "Mercedes", 22.0, False),
        ("gap", "Mercedes", "Ferrari", 60.0, True),
    ]


def test_a_margin_is_checked_against_the_latest_table_listing_both(run_core):
    """A table of the top three (26 October) is the latest to list Hamilton, but not Sainz: a margin
    between those two is checked against the full table of the 25th, one between Hamilton and Perez
    against the top three."""
    top_three = (
        " date 2023-10-26\n\nWorld Championship standings (after 18 of 22 Grand Prix)\n\nDriver\n\n"
        "01st Verstappen 466 points\n\n02nd Perez 240\n\n03rd Hamilton 201\n"
    )
    later = " date 2023-10-27 Mexico preview.\n\nHamilton is 60 points ahead of Sainz.\n\nPerez is 75 points ahead of Hamilton.\n"
    marts = run_core([*austin_then(later), text_file("top3", top_three)])
    issues = marts["validation_issues"].filter((pl.col("article_id") == "preview") & (pl.col("check") == "season.claim_vs_previous"))
    assert issues.select("line", "message").rows() == [
        (3, "the text gives a margin of 60 points, but the standings of 2023-10-25 (austin, line 11) had it at 30 and at most 0 points could be scored since"),
        (5, "the text gives a margin of 75 points, but the standings of 2023-10-26 (top3, line 9) had it at 39 and at most 0 points could be scored since"),
    ]
