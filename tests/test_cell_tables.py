"""Tables written as cells, between pipes (as Markdown writes them) or tabs: read as the same tables
written out, by their header's columns when they have one; never taken for prose."""

import polars as pl

from conftest import serious, text_file

INTRO = (
    "date 2023-08-02\nVerstappen wins at Spa\n\n"
    "Max Verstappen won the Belgian Grand Prix on Sunday, 22.305 seconds ahead of his team-mate Sergio Perez.\n\n"
)
WRITTEN_OUT = INTRO + (
    "Belgian GP, Circuit de Spa-Francorchamps\n\n"
    "01 Max Verstappen (NED), Red Bull, 44 laps in 1:22:30.450 hrs\n02 Sergio Perez (MEX), Red Bull, +22.305\n"
    "03 Charles Leclerc (MON), Ferrari, +32.259\n04 Lewis Hamilton (GBR), Mercedes, +49.671\n"
    "Out\nCarlos Sainz (ESP), Ferrari, collision damage\n\n"
    "Championship standings after round 12\n\nDriver\n1. Max Verstappen 314\n2. Sergio Perez 189\n3. Fernando Alonso 149\n\n"
    "Constructors' Cup\n1. Red Bull 503\n2. Mercedes 247\n"
)
MARKDOWN = INTRO + (
    "Belgian GP, Circuit de Spa-Francorchamps\n\n"
    "| Pos | Driver | Nat. | Team | Time |\n|---|---|:---:|---|---:|\n"
    "| 1 | Max Verstappen | NED | Red Bull | 44 laps in 1:22:30.450 hrs |\n| 2 | Sergio Perez | MEX | Red Bull | +22.305 |\n"
    "| 3 | Charles Leclerc | MON | Ferrari | +32.259 |\n| 4 | Lewis Hamilton | GBR | Mercedes | +49.671 |\n"
    "| DNF | Carlos Sainz | ESP | Ferrari | collision damage |\n\n"
    "Championship standings after round 12\n\n"
    "| Pos | Driver | Points |\n|-----|--------|--------|\n| 1 | Max Verstappen | 314 |\n| 2 | Sergio Perez | 189 |\n| 3 | Fernando Alonso | 149 |\n\n"
    "| Pos | Team | Pts |\n|-----|------|-----|\n| 1 | Red Bull | 503 |\n| 2 | Mercedes | 247 |\n"
)
# as the championship's own site gives them: the car's number, the laps, the time or what became of the car, the points
OFFICIAL = INTRO + (
    "Belgian GP, Circuit de Spa-Francorchamps\n\n"
    "POS\tNO\tDRIVER\tCAR\tLAPS\tTIME/RETIRED\tPTS\n"
    "1\t1\tMax Verstappen\tRed Bull Racing Honda RBPT\t44\t1:22:30.450\t25\n"
    "2\t11\tSergio Perez\tRed Bull Racing Honda RBPT\t44\t+22.305s\t18\n"
    "3\t16\tCharles Leclerc\tFerrari\t44\t+32.259s\t15\n"
    "4\t44\tLewis Hamilton\tMercedes\t44\t+49.671s\t13\n"
    "NC\t55\tCarlos Sainz\tFerrari\t0\tDNF\t0\n\n"
    "Championship standings after round 12\n\n"
    "POS\tDRIVER\tNATIONALITY\tCAR\tPTS\n1\tMax Verstappen\tNED\tRed Bull Racing Honda RBPT\t314\n"
    "2\tSergio Perez\tMEX\tRed Bull Racing Honda RBPT\t189\n3\tFernando Alonso\tESP\tAston Martin Aramco Mercedes\t149\n"
)

RESULTS = ["line", "position", "driver_id", "team_id", "nationality", "status", "time_ms", "gap_ms", "reason"]


