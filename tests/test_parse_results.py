"""Race results: the seed table, and every format variant the articles use."""

import polars as pl
import pytest

from conftest import SEED_USGP, serious, text_file

HEADER = " date 2023-10-26 Results from Austin.\n\nUSA GP, Circuit of the Americas\n\n"


def results_of(run_core, body: str) -> pl.DataFrame:
    return run_core([text_file("variant", HEADER + body)])["race_results"]


def test_seed_usgp_results(seeds):
    _, marts = seeds
    res = marts["race_results"].filter(pl.col("article_id") == SEED_USGP)
    assert res.height == 20
    assert res.group_by("status").len().sort("status").rows() == [("classified", 15), ("disqualified", 2), ("retired", 3)]
    winner = res.filter(pl.col("position") == 1).row(0, named=True)
    assert (winner["driver"], winner["laps"], winner["time_ms"], winner["gap_ms"]) == ("Max Verstappen", 56, 5_721_362, 0)
    assert (winner["round"], winner["event"], winner["circuit"]) == (18, "USA GP", "Circuit of the Americas")
    perez = res.filter(pl.col("line") == 19).row(0, named=True)
    assert (perez["driver"], perez["driver_id"], perez["driver_raw"], perez["team"], perez["team_raw"]) == (
        "Sergio Pérez", "sergio-perez", "Sergio Pérez", "Red Bull", "Red Bull Racing",
    )
    assert (perez["nationality_code"], perez["nationality"], perez["gap_ms"]) == ("MEX", "Mexico", 18_460)
    tsunoda = res.filter(pl.col("line") == 27).row(0, named=True)
    assert (tsunoda["gap_ms"], tsunoda["position_raw"]) == (74_385, "08")
    albon = res.filter(pl.col("line") == 29).row(0, named=True)
    assert (albon["position"], albon["position_raw"], albon["driver"], albon["gap_ms"]) == (9, "09th", "Alexander Albon", 86_714)
    zhou = res.filter(pl.col("line") == 37).row(0, named=True)
    assert (zhou["laps_behind"], zhou["laps"], zhou["gap_ms"]) == (1, 55, None)
    alonso = res.filter(pl.col("line") == 45).row(0, named=True)
    assert (alonso["status"], alonso["reason"], alonso["position"]) == ("retired", "damage to underbody", None)
    dsq = res.filter(pl.col("status") == "disqualified")["driver"].to_list()
    assert dsq == ["Lewis Hamilton", "Charles Leclerc"]


@pytest.mark.parametrize(
    "written, position",
    [("1", 1), ("01", 1), ("1.", 1), ("01.", 1), ("1st", 1), ("01st", 1), ("1st.", 1), ("P1", 1)],
)
def test_position_styles(run_core, written, position):
    res = results_of(run_core, f"{written} Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n")
    assert res["position"].to_list() == [position]
    assert res["position_raw"].to_list() == [written]


@pytest.mark.parametrize(
    "tail, gap_ms, laps_behind",
    [
        ("+10.730", 10_730, 0),
        ("+1:14.385 min", 74_385, 0),
        ("+1:14.385", 74_385, 0),
        ("+1 lap", None, 1),
        ("+3 laps", None, 3),
        ("+1L", None, 1),
        ("+2 L", None, 2),
    ],
)
def test_gap_variants(run_core, tail, gap_ms, laps_behind):
    body = "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n\n" f"02 Lando Norris (GB), McLaren, {tail}\n"
    res = results_of(run_core, body).filter(pl.col("position") == 2)
    assert (res["gap_ms"].item(), res["laps_behind"].item(), res["laps"].item()) == (gap_ms, laps_behind, 56 - laps_behind)


def test_out_section_did_not_start_and_disqualified(run_core):
    body = (
        "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n\nOut\n\n"
        "Logan Sargeant (USA), Williams, did not start\n\nOscar Piastri (AUS), McLaren, collision damage\n\n"
        "Disqualified\n\nLewis Hamilton (GB), Mercedes\n"
    )
    res = results_of(run_core, body)
    assert res.select("driver", "status").rows() == [
        ("Max Verstappen", "classified"),
        ("Logan Sargeant", "did_not_start"),
        ("Oscar Piastri", "retired"),
        ("Lewis Hamilton", "disqualified"),
    ]


