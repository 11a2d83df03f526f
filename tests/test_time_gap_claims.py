"""A time between two drivers at the flag ("won by 10.730 seconds", "Norris finished 4.404 seconds ahead
of Sainz", "Pérez crossed the line 18.46s behind Verstappen") is a claim of kind `time_gap`, the driver
ahead first, checked against the article's own results table at the precision the text gives it."""

import polars as pl
import pytest

from conftest import RAW, SEED_USGP, text_file
from test_finish_claims import usgp_with

# the seed's US GP table: 1 Verstappen (1:35:21.362), 2 Norris +10.730, 3 Sainz +15.134, 4 Pérez +18.460,
# 5 Russell +24.999 ... 13 Zhou and 14 Magnussen +1 lap; out: Alonso, Piastri, Ocon; disqualified:
# Hamilton, Leclerc


def _time_gaps(marts) -> list[tuple]:
    claims = marts["claims"].filter(pl.col("kind") == "time_gap").sort("line")
    return claims.select("line", "driver_id", "rival_id", "gap_ms", "session").rows()


def _time_gap_issues(marts) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == "cross.claim_time_gap").sort("line")
    return issues.select("line", "observed", "expected", "message").rows()


def test_times_the_table_gives_pass(run_core):
    sentences = [
        "Verstappen won by 10.730 seconds.",  # over the runner-up
        "Max Verstappen won the United States Grand Prix on Sunday, 10.7 seconds ahead of Lando Norris.",  # written to a tenth
        "Norris finished second, 4.404 seconds ahead of Sainz.",
        "Pérez crossed the line 18.46s behind Verstappen.",  # behind: the one named after is ahead
        "Sainz finished 3 seconds ahead of Pérez.",  # 3.326: rounded
        "Verstappen still won by 11 seconds from Norris.",  # 10.730: rounded up
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [
        (3, "max-verstappen", None, 10730, "race"),
        (5, "max-verstappen", "lando-norris", 10700, "race"),
        (7, "lando-norris", "carlos-sainz-jr", 4404, "race"),
        (9, "max-verstappen", "sergio-perez", 18460, "race"),
        (11, "carlos-sainz-jr", "sergio-perez", 3000, "race"),
        (13, "max-verstappen", "lando-norris", 11000, "race"),
    ]
    assert _time_gap_issues(marts) == []


def test_a_time_the_table_does_not_give_is_flagged(run_core):
    sentences = [
        "Verstappen won by 12 seconds.",
        "Norris finished 5 seconds ahead of Sainz.",  # 4.404: neither rounded nor cut to 5
        "Sainz finished 3.2 seconds ahead of Pérez.",  # 3.326: cut to a tenth is 3.3
        "Russell finished 2 seconds ahead of Pérez.",  # Pérez was ahead
        "Fernando Alonso finished 3 seconds ahead of Lance Stroll.",  # out
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gap_issues(marts) == [
        (3, "12", "10.73", "the text puts Max Verstappen 12 s ahead of Lando Norris in the race, the results table on lines 23 and 25 gives 10.73 s between them"),
        (5, "5", "4.404", "the text puts Lando Norris 5 s ahead of Carlos Sainz Jr. in the race, the results table on lines 25 and 27 gives 4.404 s between them"),
        (7, "3.2", "3.326", "the text puts Carlos Sainz Jr. 3.2 s ahead of Sergio Pérez in the race, the results table on lines 27 and 29 gives 3.326 s between them"),
        (9, "2", "-6.539", "the text puts George Russell 2 s ahead of Sergio Pérez in the race, the results table on lines 31 and 29 puts Sergio Pérez 6.539 s ahead"),
        (11, "3", "out", "the text puts Fernando Alonso 3 s ahead of Lance Stroll in the race, the results table on lines 55 and 35 lists Fernando Alonso as retired"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Verstappen won by more than 10 seconds.",  # hedged
        "Verstappen won the race, leading for 40 seconds.",  # no margin
        "Verstappen won, and the gap to Norris was 10.730 seconds.",  # the win's words give no margin
        "Last year Verstappen won by 10 seconds.",  # another race
        "Norris finished 10 seconds ahead of Sainz but a five-second penalty dropped him behind.",  # the order changed after the flag
        "Norris finished 10.730 seconds behind the winner.",  # the winner unnamed
    ],
)
def test_no_time_is_read_from_words_that_say_none(run_core, sentence):
    assert _time_gaps(run_core([usgp_with([sentence])])) == []


def test_a_time_behind_the_winner_is_behind_the_win_told_before(run_core):
    """"the winner" is the driver whose win the article has told before (of the same race, or of none
    named); a winner named with his title is the name; "was N seconds behind" is read at the flag."""
    sentences = [
        "Max Verstappen won the United States Grand Prix on Sunday.",
        "Norris finished second, 10.730s behind the winner.",
        "Sainz crossed the line 15.134 seconds behind race winner Max Verstappen.",
        "Pérez finished fourth, 18.460 seconds behind the winner, Max Verstappen.",
        "Russell was 24.999 seconds adrift of Verstappen at the chequered flag.",
        "Stroll finished seventh, 50 seconds behind the winner.",  # 48.696
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [
        (5, "max-verstappen", "lando-norris", 10730, "race"),
        (7, "max-verstappen", "carlos-sainz-jr", 15134, "race"),
        (9, "max-verstappen", "sergio-perez", 18460, "race"),
        (11, "max-verstappen", "george-russell", 24999, "race"),
        (13, "max-verstappen", "lance-stroll", 50000, "race"),
    ]
    said = marts["claims"].filter((pl.col("kind") == "time_gap") & pl.col("line").is_in([5, 13])).sort("line")
    assert said["driver_raw"].to_list() == ["the winner", "the winner"]  # as written, resolved as a 'he' is
    assert _time_gap_issues(marts) == [
        (13, "50", "48.696", "the text puts Max Verstappen 50 s ahead of Lance Stroll in the race, the results table on lines 25 and 37 gives 48.696 s between them"),
    ]


@pytest.mark.parametrize(
    "sentences",
    [
        ["Norris finished second, 10.730s behind the winner."],  # no win told before
        ["Verstappen won the Mexican Grand Prix.", "Norris finished second in Brazil, 8.277 seconds behind the winner."],  # another race's win
        ["Verstappen won the sprint.", "Norris finished second, 10.730s behind the winner."],  # the sprint's winner, not the race's
        ["Verstappen won.", "Gasly was 5 seconds behind Stroll at the end of lap 30."],  # not at the flag
    ],
)
def test_no_time_is_read_behind_a_winner_not_told(run_core, sentences):
    assert _time_gaps(run_core([usgp_with(sentences)])) == []


def test_a_time_the_table_cannot_tell_is_not_checked(run_core):
    sentences = [
        "Zhou finished 2 seconds ahead of Magnussen.",  # both a lap down: no time in the table
        "Hamilton finished 2 seconds ahead of Pérez.",  # disqualified: where he crossed the line is not in the table
    ]
    marts = run_core([usgp_with(sentences)])
    assert [row[:3] for row in _time_gaps(marts)] == [(3, "guanyu-zhou", "kevin-magnussen"), (5, "lewis-hamilton", "sergio-perez")]
    assert _time_gap_issues(marts) == []


def test_a_time_during_the_race_is_not_read(run_core):
    marts = run_core([usgp_with(["Fernando Alonso was 5 seconds behind Lance Stroll when his floor broke."])])
    assert _time_gaps(marts) == []


def _season_issues(marts) -> list[tuple]:
    issues = marts["validation_issues"].filter(pl.col("check") == "season.claim_time_gap_vs_results").sort("line")
    return issues.select("article_id", "line", "observed", "expected").rows()


def test_a_time_claimed_without_a_table_of_its_race_is_checked_against_other_articles(run_core):
    """A preview of the next race has no table of Austin's: its times are compared with what the tables
    of that race give in other articles (the race named, else the latest by the article's date)."""
    preview = " date 2023-10-27 Mexico preview.\n\n" + "\n\n".join([
        "Verstappen won in Austin by 12 seconds.",  # 10.730 over Norris
        "Verstappen won by 10.7 seconds from Norris.",  # the latest race by the date: Austin's
        "Sainz finished 3 seconds ahead of Pérez in Austin.",  # 3.326: rounded
        "Alonso finished 3 seconds ahead of Stroll in Austin.",  # Alonso out
        "Russell finished 2 seconds ahead of Pérez in Austin.",  # Pérez ahead
        "Verstappen won in Mexico by 5 seconds.",  # a race not run by the article's date: not checked
    ]) + "\n"
    seed = (RAW / f"{SEED_USGP}.txt").read_bytes()
    marts = run_core([(SEED_USGP, f"{SEED_USGP}.txt", seed), text_file("2023-10-27_preview", preview)])
    assert _season_issues(marts) == [
        ("2023-10-27_preview", 3, "12", "10.73"), ("2023-10-27_preview", 9, "3", "out"), ("2023-10-27_preview", 11, "2", "-6.539"),
    ]
    message = marts["validation_issues"].filter(pl.col("line") == 3)["message"].item()
    assert message == (
        "the text puts Max Verstappen 12 s ahead of Lando Norris in the race, but the tables of the United States Grand Prix 2023 (named in the text: "
        f"Austin) in other articles, 1 of them (the last {SEED_USGP}, line 15), give 10.73 s between them"
    )
    # the article with the table checks its own times, not against other articles
    assert marts["validation_issues"].filter(pl.col("article_id") == SEED_USGP, pl.col("check").str.contains("time_gap")).is_empty()


def test_a_sprint_named_at_a_weekend_without_one_is_flagged_once(run_core):
    """'won the sprint in Monaco by 2 seconds': the place and the time are of the same sprint; the place
    is flagged (ref.claim_sprint_weekend), the time not again."""
    marts = run_core([usgp_with(["Verstappen won the sprint in Monaco by 2 seconds."])])
    assert _time_gaps(marts) == [(3, "max-verstappen", None, 2000, "sprint")]
    flagged = marts["validation_issues"].filter(pl.col("check") == "ref.claim_sprint_weekend")
    assert flagged.select("line", "message").rows() == [
        (3, "the text puts Max Verstappen in place 1 of a sprint of the Monaco Grand Prix 2023, but that weekend had no sprint in the calendar"),
    ]


def test_times_lost_by_and_in_words(run_core):
    """The driver behind named first, by how he lost ("emerged as the loser by ... against", "lost out to
    ... by", "lost the battle for fourth by ... to"), and parts of a second in words."""
    sentences = [
        "Pérez emerged as the loser by 3.326 seconds against Sainz.",
        "Stroll lost out to Gasly by seven tenths of a second.",  # 48.696 - 47.996
        "Russell lost the battle for fourth by 6.5 seconds to Pérez.",  # 6.539 cut to a tenth
        "Sainz was beaten to second by Norris by 4.404s.",
        "Stroll emerged as the loser by a matter of 70-thousandths of a second against Gasly.",
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [
        (3, "carlos-sainz-jr", "sergio-perez", 3326, "race"),
        (5, "pierre-gasly", "lance-stroll", 700, "race"),
        (7, "sergio-perez", "george-russell", 6500, "race"),
        (9, "lando-norris", "carlos-sainz-jr", 4404, "race"),
        (11, "pierre-gasly", "lance-stroll", 70, "race"),
    ]
    assert _time_gap_issues(marts) == [
        (11, "0.07", "0.7", "the text puts Pierre Gasly 0.07 s ahead of Lance Stroll in the race, the results table on lines 33 and 35 gives 0.7 s between them"),
    ]


def test_times_of_a_driver_who_beat_another(run_core):
    """The driver ahead named first, by how he beat the other: "beat Norris by", "beat Norris to victory
    by", "led Norris home by"."""
    sentences = [
        "Verstappen beat Norris by 10.730 seconds.",
        "Norris beat Sainz to the line by 4.4 seconds.",  # 4.404 cut to a tenth
        "Sainz led Pérez home by 3.326 seconds.",
        "Verstappen beat Norris to victory by 12 seconds.",  # 10.730
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [
        (3, "max-verstappen", "lando-norris", 10730, "race"),
        (5, "lando-norris", "carlos-sainz-jr", 4400, "race"),
        (7, "carlos-sainz-jr", "sergio-perez", 3326, "race"),
        (9, "max-verstappen", "lando-norris", 12000, "race"),
    ]
    assert [issue[:3] for issue in _time_gap_issues(marts)] == [(9, "12", "10.73")]


def test_a_winning_margin_is_a_time_and_one_no_claim_reads_is_said(run_core):
    """"Verstappen's winning margin was 10.730 seconds" is a win's time (over the runner-up, or the driver
    named); a margin or gap of seconds no claim reads ("The winning margin was" with no win told before
    it, "the gap to Norris was") is an unread claim, never silently passed over."""
    sentences = [
        "Verstappen's winning margin was 10.730 seconds.",
        "Verstappen's margin of victory over Norris was 12 seconds.",  # 10.730
        "The winning margin was 10.730 seconds.",
        "The gap to Norris was 5 seconds when the safety car came out.",
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [(3, "max-verstappen", None, 10730, "race"), (5, "max-verstappen", "lando-norris", 12000, "race")]
    assert [issue[:3] for issue in _time_gap_issues(marts)] == [(5, "12", "10.73")]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").sort("line")
    assert unread.select("line", "observed").rows() == [(7, sentences[2]), (9, sentences[3])]


def test_the_winning_margin_of_a_win_told_before_is_the_winners(run_core):
    """"The winning margin was 12 seconds" after the article has told the win is the winner's time over
    the runner-up ("His margin of victory over Sainz": over the driver named). A margin that names no
    sprint is the race's: after a sprint's win only, it is an unread claim, as "behind the winner" is.
    `driver_raw` is `the winner`."""
    sentences = [
        "Verstappen won the sprint.",
        "The winning margin was 12 seconds.",  # no race's win told yet
        "Max Verstappen won the United States Grand Prix on Sunday.",
        "The winning margin was 12 seconds.",  # 10.730
        "His margin of victory over Sainz was 15.134 seconds.",
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [(9, "max-verstappen", None, 12000, "race"), (11, "max-verstappen", "carlos-sainz-jr", 15134, "race")]
    said = marts["claims"].filter(pl.col("kind") == "time_gap").sort("line")
    assert said["driver_raw"].to_list() == ["the winner"] * 2
    assert [issue[:3] for issue in _time_gap_issues(marts)] == [(9, "12", "10.73")]
    assert marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")["line"].to_list() == [5]


def test_a_place_said_with_was_and_a_time_is_a_finish_and_a_time(run_core):
    """"Norris was second, 10.730 seconds behind Verstappen" at the sentence's end, at the flag or before
    ", with" is a place and a time at the flag ("with Pérez fourth": a place too); with more words after
    it, it may be a moment of the race, and is an unread claim."""
    sentences = [
        "Norris was second, 10.730 seconds behind Verstappen.",
        "Sainz was third, 5 seconds behind Norris, with Pérez fourth.",  # 4.404
        "Russell was fifth, 6.539s behind Pérez at the flag.",
        "Stroll was 7th, 25.689 seconds up the road from Tsunoda.",  # Tsunoda was eighth, 25.689 s behind him
        "Norris was second, 3 seconds behind Verstappen, when the safety car came out.",
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [
        (3, "max-verstappen", "lando-norris", 10730, "race"),
        (5, "lando-norris", "carlos-sainz-jr", 5000, "race"),
        (7, "sergio-perez", "george-russell", 6539, "race"),
        (9, "lance-stroll", "yuki-tsunoda", 25689, "race"),
    ]
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") < 13)).sort("line", "position")
    assert finishes.select("line", "driver_id", "position").rows() == [
        (3, "lando-norris", 2), (5, "carlos-sainz-jr", 3), (5, "sergio-perez", 4), (7, "george-russell", 5), (9, "lance-stroll", 7),
    ]
    assert [issue[:3] for issue in _time_gap_issues(marts)] == [(5, "5", "4.404")]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread["line"].to_list() == [11]


def test_a_place_and_time_then_another_place_after_and(run_core):
    """"..., and Pérez third" after a place said with its time is a place too, and checked (Pérez was
    fourth); without the comma, "behind Verstappen and Sainz" may be behind the pair, so no place is
    read for Sainz."""
    sentences = ["Norris was second, 10.730 seconds behind Verstappen, and Pérez third.", "Norris was second, 10.730 seconds behind Verstappen and Sainz third."]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [(3, "max-verstappen", "lando-norris", 10730, "race"), (5, "max-verstappen", "lando-norris", 10730, "race")]
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") < 7)).sort("line", "position")
    assert finishes.select("line", "driver_id", "position").rows() == [(3, "lando-norris", 2), (3, "sergio-perez", 3), (5, "lando-norris", 2)]
    flagged = marts["validation_issues"].filter(pl.col("check") == "cross.claim_finish")
    assert flagged.select("line", "observed", "expected").rows() == [(3, "3", "4 to 6")]


def test_a_wins_time_after_the_pair_it_was_ahead_of_is_over_the_first(run_core):
    """"won the race ahead of Norris and Sainz by 10.730 seconds": one clause, its "and" the pair's;
    the time is over Norris, second."""
    sentences = ["Verstappen won the race ahead of Norris and Sainz by 10.730 seconds.", "Verstappen won ahead of Sainz and Norris by 15 seconds."]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [(3, "max-verstappen", "lando-norris", 10730, "race"), (5, "max-verstappen", "carlos-sainz-jr", 15000, "race")]
    assert _time_gap_issues(marts) == []  # 15.134 s over Sainz, to the second
    flagged = marts["validation_issues"].filter(pl.col("check") == "cross.claim_finish").sort("line")
    assert flagged.select("line", "observed").rows() == [(5, "2")]  # Sainz was third; Norris third on the road may be (two were disqualified)


def test_a_time_clear_of_no_one_named_is_over_the_driver_behind(run_core):
    """"crossed the line 12 seconds ahead" is over the driver classified right behind him; a time with a
    side and no one named that no claim reads ("10.730s down at the flag", "10.730s up the road") is an
    unread claim."""
    sentences = [
        "Verstappen finished 10.730s clear.",
        "Verstappen crossed the line 12 seconds ahead.",
        "Norris was 10.730s down at the flag.",
        "Verstappen came home 10.730s up the road.",
        "Norris ended up 10.730 seconds back.",
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [(3, "max-verstappen", None, 10730, "race"), (5, "max-verstappen", None, 12000, "race")]
    assert [issue[:3] for issue in _time_gap_issues(marts)] == [(5, "12", "10.73")]
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").sort("line")
    assert unread["line"].to_list() == [7, 9, 11]


def test_a_wins_time_is_over_the_driver_it_names_before_the_time(run_core):
    """"won from Sainz by 15.134 seconds": the time is over Sainz, whom the text also puts second (he
    was third: that place is flagged, the time between the two is right)."""
    marts = run_core([usgp_with(["Verstappen won from Sainz by 15.134 seconds."])])
    assert _time_gaps(marts) == [(3, "max-verstappen", "carlos-sainz-jr", 15134, "race")]
    assert _time_gap_issues(marts) == []
    flagged = marts["validation_issues"].filter(pl.col("line") == 3)
    assert flagged.select("check", "observed").rows() == [("cross.claim_finish", "2")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Leclerc lost pole by 0.2 seconds to Verstappen.",  # no race's result
        "Sainz lost 2 seconds to Norris in the pit stop.",  # no 'by'
        "Hamilton lost out by 3 seconds to Russell at the start.",  # a moment of the race
        "Norris lost by less than a tenth of a second to Verstappen.",  # hedged
        "Norris lost out to Verstappen by a tenth of a second in qualifying.",  # another session
        "Verstappen led Norris by 5 seconds.",  # led, but not home: a moment of the race
        "Verstappen beat Norris by 0.1s for pole.",  # qualifying
        "Sainz beat Pérez by 3 seconds on the final lap.",  # a moment of the race
    ],
)
def test_no_time_is_read_from_losses_that_are_not_at_the_flag(run_core, sentence):
    assert _time_gaps(run_core([usgp_with([sentence])])) == []


BRAZIL_SEED = "2023-11-06_perez-alonso-brazil"
# the São Paulo Grand Prix 2023 (round 20, 2023-11-05) as a results article gives it: Alonso 3rd, Pérez 4th,
# 0.053 s apart, as the seed says
SAO_PAULO = """ date 2023-11-06 Verstappen won in Interlagos.

São Paulo GP, Autódromo José Carlos Pace

1 Max Verstappen (NL), Red Bull Racing, 71 laps in 1:56:48.894 hrs

2 Lando Norris (GB), McLaren, +8.277

3 Fernando Alonso (E), Aston Martin, +34.155

4 Sergio Pérez (MEX), Red Bull Racing, +34.208

5 Lance Stroll (CDN), Aston Martin, +40.845
"""


def test_the_brazil_seeds_race_is_read_and_checked_against_other_articles(run_core):
    """The seed says its race in words: "Sergio Perez emerged as the loser by a matter of 53-thousandths of a
    second against Fernando Alonso" (line 1), "the Spaniard stood his ground to take home the Bronze medal"
    (3) and "the P4 finish was a crucial result for Perez" (13). It has no table of the race: the tables of
    other articles are its check."""
    seed = (RAW / f"{BRAZIL_SEED}.txt").read_bytes()
    marts = run_core([(BRAZIL_SEED, f"{BRAZIL_SEED}.txt", seed), text_file("sao-paulo", SAO_PAULO)])
    claims = marts["claims"].filter((pl.col("article_id") == BRAZIL_SEED) & pl.col("kind").is_in(["time_gap", "finish"]))
    assert claims.select("line", "kind", "driver_id", "rival_id", "position", "gap_ms").rows() == [
        (1, "time_gap", "fernando-alonso", "sergio-perez", None, 53),
        (3, "finish", "fernando-alonso", None, 3, None),
        (13, "finish", "sergio-perez", None, 4, None),
    ]
    assert marts["validation_issues"].filter(pl.col("article_id") == BRAZIL_SEED).is_empty()
    slower = SAO_PAULO.replace("+34.208", "+34.508")
    marts = run_core([(BRAZIL_SEED, f"{BRAZIL_SEED}.txt", seed), text_file("sao-paulo", slower)])
    assert _season_issues(marts) == [(BRAZIL_SEED, 1, "0.053", "0.353")]
    assert marts["validation_issues"].filter(pl.col("article_id") == BRAZIL_SEED).height == 1


def test_a_time_no_claim_reads_is_an_unread_claim(run_core):
    """A time between drivers (after "by", or before "ahead of", "behind"...) that no claim reads is an
    info issue parse.unread_claim, as an unread number of points is; a time read, or one that is no
    gap between drivers (a pit stop's), is not."""
    sentences = [
        "Norris finished 10.730 seconds behind the winner.",  # no win told before it
        "Verstappen won by more than 10 seconds.",  # hedged
        "Sainz was 0.3 seconds behind Leclerc in qualifying.",  # another session
        "Verstappen won by 10.730 seconds.",  # read
        "Hamilton made a 2.3s pit stop.",  # no gap between drivers
        "Leclerc lost out to Sainz by two tenths of a second in the pit stops.",  # a moment of the race
    ]
    marts = run_core([usgp_with(sentences)])
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim").sort("line")
    assert unread.select("line", "severity", "message").rows() == [
        (3, "info", "this sentence states 10.730 seconds in a way the claim reader does not know: it is not checked"),
        (5, "info", "this sentence states 10 seconds in a way the claim reader does not know: it is not checked"),
        (7, "info", "this sentence states 0.3 seconds in a way the claim reader does not know: it is not checked"),
        (13, "info", "this sentence states two tenths of a second in a way the claim reader does not know: it is not checked"),
    ]


def test_a_penalty_before_the_start_changes_no_order_at_the_flag(run_core):
    """A grid penalty ("started sixth after a gearbox penalty and still won by 10.730 seconds from Norris",
    the subject of two verbs) leaves the places and times at the flag read; a penalty after the race does not."""
    sentences = [
        "Verstappen started sixth after a gearbox penalty and still won by 10.730 seconds from Norris.",
        "Norris finished 4 seconds ahead of Sainz but a five-second penalty dropped him behind.",
    ]
    marts = run_core([usgp_with(sentences)])
    assert _time_gaps(marts) == [(3, "max-verstappen", "lando-norris", 10730, "race")]
    finishes = marts["claims"].filter((pl.col("kind") == "finish") & (pl.col("line") == 3)).sort("position")
    assert finishes.select("driver_id", "position").rows() == [("max-verstappen", 1), ("lando-norris", 2)]
    assert _time_gap_issues(marts) == []