def _tables(marts: dict[str, pl.DataFrame]) -> dict[str, list[tuple]]:
    return {
        "race_results": marts["race_results"].select(RESULTS[1:]).rows(),
        "driver_standings": marts["driver_standings"].select("rank", "driver_id", "points", "after_round").rows(),
        "constructor_standings": marts["constructor_standings"].select("rank", "team_id", "points", "after_round").rows(),
    }


def test_a_markdown_table_reads_as_the_table_written_out(run_core):
    written, markdown = run_core([text_file("written", WRITTEN_OUT)]), run_core([text_file("markdown", MARKDOWN)])
    assert _tables(markdown) == _tables(written)
    assert marts_lines(markdown, "race_results") == [10, 11, 12, 13, 14]
    assert marts_lines(markdown, "driver_standings") == [20, 21, 22]  # under the header (18) and its rule (19)
    assert serious(markdown["validation_issues"]).is_empty()
    assert markdown["race_results"].filter(pl.col("position") == 1).select("time_ms", "nationality_code").row(0) == (4_950_450, "NED")


def marts_lines(marts: dict[str, pl.DataFrame], table: str) -> list[int]:
    return marts[table]["line"].to_list()


def test_cells_between_tabs_under_the_official_header(run_core):
    """Columns by the header's names: the car's number read (and checked), the laps given with the winner's
    race time, the points of each row (checked: Hamilton's 13 are fourth place's with the fastest lap,
    and Sainz, not classified, scores his 0), the team named with its power unit."""
    marts = run_core([text_file("official", OFFICIAL)])
    assert marts["race_results"].select(RESULTS).rows() == [
        (9, 1, "max-verstappen", "red-bull", None, "classified", 4_950_450, 0, None),
        (10, 2, "sergio-perez", "red-bull", None, "classified", None, 22_305, None),
        (11, 3, "charles-leclerc", "ferrari", None, "classified", None, 32_259, None),
        (12, 4, "lewis-hamilton", "mercedes", None, "classified", None, 49_671, None),
        (13, None, "carlos-sainz-jr", "ferrari", None, "retired", None, None, "DNF"),
    ]
    assert marts["race_results"]["points"].to_list() == [25.0, 18.0, 15.0, 13.0, 0.0]
    assert marts["race_results"]["car_number"].to_list() == [1, 11, 16, 44, 55]  # the NO column, checked against the reference's
    standings = marts["driver_standings"]
    assert standings.select("line", "driver_id", "nationality", "team_id", "points").rows() == [
        (18, "max-verstappen", "Netherlands", "red-bull", 314.0),
        (19, "sergio-perez", "Mexico", "red-bull", 189.0),
        (20, "fernando-alonso", "Spain", "aston-martin", 149.0),
    ]
    assert serious(marts["validation_issues"]).is_empty()


def test_names_given_with_their_abbreviation_as_the_championships_site_does(run_core):
    """"Max Verstappen VER": the name with the three letters the reference gives the driver
    (`drivers.csv` `abbreviation`), read as an alias (info); the letters of another driver make no
    name (an unknown driver, an error on its line). Only tables read them: the prose's names are the
    driver's own spellings."""
    named = {"Max Verstappen": "Max Verstappen VER", "Sergio Perez": "Sergio Perez PER", "Charles Leclerc": "Charles Leclerc LEC", "Lewis Hamilton": "Lewis Hamilton HAM"}
    text = OFFICIAL
    for name, abbreviated in named.items():
        text = text.replace(f"\t{name}\t", f"\t{abbreviated}\t")
    text = text.replace("\tFernando Alonso\t", "\tFernando Alonso ALO\t")
    plain = run_core([text_file("official", OFFICIAL)])
    marts = run_core([text_file("official", text)])
    assert _tables(marts) == _tables(plain)
    aliases = marts["validation_issues"].filter(pl.col("check") == "format.driver_alias")
    assert aliases.select("line", "message").rows()[:2] == [(9, "`Max Verstappen VER` read as Max Verstappen"), (10, "`Sergio Perez PER` read as Sergio Pérez")]
    assert sorted(aliases["line"]) == [9, 10, 11, 12, 18, 19, 20]
    assert serious(marts["validation_issues"]).is_empty()
    wrong = run_core([text_file("official", text.replace("Sergio Perez PER", "Sergio Perez HAM", 1))])
    issues = serious(wrong["validation_issues"])
    assert issues.select("line", "check", "message").rows() == [(10, "parse.unknown_driver", "`Sergio Perez HAM` is not a driver of the 2023 season in the reference data")]
    prose = run_core([text_file("prose", INTRO.replace("Max Verstappen won", "Max Verstappen VER won") + "Max Verstappen VER has 314 points.\n")])
    assert prose["claims"].filter(pl.col("kind") == "points").is_empty()
    # not read, and said so: the time on line 4 and the points on line 6
    assert prose["validation_issues"].select("line", "check").rows() == [(4, "parse.unread_claim"), (6, "parse.unread_claim")]