@pytest.mark.parametrize("name", ["Nico Hulkenberg", "Nico Hülkenberg", "NICO HÜLKENBERG"])
def test_names_with_or_without_diacritics(run_core, name):
    res = results_of(run_core, f"11th {name} (D), Haas, +1:29.904\n")
    assert res["driver"].to_list() == ["Nico Hülkenberg"]
    assert res["driver_raw"].to_list() == [name]


@pytest.mark.parametrize(
    "code, convention, country",
    [("D", "vehicle", "Germany"), ("GER", "ioc", "Germany"), ("DEU", "iso3", "Germany")],
)
def test_nationality_conventions(run_core, code, convention, country):
    res = results_of(run_core, f"11th Nico Hülkenberg ({code}), Haas, +1:29.904\n")
    assert res.select("nationality_code", "nationality_convention", "nationality").row(0) == (code, convention, country)


def test_ambiguous_code_read_in_the_articles_own_convention(run_core):
    """ROU is Romania (ISO, IOC) and Uruguay (vehicle): an article in vehicle codes means Uruguay."""
    body = (
        "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n\n02 Lando Norris (GB), McLaren, +10.730\n\n"
        "03 Carlos Sainz (E), Ferrari, +15.134\n\n04 Sergio Pérez (ROU), Red Bull, +18.460\n"
    )
    res = results_of(run_core, body).filter(pl.col("position") == 4)
    assert res.select("nationality_convention", "nationality").row(0) == ("vehicle", "Uruguay")


def test_unknown_driver_keeps_its_row(run_core):
    marts = run_core([text_file("unknown", HEADER + "13th Mick Schumacher (D), Haas, +1 lap\n")])
    res = marts["race_results"]
    assert res.select("driver_raw", "driver", "team").row(0) == ("Mick Schumacher", None, "Haas")
    assert ("unknown", 5, "parse.unknown_driver") in set(marts["validation_issues"].select("article_id", "line", "check").iter_rows())


def test_long_rows_are_rows_not_prose(run_core):
    body = (
        "01st Lance Stroll (CDN), Aston Martin Aramco Cognizant F1 Team, 56 laps in 1:35:21.362 hrs\n\nOut\n\n"
        "Fernando Alonso (E), Aston Martin Aramco Cognizant F1 Team, damage to the underbody after contact on lap one\n"
    )
    marts = run_core([text_file("long", HEADER + body)])
    assert marts["race_results"].select("driver", "team", "status").rows() == [
        ("Lance Stroll", "Aston Martin", "classified"),
        ("Fernando Alonso", "Aston Martin", "retired"),
    ]
    assert "parse.orphan_row" not in set(marts["validation_issues"]["check"])


def test_a_later_row_with_its_own_race_time_gets_its_gap_from_the_winner(run_core):
    marts = run_core([text_file("variant", HEADER + (
        "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n\n"
        "02 Lando Norris (GB), McLaren, 56 laps in 1:35:32.092 hrs\n\n"
        "03 Carlos Sainz (E), Ferrari, +15.134\n"
    ))])
    rows = marts["race_results"].select("position", "laps", "time_ms", "gap_ms", "laps_behind").rows()
    assert rows == [(1, 56, 5_721_362, 0, 0), (2, 56, 5_732_092, 10_730, 0), (3, 56, None, 15_134, 0)]
    assert "results.winner_time" not in set(marts["validation_issues"]["check"])


SPA = "date 2023-07-31 Max Verstappen won the Belgian Grand Prix.\n\nBelgian GP, Circuit de Spa-Francorchamps\n\n01 Max Verstappen (NL), Red Bull, 44 laps in 1:22:30.450 hrs\n"


