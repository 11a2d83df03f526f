"""Claims about teams in the prose ("Red Bull have 706 points", "Mercedes are 22 points clear of
Ferrari"): read as claims about the constructors' championship, checked against the same article's
constructors' table and across the season's articles."""

import polars as pl

from conftest import austin_then, austin_with_prose


def test_claims_about_teams_are_checked_against_the_constructors_table(run_core):
    prose = (
        "Red Bull have 706 points, and Mercedes are on 344 points. Ferrari has 321 points. "
        "Mercedes are 22 points clear of Ferrari, while Aston Martin trail McLaren by 16 points. "
        "Red Bull Racing leads Mercedes by 362 points."
    )
    marts = run_core([austin_with_prose("teams", prose)])
    claims = marts["claims"].filter(pl.col("about") == "team").sort("kind", "team")
    assert claims.select("kind", "team", "team_id", "team_raw", "driver_raw", "points", "rival", "rival_id", "rival_raw", "margin").rows() == [
        ("margin", "McLaren", "mclaren", "McLaren", None, None, "Aston Martin", "aston-martin", "Aston Martin", 16.0),
        ("margin", "Mercedes", "mercedes", "Mercedes", None, None, "Ferrari", "ferrari", "Ferrari", 22.0),
        ("margin", "Red Bull", "red-bull", "Red Bull Racing", None, None, "Mercedes", "mercedes", "Mercedes", 362.0),
        ("points", "Ferrari", "ferrari", "Ferrari", None, 321.0, None, None, None, None),
        ("points", "Mercedes", "mercedes", "Mercedes", None, 344.0, None, None, None, None),
        ("points", "Red Bull", "red-bull", "Red Bull", None, 706.0, None, None, None, None),
    ]
    issues = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert issues.select("line", "check", "message").rows() == [
        (51, "cross.claim_points", "the text gives Ferrari 321 points, the constructors' table on line 59 gives 322"),  # in reading order (claim_no)
        (51, "cross.claim_margin", "the text puts McLaren 16 points ahead of Aston Martin, the constructors' table says 242 − 236 = 6"),
    ]
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").is_empty()


def test_a_team_is_only_the_subject_where_no_driver_is_named(run_core):
    """A driver's name wins over his team's in the same phrase; a margin between a driver and a team
    compares nothing, so it is left unread (and said so)."""
    prose = (
        "Max Verstappen's Red Bull has 706 points. Red Bull's Sergio Perez has 240 points. "
        "Verstappen is 122 points clear of Mercedes."
    )
    marts = run_core([austin_with_prose("subjects", prose)])
    assert marts["claims"].select("kind", "about", "driver", "team", "points").sort("points").rows() == [
        ("points", "driver", "Sergio Pérez", None, 240.0),
        ("points", "team", None, "Red Bull", 706.0),
    ]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["message"].to_list() == ["this sentence states 122 points in a way the claim reader does not know: it is not checked"]
    assert marts["validation_issues"].filter(pl.col("severity") == "error").is_empty()


def test_team_claims_join_the_teams_points_over_the_season(run_core):
    """No table in the later article: its team claims are checked against the constructors' table
    published two days before, after the same round (no race in between): the table's figure
    outweighs the prose's."""
    later = (
        " date 2023-10-27 Mexico preview.\n\n"
        "Mercedes have 300 points going into the weekend.\n\n"
        "Ferrari are on 400 points.\n\n"
        "McLaren have 242 points.\n"
    )
    marts = run_core(austin_then(later))
    issues = marts["validation_issues"].filter(pl.col("article_id") == "preview")
    assert issues.select("line", "check", "table", "message").rows() == [
        (3, "season.points_same_round", "claims", "Mercedes has 300 points here, but austin (line 55), also after round 18, gives 344"),
        (5, "season.points_same_round", "claims", "Ferrari has 400 points here, but austin (line 57), also after round 18, gives 322"),
    ]
    flagged = marts["claims"].filter(pl.col("article_id") == "preview").select("team", "has_error").rows()
    assert flagged == [("Mercedes", True), ("Ferrari", True), ("McLaren", False)]


