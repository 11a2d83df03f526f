"""Table forms a review of the reader found read wrong or not at all (2026-12-07), each now read or
flagged: a retirement whose reason ends like a sentence, lapped rows out of order, a column of
intervals, a Laps column, a standings table with one column more, a heading "after round 12 (of 22)",
and codes that are both ISO and vehicle codes."""

import polars as pl
import pytest

from conftest import CLEAN, serious, text_file


def _issues(marts, check: str) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == check).sort("line")
    return issues.select("line", "message").rows()


def test_a_retirement_whose_reason_ends_like_a_sentence_is_still_a_row(run_core):
    text = (
        "date 2023-10-24\n"
        "USA GP, Circuit of the Americas\n"
        "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n"
        "02 Lando Norris (GB), McLaren, +10.730\n"
        "Out\n"
        "Fernando Alonso (E), Aston Martin, damage to the underbody.\n"
        "Disqualified\n"
        "Lewis Hamilton (GB), Mercedes, excessive wear of the plank on the car.\n"
    )
    marts = run_core([text_file("out", text)])
    rows = marts["race_results"].sort("line").select("line", "status", "driver_id", "reason").rows()
    assert rows[2:] == [(6, "retired", "fernando-alonso", "damage to the underbody."), (8, "disqualified", "lewis-hamilton", None)]
    assert marts["validation_issues"].filter(pl.col("severity") != "info").is_empty()


def test_a_lapped_row_is_compared_with_the_rows_around_it(run_core):
    text = (
        "date 2023-03-06\n"
        "Bahrain GP, Sakhir\n"
        "01 Max Verstappen (NL), Red Bull, 57 laps in 1:33:56.736 hrs\n"
        "02 Sergio Pérez (MEX), Red Bull, +11.987\n"
        "03 Yuki Tsunoda (J), AlphaTauri, +1 lap\n"
        "04 Logan Sargeant (USA), Williams, +1:30.870 min\n"
        "05 Kevin Magnussen (DK), Haas, +2 laps\n"
        "06 Nyck de Vries (NL), AlphaTauri, +1 lap\n"
    )
    marts = run_core([text_file("lapped", text)])
    assert _issues(marts, "results.gap_order") == [
        (6, "gap +1:30.870 min is smaller than the gap +1 lap of the car classified ahead (line 5)"),
        (8, "gap +1 lap is smaller than the gap +2 laps of the car classified ahead (line 7)"),
    ]


SPA_CELLS = (
    "date 2023-07-31\n"
    "Belgian GP, Spa-Francorchamps\n"
    "\n"
    "| Pos | Driver | Team | Laps | {column} |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Max Verstappen | Red Bull | 44 | 1:22:30.450 |\n"
    "| 2 | Sergio Pérez | Red Bull | {laps} | +22.305 |\n"
    "| 3 | Charles Leclerc | Ferrari | 44 | {third} |\n"
)


def test_a_column_of_intervals_is_not_read_as_gaps_to_the_winner(run_core):
    """An interval is the gap to the car ahead (Leclerc's 9.954, his gap to the winner 32.259): the
    rows are unreadable rather than given a wrong gap."""
    marts = run_core([text_file("intervals", SPA_CELLS.format(column="Interval", laps=44, third="+9.954"))])
    assert marts["race_results"].filter(pl.col("gap_ms").is_not_null()).is_empty()
    assert [line for line, _ in _issues(marts, "parse.unreadable_time")] == [6, 7, 8]
    assert _issues(marts, "results.gap_order") == []


def test_a_laps_cell_is_checked_against_the_row_s_time(run_core):
    marts = run_core([text_file("laps", SPA_CELLS.format(column="Time", laps=41, third="+32.259"))])
    assert marts["race_results"].sort("line").select("line", "laps_raw", "laps").rows() == [(6, "44", 44), (7, "41", 44), (8, "44", 44)]
    assert _issues(marts, "results.laps_cell") == [(7, "the Laps cell gives 41 laps, but the row's time `+22.305` gives 44 (the winner's laps, less 0 behind)")]