def test_a_row_giving_its_own_race_time_with_fewer_laps_is_lapped(run_core):
    """Pérez's own 43 laps and time, the winner's 44: a lap behind, with no gap on the lead lap, so
    classified ahead of Leclerc on the lead lap he is out of order, as a '+1 lap' row would be."""
    marts = run_core([text_file("short", SPA + "02 Sergio Pérez (MEX), Red Bull, 43 laps in 1:22:52.755 hrs\n03 Charles Leclerc (MC), Ferrari, +32.259\n")])
    rows = marts["race_results"].select("line", "laps", "time_ms", "gap_ms", "laps_behind").rows()
    assert rows == [(5, 44, 4_950_450, 0, 0), (6, 43, 4_972_755, None, 1), (7, 44, None, 32_259, 0)]
    assert serious(marts["validation_issues"]).select("line", "check", "message").rows() == [
        (7, "results.gap_order", "gap +32.259 is smaller than the gap 43 laps in 1:22:52.755 hrs of the car classified ahead (line 6)"),
    ]


def test_a_row_giving_more_laps_than_the_winner_is_an_error(run_core):
    """The winner's laps are his row's (44, as the calendar says), not the most any row gives: Leclerc's
    45 with his own time are an error on his line, and the rows giving a gap ran the winner's 44."""
    body = "02 Sergio Pérez (MEX), Red Bull, +22.305\n03 Charles Leclerc (MC), Ferrari, 45 laps in 1:23:02.709 hrs\n04 Lewis Hamilton (GB), Mercedes, +49.671\n"
    marts = run_core([text_file("more", SPA + body)])
    rows = marts["race_results"].select("line", "laps", "time_ms", "gap_ms", "laps_behind", "has_error").rows()
    assert rows == [(5, 44, 4_950_450, 0, 0, False), (6, 44, None, 22_305, 0, False), (7, 45, 4_982_709, None, None, True), (8, 44, None, 49_671, 0, False)]
    issues = serious(marts["validation_issues"])
    assert issues.select("line", "check", "observed", "expected").rows() == [(7, "results.laps_beyond_winner", "45", "at most 44")]
    assert issues["message"].to_list() == ["the row gives 45 laps with its race time, more than the 44 the winner covered (line 5)"]


def test_a_table_without_nationality_codes_is_read_whole(run_core):
    """Rows that leave the code out are rows all the same: nothing unreadable, no nationality to check."""
    body = (
        "01 Max Verstappen, Red Bull, 56 laps in 1:35:21.362 hrs\n\n02 Lando Norris, McLaren, +10.730\n\n"
        "03. Carlos Sainz , Ferrari, +1 lap\n\nOut\n\nLogan Sargeant, Williams, did not start\n\n"
        "Fernando Alonso, Aston Martin, damage to underbody\n\nDisqualified\n\nLewis Hamilton, Mercedes\n"
    )
    marts = run_core([text_file("codeless", HEADER + body)])
    res = marts["race_results"]
    assert res.select("line", "driver", "team", "status", "gap_ms", "laps_behind").rows() == [
        (5, "Max Verstappen", "Red Bull", "classified", 0, 0),
        (7, "Lando Norris", "McLaren", "classified", 10_730, 0),
        (9, "Carlos Sainz Jr.", "Ferrari", "classified", None, 1),
        (13, "Logan Sargeant", "Williams", "did_not_start", None, None),
        (15, "Fernando Alonso", "Aston Martin", "retired", None, None),
        (19, "Lewis Hamilton", "Mercedes", "disqualified", None, None),
    ]
    assert res["driver_raw"][2] == "Carlos Sainz"
    assert res.select("nationality_code", "nationality_convention", "nationality").unique().rows() == [(None, None, None)]
    assert marts["validation_issues"].select("line", "check").rows() == []


def test_a_row_leaving_out_the_code_its_table_gives_is_noted_not_checked(run_core):
    body = (
        "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n\n02 Lando Norris, McLaren, +10.730\n\n"
        "03 Carlos Sainz (F), Ferrari, +15.134\n\n04 Sergio Pérez (MEX), Red Bull, +18.460\n\n"
        "Out\n\nFernando Alonso, Aston Martin, damage to underbody\n"
    )
    marts = run_core([text_file("mixed", HEADER + body)])
    assert marts["race_results"]["nationality_code"].to_list() == ["NL", None, "F", "MEX", None]
    issues = marts["validation_issues"].select("line", "check", "severity", "message").rows()
    assert issues == [
        (7, "format.nationality_left_out", "info", "`Lando Norris` has no nationality code, unlike most rows of this table: the nationality is not checked"),
        (9, "ref.nationality", "error", "`F` is France as a vehicle registration code, but Carlos Sainz Jr. is from Spain"),
        (15, "format.nationality_left_out", "info", "`Fernando Alonso` has no nationality code, unlike most rows of this table: the nationality is not checked"),
    ]


