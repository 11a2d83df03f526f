"""A driver's place in the race the article reports ("Norris finished second", "came home seventh",
"was classified third", "moved up to fourth place", "won the race") is a claim of kind `finish`,
checked against the article's own results table: the classified place, or on the road up to as many
places lower as the table disqualifies; a driver listed as out finished nowhere."""

import polars as pl
import pytest

from conftest import RAW, SEED_USGP, text_file

# the seed's US GP table: 1 Verstappen, 2 Norris, 3 Sainz, 4 Pérez, 5 Russell, 6 Gasly, 7 Stroll,
# 8 Tsunoda ... 15 Ricciardo; out: Alonso, Piastri, Ocon; disqualified: Hamilton, Leclerc (so a
# driver classified N may have crossed the line N to N+2)
USGP = (RAW / f"{SEED_USGP}.txt").read_text(encoding="utf-8")
FIRST_PARAGRAPH_END = "support for the whole team.\n"


def usgp_with(sentences: list[str], text: str = USGP) -> tuple[str, str, bytes]:
    """The seed's US GP article with each sentence a paragraph of its own after its first (lines 3, 5, ...)."""
    assert FIRST_PARAGRAPH_END in text
    added = "".join(f"\n{s}\n" for s in sentences)
    return text_file("usgp", text.replace(FIRST_PARAGRAPH_END, FIRST_PARAGRAPH_END + added, 1))


def _finish_issues(marts):
    issues = marts["validation_issues"].filter(pl.col("check") == "cross.claim_finish")
    return issues.select("line", "observed", "expected", "message").rows()


def test_places_the_table_allows_pass(run_core):
    sentences = [
        "Verstappen won the race.",
        "Lando Norris finished second.",
        "George Russell came home seventh in the Mercedes.",  # fifth after two disqualifications: seventh on the road
        "Carlos Sainz was classified third.",
        "Lewis Hamilton finished second.",  # disqualified: where he crossed the line is not in the table
        "Yuki Tsunoda started from the pit lane and finished eighth.",
        "Verstappen won, with Norris second and Sainz third.",  # the verb left out
        "Russell moved up to fifth.",
        "Norris took P2 and Sainz third.",  # "P2 and" is no pair of names
    ]
    marts = run_core([usgp_with(sentences)])
    finishes = marts["claims"].filter(pl.col("kind") == "finish").filter(pl.col("line") < 21)
    assert finishes.sort("line", "position").select("line", "driver", "position").rows() == [
        (3, "Max Verstappen", 1), (5, "Lando Norris", 2), (7, "George Russell", 7), (9, "Carlos Sainz Jr.", 3),
        (11, "Lewis Hamilton", 2), (13, "Yuki Tsunoda", 8), (15, "Max Verstappen", 1), (15, "Lando Norris", 2), (15, "Carlos Sainz Jr.", 3),
        (17, "George Russell", 5), (19, "Lando Norris", 2), (19, "Carlos Sainz Jr.", 3),
    ]
    assert _finish_issues(marts) == []


def test_a_place_the_table_does_not_allow_is_flagged(run_core):
    marts = run_core([usgp_with(["Lando Norris finished fifth.", "Fernando Alonso finished ninth.", "Sainz took second place.", "Verstappen won, with Sainz second."])])
    assert _finish_issues(marts)[3][:3] == (9, "2", "3 to 5")
    assert _finish_issues(marts)[:3] == [
        (3, "5", "2 to 4", "the text puts Lando Norris in place 5 of the race, the results table on line 23 classifies Lando Norris in place 2 (on the road places 2 to 4, 2 disqualified)"),
        (5, "9", "retired", "the text puts Fernando Alonso in place 9 of the race, the results table on line 53 lists Fernando Alonso as retired"),
        (7, "2", "3 to 5", "the text puts Carlos Sainz Jr. in place 2 of the race, the results table on line 25 classifies Carlos Sainz Jr. in place 3 (on the road places 3 to 5, 2 disqualified)"),
    ]


