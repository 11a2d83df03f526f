"""A lead with no rival named ("Verstappen leads the championship by 226 points", "has extended his
lead to 226 points", "is 226 points clear at the top") is a claim of kind `lead`: the points over
whoever is next in the standings. It is checked against the same article's table (over the second for
its leader; a driver who is not first has no lead) and against the latest standings published before it."""

import polars as pl
import pytest

from parcferme.pipeline import check_season, stage_batch
from conftest import AUSTIN, austin_then, austin_with_paragraphs, text_file

# the Austin table (2023-10-25, after 18 rounds): Verstappen 466, Perez 240, Hamilton 201 ...; the
# constructors' table: Red Bull 706, Mercedes 344, Ferrari 322 ...; Mexico City (round 19, no sprint:
# 26 points at most) is on the 29th

TRUE_LEADS = [
    "Max Verstappen leads the championship by 226 points.",
    "Verstappen leads by 226 points.",
    "Verstappen now leads the drivers' standings by 226 points.",
    "Verstappen has extended his lead to 226 points.",
    "Verstappen has extended his lead at the top to 226 points.",
    "Verstappen has a 226-point lead at the top.",
    "Verstappen holds a commanding 226-point championship lead.",
    "Verstappen has a lead of 226 points in the drivers' championship.",
    "Verstappen's lead at the top is 226 points.",
    "Verstappen's championship lead now stands at 226 points.",
    "Verstappen is 226 points clear at the top of the standings.",
    "Verstappen is 226 points clear of the field.",
    "Red Bull lead the constructors' championship by 362 points.",
    "Red Bull's lead in the constructors' championship is 362 points.",
]


@pytest.mark.parametrize("sentence", TRUE_LEADS)
def test_a_true_lead_is_read_and_passes(run_core, sentence):
    marts = run_core([austin_with_paragraphs("a", [sentence])])
    claims = marts["claims"].filter(pl.col("kind") != "position")  # "leads the championship" also says first place
    assert claims.select("kind", "rival", "margin").rows() == [("lead", None, 226.0 if "Red Bull" not in sentence else 362.0)]
    assert claims["driver"].to_list() == (["Max Verstappen"] if "Red Bull" not in sentence else [None])
    serious = marts["validation_issues"].filter(pl.col("line") == 3)
    assert serious.is_empty(), serious["message"].to_list()


def _lead_issues(marts, check="cross.claim_lead"):
    issues = marts["validation_issues"].filter(pl.col("check") == check)
    return issues.select("line", "observed", "expected", "message").rows()


def test_a_wrong_lead_is_flagged_against_the_second(run_core):
    marts = run_core([austin_with_paragraphs("a", ["Verstappen leads the championship by 200 points."])])
    assert _lead_issues(marts) == [
        (3, "200", "226", "the text gives Max Verstappen a lead of 200 points, the drivers' table on line 9 gives Max Verstappen 466 and the next best, Sergio Pérez, 240: 226 points ahead"),
    ]


def test_a_lead_of_a_driver_who_is_not_first_is_flagged(run_core):
    marts = run_core([austin_with_paragraphs("a", ["Hamilton has extended his lead to 10 points."])])
    assert _lead_issues(marts) == [
        (3, "10", "-265", "the text gives Lewis Hamilton a lead of 10 points, the drivers' table on line 13 gives Lewis Hamilton 201 and the next best, Max Verstappen, 466: 265 points behind"),
    ]


def test_a_wrong_team_lead_is_flagged_against_the_constructors_table(run_core):
    marts = run_core([austin_with_paragraphs("a", ["Red Bull lead the constructors' championship by 300 points."])])
    assert [(observed, expected) for _, observed, expected, _ in _lead_issues(marts)] == [("300", "362")]
    assert "the constructors' table on line 55 gives Red Bull 706 and the next best, Mercedes, 344" in _lead_issues(marts)[0][3]


