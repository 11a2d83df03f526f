"""The seed articles: every source error flagged on its own line, and nothing else."""

import polars as pl

from conftest import SEED_USGP, issue_set

SEED_ERRORS = {
    (SEED_USGP, 9, "ref.series_mention"),  # "the current WRC runner-up": Pérez is the F1 runner-up
    (SEED_USGP, 37, "ref.nationality"),  # Zhou (RCH): RCH is Chile, Zhou is Chinese
    (SEED_USGP, 81, "standings.duplicate_driver"),  # 11th Gasly 52: the inconsistent extra line
}


def test_seed_source_errors_exactly(seeds):
    _, marts = seeds
    assert issue_set(marts["validation_issues"]) == SEED_ERRORS


def test_gasly_52_named_inconsistent_with_evidence(seeds):
    _, marts = seeds
    issues = marts["validation_issues"].filter(pl.col("check").str.starts_with("standings.duplicate_"))
    wrong = issues.filter(pl.col("line") == 81).row(0, named=True)
    right = issues.filter(pl.col("line") == 79).row(0, named=True)
    # the consistent entry is kept (info): a filter on has_error keeps Gasly's 56
    assert (wrong["check"], wrong["severity"], right["check"], right["severity"]) == ("standings.duplicate_driver", "error", "standings.duplicate_kept", "info")
    assert "inconsistent" in wrong["message"] and "Alpine 100" in wrong["message"] and "Esteban Ocon 44" in wrong["message"]
    assert (wrong["observed"], wrong["expected"]) == ("52", "56 (from Alpine 100 − Esteban Ocon 44)")
    assert "consistent one" in right["message"]
    assert wrong["raw_text"] == "11th Gasly 52"


def test_wrc_and_nationality_messages(seeds):
    _, marts = seeds
    issues = marts["validation_issues"]
    wrc = issues.filter(pl.col("check") == "ref.series_mention").row(0, named=True)
    assert (wrc["severity"], wrc["observed"], wrc["expected"], wrc["table"]) == ("warning", "WRC", "F1", "series_mentions")
    assert "Sergio Pérez" in wrc["message"]
    zhou = issues.filter(pl.col("check") == "ref.nationality").row(0, named=True)
    assert (zhou["severity"], zhou["observed"], zhou["expected"]) == ("error", "RCH = Chile", "China")


def test_rows_are_flagged_not_dropped(seeds):
    _, marts = seeds
    ds = marts["driver_standings"].filter(pl.col("article_id") == SEED_USGP)
    assert ds.height == 23
    assert ds.filter(pl.col("has_error"))["line"].to_list() == [81]
    assert ds.filter(pl.col("line") == 83).select("has_error", "has_warning", "worst_severity").row(0) == (False, False, None)
    res = marts["race_results"]
    assert res.filter(pl.col("has_error"))["line"].to_list() == [37]
    # the mention of the WRC is what is wrong, not the claim of the same sentence (Pérez the runner-up, true of F1)
    mentions = marts["series_mentions"]
    assert mentions.filter(pl.col("has_warning")).select("article_id", "line", "series", "issue_checks").rows() == [(SEED_USGP, 9, "WRC", "ref.series_mention")]
    assert marts["claims"].filter(pl.col("has_warning") | pl.col("has_error")).is_empty()
    articles = dict(marts["articles"].select("article_id", "n_errors").iter_rows())
    assert articles == {SEED_USGP: 2, "2023-11-06_perez-alonso-brazil": 0, "2023-11-24_perez-secures-p2": 0}


def test_format_oddities_are_info(seeds):
    _, marts = seeds
    info = marts["validation_issues"].filter((pl.col("severity") == "info") & pl.col("check").str.starts_with("format."))
    got = set(info.select("line", "check", "observed").iter_rows())
    assert got == {
        (29, "format.driver_alias", "Alex Albon"),
        (29, "format.position_style", "09th"),
        (73, "format.position_style", "07"),
        (77, "format.position_style", "09th"),
        (109, "format.position_style", "01st"),
    }


def test_places_the_reader_does_not_read_are_info(seeds):
    """The third seed states Pérez's second place in the championship four times; the reader reads
    the headline's and the Mexican's (Pérez, named earlier in the sentence), and says of the other
    two (quotes that name no one) that they are not checked."""
    _, marts = seeds
    unread = marts["validation_issues"].filter(pl.col("check") == "parse.unread_claim")
    assert unread.select("article_id", "line", "severity", "message").rows() == [
        ("2023-11-24_perez-secures-p2", 13, "info", "this sentence states second in the championship in a way the claim reader does not know: it is not checked"),
        ("2023-11-24_perez-secures-p2", 17, "info", "this sentence states second place in the championship in a way the claim reader does not know: it is not checked"),
    ]
    places = marts["claims"].filter((pl.col("article_id") == "2023-11-24_perez-secures-p2") & (pl.col("kind") == "position"))
    assert places.select("line", "driver", "driver_raw", "position").rows() == [(1, "Sergio Pérez", "Sergio Perez", 2), (11, "Sergio Pérez", "Mexican", 2)]


def test_places_in_the_race_of_the_seeds_are_their_drivers(seeds):
    """The Austin seed: "Sergio Pérez ... finished fifth after 56 laps. Due to Lewis Hamilton's
    disqualification, he moved up to fourth place." The 'he' is Pérez: Hamilton is named in the
    possessive of a phrase put before the subject (it was read as Hamilton, fourth: a claim about the
    wrong driver, which no check flagged since Hamilton was disqualified)."""
    _, marts = seeds
    finishes = marts["claims"].filter(pl.col("kind") == "finish").sort("article_id", "line", "position")
    assert finishes.select("article_id", "line", "driver", "driver_raw", "position", "has_error").rows() == [
        (SEED_USGP, 3, "Sergio Pérez", "he", 4, False),
        (SEED_USGP, 3, "Sergio Pérez", "Sergio Pérez", 5, False),
        ("2023-11-06_perez-alonso-brazil", 3, "Fernando Alonso", "Spaniard", 3, False),
        ("2023-11-06_perez-alonso-brazil", 13, "Sergio Pérez", "Perez", 4, False),
    ]
