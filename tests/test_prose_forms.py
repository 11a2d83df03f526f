"""Prose a review of the claim reader found read wrong or not at all (2026-12-07), each now read or
flagged as unread: a 'he' after a name in its own sentence, figures of points in words, a place
said before a margin, a figure of points with its unit left out, times over a minute or written as
an adjective, and places in a race said as runner-up or with "was"."""

import polars as pl

from conftest import austin_with_paragraphs, text_file
from test_finish_claims import usgp_with

# the standings after Austin: Verstappen 466, Pérez 240, Hamilton 201, Alonso 183, Sainz 171, Norris 159, Leclerc 151


def _claims(marts, kinds=("points", "position", "margin", "lead")) -> list[tuple]:
    claims = marts["claims"].filter(pl.col("kind").is_in(kinds)).sort("line", "kind")
    value = pl.coalesce(pl.col("points"), pl.col("margin"), pl.col("position").cast(pl.Float64))
    return claims.select("line", "kind", "driver_id", "rival_id", value.alias("value")).rows()


def _issues(marts, lines: int) -> list[tuple]:
    """The issues on the lines of the sentences added (lines 3, 5, ...), not on the article's own."""
    issues = marts["validation_issues"].filter(pl.col("line") <= 2 * lines + 1).sort("line", "check")
    return issues.select("line", "check").rows()


def _unread(marts) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").sort("line")
    return issues.select("line", "message").rows()


def test_he_is_the_driver_named_before_it_in_its_own_sentence(run_core):
    sentences = [
        "Max Verstappen has 466 points.",
        "Lewis Hamilton was disqualified, but he remains third in the championship on 201 points.",  # true: Hamilton's
        "He has 201 points.",  # none named before it in its sentence: the last one named before (Hamilton)
        "Fernando Alonso retired, but he remains third in the championship on 201 points.",  # false: Alonso is fourth on 183
        "Max Verstappen won, and he is 226 points clear of Pérez.",  # true, and no margin of Pérez over himself
        "Verstappen beat Hamilton in Austin, and he leads Alonso by 283 points.",  # two named before 'he': either
    ]
    marts = run_core([austin_with_paragraphs("he", sentences)])
    assert _claims(marts) == [
        (3, "points", "max-verstappen", None, 466.0),
        (5, "points", "lewis-hamilton", None, 201.0),
        (5, "position", "lewis-hamilton", None, 3.0),
        (7, "points", "lewis-hamilton", None, 201.0),
        (9, "points", "fernando-alonso", None, 201.0),
        (9, "position", "fernando-alonso", None, 3.0),
        (11, "margin", "max-verstappen", "sergio-perez", 226.0),
    ]
    assert _issues(marts, lines=len(sentences)) == [(9, "cross.claim_points"), (9, "cross.claim_position"), (13, "parse.unread_claim")]


def test_a_name_in_the_possessive_of_a_phrase_before_the_subject_is_not_he(run_core):
    """"Due to Hamilton's disqualification, he ..." speaks of someone else: the driver named last
    before the sentence (as in the Austin seed, where 'he' is Pérez)."""
    sentences = [
        "Sergio Pérez finished the weekend well.",
        "Following Lewis Hamilton's disqualification, he is second in the championship on 240 points.",  # true: Pérez's
        "Lewis Hamilton's car was checked after the race, and he has 201 points.",  # no phrase before the subject: Hamilton
    ]
    marts = run_core([austin_with_paragraphs("possessive", sentences)])
    assert _claims(marts) == [
        (5, "points", "sergio-perez", None, 240.0),
        (5, "position", "sergio-perez", None, 2.0),
        (7, "points", "lewis-hamilton", None, 201.0),
    ]
    assert _issues(marts, lines=len(sentences)) == []