@pytest.mark.parametrize(
    "sentence",
    [
        "Verstappen leads the championship by 226 points from Perez.",  # a margin over a driver named
        "Verstappen leads the championship by 200 points over his teammate.",  # a rival not named: unread
        "Verstappen has extended his lead by 20 points.",  # by: what it grew by, not what it is
        "Verstappen led the championship by 20 points after the third round.",  # a past moment's
        "Norris and Piastri lead by 20 points.",  # two drivers
    ],
)
def test_no_lead_of_the_next_is_read(run_core, sentence):
    marts = run_core([austin_with_paragraphs("a", [sentence])])
    assert "lead" not in marts["claims"]["kind"].to_list()
    assert marts["validation_issues"].filter(pl.col("check") == "cross.claim_lead").is_empty()


def test_a_possessive_lead_over_a_rival_is_a_margin(run_core):
    """'Verstappen's lead' is a noun after a possessive, not the plural verb 'lead' of two drivers."""
    marts = run_core([austin_with_paragraphs("a", ["Verstappen's lead over Perez is 220 points."])])
    assert marts["claims"].select("kind", "driver", "rival", "margin").rows() == [("margin", "Max Verstappen", "Sergio Pérez", 220.0)]
    assert marts["validation_issues"].filter(pl.col("check") == "cross.claim_margin")["observed"].to_list() == ["220"]


def test_a_lead_is_checked_against_the_latest_standings_before_it(run_core):
    """Two days after Austin, no round run: the lead is the table's (226). After Mexico City (26 points
    at most), anything from 200 to 252."""
    preview = " date 2023-10-27 Mexico preview.\n\nVerstappen leads the championship by 226 points.\n\nVerstappen leads the championship by 230 points.\n"
    marts = run_core(austin_then(preview))
    assert _lead_issues(marts, "season.claim_lead_vs_previous") == [
        (5, "230", "226 ± 0", "the text gives Max Verstappen a lead of 230 points, but the standings of 2023-10-25 (austin, line 7) had Max Verstappen 226 points ahead of the next best, and at most 0 points could be scored since"),
    ]
    after = (
        " date 2023-10-31 After Mexico.\n\nVerstappen has a 252-point lead at the top.\n\nVerstappen has a 253-point lead at the top.\n\n"
        "Hamilton leads the championship by 5 points.\n"
    )
    marts = run_core(austin_then(after))
    assert [(line, observed, expected) for line, observed, expected, _ in _lead_issues(marts, "season.claim_lead_vs_previous")] == [
        (5, "253", "226 ± 26"),
        (7, "5", "-265 ± 26"),
    ]
    assert "had Lewis Hamilton 265 points behind the leader" in _lead_issues(marts, "season.claim_lead_vs_previous")[1][3]



def test_of_a_days_tables_the_last_article_is_the_one_compared_whatever_the_order_they_come_in(reference):
    """Two articles of the same day give the standings: a later claim is compared with the last of
    them by article id, in whatever order the season checks get the articles (a run's fresh articles
    come before the ones it keeps, and each batch is staged apart)."""
    preview = text_file("preview", " date 2023-10-27 Mexico preview.\n\nVerstappen leads the championship by 230 points.\n\nVerstappen is 230 points ahead of Perez.\n")
    staged = {f[0]: stage_batch([f], reference).season for f in [text_file("austin-a", AUSTIN), text_file("austin-b", AUSTIN), preview]}
    seen = []
    for order in (["austin-a", "austin-b", "preview"], ["preview", "austin-b", "austin-a"]):
        season = {name: pl.concat([staged[a][name] for a in order], how="diagonal_relaxed") for name in staged["preview"]}
        issues = check_season(season, reference).filter(pl.col("check").str.starts_with("season.claim"))
        seen.append(issues.select("line", "check", "message").rows())
    assert seen[0] == seen[1]
    assert [(line, check) for line, check, _ in seen[0]] == [(3, "season.claim_lead_vs_previous"), (5, "season.claim_vs_previous")]
    assert all("(austin-b, line" in message for _, _, message in seen[0])