def test_a_code_given_by_one_row_of_a_table_without_codes_is_checked_alone(run_core):
    """Where most rows give no code, leaving it out is the table's style: only the row with one is
    looked at."""
    body = (
        "01 Max Verstappen, Red Bull, 56 laps in 1:35:21.362 hrs\n\n02 Lando Norris, McLaren, +10.730\n\n"
        "03 Carlos Sainz (F), Ferrari, +15.134\n\n04 Sergio Pérez, Red Bull, +18.460\n"
    )
    marts = run_core([text_file("one-code", HEADER + body)])
    assert marts["validation_issues"].select("line", "check").rows() == [(9, "ref.nationality")]


def test_a_results_row_without_its_code_or_heading_is_a_stray_row(run_core):
    """Outside a table, a short line shaped like a classified row is flagged whether it gives a code
    or not; a line shaped like a retirement without one ("Verstappen, Red Bull, dominant") is prose."""
    text = " date 2023-10-26 Results from Austin.\n\n05 George Russell, Mercedes, +24.999\n\nVerstappen, Red Bull, dominant\n"
    marts = run_core([text_file("stray", text)])
    assert marts["validation_issues"].select("line", "check").rows() == [(3, "parse.orphan_row")]
    assert marts["race_results"].is_empty()


def test_a_line_without_commas_in_a_results_table_stays_unreadable(run_core):
    marts = run_core([text_file("broken", HEADER + "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n\n05 George Russell Mercedes +24.999\n")])
    assert marts["validation_issues"].select("line", "check").rows() == [(7, "parse.unreadable_row")]
    assert marts["race_results"]["line"].to_list() == [5]


def test_a_long_row_without_its_code_does_not_end_its_table(run_core):
    """A row is no prose however long: without its code too, the rows after it are still read."""
    body = (
        "01 Max Verstappen, Red Bull, 56 laps in 1:35:21.362 hrs\n\nOut\n\n"
        "Fernando Alonso, Aston Martin Aramco Cognizant F1 Team, damage to the underbody after contact on lap one\n\n"
        "Esteban Ocon, Alpine, collision damage\n"
    )
    marts = run_core([text_file("long-codeless", HEADER + body)])
    assert marts["race_results"].select("line", "driver", "team", "status").rows() == [
        (5, "Max Verstappen", "Red Bull", "classified"),
        (9, "Fernando Alonso", "Aston Martin", "retired"),
        (11, "Esteban Ocon", "Alpine", "retired"),
    ]
    assert marts["validation_issues"].select("line", "check").rows() == []


def test_a_long_line_with_commas_in_the_prose_is_prose(run_core):
    """Shaped like a row without its code, a long line of prose with no full stop stays prose: no stray row."""
    text = (
        " date 2023-10-26 Results from Austin.\n\n"
        "Meanwhile, Verstappen extended his lead to 226 points over Perez after another afternoon in front in Texas\n\n"
        "10 laps from the end, Verstappen, who had led from the start, was told to bring the car home safely\n"
    )
    marts = run_core([text_file("prose", text)])
    assert marts["validation_issues"].filter(pl.col("severity") != "info").is_empty()
    assert marts["claims"].select("line", "kind", "driver", "margin").rows() == [(3, "margin", "Max Verstappen", 226.0)]


