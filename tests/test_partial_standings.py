"""Standings tables of the top few, as news often prints them: a constructor's points and the two
tables' totals are checked as far as the rows listed allow (each driver or team left out has at most
the points of its table's last row), so a correct top five is no error and a wrong one still is.
The figures are the real ones after round 12 of 2023 (Belgium)."""

import polars as pl

from conftest import issue_set

DRIVERS_ROUND_12 = [
    ("Verstappen", 314), ("Perez", 189), ("Alonso", 149), ("Hamilton", 148), ("Leclerc", 99), ("Russell", 99),
    ("Sainz", 92), ("Norris", 69), ("Stroll", 47), ("Ocon", 35), ("Piastri", 34), ("Gasly", 22), ("Albon", 11),
    ("Hülkenberg", 9), ("Bottas", 5), ("Zhou", 4), ("Tsunoda", 3), ("Magnussen", 2), ("Sargeant", 0),
    ("De Vries", 0), ("Ricciardo", 0),
]
TEAMS_ROUND_12 = [
    ("Red Bull Racing", 503), ("Mercedes", 247), ("Aston Martin", 196), ("Ferrari", 191), ("McLaren", 103),
    ("Alpine", 57), ("Williams", 11), ("Haas", 11), ("Alfa Romeo", 9), ("AlphaTauri", 3),
]


def article(article_id: str, drivers: list[tuple[str, int]], teams: list[tuple[str, int]]) -> tuple[str, str, bytes]:
    """A standings article in the seeds' style (a blank line between rows), with the tables given."""
    lines = [
        " date 2023-08-02 Max Verstappen goes into the summer break as the clear championship leader.",
        "Hamilton has 148 points, one fewer than Alonso.",
        "World Championship standings (after 12 of 22 Grand Prix, incl. 3 of 6 sprints)",
        "Driver",
        *(f"{rank:02d}. {name} {points}{' points' if rank == 1 else ''}" for rank, (name, points) in enumerate(drivers, 1)),
        "Constructors' Cup",
        *(f"{rank:02d}. {name} {points}{' points' if rank == 1 else ''}" for rank, (name, points) in enumerate(teams, 1)),
    ]
    return article_id, f"{article_id}.txt", "\n\n".join(lines).encode()


def line_of(files: tuple[str, str, bytes], text: str) -> int:
    return files[2].decode().split("\n").index(text) + 1


def test_a_correct_top_five_and_top_three_give_no_error(run_core):
    marts = run_core([article("2023-08-02_top-five", DRIVERS_ROUND_12[:5], TEAMS_ROUND_12[:3])])
    assert marts["driver_standings"].height == 5 and marts["constructor_standings"].height == 3
    assert issue_set(marts["validation_issues"]) == set()
    assert marts["claims"].select("driver", "points").rows() == [("Lewis Hamilton", 148.0)]


def test_a_team_outside_what_its_listed_and_left_out_drivers_allow_is_an_error(run_core):
    """Mercedes: Hamilton 148 listed, Russell left out with at most Leclerc's 99: 148 to 247. Aston
    Martin: Alonso 149 listed, so at least 149. Red Bull, both listed: exactly 503."""
    teams = [("Red Bull Racing", 503), ("Mercedes", 347), ("Aston Martin", 140)]
    files = article("2023-08-02_top-five-wrong", DRIVERS_ROUND_12[:5], teams)
    issues = run_core([files])["validation_issues"].filter(pl.col("severity") == "error")
    assert issues.select("line", "check", "observed", "expected", "message").rows() == [
        (
            line_of(files, "02. Mercedes 347"), "cross.constructor_sum", "347", "148 to 247 (Hamilton 148 + 1 not listed, at most 99 each)",
            "Mercedes has 347 points but its drivers in the drivers' table add up to at most 247 (Hamilton 148 + 1 not listed, at most 99 each)",
        ),
        (
            line_of(files, "03. Aston Martin 140"), "cross.constructor_sum", "140", "149 to 248 (Alonso 149 + 1 not listed, at most 99 each)",
            "Aston Martin has 140 points but its drivers in the drivers' table add up to at least 149 (Alonso 149 + 1 not listed, at most 99 each)",
        ),
    ]