def test_rows_giving_their_own_laps_and_total_time_are_read_against_the_winner_s(run_core):
    """As the championship's site gives each row's total time: Pérez's 43 laps put him a lap behind
    (ahead of Hamilton on the lead lap: out of order), Leclerc's 45 are more than the winner's 44 (an
    error), and Hamilton's 44 with his gap are right."""
    text = SPA_CELLS.format(column="Time", laps=43, third="1:23:02.709").replace("| 43 | +22.305 |", "| 43 | 1:22:52.755 |")
    text = text.replace("| Ferrari | 44 |", "| Ferrari | 45 |")
    marts = run_core([text_file("totals", text + "| 4 | Lewis Hamilton | Mercedes | 44 | +49.671 |\n")])
    rows = marts["race_results"].sort("line").select("line", "laps_raw", "laps", "gap_ms", "laps_behind").rows()
    assert rows == [(6, "44", 44, 0, 0), (7, "43", 43, None, 1), (8, "45", 45, None, None), (9, "44", 44, 49_671, 0)]
    assert _issues(marts, "results.laps_cell") == []
    assert _issues(marts, "results.laps_beyond_winner") == [(8, "the row gives 45 laps with its race time, more than the 44 the winner covered (line 6)")]
    # compared with the car ahead giving a gap or laps behind: Pérez, past Leclerc's, which give neither
    assert _issues(marts, "results.gap_order") == [(9, "gap +49.671 is smaller than the gap 43 laps in 1:22:52.755 of the car classified ahead (line 7)")]


AUSTIN_CELLS = (
    "date 2023-10-23 Max Verstappen won the United States Grand Prix.\n"
    "\n"
    "United States Grand Prix, Circuit of the Americas\n"
    "\n"
    "| Pos | Driver | Team | Laps | Time |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Max Verstappen | Red Bull | {} | 1:35:21.362 |\n"
    "| 2 | Lando Norris | McLaren | {} | +10.730 |\n"
    "| 3 | Carlos Sainz | Ferrari | {} | +15.134 |\n"
    "| 4 | Sergio Pérez | Red Bull | {} | +18.460 |\n"
)


def test_a_winner_s_laps_the_other_rows_and_the_calendar_contradict_are_the_error(run_core):
    """The calendar's 56 laps, which every other row's Laps cell gives: the winner's 55 is the one
    wrong, and the rows after it ran 56 (before: an error on each of them, a warning on his)."""
    text = AUSTIN_CELLS.format(55, 56, 56, 56).replace("won the United States Grand Prix.", "won the 56-lap race.")
    marts = run_core([text_file("austin", text)])
    assert marts["race_results"].sort("line").select("line", "laps", "has_error").rows() == [(7, 55, True), (8, 56, False), (9, 56, False), (10, 56, False)]
    issues = marts["validation_issues"].filter(pl.col("severity") != "info").sort("line", "check")
    assert issues.select("line", "check", "observed", "expected").rows() == [
        (7, "results.race_distance", "55", "56"),
        (7, "results.winner_laps", "55", "56"),
    ]
    assert issues["message"][1] == (
        "the winner's row gives 55 laps, but more of the table's other rows give the 56 the calendar schedules the United States Grand Prix over "
        "(their Laps cells with the laps each is behind, or their own laps) than give his"
    )
    # the race's distance in the prose is the laps so read
    assert marts["claims"].filter(pl.col("kind") == "laps").select("line", "laps").rows() == [(1, 56)]


@pytest.mark.parametrize(
    "laps, flagged",
    [
        # one other row wrong: it is flagged, the winner's laps (the calendar's) stand
        ((56, 56, 55, 56), {(9, "results.laps_cell")}),
        # the winner and one other row wrong, two rows and the calendar agree: each wrong row is flagged
        ((55, 56, 57, 56), {(7, "results.race_distance"), (7, "results.winner_laps"), (9, "results.laps_cell")}),
        # every row gives the winner's 55: a race shorter than the calendar's, warned of, the rows not flagged
        ((55, 55, 55, 55), {(7, "results.race_distance")}),
        # as many rows give the winner's laps as the calendar's: his stand, and the rows giving others are flagged
        ((55, 56, 55, 57), {(7, "results.race_distance"), (8, "results.laps_cell"), (10, "results.laps_cell")}),
    ],
)
def test_the_odd_one_out_of_a_table_s_laps_is_flagged(run_core, laps, flagged):
    marts = run_core([text_file("austin", AUSTIN_CELLS.format(*laps))])
    issues = marts["validation_issues"].filter(pl.col("severity") != "info")
    assert set(issues.select("line", "check").iter_rows()) == flagged