def test_a_drivers_abbreviation_alone_is_that_driver(run_core):
    """'VER' in a table, as timing screens write a driver: Max Verstappen (an alias, info); letters no
    driver of the season has ('XYZ') make no name, an error on its line."""
    text = OFFICIAL.replace("1\t1\tMax Verstappen\t", "1\t1\tVER\t").replace("2\t11\tSergio Perez\t", "2\t11\tXYZ\t")
    marts = run_core([text_file("official", text)])
    assert marts["race_results"].filter(pl.col("line").is_in([9, 10])).select("line", "driver_raw", "driver_id").rows() == [
        (9, "VER", "max-verstappen"), (10, "XYZ", None),
    ]
    issues = marts["validation_issues"].filter(pl.col("line").is_in([9, 10]) & pl.col("check").str.contains("driver"))
    assert issues.select("line", "check", "message").rows() == [
        (9, "format.driver_alias", "`VER` read as Max Verstappen"),
        (10, "parse.unknown_driver", "`XYZ` is not a driver of the 2023 season in the reference data"),
    ]


def test_cells_without_a_header_are_joined_in_their_order(run_core):
    text = INTRO + (
        "Belgian GP, Circuit de Spa-Francorchamps\n\n1\tMax Verstappen\tNED\tRed Bull\t44 laps in 1:22:30.450\n"
        "2\tSergio Perez (MEX)\tRed Bull\t+22.305\n\nChampionship standings after round 12\n\nDriver\n\n1\tVerstappen\t314\n\n2\tPerez\t189\n"
    )
    marts = run_core([text_file("tabs", text)])
    assert marts["race_results"].select("line", "driver_id", "nationality_code", "gap_ms").rows() == [
        (8, "max-verstappen", "NED", 0), (9, "sergio-perez", "MEX", 22_305)
    ]
    assert marts["driver_standings"].select("line", "driver_id", "points").rows() == [(15, "max-verstappen", 314.0), (17, "sergio-perez", 189.0)]
    assert serious(marts["validation_issues"]).is_empty()


def test_a_row_of_cells_that_cannot_be_read_is_flagged_on_its_line(run_core):
    text = MARKDOWN.replace("| 2 | Sergio Perez | MEX | Red Bull | +22.305 |", "| 2 | Sergio Perez | MEX | Red Bull | +22,305 |")
    marts = run_core([text_file("bad-cell", text)])
    assert (11, "parse.unreadable_time") in serious(marts["validation_issues"]).select("line", "check").rows()
    text = MARKDOWN.replace("| 2 | Sergio Perez | MEX | Red Bull | +22.305 |", "| 2 | Sergio Perez | MEX |")
    marts = run_core([text_file("short-row", text)])
    # the row after it is the first third place read without a second: an error of its own
    assert serious(marts["validation_issues"]).select("line", "check").rows() == [(11, "parse.unreadable_row"), (12, "results.position_sequence")]


