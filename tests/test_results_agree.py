"""The tables of one race in different articles give each driver the same result: a row that most
other tables contradict is flagged (`season.results_agree`), and when the tables are level every
one of them is, since the text cannot say which is right."""

import polars as pl

from conftest import CLEAN, text_file

AUSTIN_RACE = (CLEAN / "2023-10-24_norris-second-after-double-disqualification.txt").read_text(encoding="utf-8")
TABLE = AUSTIN_RACE[AUSTIN_RACE.index("United States GP") :]  # the results table alone, from line 3 of a results article
NORRIS_SECOND, SAINZ_THIRD = "02. Lando Norris (GBR), McLaren, +10.730", "03. Carlos Sainz (ESP), Ferrari, +15.134"
SWAPPED = TABLE.replace(NORRIS_SECOND, "02. Carlos Sainz (ESP), Ferrari, +10.730").replace(SAINZ_THIRD, "03. Lando Norris (GBR), McLaren, +15.134")


def results_article(article_id: str, table: str = TABLE, day: str = "2023-10-24") -> tuple[str, str, bytes]:
    return text_file(article_id, f" date {day}\n\n{table}")


def _agree_issues(marts) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == "season.results_agree")
    assert set(issues["table"]) <= {"race_results"}
    return issues.select("article_id", "line", "observed", "expected", "message").rows()


def test_tables_that_agree_raise_nothing_and_each_is_compared(run_core, seed_files):
    marts = run_core([results_article("a"), results_article("b"), *seed_files])  # the seeds' USGP table too
    assert _agree_issues(marts) == []
    assert marts["race_results"].filter(pl.col("round") == 18)["article_id"].n_unique() == 3


def test_a_table_most_others_contradict_is_flagged_on_its_rows(run_core):
    marts = run_core([results_article("a"), results_article("b"), results_article("c"), results_article("d", SWAPPED)])
    assert _agree_issues(marts) == [
        ("d", 7, "place 2", "place 3", "this table of the United States Grand Prix 2023 gives Carlos Sainz Jr.: place 2; 3 other tables of that race give: place 3 (the last: c, line 9)"),
        ("d", 9, "place 3", "place 2", "this table of the United States Grand Prix 2023 gives Lando Norris: place 3; 3 other tables of that race give: place 2 (the last: c, line 7)"),
    ]
    flagged = marts["race_results"].filter(pl.col("has_error"))
    assert flagged.select("article_id", "driver").rows() == [("d", "Carlos Sainz Jr."), ("d", "Lando Norris")]


def test_two_tables_level_are_both_warned_of(run_core):
    marts = run_core([results_article("a"), results_article("d", SWAPPED)])
    assert _agree_issues(marts) == []
    level = marts["validation_issues"].filter(pl.col("check") == "season.results_level")
    assert level.select("article_id", "line", "severity", "observed", "expected").rows() == [
        ("a", 7, "warning", "place 2", "place 2 or place 3"),
        ("a", 9, "warning", "place 3", "place 3 or place 2"),
        ("d", 7, "warning", "place 2", "place 2 or place 3"),
        ("d", 9, "warning", "place 3", "place 3 or place 2"),
    ]
    assert level["message"][0].endswith("gives Lando Norris: place 2; another table of that race gives: place 3 (the last: d, line 9), as many as give: place 2")


def test_a_row_flagged_in_its_own_article_does_not_count(run_core):
    """The planted table repeats place 14 (results.position_sequence): against the one clean table of
    the race, it is the one flagged, and the clean table is not."""
    repeated = TABLE.replace("15. Daniel Ricciardo", "14. Daniel Ricciardo")
    marts = run_core([results_article("a"), results_article("d", repeated)])
    assert [(a, line, observed, expected) for a, line, observed, expected, _ in _agree_issues(marts)] == [("d", 33, "place 14", "place 15")]
    assert marts["validation_issues"].filter(pl.col("check") == "season.results_level").is_empty()


def test_out_against_disqualified_is_a_different_result(run_core):
    out = TABLE.replace("Disqualified\n\nLewis Hamilton (GBR), Mercedes", "Lewis Hamilton (GBR), Mercedes, skid block wear")  # Leclerc's row below is out too
    marts = run_core([results_article("a"), results_article("b"), results_article("d", out)])
    assert [(a, observed, expected) for a, _, observed, expected, _ in _agree_issues(marts)] == [("d", "out", "disqualified")] * 2
    assert "gives Lewis Hamilton: out; 2 other tables of that race give: disqualified (the last: b, line" in _agree_issues(marts)[0][4]


def test_a_sprint_table_is_not_compared_with_the_race(run_core):
    sprint = SWAPPED.replace("United States GP, Circuit of the Americas", "United States GP, Circuit of the Americas (Sprint)")
    marts = run_core([results_article("a"), results_article("b"), results_article("d", sprint)])
    assert marts["race_results"].filter(pl.col("article_id") == "d")["round"].unique().to_list() == [18]  # the same round
    assert _agree_issues(marts) == []


def test_tables_of_other_races_or_seasons_are_not_compared(run_core):
    bahrain = (CLEAN / "2023-03-07_verstappen-opens-title-defence-in-bahrain.txt").read_text(encoding="utf-8")
    marts = run_core([results_article("a"), results_article("d", SWAPPED, day="2024-10-24"), text_file("bahrain", bahrain)])
    assert _agree_issues(marts) == []
