"""Standings: the seed tables (both Gasly lines kept) and the format variants."""

import polars as pl
import pytest

from conftest import SEED_USGP, serious, text_file


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


def test_constructors_named_with_their_power_unit(run_core):
    """The constructors' names as the championship gives them, the team and its power unit ("Aston
    Martin Aramco Mercedes", "McLaren-Mercedes"), are the team's spellings (read and noted as aliases);
    a team named with a power unit it did not have that season is no team."""
    text = (
        " date 2023-10-26 Standings.\n\nWorld Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\n"
        "Constructors' Cup\n\n1. Red Bull Racing Honda RBPT 706\n\n2. Mercedes 344\n\n3. Ferrari 322\n\n4. McLaren-Mercedes 242\n\n"
        "5. Aston Martin Aramco Mercedes 236\n\n6. Alpine Renault 100\n\n7. Williams Mercedes 26\n\n8. Alfa Romeo Ferrari 16\n\n"
        "9. Haas Ferrari 12\n\n10. AlphaTauri Honda RBPT 10\n"
    )
    marts = run_core([text_file("power-units", text)])
    cs = marts["constructor_standings"]
    assert cs["team_id"].to_list() == [
        "red-bull", "mercedes", "ferrari", "mclaren", "aston-martin", "alpine", "williams", "alfa-romeo", "haas", "alphatauri"
    ]
    issues = marts["validation_issues"]
    assert serious(issues).is_empty()
    noted = issues.filter(pl.col("check") == "format.team_alias")
    assert noted["line"].to_list() == [7, 13, 15, 17, 19, 21, 23, 25]
    assert noted["message"][1] == "`McLaren-Mercedes` read as McLaren"

    wrong = run_core([text_file("wrong-unit", text.replace("4. McLaren-Mercedes", "4. McLaren Ferrari"))])
    assert serious(wrong["validation_issues"]).select("line", "check", "message").rows()[0] == (
        13, "parse.unknown_team", "`McLaren Ferrari` is not a team of the 2023 season in the reference data"
    )


STANDINGS_AFTER_AUSTIN = " date 2023-10-26 Standings.\n\nWorld Championship standings (after 18 of 22 Grand Prix, incl. 5 of 6 sprints)\n\n"


def _drivers_table(*rows: str) -> str:
    return STANDINGS_AFTER_AUSTIN + "Driver\n\n" + "\n\n".join(rows) + "\n"


def test_a_drivers_row_may_give_the_team_or_nationality_in_brackets(run_core):
    """"01. Max Verstappen (Red Bull) 466" and "03. Hamilton (GB) 201": the bracket is read as the
    team, or as a nationality code (three letters at most), each resolved as in the results."""
    marts = run_core([text_file("brackets", _drivers_table(
        "01. Max Verstappen (Red Bull) 466 points", "02. Perez (Oracle Red Bull Racing) 240", "03. Hamilton (GB) 201",
        "04. Alonso (ESP) 183", "05. Sainz 171", "06. De Vries (AlphaTauri) 0",
    ))])
    ds = marts["driver_standings"]
    assert ds.select("line", "driver", "points", "team_raw", "team_id", "nationality_code", "nationality").rows() == [
        (7, "Max Verstappen", 466.0, "Red Bull", "red-bull", None, None),
        (9, "Sergio Pérez", 240.0, "Oracle Red Bull Racing", "red-bull", None, None),
        (11, "Lewis Hamilton", 201.0, None, None, "GB", "United Kingdom"),
        (13, "Fernando Alonso", 183.0, None, None, "ESP", "Spain"),
        (15, "Carlos Sainz Jr.", 171.0, None, None, None, None),
        (17, "Nyck de Vries", 0.0, "AlphaTauri", "alphatauri", None, None),  # his team up to round 10
    ]
    assert serious(marts["validation_issues"]).is_empty()