def test_a_standings_table_with_a_column_more_is_unreadable_not_misread(run_core):
    text = (
        "date 2023-08-01\n"
        "Constructors' standings after round 12\n"
        "\n"
        "| Pos | Team | Points | Wins |\n"
        "|---|---|---|---|\n"
        "| 1 | Red Bull | 503 | 12 |\n"
        "| 2 | Mercedes | 247 | 0 |\n"
    )
    marts = run_core([text_file("wins", text)])
    assert marts["constructor_standings"].is_empty()  # before: Red Bull with 12 points, its wins
    assert [line for line, _ in _issues(marts, "parse.unreadable_row")] == [4, 6, 7]
    assert _issues(marts, "ref.power_unit") == []


def test_a_round_s_total_in_brackets_is_read(run_core):
    text = "date 2023-08-01\nChampionship standings after round 12 (of 22)\nDriver\n1. Verstappen 400\n2. Pérez 189\n"
    marts = run_core([text_file("of22", text)])
    assert marts["driver_standings"].select("after_round", "rounds_total").unique().rows() == [(12, 22)]
    assert _issues(marts, "parse.unreadable_row") == []
    assert _issues(marts, "standings.points_possible") == [(4, "400 points is more than the 336 possible after 12 Grands Prix and 3 sprints")]


def test_codes_of_two_conventions_as_often_are_read_as_the_driver_s(run_core):
    """NL, GB and ES are vehicle codes and ISO codes alike: ES is Spain for Sainz (not El Salvador,
    its vehicle code), and a code that fits neither driver is still flagged."""
    text = (
        "date 2023-10-23\n"
        "The podium in Austin.\n"
        "\n"
        "USA GP, Circuit of the Americas\n"
        "1. Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n"
        "2. Lando Norris (ES), McLaren, +10.730\n"
        "3. Carlos Sainz (ES), Ferrari, +15.134\n"
    )
    marts = run_core([text_file("podium", text)])
    assert marts["race_results"].sort("line").select("line", "nationality").rows() == [(5, "Netherlands"), (6, "El Salvador"), (7, "Spain")]
    assert [line for line, _ in _issues(marts, "ref.nationality")] == [6]


def test_a_numbered_row_giving_dnf_for_its_time_is_a_retirement(run_core):
    """Some tables number every row and give DNF, Ret or DSQ where the time goes: each is what it says,
    the number no classified place (a warning says so), not an unreadable time (2026-12-07)."""
    text = (
        "date 2023-10-24\n"
        "USA GP, Circuit of the Americas\n"
        "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n"
        "02 Lando Norris (GB), McLaren, +10.730\n"
        "16. Fernando Alonso (ESP), Aston Martin, DNF (damage to underbody)\n"
        "17. Oscar Piastri (AUS), McLaren, Ret, collision damage\n"
        "18. Lewis Hamilton (GB), Mercedes, DSQ\n"
        "19. Logan Sargeant (USA), Williams, did not start\n"
    )
    marts = run_core([text_file("numbered", text)])
    rows = marts["race_results"].sort("line").select("line", "position", "position_raw", "status", "reason").rows()
    assert rows[2:] == [
        (5, None, "16.", "retired", "damage to underbody"),
        (6, None, "17.", "retired", "collision damage"),
        (7, None, "18.", "disqualified", None),
        (8, None, "19.", "did_not_start", None),
    ]
    issues = marts["validation_issues"].filter(pl.col("severity") != "info")
    assert issues.select("line", "check").rows() == [(n, "results.numbered_unclassified") for n in (5, 6, 7, 8)]
    assert _issues(marts, "results.numbered_unclassified")[2] == (
        7, "the row numbered `18.` gives `DSQ` for its time: read as disqualified, its number not taken for a classified place",
    )


