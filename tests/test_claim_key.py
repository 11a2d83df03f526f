"""A line of prose is a paragraph, often of several claims: an issue names the claim it is about
(`claim_no`), so one wrong figure does not take the true ones of its paragraph with it."""

import polars as pl

from conftest import text_file

SATURDAY = (
    "date 2023-10-21 Verstappen won the sprint in Austin.\n\n"
    "Max Verstappen has 441 points, while Sergio Perez has 230 points and Lewis Hamilton has 198 points.\n\n"
    "World Championship standings (after 17 of 22 Grand Prix, incl. 5 of 6 sprints)\n\nDriver\n\n"
    "01. Verstappen 441 points\n\n02. Pérez 228\n\n03. Hamilton 198\n"
)


def _claims(marts) -> list[tuple]:
    return marts["claims"].sort("article_id", "line", "claim_no").select("article_id", "line", "claim_no", "driver", "has_error", "issue_checks").rows()


def _issues(marts, check: str) -> list[tuple]:
    return marts["validation_issues"].filter(pl.col("check") == check).select("article_id", "line", "claim_no", "table").rows()


def test_an_issue_on_a_claim_flags_that_claim_only(run_core):
    marts = run_core([text_file("saturday", SATURDAY)])
    assert _claims(marts) == [
        ("saturday", 1, 1, "Max Verstappen", False, None),  # won the sprint
        ("saturday", 3, 1, "Max Verstappen", False, None),
        ("saturday", 3, 2, "Sergio Pérez", True, "cross.claim_points"),
        ("saturday", 3, 3, "Lewis Hamilton", False, None),
    ]
    assert _issues(marts, "cross.claim_points") == [("saturday", 3, 2, "claims")]
    assert marts["claims"].select("article_id", "line", "claim_no").is_unique().all()


def test_an_issue_across_articles_flags_its_claim_only(run_core):
    """Two days after a table of Pérez's 228 he cannot have 300; Verstappen's 466 on the same line can be right."""
    table_only = SATURDAY.replace("Max Verstappen has 441 points, while Sergio Perez has 230 points and Lewis Hamilton has 198 points.\n\n", "")
    monday = "date 2023-10-23\n\nMax Verstappen has 466 points and Sergio Perez has 300 points.\n"
    marts = run_core([text_file("saturday", table_only), text_file("monday", monday)])
    assert [row for row in _claims(marts) if row[0] == "monday"] == [
        ("monday", 3, 1, "Max Verstappen", False, None),
        ("monday", 3, 2, "Sergio Pérez", True, "season.points_jump"),
    ]
    assert _issues(marts, "season.points_jump") == [("monday", 3, 2, "claims")]


def test_a_figure_no_claim_reads_is_on_every_claim_of_its_line(run_core):
    """An issue on the whole line (no claim_no) is on each of its claims."""
    text = "date 2023-11-28\n\nMax Verstappen has 575 points. Sergio Perez has 285 points. Lewis Hamilton nailed third place in the championship.\n"
    marts = run_core([text_file("unread", text)])
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread.select("line", "claim_no", "table").rows() == [(3, None, "claims")]
    assert [(no, checks) for _, _, no, _, _, checks in _claims(marts)] == [(1, "parse.unread_claim"), (2, "parse.unread_claim")]


def test_a_wrong_claim_leaves_the_others_of_its_line_counted_across_articles(run_core):
    """After the same round, 466 twice outvotes 470: the 466 beside an impossible 999 counts (before, its
    whole line was set aside, and 466 and 470 were a tie, a warning on each)."""
    articles = [
        text_file("a", "date 2023-10-24\n\nMax Verstappen has 466 points, and Sergio Perez has 999 points.\n"),
        text_file("b", "date 2023-10-24\n\nMax Verstappen has 470 points.\n"),
        text_file("c", "date 2023-10-24\n\nMax Verstappen has 466 points.\n"),
    ]
    marts = run_core(articles)
    serious = marts["validation_issues"].filter(pl.col("severity") != "info").sort("article_id", "line", "claim_no")
    assert serious.select("article_id", "claim_no", "check").rows() == [("a", 2, "cross.claim_points_possible"), ("b", 1, "season.points_same_round")]
