"""Prose claims: the seeds, the clean articles' documented claims, and each phrasing."""

import re

import polars as pl
import pytest

from conftest import CLEAN, SEED_BRAZIL, SEED_P2, SEED_USGP, text_file


def test_seed_claims(seeds):
    _, marts = seeds
    claims = marts["claims"]
    points = set(claims.filter(pl.col("kind") == "points").select("article_id", "line", "driver", "points").iter_rows())
    assert points == {(SEED_P2, 19, "Sergio Pérez", 273.0), (SEED_P2, 19, "Max Verstappen", 549.0)}
    margin = claims.filter(pl.col("kind") == "margin").select("article_id", "line", "driver", "rival", "margin").rows()
    assert margin == [(SEED_BRAZIL, 15, "Sergio Pérez", "Lewis Hamilton", 32.0)]
    positions = set(claims.filter(pl.col("kind") == "position").select("article_id", "line", "driver", "position", "series").iter_rows())
    assert positions == {(SEED_USGP, 9, "Sergio Pérez", 2, "WRC"), (SEED_P2, 1, "Sergio Pérez", 2, "F1")}


def test_seed_series_mentions(seeds):
    _, marts = seeds
    mentions = marts["series_mentions"]
    wrc = mentions.filter(pl.col("series") == "WRC").row(0, named=True)
    assert (wrc["article_id"], wrc["line"], wrc["driver"], wrc["has_role"], wrc["is_past"]) == (SEED_USGP, 9, "Sergio Pérez", True, False)
    assert wrc["text"].endswith("explains the current WRC runner-up.")
    assert set(mentions["series"]) == {"WRC", "F1"}


def _documented_claims() -> set[tuple]:
    """The claims tables of tests/fixtures/articles/clean/EXPECTED.md: (article, line, kind, driver, rival, value)."""
    rows = set()
    article = None
    for text in (CLEAN / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"## `(.+)\.txt`", text):
            article = m.group(1)
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if article and len(cells) == 6 and cells[0].isdigit() and cells[1] in {"points", "margin", "position"}:
            rows.add((article, int(cells[0]), cells[1], cells[2], cells[3] or None, float(cells[4])))
    return rows


def test_clean_articles_claims_match_their_documentation(clean):
    _, marts = clean
    claims = marts["claims"].with_columns(
        pl.coalesce(pl.col("points"), pl.col("margin"), pl.col("position").cast(pl.Float64)).alias("value")
    )
    got = set(claims.select("article_id", "line", "kind", "driver_id", "rival_id", "value").iter_rows())
    documented = _documented_claims()
    assert len(documented) > 40
    assert documented <= got
    # "X leads the standings with N points" also gives X's place: first
    extra = got - documented
    leaders = set(claims.filter(pl.col("text").str.contains(" leads ")).select("article_id", "line").iter_rows())
    assert all(kind == "position" and value == 1.0 and (a, line) in leaders for a, line, kind, _, _, value in extra), extra


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Verstappen has 466 points.", [("points", "max-verstappen", None, 466.0)]),
        ("Verstappen leads the standings with 466 points.", [("points", "max-verstappen", None, 466.0), ("position", "max-verstappen", None, 1.0)]),
        ("Pérez is on 240 points.", [("points", "sergio-perez", None, 240.0)]),
        ("With 240 points to his name, Pérez is second.", [("points", "sergio-perez", None, 240.0)]),
        ("Verstappen is 226 points clear of Pérez.", [("margin", "max-verstappen", "sergio-perez", 226.0)]),
        ("Perez increased his lead to 39 points over Hamilton.", [("margin", "sergio-perez", "lewis-hamilton", 39.0)]),
        (
            "Sergio Perez has 240 points, while Lewis Hamilton has 201 points.",
            [("points", "sergio-perez", None, 240.0), ("points", "lewis-hamilton", None, 201.0)],
        ),
        ("Sergio Perez is second in the drivers' championship.", [("position", "sergio-perez", None, 2.0)]),
        ("The championship runner-up Perez drove well.", [("position", "sergio-perez", None, 2.0)]),
        ("Hamilton finished third in the race.", []),
    ],
)
def test_claim_phrasings(run_core, sentence, expected):
    marts = run_core([text_file("claims", f" date 2023-10-26 {sentence}\n")])
    claims = marts["claims"].with_columns(
        pl.coalesce(pl.col("points"), pl.col("margin"), pl.col("position").cast(pl.Float64)).alias("value")
    )
    assert sorted(claims.select("kind", "driver_id", "rival_id", "value").rows()) == sorted(expected)