def test_with_no_one_disqualified_the_place_is_exact(run_core):
    no_dsq = USGP.split("\n\nDisqualified")[0] + "\n"
    marts = run_core([usgp_with(["Sergio Pérez finished fifth after 56 laps.", "Norris finished second."], no_dsq)])
    # line 7: the seed's own "finished fifth after 56 laps", right only because two drivers ahead were disqualified
    assert [(line, observed, expected) for line, observed, expected, _ in _finish_issues(marts)] == [(3, "5", "4"), (7, "5", "4")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Piastri finished second in the sprint shootout.",  # another session (a place in a sprint is its own claim: test_sprints.py)
        "Norris finished fifth in Atlantis.",  # a name that is no race and no team
        "Last year Sainz finished fifth.",  # another season
        "Sainz finished fifth in 2022.",
        "Norris finished fifth in the championship.",  # a place in the standings
        "Norris finished fifth but a five-second penalty dropped him to eighth.",  # the order changed after the flag
        "Verstappen won the title.",  # no race won
        "Verstappen took victory in Formula Two.",
        "Norris and Sainz finished fifth and sixth.",  # two drivers
        "Red Bull finished first and fourth.",  # a team
        "Perez qualified fourth and Norris fifth.",  # no finish for the verb left out to stand for
    ],
)
def test_no_place_in_this_race_is_read(run_core, sentence):
    marts = run_core([usgp_with([sentence])])
    assert marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") == 3)).is_empty()
    assert _finish_issues(marts) == []


def test_a_year_in_the_title_a_driver_is_named_by_dates_the_title_not_the_place(run_core):
    """'the 2021 champion Max Verstappen won the race' is a place in this race; a year anywhere else
    in the sentence still puts it in another season ('In 2021 the champion Verstappen finished
    second', 'the 2021 champion Verstappen finished second in 2021')."""
    sentences = [
        "The 2021 world champion Max Verstappen won the race.",
        "The 2021 Formula 2 champion Oscar Piastri finished second.",  # out in Austin: flagged
        "In 2021 the champion Verstappen finished second.",
        "The 2021 champion Verstappen finished second in 2021.",
    ]
    marts = run_core([usgp_with(sentences)])
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") < 11))
    assert finishes.select("line", "driver_id", "position").rows() == [(3, "max-verstappen", 1), (5, "oscar-piastri", 2)]
    assert [(line, observed, expected) for line, observed, expected, _ in _finish_issues(marts)] == [(5, "2", "retired")]


def test_a_place_given_after_the_flag_is_read_despite_the_penalty_words(run_core):
    """'moved up to', 'was promoted to', 'was classified' give the classification itself."""
    marts = run_core([usgp_with(["After the disqualifications, Russell moved up to fifth place.", "After the disqualifications, Gasly was promoted to fourth."])])
    assert marts["claims"].filter(pl.col("kind") == "finish").filter(pl.col("line") < 7).select("line", "position").rows() == [(3, 5), (5, 4)]
    assert [(line, observed, expected) for line, observed, expected, _ in _finish_issues(marts)] == [(5, "4", "6 to 8")]


def test_an_article_without_results_has_no_finish_checked(run_core):
    marts = run_core([text_file("a", " date 2023-10-27 Mexico preview.\n\nLando Norris finished fifth.\n")])
    assert marts["claims"].select("kind", "position").rows() == [("finish", 5)]
    assert _finish_issues(marts) == []


def test_a_place_said_by_other_words_is_read(run_core):
    """'came fourth', 'ended up sixth', 'claimed P8', 'completed the podium' (third), 'completing a
    one-two' (second), and those a win was ahead of ('won ahead of Norris and Sainz': second and third)."""
    sentences = [
        "Sergio Pérez came fourth.",
        "George Russell ended up seventh on the road.",  # fifth after two disqualifications: seventh on the road
        "Gasly claimed P6 for Alpine.",
        "Carlos Sainz completed the podium.",
        "Norris finished second, completing a McLaren one-two.",  # the same place read once
        "Max Verstappen won the rain-free United States Grand Prix ahead of Lando Norris and Carlos Sainz.",
        "Verstappen won by 10.730 seconds from Norris.",
        "Verstappen won on Sunday, ahead of Lance Stroll.",  # seventh: flagged
    ]
    marts = run_core([usgp_with(sentences)])
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") < 19)).sort("line", "position")
    assert finishes["race"].unique().to_list() == ["United States Grand Prix"]  # named, or the article's table's
    assert finishes.select("line", "driver_id", "position", "race_raw").rows() == [
        (3, "sergio-perez", 4, None), (5, "george-russell", 7, None), (7, "pierre-gasly", 6, None), (9, "carlos-sainz-jr", 3, None),
        (11, "lando-norris", 2, None),
        (13, "max-verstappen", 1, "United States Grand Prix"), (13, "lando-norris", 2, "United States Grand Prix"), (13, "carlos-sainz-jr", 3, "United States Grand Prix"),
        (15, "max-verstappen", 1, None), (15, "lando-norris", 2, None),
        (17, "max-verstappen", 1, None), (17, "lance-stroll", 2, None),
    ]
    assert [(line, observed, expected) for line, observed, expected, _ in _finish_issues(marts)] == [(17, "2", "7 to 9")]


