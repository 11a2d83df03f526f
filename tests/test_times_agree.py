"""The tables of one race in different articles give each driver the same time: the winner's race
time, a gap to the winner or laps behind, compared at the precision of the least precise table. A
row that most other tables contradict is flagged (`season.times_agree`); when the tables are level
every one of them is warned of (`season.times_level`), since the text cannot say which is right."""

import polars as pl

from conftest import CLEAN, text_file

AUSTIN_RACE = (CLEAN / "2023-10-24_norris-second-after-double-disqualification.txt").read_text(encoding="utf-8")
TABLE = AUSTIN_RACE[AUSTIN_RACE.index("United States GP") :]  # the results table alone, from line 3 of a results article
WINNER, NORRIS = "01. Max Verstappen (NED), Red Bull, 56 laps in 1:35:21.362 hrs", "02. Lando Norris (GBR), McLaren, +10.730"
RICCIARDO = "15. Daniel Ricciardo (AUS), AlphaTauri, +1 lap"


def results_article(article_id: str, table: str = TABLE, day: str = "2023-10-24") -> tuple[str, str, bytes]:
    return text_file(article_id, f" date {day}\n\n{table}")


def norris(gap: str) -> str:
    return TABLE.replace(NORRIS, f"02. Lando Norris (GBR), McLaren, {gap}")


def _issues(marts, check: str) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == check)
    assert set(issues["table"]) <= {"race_results"}
    return issues.select("article_id", "line", "severity", "observed", "expected", "message").rows()


def test_tables_that_agree_raise_nothing(run_core, seed_files):
    marts = run_core([results_article("a"), results_article("b"), *seed_files])  # the seeds' USGP table too
    assert _issues(marts, "season.times_agree") == _issues(marts, "season.times_level") == []


def test_a_gap_most_others_contradict_is_flagged_on_its_row(run_core):
    marts = run_core([results_article("a"), results_article("b"), results_article("c"), results_article("d", norris("+10.370"))])
    assert _issues(marts, "season.times_agree") == [(
        "d", 7, "error", "+10.370", "+10.730",
        "this table of the United States Grand Prix 2023 gives Lando Norris +10.370 (gap to the winner); "
        "3 other tables of that race give: +10.730 (the last: c, line 7)",
    )]
    assert marts["race_results"].filter(pl.col("has_error")).select("article_id", "driver").rows() == [("d", "Lando Norris")]
    assert _issues(marts, "season.times_level") == []


def test_the_winners_race_time_and_laps_behind_are_compared_too(run_core):
    slower = TABLE.replace(WINNER, "01. Max Verstappen (NED), Red Bull, 56 laps in 1:35:12.362 hrs").replace(
        RICCIARDO, "15. Daniel Ricciardo (AUS), AlphaTauri, +2 laps"
    )
    marts = run_core([results_article("a"), results_article("b"), results_article("d", slower)])
    assert [(a, line, observed, expected) for a, line, _, observed, expected, _ in _issues(marts, "season.times_agree")] == [
        ("d", 5, "56 laps in 1:35:12.362 hrs", "56 laps in 1:35:21.362 hrs"),
        ("d", 33, "+2 laps", "+1 lap"),
    ]
    messages = [message for *_, message in _issues(marts, "season.times_agree")]
    assert "gives Max Verstappen 56 laps in 1:35:12.362 hrs (race time); 2 other tables of that race give: 56 laps in 1:35:21.362 hrs" in messages[0]
    assert "gives Daniel Ricciardo +2 laps (laps behind)" in messages[1]


def test_two_tables_level_are_both_warned_of(run_core):
    marts = run_core([results_article("a"), results_article("d", norris("+10.370"))])
    assert _issues(marts, "season.times_agree") == []
    level = _issues(marts, "season.times_level")
    assert [(a, line, severity, observed, expected) for a, line, severity, observed, expected, _ in level] == [
        ("a", 7, "warning", "+10.730", "+10.730 or +10.370"),
        ("d", 7, "warning", "+10.370", "+10.370 or +10.730"),
    ]
    assert level[0][5].endswith("another table of that race gives: +10.370 (the last: d, line 7), as many as give: +10.730")


def test_times_are_compared_at_the_precision_of_the_least_precise_table(run_core):
    """'+10.7' is '+10.730' to a tenth, '+10.8' is not; a total time instead of a gap is the same gap."""
    total = "56 laps in 1:35:32.092 hrs"  # the winner's 1:35:21.362 and 10.730 s
    marts = run_core([results_article("a"), results_article("b"), results_article("c", norris("+10.7")), results_article("t", norris(total))])
    assert _issues(marts, "season.times_agree") == _issues(marts, "season.times_level") == []
    marts = run_core([results_article("a"), results_article("b"), results_article("d", norris("+10.8"))])
    assert [(a, line, observed, expected) for a, line, _, observed, expected, _ in _issues(marts, "season.times_agree")] == [("d", 7, "+10.8", "+10.730")]


def test_a_row_flagged_in_its_own_article_does_not_count(run_core):
    """A gap out of order (results.gap_order) is an error in its own article: against the one clean
    table of the race it is the one flagged, and the clean table is not warned of."""
    out_of_order = TABLE.replace("03. Carlos Sainz (ESP), Ferrari, +15.134", "03. Carlos Sainz (ESP), Ferrari, +5.134")
    marts = run_core([results_article("a"), results_article("d", out_of_order)])
    assert [(a, line, observed, expected) for a, line, _, observed, expected, _ in _issues(marts, "season.times_agree")] == [("d", 9, "+5.134", "+15.134")]
    assert _issues(marts, "season.times_level") == []


def test_sprints_other_races_and_other_seasons_are_not_compared(run_core):
    sprint = norris("+10.370").replace("United States GP, Circuit of the Americas", "United States GP, Circuit of the Americas (Sprint)")
    marts = run_core([
        results_article("a"), results_article("s", sprint), results_article("n", norris("+10.370"), day="2024-10-24"),
        text_file("bahrain", (CLEAN / "2023-03-07_verstappen-opens-title-defence-in-bahrain.txt").read_text(encoding="utf-8")),
    ])
    assert _issues(marts, "season.times_agree") == _issues(marts, "season.times_level") == []