def test_a_line_of_prose_right_after_an_out_table_ends_it(run_core):
    """Shaped like a retirement without its code (words, a comma, more words) but not starting with a
    name: prose, not a row with an unknown driver and team; the rows before it are read, and the
    prose after it is read as prose. A name written with its code is a row however it is spelt."""
    body = (
        "01 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs\n\nOut\n\n"
        "Carlos Sainz Jr. (ESP), Ferrari, collision damage\n\n"
        "Oscar Piastri, McLaren, collision damage\n\n"
        "Sainz and Piastri touched at the first corner, and both cars were too badly damaged to go on, Ferrari said\n\n"
        "Verstappen, who has now won eight Grands Prix in a row, has 314 points.\n"
    )
    marts = run_core([text_file("after-out", HEADER + body)])
    assert marts["race_results"].select("line", "driver", "status").rows() == [
        (5, "Max Verstappen", "classified"),
        (9, "Carlos Sainz Jr.", "retired"),
        (11, "Oscar Piastri", "retired"),
    ]
    assert serious(marts["validation_issues"]).is_empty()
    assert marts["claims"].select("line", "driver", "points").rows() == [(15, "Max Verstappen", 314.0)]


@pytest.mark.parametrize("row", ["Nyck de Vries, AlphaTauri, gearbox", "Carlos Sainz Jr., Ferrari, collision damage", "Zhou Guanyu, Alfa Romeo, hydraulics"])
def test_names_with_particles_or_suffixes_start_a_retirement_without_its_code(run_core, row):
    marts = run_core([text_file("named", HEADER + "01 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs\n\nOut\n\n" + row + "\n")])
    assert marts["race_results"].filter(pl.col("status") == "retired").select("line").rows() == [(9,)]
    assert serious(marts["validation_issues"]).filter(pl.col("check").str.starts_with("parse.")).is_empty()


def test_a_time_with_a_footnote_mark_is_read_and_its_footnote_ends_the_table(run_core):
    """'+49.671*' (the fastest lap, a penalty) is read as +49.671, with an info issue saying so; the
    footnote under the table ('* fastest lap') is prose, not an unreadable row of it."""
    body = (
        "01 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs†\n\n"
        "02 Lando Norris (GBR), McLaren, +10.730*\n\n"
        "03 Carlos Sainz (ESP), Ferrari, +1 lap ‡\n\n"
        "* fastest lap\n\n"
        "† led every lap\n"
    )
    marts = run_core([text_file("marks", HEADER + body)])
    assert marts["race_results"].select("line", "time_ms", "gap_ms", "laps_behind").rows() == [
        (5, 5721362, 0, 0), (7, None, 10730, 0), (9, None, None, 1),
    ]
    issues = marts["validation_issues"]
    assert issues.select("line", "check", "observed", "expected").rows() == [
        (5, "format.footnote_mark", "56 laps in 1:35:21.362 hrs†", "56 laps in 1:35:21.362 hrs"),
        (7, "format.footnote_mark", "+10.730*", "+10.730"),
        (9, "format.footnote_mark", "+1 lap ‡", "+1 lap"),
    ]


@pytest.mark.parametrize(
    "row, status, reason",
    [
        ("DNF Carlos Sainz (ESP), Ferrari, collision damage", "retired", "collision damage"),
        ("Ret Carlos Sainz (ESP), Ferrari, collision damage", "retired", "collision damage"),
        ("NC Carlos Sainz, Ferrari, +5 laps", "retired", "+5 laps"),
        ("DSQ Carlos Sainz (ESP), Ferrari", "disqualified", None),
        ("DQ. Carlos Sainz (ESP), Ferrari", "disqualified", None),
        ("DNS Carlos Sainz (ESP), Ferrari", "did_not_start", None),
    ],
)
def test_a_row_placed_as_out_in_the_results_table_itself(run_core, row, status, reason):
    """A row whose place says what became of the driver (DNF, Ret, NC, DSQ, DQ, DNS), under the
    classified rows with no Out or Disqualified heading, is a row of that kind."""
    body = "01 Max Verstappen (NED), Red Bull, 56 laps, 1:35:21.362\n\n02 Lando Norris (GBR), McLaren, +10.730\n\n" + row + "\n"
    marts = run_core([text_file("unplaced", HEADER + body)])
    assert marts["race_results"].select("line", "driver", "status", "position", "reason").rows() == [
        (5, "Max Verstappen", "classified", 1, None),
        (7, "Lando Norris", "classified", 2, None),
        (9, "Carlos Sainz Jr.", status, None, reason),
    ]
    assert marts["race_results"]["time_ms"][0] == 5721362  # "56 laps, 1:35:21.362": the winner's time after a comma
    assert serious(marts["validation_issues"]).is_empty()