def test_a_team_none_of_whose_drivers_is_listed_is_bounded_by_the_last_row(run_core):
    """Ferrari's Leclerc and Sainz are both below a top three ending on 149: at most 298."""
    files = article("2023-08-02_top-three", DRIVERS_ROUND_12[:3], [("Red Bull Racing", 503), ("Ferrari", 391)])
    issues = run_core([files])["validation_issues"].filter(pl.col("check") == "cross.constructor_sum")
    assert issues.select("line", "expected", "message").rows() == [
        (
            line_of(files, "02. Ferrari 391"), "0 to 298 (2 not listed, at most 149 each)",
            "Ferrari has 391 points but its drivers in the drivers' table add up to at most 298 (2 not listed, at most 149 each)",
        ),
    ]


def test_totals_are_compared_within_what_a_partial_table_allows(run_core):
    """The whole drivers' table adds up to 1,331; a top three of constructors whose Red Bull row says
    1,503 adds up to more than that, whatever the seven teams left out have."""
    assert sum(points for _, points in DRIVERS_ROUND_12) == sum(points for _, points in TEAMS_ROUND_12) == 1331
    files = article("2023-08-02_totals", DRIVERS_ROUND_12, [("Red Bull Racing", 1503), *TEAMS_ROUND_12[1:3]])
    issues = run_core([files])["validation_issues"]
    totals = issues.filter(pl.col("check") == "cross.standings_totals")
    assert totals.select("line", "observed", "expected", "message").rows() == [
        (
            line_of(files, "Constructors' Cup"), "1946 to 3318", "1331",
            "the constructors' table adds up to 1946 (7 teams of the season not listed: at most 3318) points but the drivers' table to 1331",
        ),
    ]
    red_bull = line_of(files, "01. Red Bull Racing 1503 points")
    assert issue_set(issues) == {
        (files[0], totals["line"][0], "cross.standings_totals"),
        (files[0], red_bull, "cross.constructor_sum"),
        (files[0], red_bull, "standings.points_possible"),
    }


def test_complete_tables_are_still_compared_exactly(run_core):
    """Both whole tables: one team's point too many is an error, and so is the total."""
    teams = [*TEAMS_ROUND_12[:-1], ("AlphaTauri", 4)]
    files = article("2023-08-02_whole", DRIVERS_ROUND_12, teams)
    issues = run_core([files])["validation_issues"].filter(pl.col("severity") == "error")
    assert issues.select("line", "check", "expected").rows() == [
        (line_of(files, "Constructors' Cup"), "cross.standings_totals", "1331"),
        (line_of(files, "10. AlphaTauri 4"), "cross.constructor_sum", "3 (Tsunoda 3 + De Vries 0 + Ricciardo 0)"),
    ]


def test_a_place_claimed_for_one_below_the_cut_is_checked_against_the_places_listed(run_core):
    """Russell is not in a top five whose fifth is Leclerc: "fifth" is not his, "sixth" may be; a
    team below a top three's cut may be fifth."""
    files = article("2023-08-02_below-cut", DRIVERS_ROUND_12[:5], TEAMS_ROUND_12[:3])
    prose = ("George Russell is fifth in the championship. Lando Norris is sixth in the championship. "
             "McLaren are fifth in the constructors' championship.")
    text = files[2].decode().replace("Hamilton has 148 points, one fewer than Alonso.", prose)
    marts = run_core([(files[0], files[1], text.encode())])
    assert sorted(marts["claims"].filter(pl.col("kind") == "position")["position"].to_list()) == [5, 5, 6]
    issues = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert issues.select("line", "check", "observed", "expected", "message").rows() == [
        (
            3, "cross.claim_position", "5", "not place 5 (Charles Leclerc's); not listed",
            "the text puts George Russell in place 5 of the championship, the drivers' table on line 17 gives it to Charles Leclerc and does not list George Russell",
        ),
    ]