def test_points_in_words_are_read(run_core):
    sentences = [
        "Carlos Sainz trails Fernando Alonso by three points.",  # false: 12
        "Hamilton is eighteen points ahead of Alonso.",
        "Norris has an eight-point lead over Leclerc.",
        "Leclerc is a single point behind Norris.",  # false: 8
        "Verstappen leads the championship by ninety points.",  # false: 226
        "Verstappen's lead is now a whopping one hundred and twenty-six points.",  # no total of 26: unread
        "At one point Hamilton led the race.",  # a moment: no points stated
        "Max Verstappen has four hundred and sixty-six points.",  # the hundreds too
        "Sergio Perez has two hundred and fifty points.",  # false: 240
    ]
    marts = run_core([austin_with_paragraphs("words", sentences)])
    assert _claims(marts) == [
        (3, "margin", "fernando-alonso", "carlos-sainz-jr", 3.0),
        (5, "margin", "lewis-hamilton", "fernando-alonso", 18.0),
        (7, "margin", "lando-norris", "charles-leclerc", 8.0),
        (9, "margin", "lando-norris", "charles-leclerc", 1.0),
        (11, "lead", "max-verstappen", None, 90.0),
        (11, "position", "max-verstappen", None, 1.0),
        (17, "points", "max-verstappen", None, 466.0),
        (19, "points", "sergio-perez", None, 250.0),
    ]
    assert _issues(marts, lines=len(sentences)) == [
        (3, "cross.claim_margin"), (9, "cross.claim_margin"), (11, "cross.claim_lead"), (13, "parse.unread_claim"), (19, "cross.claim_points"),
    ]


def test_a_place_said_before_a_margin_is_read(run_core):
    sentences = ["Fernando Alonso is third, 18 points behind Lewis Hamilton.", "Hamilton sits third, 18 points ahead of Alonso."]
    marts = run_core([austin_with_paragraphs("place", sentences)])
    assert _claims(marts) == [
        (3, "margin", "lewis-hamilton", "fernando-alonso", 18.0),
        (3, "position", "fernando-alonso", None, 3.0),
        (5, "margin", "lewis-hamilton", "fernando-alonso", 18.0),
        (5, "position", "lewis-hamilton", None, 3.0),
    ]
    assert _issues(marts, lines=len(sentences)) == [(3, "cross.claim_position")]


def test_a_figure_of_points_with_its_unit_left_out_is_unread_not_dropped(run_core):
    sentences = [
        "Max Verstappen now has 466 points, Sergio Pérez 250.",
        "Verstappen is on 466 points, Pérez on 240 and Lewis Hamilton on 211.",
        "In the standings, Verstappen has 466 points to Pérez's 240.",
        "Ferrari's points total rose to 332.",
        "Hamilton, 38, has 201 points after lap 56.",  # an age, a lap: no points
        "Verstappen has 466 points, and his car 1.",
        "Hamilton is third with 201 points, 28 ahead of Alonso.",  # false: 18
        "The standings: Verstappen 466, Pérez 240, Hamilton 210.",
    ]
    marts = run_core([austin_with_paragraphs("unit", sentences)])
    assert _unread(marts) == [
        (3, "this sentence states Pérez 250 in a way the claim reader does not know: it is not checked"),
        (5, "this sentence states on 240, on 211 in a way the claim reader does not know: it is not checked"),
        (7, "this sentence states Pérez's 240 in a way the claim reader does not know: it is not checked"),
        (9, "this sentence states to 332 in a way the claim reader does not know: it is not checked"),
        (15, "this sentence states 28 in a way the claim reader does not know: it is not checked"),
        (17, "this sentence states Verstappen 466, Pérez 240, Hamilton 210 in a way the claim reader does not know: it is not checked"),
    ]


def test_a_sum_of_three_a_team_s_place_with_its_total_and_a_headline_s_points(run_core):
    sentences = [
        "Verstappen, Pérez and Hamilton have 907 points between them.",  # true, but of three: no pair's sum
        "Mercedes, Ferrari and McLaren have 908 points between them.",
        "Ferrari are fourth with 322 points.",  # the total true, the place false: third
        "Hamilton Has 210 Points",  # a headline: unread, said so
    ]
    marts = run_core([austin_with_paragraphs("three", sentences)])
    assert _claims(marts, kinds=("combined", "points", "position")) == [(7, "points", None, None, 322.0), (7, "position", None, None, 4.0)]
    assert _issues(marts, lines=len(sentences)) == [
        (3, "parse.unread_claim"), (5, "parse.unread_claim"), (7, "cross.claim_position"), (9, "parse.unread_claim"),
    ]