def test_a_heading_with_the_year_or_a_dash_before_the_circuit_is_read(run_core):
    """"2023 United States Grand Prix - Circuit of the Americas" heads its table; a year other than
    the article's names no race of its season; a heading without a circuit does not take the one of
    the heading before it (its circuit once made an unknown race Austin, 2026-12-07)."""
    text = (
        "date 2023-10-24\n"
        "2023 United States Grand Prix - Circuit of the Americas\n"
        "1. Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n"
        "2. Lando Norris (GB), McLaren, +10.730\n"
        "\n"
        "2022 Belgian Grand Prix\n"
        "1. Max Verstappen (NL), Red Bull, 44 laps in 1:25:52.894 hrs\n"
        "\n"
        "Atlantis GP\n"
        "1. Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n"
        "\n"
        "2022 Belgian Grand Prix - Spa-Francorchamps\n"
        "1. Max Verstappen (NL), Red Bull, 44 laps in 1:25:52.894 hrs\n"
    )
    marts = run_core([text_file("headings", text)])
    rows = marts["race_results"].sort("line").select("line", "round", "circuit").rows()
    assert rows == [(3, 18, "Circuit of the Americas"), (4, 18, "Circuit of the Americas"), (7, None, None), (10, None, None), (13, None, "Spa-Francorchamps")]
    assert _issues(marts, "parse.unknown_event") == [
        (6, "`2022 Belgian Grand Prix` is a race of 2022, not of the article's season (2023): its rows are of no race of the 2023 calendar"),
        (9, "`Atlantis GP` matches no race of the 2023 calendar"),
        # its circuit is one of this season's: the table is still 2022's (it was read as 2023's Belgian GP, 2026-12-08)
        (12, "`2022 Belgian Grand Prix, Spa-Francorchamps` is a race of 2022, not of the article's season (2023): its rows are of no race of the 2023 calendar"),
    ]
    assert _issues(marts, "parse.orphan_row") == []


def test_a_driver_without_a_seat_in_that_round_is_flagged(run_core):
    """De Vries raced for AlphaTauri in rounds 1 to 10 of 2023, Lawson in rounds 13 to 17: listed with
    AlphaTauri in the Belgian GP (round 12) or in the standings after it, each had no team then (both
    passed before: the roster check let a driver with no team in the round through). Ricciardo, in
    the seat from round 11, is right."""
    text = (
        "date 2023-08-01\n"
        "Belgian GP, Spa-Francorchamps\n"
        "01 Max Verstappen (NL), Red Bull, 44 laps in 1:22:30.450 hrs\n"
        "02 Nyck de Vries (NL), AlphaTauri, +22.305\n"
        "03 Daniel Ricciardo (AUS), AlphaTauri, +32.259\n"
        "Championship standings after round 12 (of 22)\n"
        "Driver\n"
        "01. Max Verstappen (Red Bull) 314\n"
        "02. Liam Lawson (AlphaTauri) 189\n"
    )
    marts = run_core([text_file("seats", text)])
    assert _issues(marts, "cross.team_roster") == [
        (4, "Nyck de Vries is listed with AlphaTauri, but raced for no team in round 12 of 2023 (his rounds of 2023: 1 to 10)"),
    ]
    assert _issues(marts, "cross.standings_team_roster") == [
        (9, "Liam Lawson is listed with AlphaTauri, but drove for no team up to round 12 of 2023 (his rounds of 2023: 13 to 17)"),
    ]


def test_results_dated_before_their_race_are_flagged(run_core):
    """An article of Saturday 21 October 2023 may give the United States sprint's results (run that
    day), not the race's (run on the Sunday): that went unflagged."""
    text = (
        "date 2023-10-21\n"
        "USA GP sprint, Circuit of the Americas\n"
        "01 Max Verstappen (NL), Red Bull, 19 laps in 32:54.034\n"
        "\n"
        "USA GP, Circuit of the Americas\n"
        "01 Max Verstappen (NL), Red Bull, 56 laps in 1:35:21.362 hrs\n"
    )
    marts = run_core([text_file("saturday", text)])
    assert _issues(marts, "ref.results_before_race") == [
        (5, "this heading gives the results of the United States Grand Prix 2023, run on 2023-10-22 in the calendar: after the article's date, 2023-10-21"),
    ]