@pytest.mark.parametrize(
    "row, check, message",
    [
        ("02. Perez (Ferrari) 240", "cross.standings_team_roster", "Sergio Pérez is listed with Ferrari, but drove for Red Bull up to round 18 of 2023"),
        ("02. Perez (Redbull Racing) 240", "parse.unknown_team", "`Redbull Racing` is not a team of the 2023 season in the reference data"),
        ("02. Perez (ESP) 240", "ref.nationality", "`ESP` is Spain as an IOC code, but Sergio Pérez is from Mexico"),
        ("02. Perez (QQX) 240", "parse.unknown_nationality_code", "`QQX` is not a country code in any convention parcferme knows"),
        ("02. Perez, ESP, 240", "ref.nationality", "`ESP` is Spain as an IOC code, but Sergio Pérez is from Mexico"),  # quoted as written: no brackets
    ],
)
def test_a_wrong_bracket_in_a_drivers_row_is_flagged_on_its_line(run_core, row, check, message):
    marts = run_core([text_file("wrong-bracket", _drivers_table("01. Verstappen (Red Bull) 466", row))])
    assert marts["driver_standings"].height == 2
    issues = serious(marts["validation_issues"]).select("line", "check", "message").rows()
    assert issues == [(9, check, message)]


def test_a_bracket_the_roster_allows_and_a_team_alias(run_core):
    """Ricciardo drove for AlphaTauri from round 11: his bracket is checked against every team of his
    up to the table's round; a team's alias is read and noted as for the results, even one as short
    as a nationality code ("RBR" is no country's)."""
    marts = run_core([text_file("alias", _drivers_table("01. Verstappen (RBR) 466", "02. Ricciardo (AlphaTauri) 6"))])
    assert marts["driver_standings"]["team_id"].to_list() == ["red-bull", "alphatauri"]
    assert marts["validation_issues"].select("line", "check").rows() == [(7, "format.team_alias")]


def test_a_bracket_in_a_season_without_reference_data_is_no_unknown_code(run_core):
    """In 2031 no team is known, so "RBR" (no country's code) may be a team's alias: the article
    gives its one unknown-season warning, not an unknown nationality code; a country's code is still
    read as one."""
    text = (
        " date 2031-06-24 Standings.\n\nChampionship standings after round 8\n\nDriver\n\n"
        "01. Verstappen (RBR) 172 pts\n\n02. Perez (MEX) 158 pts\n"
    )
    marts = run_core([text_file("unknown-season", text)])
    assert marts["driver_standings"].select("line", "team_raw", "nationality_code").rows() == [(7, "RBR", None), (9, None, "MEX")]
    assert serious(marts["validation_issues"]).select("line", "check").rows() == [(1, "parse.unknown_season")]


def test_a_code_left_out_of_a_drivers_table_with_codes_is_noted(run_core):
    marts = run_core([text_file("left-out", _drivers_table("01. Verstappen (NED) 466", "02. Perez (MEX) 240", "03. Hamilton 201"))])
    assert marts["validation_issues"].select("line", "check", "severity").rows() == [(11, "format.nationality_left_out", "info")]


def test_a_constructors_row_may_give_the_power_unit_in_brackets_or_between_commas(run_core):
    """"Red Bull Racing (Honda RBPT)" and "McLaren, Mercedes,": the power unit is read, resolved among
    the season's spellings ("RBPT" is Honda RBPT) and checked against the team's; a row giving a bracket
    and a field between commas stays unreadable."""
    text = STANDINGS_AFTER_AUSTIN + (
        "Constructors' Cup\n\n1. Red Bull Racing (Honda RBPT) 706 points\n\n2. Mercedes, Mercedes, 344\n\n3. Ferrari 322\n\n"
        "4. McLaren (RBPT) 242\n\n5. Aston Martin, Aramco, 236\n\n6. Alpine (FRA), Renault, 100\n"
    )
    marts = run_core([text_file("power-unit", text)])
    cs = marts["constructor_standings"]
    assert cs.select("line", "team_id", "power_unit_raw", "power_unit", "points").rows() == [
        (7, "red-bull", "Honda RBPT", "Honda RBPT", 706.0),
        (9, "mercedes", "Mercedes", "Mercedes", 344.0),
        (11, "ferrari", None, None, 322.0),
        (13, "mclaren", "RBPT", "Honda RBPT", 242.0),
        (15, "aston-martin", "Aramco", None, 236.0),
    ]
    assert serious(marts["validation_issues"]).select("line", "check", "message").rows() == [
        (13, "ref.power_unit", "`RBPT` is not McLaren's power unit: McLaren raced with Mercedes in 2023"),
        (15, "ref.power_unit", "`Aramco` is no power unit of the 2023 season in the reference data (Aston Martin raced with Mercedes)"),
        (17, "parse.unreadable_row", "this line sits in the constructors' standings section but cannot be read as a row of it"),
    ]