def test_times_over_a_minute_or_as_an_adjective_are_read(run_core):
    # the seed's US GP: Verstappen won, Norris +10.730, Albon ninth at +1:26.714
    sentences = [
        "Max Verstappen converted pole into a 10.7-second victory over Lando Norris.",
        "Alex Albon crossed the line 1:26.714 behind Max Verstappen.",
        "Albon finished 1m36.714s behind Verstappen.",  # false: 1:26.714
        "Verstappen won by a 20.730-second margin.",  # false: 10.730
    ]
    marts = run_core([usgp_with(sentences)])
    claims = marts["claims"].filter(pl.col("kind") == "time_gap").sort("line")
    assert claims.select("line", "driver_id", "rival_id", "gap_ms").rows() == [
        (3, "max-verstappen", "lando-norris", 10700),
        (5, "max-verstappen", "alexander-albon", 86714),
        (7, "max-verstappen", "alexander-albon", 96714),
        (9, "max-verstappen", None, 20730),
    ]
    issues = marts["validation_issues"].filter(pl.col("check") == "cross.claim_time_gap").sort("line")
    assert issues.select("line", "observed", "expected").rows() == [(7, "96.714", "86.714"), (9, "20.73", "10.73")]


def test_places_in_a_race_said_as_runner_up_or_with_was_are_read(run_core):
    sentences = [
        "Carlos Sainz finished runner-up in Austin.",  # false: third
        "Lando Norris was runner-up.",
        "Sainz was second in the race.",  # false
        "Norris was second in the race when his tyres faded.",  # a moment of the race
        "Pérez finished runner-up in the championship last year.",  # another season's standings
    ]
    marts = run_core([usgp_with(sentences)])
    finishes = marts["claims"].filter(pl.col("line").is_between(3, 11)).sort("line")
    assert finishes.select("line", "kind", "driver_id", "position").rows() == [
        (3, "finish", "carlos-sainz-jr", 2), (5, "finish", "lando-norris", 2), (7, "finish", "carlos-sainz-jr", 2),
    ]
    issues = marts["validation_issues"].filter(pl.col("line").is_between(3, 11) & (pl.col("severity") == "error")).sort("line")
    assert issues.select("line", "check").rows() == [(3, "cross.claim_finish"), (7, "cross.claim_finish")]


def test_the_race_a_place_names_past_the_driver_ahead_is_that_race(run_core):
    """"second behind Verstappen at Monaco" is a place in Monaco, as "second at Monaco" is; a name
    that is neither a race nor a team there puts the place in no race."""
    sentences = [
        "Charles Leclerc finished second at Monaco.",
        "Leclerc finished second behind Verstappen at Monaco.",
        "Leclerc was runner-up behind Max Verstappen in Monaco.",
        "Leclerc finished second behind Verstappen in the Ferrari.",  # his car: the article's race
        "Leclerc finished second behind Verstappen at Atlantis.",
    ]
    marts = run_core([austin_with_paragraphs("monaco", sentences)])
    assert marts["claims"].select("line", "kind", "driver_id", "position", "race").rows() == [
        (3, "finish", "charles-leclerc", 2, "Monaco Grand Prix"),
        (5, "finish", "charles-leclerc", 2, "Monaco Grand Prix"),
        (7, "finish", "charles-leclerc", 2, "Monaco Grand Prix"),
        (9, "finish", "charles-leclerc", 2, "United States Grand Prix"),  # none named: the article's table's
    ]


def test_a_total_in_the_prose_is_bounded_by_the_points_that_could_be_scored(run_core):
    """Two days after the first race of 2023 one driver could have 26 points, one team 44: with no
    standings published before, "60 points" passed (a table was bounded so, the prose was not)."""
    text = "date 2023-03-07\n\nMax Verstappen has 60 points after the opening round.\n\nRed Bull have 44 points.\n\nSergio Pérez has 18 points.\n"
    marts = run_core([text_file("opening", text)])
    issues = marts["validation_issues"].filter(pl.col("severity") != "info")
    assert issues.select("line", "check", "message").rows() == [
        (3, "cross.claim_points_possible", "the text gives Max Verstappen 60 points, more than the 26 one driver could have scored in 2023 by 2023-03-07, with 1 Grands Prix run (and their sprints)"),
    ]
