"""A place in a race that names the race ("Norris came home second in Austin", "Verstappen won the
Mexican Grand Prix", "took victory in Brazil") is a claim of that race: `race`, `race_raw` and
`round` say which. It is checked against the article's own results table when the table is of that
race (`cross.claim_finish`), else against the tables of that race in other articles
(`season.claim_finish_vs_results`), once the race has been run by the article's date."""

import polars as pl

from conftest import text_file
from test_finish_across_articles import MEXICO, preview
from test_finish_claims import usgp_with
from test_results_agree import results_article

# the Austin race (round 18, 2023-10-22): Verstappen 1, Norris 2, Sainz 3, Perez 4 ... Ricciardo 15;
# Alonso, Piastri and Ocon out; Hamilton and Leclerc disqualified (so classified N is N to N+2 on the
# road). MEXICO (round 19, 2023-10-29): Sainz 2, Norris 3.


def _finish_claims(marts, article_id: str) -> list[tuple]:
    claims = marts["claims"].filter((pl.col("article_id") == article_id) & (pl.col("kind") == "finish"))
    return claims.select("line", "driver", "position", "race", "race_raw", "round").rows()


def _issues(marts, check: str) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == check)
    return issues.select("article_id", "line", "observed", "expected", "message").rows()


def test_a_race_named_by_place_or_name_is_read_with_the_claim(run_core):
    sentences = [
        "Lando Norris came home second in Austin.",
        "Verstappen won the United States Grand Prix, ahead of Norris.",
        "Carlos Sainz finished third at the Circuit of the Americas.",  # a circuit, its name joined by "of the"
        "Verstappen took victory in Texas.",
        "George Russell came home seventh in the Mercedes.",  # a team: his car, this race
        "Verstappen took victory in the US GP at the Red Bull Ring.",  # the first race named is the one won
    ]
    marts = run_core([usgp_with(sentences)])
    assert _finish_claims(marts, "usgp")[:7] == [
        (3, "Lando Norris", 2, "United States Grand Prix", "Austin", 18),
        (5, "Max Verstappen", 1, "United States Grand Prix", "United States Grand Prix", 18),
        (5, "Lando Norris", 2, "United States Grand Prix", "United States Grand Prix", 18),  # beaten by the win: of its race
        (7, "Carlos Sainz Jr.", 3, "United States Grand Prix", "Circuit of the Americas", 18),
        (9, "Max Verstappen", 1, "United States Grand Prix", "Texas", 18),
        (11, "George Russell", 7, "United States Grand Prix", None, 18),  # none named: the article's table's
        (13, "Max Verstappen", 1, "United States Grand Prix", "US GP", 18),
    ]
    assert _issues(marts, "cross.claim_finish") == _issues(marts, "season.claim_finish_vs_results") == []


def test_a_wrong_place_in_the_race_of_the_article_is_flagged_against_its_table(run_core):
    marts = run_core([usgp_with(["Lando Norris came home fifth in Austin."])])
    assert [(line, observed, expected) for _, line, observed, expected, _ in _issues(marts, "cross.claim_finish")] == [(3, "5", "2 to 4")]


def test_another_race_named_is_not_judged_by_the_articles_table(run_core):
    """The Austin article names the Mexican race, a week ahead: no table of it yet, nothing checked."""
    marts = run_core([usgp_with(["Norris finished fifth in Mexico.", "Verstappen won the Mexican Grand Prix."])])
    assert _finish_claims(marts, "usgp")[:2] == [(3, "Lando Norris", 5, "Mexican Grand Prix", "Mexico", 19), (5, "Max Verstappen", 1, "Mexican Grand Prix", "Mexican Grand Prix", 19)]
    assert _issues(marts, "cross.claim_finish") == _issues(marts, "season.claim_finish_vs_results") == []