def test_a_classified_row_may_give_its_points_and_they_are_checked(run_core):
    """", 25 pts" after the time or gap is what the result scored (its unit is needed), checked against
    the season's points system: a place scores its points, or one more with the fastest lap in the
    top ten; eleventh scores nothing, and the gap is read as without the points."""
    body = (
        "01 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs, 25 pts\n\n"
        "02 Lando Norris (GBR), McLaren, +10.730, 19 points\n\n"
        "03 Carlos Sainz (ESP), Ferrari, +15.134, 18 Pts\n\n"
        "04 Sergio Perez (MEX), Red Bull, +18.460, 12 pts.\n\n"
        "05 George Russell (GBR), Mercedes, +1 lap, 10 pts\n\n"
        "11 Nico Hulkenberg (GER), Haas, +1:29.904, 1 pt\n\n"
        "12 Valtteri Bottas (FIN), Alfa Romeo, +1 lap, 0 points\n"
    )
    marts = run_core([text_file("points", HEADER + body)])
    assert marts["race_results"].select("line", "gap_ms", "laps_behind", "points").rows() == [
        (5, 0, 0, 25.0), (7, 10_730, 0, 19.0), (9, 15_134, 0, 18.0), (11, 18_460, 0, 12.0), (13, None, 1, 10.0), (15, 89_904, 0, 1.0), (17, None, 1, 0.0)
    ]
    issues = marts["validation_issues"].filter(pl.col("check") == "results.points")
    assert issues.select("line", "message").rows() == [
        (9, "the row gives 18 points for position 3, which scores 15 in 2023 (16 with the fastest lap)"),
        (15, "the row gives 1 point for position 11, which scores 0 in 2023"),
    ]
    assert issues.select("observed", "expected").row(0) == ("18", "15 or 16")


def test_one_row_of_a_table_only_scores_the_fastest_laps_point(run_core):
    body = (
        "01 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs, 26 pts\n\n"
        "02 Lando Norris (GBR), McLaren, +10.730, 18 points\n\n"
        "03 Carlos Sainz (ESP), Ferrari, +15.134, 16 pts\n"
    )
    marts = run_core([text_file("two-fastest", HEADER + body)])
    issues = marts["validation_issues"].filter(pl.col("severity") == "error")
    assert issues.select("line", "check", "message").rows() == [
        (5, "results.fastest_lap_points", "2 rows of this table score the fastest lap's point (lines 5, 9), but one driver sets the fastest lap"),
        (9, "results.fastest_lap_points", "2 rows of this table score the fastest lap's point (lines 5, 9), but one driver sets the fastest lap"),
    ]


def test_a_bare_number_after_the_time_is_no_points(run_core):
    marts = run_core([text_file("bare", HEADER + "01 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs, 25\n")])
    assert marts["race_results"]["points"].to_list() == [None]
    assert [c for c in marts["validation_issues"]["check"] if c.startswith("parse.")] == ["parse.unreadable_time"]


AUSTIN_DSQ = (
    "date 2023-10-23 Max Verstappen won in Austin; Lewis Hamilton and Charles Leclerc were disqualified for excessive plank wear.\n\n"
    "USA GP, Circuit of the Americas\n\n"
    "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs, 25 pts\n"
    "02 Lando Norris (GB), McLaren, +10.730, 18 pts\n"
    "03 Carlos Sainz (E), Ferrari, +15.134, 15 pts\n\n"
    "Out\n\n"
    "Fernando Alonso (E), Aston Martin, undertray, 2 pts\n\n"
    "Disqualified\n\n"
    "Lewis Hamilton (GB), Mercedes, 18 pts\n"
    "Charles Leclerc (MC), Ferrari, excessive plank wear, 0 pts\n"
)


