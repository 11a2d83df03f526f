"""A place in the championship claimed in an article is checked against the latest standings published
before it: with no round run in between, it is the table's place (ties either way); after rounds, any
place the points that could be scored since allow."""

import polars as pl

from conftest import AUSTIN, austin_then, text_file

# the Austin table (2023-10-25, after 18 rounds): Verstappen 466, Perez 240, Hamilton 201, Alonso 183,
# Sainz 171, Norris 159, Leclerc 151, Russell 143, Piastri 83, Gasly 56 ... Lawson 2; Mexico City (round 19, no
# sprint) is on the 29th


def _place_issues(marts):
    issues = marts["validation_issues"].filter(pl.col("check") == "season.claim_place_vs_previous")
    return issues.select("article_id", "line", "observed", "expected", "message").rows()


def test_a_place_with_no_round_since_is_the_tables(run_core):
    later = " date 2023-10-27 Mexico preview.\n\nPerez is second in the championship. Hamilton is fourth in the championship. Norris is sixth in the standings.\n"
    marts = run_core(austin_then(later))
    assert _place_issues(marts) == [
        ("preview", 3, "4", "place 3", "the text puts Lewis Hamilton in place 4 of the championship, but the standings of 2023-10-25 (austin, line 11) allow place 3, with at most 0 points scored since"),
    ]


def test_a_place_after_rounds_is_any_the_points_since_allow(run_core):
    """After Mexico City (round 19, no sprint: 26 points at most), Hamilton (201) is third or fourth:
    Perez (240) is out of his reach, Alonso (183) is not; Norris (159) fourth to eighth; Piastri (83)
    ninth, his nearest rivals too far on either side."""
    later = (
        " date 2023-10-31 After Mexico.\n\n"
        "Hamilton is second in the championship.\n\nHamilton is fourth in the championship.\n\n"
        "Norris is fourth in the standings.\n\nPiastri is fifth in the standings.\n"
    )
    marts = run_core(austin_then(later))
    assert [(line, observed, expected) for _, line, observed, expected, _ in _place_issues(marts)] == [
        (3, "2", "places 3 to 4"),
        (9, "5", "place 9"),
    ]


def test_a_table_that_ends_within_reach_bounds_a_place_from_above_only(run_core):
    """A top-five table: Sainz (171) last of it, anyone below could be level after a round (26 points),
    so a place lower than any in the table is not flagged, a higher one is."""
    top5 = AUSTIN.split("06th")[0].rstrip() + "\n"
    later = " date 2023-10-31 After Mexico.\n\nSainz is tenth in the championship.\n\nSainz is second in the championship.\n"
    marts = run_core([text_file("top5", top5), text_file("preview", later)])
    assert [(line, observed, expected) for _, line, observed, expected, _ in _place_issues(marts)] == [(5, "2", "place 4 or lower")]


def test_a_place_in_another_series_or_the_constructors_table(run_core):
    """'the current WRC runner-up' is no F1 place; a team's place is checked against the constructors'
    table (Red Bull 706, Mercedes 344, Ferrari 322, McLaren 242, Aston Martin 236 after Austin)."""
    later = (
        " date 2023-10-27 Mexico preview.\n\n"
        "Hamilton, the current WRC runner-up, was quick.\n\nFerrari are second in the constructors' championship.\n"
    )
    marts = run_core(austin_then(later))
    assert [(line, observed, expected) for _, line, observed, expected, _ in _place_issues(marts)] == [(5, "2", "place 3")]