def test_a_wrong_heading_is_told_the_sprints_of_the_article_s_date(run_core):
    """On 1 August 2023 twelve Grands Prix and three sprints were run (Spa's on 29 July): the message
    gave the sprints at the heading's round 11 ("2 (or 3, with that day's sprint)"), on a day with none."""
    text = "date 2023-08-01\nWorld Championship standings (after 11 of 22 Grand Prix, incl. 3 of 6 sprints)\nDriver\n1. Verstappen 314\n"
    marts = run_core([text_file("august", text)])
    assert _issues(marts, "standings.context") == [
        (2, "the heading says after 11 of 22 Grands Prix with 3 of 6 sprints; on 2023-08-01 the 2023 calendar had 12 of 22 Grands Prix run with 3 of 6 sprints"),
    ]


def test_a_row_too_low_for_the_rows_below_it_is_the_one_out_of_order(run_core):
    """"2. Pérez 60" above Alonso's 149 and Hamilton's 148 (after round 12 of 2023): the error was on
    Alonso's true 149, "more than 60 points one place higher". Now on Pérez's line; a row that sticks
    up ("3. Alonso 200" below Pérez's 189) is still the one flagged."""
    head = "date 2023-08-01\nChampionship standings after round 12 (of 22)\nDriver\n1. Verstappen 314\n"
    low = head + "2. Pérez 60\n3. Alonso 149\n4. Hamilton 148\n5. Leclerc 99\n"
    assert _issues(run_core([text_file("low", low)]), "standings.points_order") == [
        (5, "60 points at rank 2 is fewer than the 149 and 148 points of the two places below (lines 6 and 7)"),
    ]
    high = head + "2. Pérez 189\n3. Alonso 200\n4. Hamilton 148\n5. Leclerc 99\n"
    assert _issues(run_core([text_file("high", high)]), "standings.points_order") == [(6, "200 points at rank 3 is more than 189 points one place higher (line 5)")]


BAHRAIN = (CLEAN / "2023-03-07_verstappen-opens-title-defence-in-bahrain.txt").read_text(encoding="utf-8")


def test_standings_are_checked_against_the_same_article_s_results(run_core):
    """Bahrain 2023, the first race: standings giving the winner's 25 to Pérez (second, 18 or 19 with
    the fastest lap) and 18 to Verstappen (the winner) passed, the prose about them taken out."""
    swapped = (
        BAHRAIN.replace("1. Verstappen 25 points", "1. Pérez 25 points").replace("2. Pérez 18", "2. Verstappen 18")
        .replace("Verstappen leads the standings with 25 points and Pérez has 18 points after the opening round. Verstappen is 7 points clear of Pérez before the trip to Jeddah.", "")
    )
    marts = run_core([text_file("swapped", swapped)])
    assert _issues(marts, "cross.standings_result") == [
        (63, "Sergio Pérez has 25 points after the season's first race, more than the 19 his place 2 in this article's table of it scores (line 19)"),
        (65, "Max Verstappen has 18 points after round 1, fewer than the 25 his place 1 in this article's table of that race scores (line 17)"),
    ]
    assert _issues(run_core([text_file("bahrain", BAHRAIN)]), "cross.standings_result") == []