def test_a_medal_and_a_place_as_a_noun_are_read(run_core):
    """'took home the bronze medal' (third), 'took silver' (second); "Sainz's third-place finish", "the P4
    finish was a crucial result for Pérez", "a fifth-place finish for Norris" (the seed's and the race
    report's words)."""
    sentences = [
        "Sainz stood his ground to take home the bronze medal.",
        "Norris took silver.",
        "Pérez claimed bronze.",  # fourth: flagged
        "Sainz's third-place finish pleased Ferrari.",
        "The P4 finish was a crucial result for Pérez.",
        "It was a fifth-place finish for Norris.",  # second: flagged
        "Gasly's sixth place lifted Alpine.",
    ]
    marts = run_core([usgp_with(sentences)])
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") < 17)).sort("line")
    assert finishes.select("line", "driver_id", "position").rows() == [
        (3, "carlos-sainz-jr", 3), (5, "lando-norris", 2), (7, "sergio-perez", 3), (9, "carlos-sainz-jr", 3),
        (11, "sergio-perez", 4), (13, "lando-norris", 5), (15, "pierre-gasly", 6),
    ]
    assert [(line, observed, expected) for line, observed, expected, _ in _finish_issues(marts)] == [(7, "3", "4 to 6"), (13, "5", "2 to 4")]


@pytest.mark.parametrize(
    ("sentence", "read"),
    [
        ("Russell's fifth finish of the season came easily.", []),  # a count of his finishes, not a place
        ("Albon hoped to take the bronze.", []),  # no result
        ("Sainz's third place in the championship is safe.", []),  # the standings' place
        ("Verstappen won, and Hamilton finished ahead of Norris.", [("max-verstappen", 1)]),  # beaten by no win
        ("Norris finished second ahead of Sainz.", [("lando-norris", 2)]),  # ahead of, after a place that is no win
        ("Verstappen won the race while Leclerc pulled clear of Sainz and Hamilton.", []),  # a win read only before a stop, "by", "ahead of"…
        ("Verstappen won; Russell held off the charge from Gasly.", [("max-verstappen", 1)]),  # another clause
        ("Sainz took fourth from Perez on lap 30.", []),  # a move in the race, not where he finished
        ("Verstappen leads the championship by 226 points from Pérez.", []),  # no win
    ],
)
def test_no_place_is_read_from_words_that_say_none(run_core, sentence, read):
    marts = run_core([usgp_with([sentence])])
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") == 3))
    assert finishes.select("driver_id", "position").rows() == read


def test_a_win_said_of_the_race_and_a_place_laps_down_are_read(run_core):
    """'The United States Grand Prix was won by Max Verstappen' (the race named), 'the race was won by',
    'Saturday's sprint was won by', and 'Zhou finished a lap down in 13th'; a wrong one is checked."""
    sentences = [
        "The United States Grand Prix was won by Max Verstappen, with Lando Norris second.",
        "The race was won by Lando Norris.",  # Verstappen won: flagged
        "Zhou finished a lap down in 13th.",
        "The 2021 race was won by Lewis Hamilton.",  # another season's
    ]
    marts = run_core([usgp_with(sentences)])
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") < 11)).sort("line", "claim_no")
    assert finishes.select("line", "driver_id", "position", "race_raw", "session").rows() == [
        (3, "max-verstappen", 1, "United States Grand Prix", "race"),
        (3, "lando-norris", 2, "United States Grand Prix", "race"),
        (5, "lando-norris", 1, None, "race"),
        (7, "guanyu-zhou", 13, None, "race"),
    ]
    assert [(line, observed, expected) for line, observed, expected, _ in _finish_issues(marts)] == [(5, "1", "2 to 4")]  # two ahead disqualified