def test_a_place_in_a_named_earlier_race_is_checked_against_that_races_tables(run_core):
    """After Mexico, an article with the Mexico table looks back at Austin: the Austin claims are
    checked against the Austin tables of the other articles, not against its own Mexico table."""
    mexico = "Lando Norris finished fifth in Austin.\n\nCarlos Sainz came home third in Austin.\n\n" + MEXICO  # lines 3 and 5
    marts = run_core([results_article("a"), results_article("b"), results_article("mexico", mexico, day="2023-10-30")])
    assert _issues(marts, "cross.claim_finish") == []
    assert _issues(marts, "season.claim_finish_vs_results") == [(
        "mexico", 3, "5", "2 to 4",
        "the text puts Lando Norris in place 5 of the race, but the tables of the United States Grand Prix 2023 "
        "(named in the text: Austin) in other articles, 2 of them (the last b, line 7), classify Lando Norris in place 2 "
        "(on the road places 2 to 4, 2 disqualified)",
    )]


def test_a_preview_naming_the_race_before_the_latest_is_checked_against_it(run_core):
    """On 2023-10-31 the latest race is Mexico's; 'in Austin' names the one before."""
    text = ["Norris finished second in Austin.", "Norris finished second in Mexico City.", "Norris finished second."]
    marts = run_core([results_article("a"), results_article("mexico", MEXICO, day="2023-10-30"), preview(text, day="2023-10-31")])
    assert [(line, observed, expected) for _, line, observed, expected, _ in _issues(marts, "season.claim_finish_vs_results")] == [
        (5, "2", "3 to 5"), (7, "2", "3 to 5"),
    ]


def test_a_race_of_no_round_in_the_season_is_read_but_not_checked(run_core):
    """Imola is in no 2023 round (the race was called off): the place is kept, with no race to check it by."""
    marts = run_core([results_article("a"), preview(["Norris finished ninth at Imola."], day="2023-10-27")])
    assert _finish_claims(marts, "preview") == []  # Imola is no spelling of any race in the reference
    marts = run_core([results_article("a"), preview(["Norris finished ninth in Monaco."], day="2023-10-27")])
    assert _finish_claims(marts, "preview") == [(3, "Lando Norris", 9, "Monaco Grand Prix", "Monaco", 6)]
    assert _issues(marts, "season.claim_finish_vs_results") == []  # no table of Monaco in the archive


def test_a_place_whose_verb_is_left_out_is_of_the_race_named_before_it(run_core):
    """'Verstappen won in Austin, with Norris second': Norris's place is Austin's too, so in the Mexico
    article it is checked against the Austin tables, not against its own Mexico table (Norris third)."""
    mexico = "Verstappen won in Austin, with Norris second and Sainz seventh.\n\n" + MEXICO  # line 3
    marts = run_core([results_article("a"), results_article("b"), results_article("mexico", mexico, day="2023-10-30")])
    assert sorted((row[:4] for row in _finish_claims(marts, "mexico") if row[0] == 3), key=lambda row: row[2]) == [
        (3, "Max Verstappen", 1, "United States Grand Prix"), (3, "Lando Norris", 2, "United States Grand Prix"),
        (3, "Carlos Sainz Jr.", 7, "United States Grand Prix"),
    ]
    assert _issues(marts, "cross.claim_finish") == []
    assert [(line, observed, expected) for _, line, observed, expected, _ in _issues(marts, "season.claim_finish_vs_results")] == [(3, "7", "3 to 5")]


def test_the_race_of_a_place_that_names_none_is_the_one_it_is_checked_against(run_core):
    """A place naming no race is of the article's table of that session; without one, of the latest run
    by the article's date; on a race's day, of none said (the article may be of the race before)."""
    monday, sunday = " date 2023-10-30\n\nCarlos Sainz finished fourth.\n", " date 2023-10-29\n\nCarlos Sainz finished fourth.\n"
    marts = run_core([usgp_with(["Carlos Sainz finished third."]), text_file("monday", monday), text_file("sunday", sunday)])
    rows = marts["claims"].filter(pl.col("kind") == "finish").sort("article_id", "line").select("article_id", "line", "race", "race_raw", "round").rows()
    assert [row for row in rows if row[1] < 5] == [
        ("monday", 3, "Mexican Grand Prix", None, 19),
        ("sunday", 3, None, None, None),
        ("usgp", 3, "United States Grand Prix", None, 18),
    ]