def test_names_and_codes_written_another_way_are_read(run_core):
    """Bahrain 2023 as other outlets write it: the surname first (FIA), an initial, an umlaut written
    out, a nickname in quotes, a Chinese name in three words, and a home nation's code (ENG: British)."""
    text = (
        "date 2023-03-06\n"
        "Bahrain GP, Sakhir\n"
        "01 VERSTAPPEN Max (NED), Red Bull, 57 laps in 1:33:56.736 hrs\n"
        "02 Sergio 'Checo' Pérez (MEX), Red Bull, +11.987\n"
        "03 F. Alonso (ESP), Aston Martin, +38.637\n"
        "04 Carlos Sainz (ESP), Ferrari, +48.052\n"
        "05 Lewis Hamilton (ENG), Mercedes, +50.977\n"
        "06 Lance Stroll (CAN), Aston Martin, +54.502\n"
        "07 George Russell (ENG), Mercedes, +55.873\n"
        "08 Valtteri Bottas (FIN), Alfa Romeo, +1:12.647\n"
        "09 Pierre Gasly (FRA), Alpine, +1:13.753\n"
        "10 Alexander Albon (THA), Williams, +1:29.774\n"
        "11 Yuki Tsunoda (JPN), AlphaTauri, +1:30.870\n"
        "12 Logan Sargeant (USA), Williams, +1 lap\n"
        "13 Kevin Magnussen (DEN), Haas, +1 lap\n"
        "14 Nyck de Vries (NED), AlphaTauri, +1 lap\n"
        "15 Nico Huelkenberg (GER), Haas, +1 lap\n"
        "16 Zhou Guan Yu (CHN), Alfa Romeo, +1 lap\n"
    )
    marts = run_core([text_file("written", text)])
    rows = marts["race_results"].sort("line")
    assert rows["driver_id"].to_list() == [
        "max-verstappen", "sergio-perez", "fernando-alonso", "carlos-sainz-jr", "lewis-hamilton", "lance-stroll", "george-russell", "valtteri-bottas",
        "pierre-gasly", "alexander-albon", "yuki-tsunoda", "logan-sargeant", "kevin-magnussen", "nyck-de-vries", "nico-hulkenberg", "guanyu-zhou",
    ]
    assert rows.filter(pl.col("nationality_code") == "ENG").select("nationality", "nationality_convention").unique().rows() == [("United Kingdom", "home_nation")]
    assert marts["validation_issues"].filter(pl.col("severity") != "info").is_empty()
    aliased = marts["validation_issues"].filter(pl.col("check") == "format.driver_alias")["line"].to_list()
    assert aliased == [3, 5, 17, 18]  # Pérez's nickname is left out, not an alias; Sainz is his own alias already


INTERLAGOS = (
    "date 2023-11-06 Max Verstappen won at Interlagos; Charles Leclerc crashed on his way to the grid and never took the start.\n"
    "\n"
    "São Paulo GP, Autódromo José Carlos Pace\n"
    "\n"
    "01 Max Verstappen (NL), Red Bull, 71 laps in 1:56:48.894 hrs\n"
    "02 Lando Norris (GB), McLaren, +8.277\n"
    "03 Fernando Alonso (E), Aston Martin, +34.155\n"
    "04 Sergio Pérez (MEX), Red Bull, +34.208\n"
    "\n"
    "Out\n"
    "\n"
    "Alex Albon (T), Williams, collision damage\n"
    "Kevin Magnussen (DK), Haas, collision damage\n"
    "\n"
    "{heading}\n"
    "\n"
    "Charles Leclerc (MC), Ferrari, crashed on the reconnaissance lap\n"
)


@pytest.mark.parametrize("heading", ["Did not start", "DNS", "Non-starters:", "Did not start:"])
def test_a_did_not_start_heading_heads_the_drivers_who_never_took_the_start(run_core, heading):
    """Leclerc crashed on the reconnaissance lap at Interlagos in 2023: under a "Did not start" heading
    (or "DNS", "Non-starters") he did not start, with his reason. Before, the heading was an unreadable
    row of the Out section and Leclerc a retirement; with no Out section above it, both lines were
    unreadable and Leclerc was missing from the results."""
    marts = run_core([text_file("interlagos", INTERLAGOS.format(heading=heading))])
    rows = marts["race_results"].sort("line").select("line", "status", "driver_id", "reason").rows()
    assert rows[4:] == [
        (12, "retired", "alexander-albon", "collision damage"),
        (13, "retired", "kevin-magnussen", "collision damage"),
        (17, "did_not_start", "charles-leclerc", "crashed on the reconnaissance lap"),
    ]
    assert serious(marts["validation_issues"]).is_empty()
    without_out = INTERLAGOS.replace("Out\n\nAlex Albon (T), Williams, collision damage\nKevin Magnussen (DK), Haas, collision damage\n\n", "")
    marts = run_core([text_file("interlagos", without_out.format(heading=heading))])
    assert marts["race_results"].sort("line").select("line", "status", "driver_id").rows()[4:] == [(12, "did_not_start", "charles-leclerc")]
    assert serious(marts["validation_issues"]).is_empty()