def test_a_power_unit_in_a_season_without_reference_data_is_kept_as_written(run_core):
    text = " date 2031-06-24 Standings.\n\nChampionship standings after round 8\n\nConstructors' Cup\n\n1. Red Bull (Ford) 330 pts\n"
    marts = run_core([text_file("unknown-season", text)])
    assert marts["constructor_standings"].select("team_raw", "power_unit_raw", "power_unit").rows() == [("Red Bull", "Ford", None)]
    assert serious(marts["validation_issues"]).select("line", "check").rows() == [(1, "parse.unknown_season")]


def test_a_drivers_row_may_give_the_team_or_nationality_between_commas(run_core):
    """"1. Max Verstappen, Red Bull, 466 points" reads as the bracket does; a comma before the points
    alone ("3. Hamilton, 201") and a comma between thousands stay as they were."""
    marts = run_core([text_file("commas", _drivers_table(
        "1. Max Verstappen, Red Bull, 466 points", "2. Sergio Perez, MEX, 240 pts", "3. Hamilton, 201", "4. Fernando Alonso 183",
    ))])
    assert marts["driver_standings"].select("line", "driver", "points", "team_id", "nationality").rows() == [
        (7, "Max Verstappen", 466.0, "red-bull", None),
        (9, "Sergio Pérez", 240.0, None, "Mexico"),
        (11, "Lewis Hamilton", 201.0, None, None),
        (13, "Fernando Alonso", 183.0, None, None),
    ]
    assert serious(marts["validation_issues"]).is_empty()


def test_a_drivers_row_may_give_the_nationality_and_the_team(run_core):
    """"1. Max Verstappen (NED), Red Bull, 466": both read and checked; the one shaped like a code is the
    nationality, whichever comes first."""
    marts = run_core([text_file("both", _drivers_table(
        "1. Max Verstappen (NED), Red Bull, 466 points", "2. Sergio Perez (Red Bull), MEX, 240", "3. Lewis Hamilton (GBR), Ferrari, 201",
        "4. Fernando Alonso (ESP), RBR, 183",
    ))])
    assert marts["driver_standings"].select("line", "driver", "nationality", "team_raw", "team_id").rows() == [
        (7, "Max Verstappen", "Netherlands", "Red Bull", "red-bull"),
        (9, "Sergio Pérez", "Mexico", "Red Bull", "red-bull"),
        (11, "Lewis Hamilton", "United Kingdom", "Ferrari", "ferrari"),
        (13, "Fernando Alonso", "Spain", "RBR", "red-bull"),
    ]
    assert serious(marts["validation_issues"]).select("line", "check").rows() == [
        (11, "cross.standings_team_roster"), (13, "cross.standings_team_roster")
    ]


BELGIUM = " date 2023-08-02 Standings.\n\n{heading}\n\nDriver\n\n01. Verstappen 314 points\n\n02. Perez 189\n\nConstructors' Cup\n\n01. Red Bull Racing 503 points\n"


@pytest.mark.parametrize(
    "heading, after_round, rounds_total",
    [
        ("World Championship standings (after 12 of 22 Grand Prix, incl. 3 of 6 sprints)", 12, 22),
        ("Championship standings after round 12", 12, None),
        ("Championship standings after Round 12 of 22:", 12, 22),
        ("Championship standings (after round 12)", 12, None),
        ("Standings after 12 rounds", 12, None),
        ("F1 standings following 12 races", 12, None),
        ("Drivers' and constructors' standings after the Belgian Grand Prix", 12, None),
        ("F1 standings after Belgian GP", 12, None),
        ("World Championship standings after the Belgian Grand Prix:", 12, None),
    ],
)
def test_standings_heading_variants_give_the_round(run_core, heading, after_round, rounds_total):
    """A heading may give its round as a number or name the race; both tables take it, and nothing
    is flagged (the heading agrees with the calendar on 2 August: twelve rounds run)."""
    marts = run_core([text_file("heading", BELGIUM.format(heading=heading))])
    for table in ("driver_standings", "constructor_standings"):
        assert marts[table].select("after_round", "rounds_total").unique().rows() == [(after_round, rounds_total)]
    assert serious(marts["validation_issues"]).is_empty()