def test_cells_under_no_table_heading_are_stray_rows_not_prose(run_core):
    """A Markdown table with no heading above it: its header and rule are the table's own lines, each
    row a stray row (a warning on its line), none read as a sentence."""
    text = INTRO + "| Pos | Driver | Time |\n|---|---|---|\n| 1 | Max Verstappen | 1:22:30.450 |\n| 2 | Sergio Perez | +22.305 |\n"
    marts = run_core([text_file("no-heading", text)])
    assert serious(marts["validation_issues"]).select("line", "check").rows() == [(8, "parse.orphan_row"), (9, "parse.orphan_row")]
    assert marts["claims"].filter(pl.col("line") >= 6).is_empty()


def test_a_season_without_abbreviations_loads_and_reads_none(tmp_path, run_core):
    """drivers.csv without the `abbreviation` column: the season loads, its drivers keep their names,
    and a name given with its letters is an unknown driver, as any other name."""
    import shutil

    from parcferme.pipeline import build
    from parcferme.reference import load_reference
    from parcferme.reference.loader import ABBREVIATED, DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    drivers = data / "seasons" / "2023" / "drivers.csv"
    pl.read_csv(drivers).drop("abbreviation").write_csv(drivers)
    reference = load_reference(data)
    assert reference.names.filter(pl.col("kind") == ABBREVIATED).is_empty()
    abbreviated = load_reference().names.filter(pl.col("kind") == ABBREVIATED)
    assert abbreviated["id"].n_unique() == 22 and abbreviated["ambiguous"].sum() == 0
    assert {"max verstappen ver", "verstappen ver", "carlos sainz sai", "sainz jr sai"} <= set(abbreviated["key"])
    text = OFFICIAL.replace("\tMax Verstappen\t", "\tMax Verstappen VER\t", 1)
    issues = serious(build([text_file("official", text)], reference)[1]["validation_issues"])
    assert issues.select("line", "check").rows() == [(9, "parse.unknown_driver")]


def test_a_car_number_not_the_drivers_is_an_error(run_core):
    """The NO column is each driver's car that season (`drivers.csv` `car_number`): another driver's
    number, or a cell that is no number, is an error on its line."""
    text = OFFICIAL.replace("3\t16\tCharles Leclerc", "3\t55\tCharles Leclerc").replace("2\t11\tSergio Perez", "2\t#11\tSergio Perez")
    text = text.replace("4\t44\tLewis Hamilton", "4\tHAM\tLewis Hamilton")
    marts = run_core([text_file("official", text)])
    assert marts["race_results"].select("car_number_raw", "car_number").rows()[:4] == [("1", 1), ("#11", 11), ("55", 55), ("HAM", None)]
    assert serious(marts["validation_issues"]).select("line", "check", "message", "observed", "expected").rows() == [
        (11, "ref.car_number", "the row gives car 55 to Charles Leclerc, whose car in 2023 is 16", "55", "16"),
        (12, "ref.car_number", "`HAM` is no car number", "HAM", "44"),
    ]