def test_a_row_under_a_did_not_start_heading_that_cannot_be_read_says_so(run_core):
    text = INTERLAGOS.format(heading="Did not start").replace("Charles Leclerc (MC), Ferrari,", "Charles Leclerc Ferrari")
    marts = run_core([text_file("interlagos", text)])
    assert _issues(marts, "parse.unreadable_row") == [(17, "this line sits in the Did not start section but cannot be read as a row of it")]


BAHRAIN_FOOTER = (
    "date 2023-03-06 Max Verstappen opened his title defence with a win in Bahrain.\n\n"
    "Bahrain GP, Bahrain International Circuit\n\n"
    "1 Max Verstappen (NL), Red Bull Racing, 57 laps in 1:33:56.736 hrs\n"
    "2 Sergio Pérez (MEX), Red Bull Racing, +11.987\n"
    "3 Fernando Alonso (E), Aston Martin, +38.637\n\n"
    "{out}"
    "{note}\n"
)
OUT_BAHRAIN = "Out\n\nCharles Leclerc (MC), Ferrari, power unit\n\n"


@pytest.mark.parametrize("out", ["", OUT_BAHRAIN], ids=["under the results", "under Out"])
@pytest.mark.parametrize("note", [
    "Fastest lap: Zhou Guanyu (Alfa Romeo), 1:33.996\n\nSource: FIA",
    "Note: results provisional",
    "Pole position: Max Verstappen (Red Bull Racing), 1:29.708",
    "Driver of the Day: Fernando Alonso (E), Aston Martin",
    "Zhou Guanyu set the fastest lap.",
    "Verstappen won from pole!",
])
def test_a_note_or_a_short_sentence_under_a_table_is_no_row_of_it(run_core, out, note):
    """A short line under a table that is no row of it, a note ("Fastest lap: ...", "Source: FIA") or a
    sentence ("Zhou Guanyu set the fastest lap."), ends the table as prose: it was an unreadable row (an
    error), a sentence being prose from eight words. A note naming a driver and team with a code is no
    retirement either."""
    marts = run_core([text_file("bahrain", BAHRAIN_FOOTER.format(out=out, note=note))])
    rows = marts["race_results"].sort("line").select("line", "driver_id", "status").rows()
    assert rows[:3] == [(5, "max-verstappen", "classified"), (6, "sergio-perez", "classified"), (7, "fernando-alonso", "classified")]
    assert rows[3:] == ([(11, "charles-leclerc", "retired")] if out else [])
    assert serious(marts["validation_issues"]).is_empty()


def test_a_garbled_row_beside_a_note_is_still_unreadable(run_core):
    """A row that lost its commas is still an error in its table, a note or a sentence under it or not;
    a line starting with a place, or shaped like a row of its table, is never taken for a sentence."""
    text = BAHRAIN_FOOTER.format(out=OUT_BAHRAIN, note="Zhou Guanyu set the fastest lap.\n\nSource: FIA").replace(
        "3 Fernando Alonso (E), Aston Martin, +38.637\n", "3 Fernando Alonso (E), Aston Martin, +38.637\n4 Carlos Sainz Ferrari +48.052.\n"
    ).replace("Charles Leclerc (MC), Ferrari, power unit\n", "Charles Leclerc (MC), Ferrari, power unit\nLance Stroll Aston Martin\nEsteban Ocon, Alpine, power unit.\n")
    marts = run_core([text_file("bahrain", text)])
    assert _issues(marts, "parse.unreadable_row") == [
        (8, "this line sits in the race results section but cannot be read as a row of it"),
        (13, "this line sits in the Out (retirements) section but cannot be read as a row of it"),
    ]
    assert marts["race_results"].filter(pl.col("status") == "retired").select("line", "driver_id", "reason").rows() == [
        (12, "charles-leclerc", "power unit"), (14, "esteban-ocon", "power unit."),
    ]