def test_a_team_margin_is_checked_against_the_latest_constructors_table_before_it(run_core):
    """Mercedes were 22 points clear of Ferrari in the table of 25 October; no race until the 29th."""
    later = (
        " date 2023-10-27 Mexico preview.\n\n"
        "Mercedes are 60 points clear of Ferrari.\n\n"
        "McLaren lead Aston Martin by 6 points.\n"
    )
    marts = run_core(austin_then(later))
    issues = marts["validation_issues"].filter(pl.col("article_id") == "preview")
    assert issues.select("line", "check", "message").rows() == [
        (3, "season.claim_vs_previous", "the text gives a margin of 60 points, but the standings of 2023-10-25 (austin, line 55) had it at 22 and at most 0 points could be scored since"),
    ]


def test_a_place_in_the_constructors_championship_is_a_teams(run_core):
    """'second in the constructors' championship' is checked against the constructors' table; a
    driver's name before it is not a team, so it claims nothing."""
    prose = (
        "Mercedes are second in the constructors' championship. Ferrari sit 4th in the Constructors’ standings. "
        "Red Bull lead the constructors' championship with 706 points. Hamilton is third in the constructors' standings."
    )
    marts = run_core([austin_with_prose("places", prose)])
    claims = marts["claims"].filter(pl.col("about") == "team").sort("team", "kind")
    assert claims.select("kind", "team", "points", "position").rows() == [
        ("position", "Ferrari", None, 4),
        ("position", "Mercedes", None, 2),
        ("points", "Red Bull", 706.0, None),
        ("position", "Red Bull", None, 1),
    ]
    assert marts["claims"].filter(pl.col("about") == "driver").is_empty()
    issues = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert issues.select("line", "check", "message").rows() == [
        (51, "cross.claim_position", "the text puts Ferrari in place 4 of the championship, the constructors' table on line 59 in place 3"),
    ]


def test_a_role_in_the_constructors_championship_is_never_the_last_driver_named(run_core):
    """'the runner-up' with no name next to it is the last driver named, but not in a clause about
    the constructors' championship, and a team named next to the role is the team, also past the
    championship it names ('the runner-up in the constructors' standings, Mercedes,')."""
    prose = (
        "Hamilton drove well. Mercedes are the constructors' championship runner-up. "
        "Hamilton spoke again. The runner-up in the constructors' standings, Mercedes, was happy. "
        "Red Bull, the championship leader, won again. Ferrari, the constructors' championship runner-up, struggled. "
        "Perez, the championship runner-up, agreed. The runner-up in the drivers' championship, Alonso, was not."
    )
    marts = run_core([austin_with_prose("roles", prose)])
    claims = marts["claims"].sort("about", "position", "text")
    assert claims.select("about", "driver", "team", "position").rows() == [
        ("driver", "Sergio Pérez", None, 2),
        ("driver", "Fernando Alonso", None, 2),
        ("team", None, "Red Bull", 1),
        ("team", None, "Ferrari", 2),
        ("team", None, "Mercedes", 2),
        ("team", None, "Mercedes", 2),
    ]
    issues = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert issues.select("line", "check", "message").rows() == [
        (51, "cross.claim_position", "the text puts Ferrari in place 2 of the championship, the constructors' table on line 59 in place 3"),  # in reading order (claim_no)
        (51, "cross.claim_position", "the text puts Fernando Alonso in place 2 of the championship, the drivers' table on line 13 in place 4"),
    ]


def test_a_verb_in_the_plural_is_never_one_drivers_claim(run_core):
    """'Norris and Piastri have 242 points' is the pair's (McLaren's) tally, not Piastri's: it stays
    unread, and said so, rather than flag Piastri's 83 ('... between them' is a combined claim:
    tests/test_combined_claims.py)."""
    prose = "McLaren's Lando Norris and Oscar Piastri have 242 points. Piastri has 83 points."
    marts = run_core([austin_with_prose("pair", prose)])
    assert marts["claims"].select("driver", "points").rows() == [("Oscar Piastri", 83.0)]
    assert marts["validation_issues"].filter(pl.col("severity") == "error").is_empty()
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["message"].to_list() == ["this sentence states 242 points in a way the claim reader does not know: it is not checked"]