@pytest.mark.parametrize(
    "heading, observed, expected, message",
    [
        (
            "Championship standings after round 13", "after round 13", "after 12 of 22",
            "the heading says after round 13; on 2023-08-02 the 2023 calendar had 12 of 22 Grands Prix run with 3 of 6 sprints",
        ),
        (
            "Standings after the Dutch Grand Prix", "after the Dutch Grand Prix (round 13)", "after 12 of 22",
            "the heading says after the Dutch Grand Prix (round 13); on 2023-08-02 the 2023 calendar had 12 of 22 Grands Prix run with 3 of 6 sprints",
        ),
        (
            "Championship standings after round 12 of 23", "after 12 of 23", "after 12 of 22",
            "the heading says after 12 of 23 Grands Prix; on 2023-08-02 the 2023 calendar had 12 of 22 Grands Prix run with 3 of 6 sprints",
        ),
        (
            "World Championship standings after the Atlantis Grand Prix", "Atlantis Grand Prix", "a race of the 2023 calendar",
            "the heading's race `Atlantis Grand Prix` is no race of the 2023 calendar, so the round it stands after is unknown",
        ),
        (
            # "the race" names no race: the heading is read as none of the forms, as before
            "Championship standings after the race", "Championship standings after the race",
            "World Championship standings (after N of M Grand Prix, incl. S of T sprints), or: ... after round N, after N rounds, after the <race>",
            "this line sits in the standings heading section but cannot be read as a row of it",
        ),
    ],
)
def test_a_heading_the_calendar_contradicts_is_an_error_on_its_line(run_core, heading, observed, expected, message):
    marts = run_core([text_file("heading", BELGIUM.format(heading=heading))])
    issues = serious(marts["validation_issues"])
    check = "parse.unreadable_row" if observed == heading else "standings.context"
    assert issues.select("line", "check", "observed", "expected", "message").rows() == [(3, check, observed, expected, message)]


SPLIT = (
    " date 2023-08-02 Standings.\n\nDrivers' standings after the Belgian Grand Prix:\n\n1. Max Verstappen, 314 pts\n\n"
    "2. Sergio Perez, 189 pts\n\n3. Fernando Alonso, 149 pts\n\n{constructors_heading}\n\n1. Red Bull Racing, 503 pts\n\n"
    "2. Mercedes, {mercedes} pts\n\n3. Aston Martin, 196 pts\n"
)


def test_a_heading_of_one_table_opens_it_and_two_such_headings_are_one_standings(run_core):
    """'Drivers' standings after the Belgian Grand Prix' is the standings heading and the drivers'
    table heading at once; the constructors' one after it, after the same race, is of the same
    standings: the two tables are compared (Mercedes' 447 is more than Hamilton and Russell, both
    below Alonso's 149, can have)."""
    heading = "Constructors' standings after the Belgian Grand Prix:"
    marts = run_core([text_file("split", SPLIT.format(constructors_heading=heading, mercedes=247))])
    assert marts["driver_standings"].select("line", "driver", "after_round").rows() == [
        (5, "Max Verstappen", 12), (7, "Sergio Pérez", 12), (9, "Fernando Alonso", 12),
    ]
    assert marts["constructor_standings"].select("line", "team", "after_round").rows() == [(13, "Red Bull", 12), (15, "Mercedes", 12), (17, "Aston Martin", 12)]
    assert serious(marts["validation_issues"]).is_empty()
    wrong = run_core([text_file("split-wrong", SPLIT.format(constructors_heading=heading, mercedes=447))])
    assert serious(wrong["validation_issues"]).select("line", "check", "expected").rows() == [
        (15, "cross.constructor_sum", "0 to 298 (2 not listed, at most 149 each)"),
    ]


def test_headings_of_one_table_after_other_rounds_are_other_standings(run_core):
    """A constructors' heading after another round than the drivers' one before it: its own
    standings, checked against the calendar on its own line, and not compared with the drivers'."""
    marts = run_core([text_file("split-other", SPLIT.format(constructors_heading="Constructors' standings after round 13", mercedes=447))])
    assert marts["constructor_standings"]["after_round"].to_list() == [13, 13, 13]
    assert serious(marts["validation_issues"]).select("line", "check").rows() == [(11, "standings.context")]