def test_points_given_to_a_retirement_or_a_disqualification_are_read_and_flagged(run_core):
    """Out of the race and not classified, or disqualified, a driver scores nothing: points such a row
    gives are read as a classified row's are, and an error (Austin 2023: Hamilton was second on the
    road, 18 points, before his disqualification). Before, they were dropped with no issue, and
    Alonso's reason was 'undertray, 2 pts'. Leclerc's 0 points are right."""
    marts = run_core([text_file("austin-dsq", AUSTIN_DSQ)])
    rows = marts["race_results"].sort("line").select("line", "status", "reason", "points").rows()
    assert rows[3:] == [(11, "retired", "undertray", 2.0), (15, "disqualified", None, 18.0), (16, "disqualified", None, 0.0)]
    issues = serious(marts["validation_issues"])
    assert issues.select("line", "check", "message", "observed", "expected").rows() == [
        (11, "results.points_unclassified", "the row gives 2 points, but a driver out of the race and not classified scores none", "2", "0"),
        (15, "results.points_unclassified", "the row gives 18 points, but a disqualified driver scores none", "18", "0"),
    ]


def test_points_of_a_row_placed_dsq_or_dns_are_read_and_flagged(run_core):
    """The same as cells under a Pts column ("| DSQ | Lewis Hamilton | ... | 18 |"), and a row placed DNS
    or numbered with DSQ for its time: each row's points are read, and only a classified row scores."""
    cells = (
        "date 2023-10-23 Max Verstappen won in Austin.\n\nUSA GP, Circuit of the Americas\n\n"
        "| Pos | Driver | Team | Laps | Time | Pts |\n|---|---|---|---|---|---|\n"
        "| 1 | Max Verstappen | Red Bull | 56 | 1:35:21.362 | 25 |\n"
        "| 2 | Lando Norris | McLaren | 56 | +10.730 | 18 |\n"
        "| DSQ | Lewis Hamilton | Mercedes | 56 | Disqualified | 18 |\n"
        "| DNS | Logan Sargeant | Williams | 0 | Did not start | 0 |\n"
    )
    marts = run_core([text_file("cells", cells)])
    assert marts["race_results"].sort("line").select("line", "status", "points").rows() == [
        (7, "classified", 25.0), (8, "classified", 18.0), (9, "disqualified", 18.0), (10, "did_not_start", 0.0),
    ]
    assert serious(marts["validation_issues"]).select("line", "check").rows() == [(9, "results.points_unclassified")]
    body = "01 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs, 25 pts\n\n18. Lewis Hamilton (GBR), Mercedes, DSQ, 18 pts\n\nDNS Logan Sargeant (USA), Williams, 1 pt\n"
    marts = run_core([text_file("placed", HEADER + body)])
    assert marts["race_results"].select("line", "status", "points").rows() == [(5, "classified", 25.0), (7, "disqualified", 18.0), (9, "did_not_start", 1.0)]
    issues = serious(marts["validation_issues"]).filter(pl.col("check") == "results.points_unclassified")
    assert issues.select("line", "message").rows() == [
        (7, "the row gives 18 points, but a disqualified driver scores none"),
        (9, "the row gives 1 point, but a driver who did not start scores none"),
    ]


def test_places_written_p1_p2_are_read_and_a_lone_one_is_noted(run_core):
    """"P1 Max Verstappen ..." as timing screens write places: read as 1, 2, 3 (before, no row at all:
    unreadable rows, errors); one P among places written otherwise is an odd style (info)."""
    body = "P1 Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs\n\nP2 Lando Norris (GBR), McLaren, +10.730\n\nP3 Carlos Sainz (ESP), Ferrari, +15.134\n"
    marts = run_core([text_file("p-style", HEADER + body)])
    assert marts["race_results"].select("line", "position", "position_raw", "gap_ms").rows() == [(5, 1, "P1", 0), (7, 2, "P2", 10_730), (9, 3, "P3", 15_134)]
    assert marts["validation_issues"].is_empty()
    marts = run_core([text_file("p-style", HEADER + body.replace("P1 ", "1. ").replace("P3 ", "3. "))])
    assert marts["validation_issues"].select("line", "check", "message").rows() == [
        (7, "format.position_style", "`P2` is written unlike the positions around it (N. style); read as 2"),
    ]
