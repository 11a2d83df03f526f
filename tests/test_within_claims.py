"""A bound in the prose ("Hamilton is within 39 points of Perez", "closed to within 265 points of the
lead") is a claim of kind `within`: the two are at most that far apart. It is checked against the same
article's table and against the latest standings published before it."""

import polars as pl
import pytest

from conftest import austin_then, austin_with_paragraphs

# the Austin table (2023-10-25, after 18 rounds): Verstappen 466, Perez 240, Hamilton 201, Alonso 183,
# Sainz 171, Norris 159 ...; Mexico City (round 19, no sprint: 26 points at most) is on the 29th


def _issues(marts, check):
    issues = marts["validation_issues"].filter(pl.col("check") == check)
    return issues.select("line", "observed", "expected", "message").rows()


@pytest.mark.parametrize(
    "sentence, rival, bound",
    [
        ("Hamilton is within 39 points of Perez.", "Sergio Pérez", 39.0),
        ("Hamilton is now within 40 points of Perez.", "Sergio Pérez", 40.0),
        ("Hamilton has closed to within 39 points of Perez.", "Sergio Pérez", 39.0),
        ("Hamilton moved up to within 50 points of Perez.", "Sergio Pérez", 50.0),
        ("Hamilton is within 265 points of the lead.", None, 265.0),
        ("Hamilton has moved to within 270 points of the championship leader.", None, 270.0),
    ],
)
def test_a_true_bound_is_read_and_passes(run_core, sentence, rival, bound):
    marts = run_core([austin_with_paragraphs("a", [sentence])])
    assert marts["claims"].select("kind", "driver", "rival", "margin").rows() == [("within", "Lewis Hamilton", rival, bound)]
    assert marts["validation_issues"].filter(pl.col("line") == 3).is_empty()


def test_a_bound_that_does_not_hold_is_flagged(run_core):
    marts = run_core([austin_with_paragraphs("a", ["Hamilton is within 30 points of Perez.", "Norris is within 300 points of the lead."])])
    assert _issues(marts, "cross.claim_within") == [
        (3, "within 30", "39", "the text puts Lewis Hamilton within 30 points of Sergio Pérez, the drivers' table gives them 201 and 240: 39 apart"),
        (5, "within 300", "307", "the text puts Lando Norris within 300 points of Max Verstappen, the drivers' table gives them 159 and 466: 307 apart"),
    ]


def test_a_bound_is_checked_against_the_latest_standings_before_it(run_core):
    """After Mexico City (26 points at most), Hamilton can be 13 points from Perez (39 − 26), no closer."""
    after = (
        " date 2023-10-31 After Mexico.\n\nHamilton is within 13 points of Perez.\n\nHamilton is within 12 points of Perez.\n\n"
        "Norris is within 280 points of the lead.\n"
    )
    marts = run_core(austin_then(after))
    assert [(line, observed, expected) for line, observed, expected, _ in _issues(marts, "season.claim_within_vs_previous")] == [
        (5, "within 12", "at least 13"),
        (7, "within 280", "at least 281"),
    ]
    messages = [message for *_, message in _issues(marts, "season.claim_within_vs_previous")]
    assert messages[0] == (
        "the text puts Lewis Hamilton within 12 points of Sergio Pérez, but the standings of 2023-10-25 (austin, line 11) "
        "had them 39 points apart, and at most 26 points could be scored since"
    )
    assert "within 280 points of the leader, but the standings of 2023-10-25 (austin, line 17) had them 307 points apart" in messages[1]
    # a bound is no margin: the margin check across articles leaves it alone
    assert _issues(marts, "season.claim_vs_previous") == []


def test_a_bound_in_the_past_is_not_read(run_core):
    marts = run_core([austin_with_paragraphs("a", ["Hamilton was within 10 points of Perez after Monaco."])])
    assert marts["claims"].is_empty()