SPA_POINTS = (
    "date 2023-07-31 Max Verstappen won the Belgian Grand Prix; Lewis Hamilton took the point for the fastest lap.\n\n"
    "Belgian GP, Circuit de Spa-Francorchamps\n\n"
    "| Pos | Driver | Team | Time | Pts |\n|---|---|---|---|---|\n"
    "| 1 | Max Verstappen | Red Bull | 44 laps in 1:22:30.450 | 25 |\n"
    "| 2 | Sergio Pérez | Red Bull | +22.305 | 18 |\n"
    "| 3 | Charles Leclerc | Ferrari | +32.259 | 15 |\n"
    "| 4 | Lewis Hamilton | Mercedes | +49.671 | 13* |\n"
)
AUSTIN_POINTS = (
    "date 2023-10-23 Max Verstappen won the United States Grand Prix; Yuki Tsunoda took the bonus point for the fastest lap.\n\n"
    "United States Grand Prix, Circuit of the Americas\n\n"
    "| Pos | Driver | Team | Laps | Time | Pts |\n|---|---|---|---|---|---|\n"
    "| 1 | Max Verstappen | Red Bull | 56 | 1:35:21.362 | 25 |\n| 2 | Lando Norris | McLaren | 56 | +10.730 | 18 |\n"
    "| 3 | Carlos Sainz | Ferrari | 56 | +15.134 | 15 |\n| 4 | Sergio Pérez | Red Bull | 56 | +18.460 | 12 |\n"
    "| 5 | George Russell | Mercedes | 56 | +24.999 | 10 |\n| 6 | Pierre Gasly | Alpine | 56 | +47.996 | 8 |\n"
    "| 7 | Lance Stroll | Aston Martin | 56 | +48.696 | 6 |\n| 8 | Yuki Tsunoda | AlphaTauri | 56 | +1:14.385 | 5* |\n"
    "| 9 | Alexander Albon | Williams | 56 | +1:26.714 | 2 |\n| 10 | Logan Sargeant | Williams | 56 | +1:27.998 | 1 |\n"
    "| 11 | Nico Hülkenberg | Haas | 56 | +1:29.904 | – |\n| 12 | Valtteri Bottas | Alfa Romeo | 56 | +1:38.601 | - |\n\n"
    "* fastest lap\n"
)


def test_a_points_cell_with_a_footnote_mark_or_a_dash_is_read(run_core):
    """'13*' (Hamilton's fourth place with the fastest lap at Spa, 2023) is 13 points with a footnote
    mark, an info as a time's mark is; a dash is no points, 0, checked like any figure. Before, the
    cell was taken for part of the time: an error on a correct row, and neither gap nor points read."""
    marts = run_core([text_file("spa", SPA_POINTS)])
    assert marts["race_results"].select("line", "gap_ms", "points").rows() == [(7, 0, 25.0), (8, 22_305, 18.0), (9, 32_259, 15.0), (10, 49_671, 13.0)]
    assert marts["validation_issues"].select("line", "check", "message", "observed", "expected").rows() == [
        (10, "format.footnote_mark", "`13* pts` carries a footnote mark; read as `13 pts`", "13* pts", "13 pts"),
    ]
    marts = run_core([text_file("austin", AUSTIN_POINTS)])
    rows = marts["race_results"].select("line", "gap_ms", "points").rows()
    assert rows[7:] == [(14, 74_385, 5.0), (15, 86_714, 2.0), (16, 87_998, 1.0), (17, 89_904, 0.0), (18, 98_601, 0.0)]
    assert serious(marts["validation_issues"]).is_empty()
    fifth = SPA_POINTS + "| 5 | Fernando Alonso | Aston Martin | +56.184 | – |\n"
    issues = serious(run_core([text_file("spa", fifth)])["validation_issues"])
    assert issues.select("line", "check", "message").rows() == [(11, "results.points", "the row gives 0 points for position 5, which scores 10 in 2023 (11 with the fastest lap)")]


def test_a_written_out_row_s_points_may_carry_a_footnote_mark(run_core):
    text = SPA_POINTS.split("| Pos")[0] + (
        "01 Max Verstappen (NED), Red Bull, 44 laps in 1:22:30.450 hrs, 25 pts\n"
        "02 Sergio Pérez (MEX), Red Bull, +22.305, 18 pts\n"
        "03 Charles Leclerc (MON), Ferrari, +32.259, 15 pts\n"
        "04 Lewis Hamilton (GBR), Mercedes, +49.671*, 13 pts*\n"
    )
    marts = run_core([text_file("spa", text)])
    assert marts["race_results"].select("line", "gap_ms", "points").rows() == [(5, 0, 25.0), (6, 22_305, 18.0), (7, 32_259, 15.0), (8, 49_671, 13.0)]
    assert marts["validation_issues"].select("line", "check", "message").rows() == [
        (8, "format.footnote_mark", "`+49.671*, 13 pts*` carries a footnote mark; read as `+49.671, 13 pts`"),
    ]
