"""The contiguous-group window expressions give exactly what `.over()` gives on a sorted frame."""

from __future__ import annotations

import random

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from parcferme import windows as W

KEYS = ["article_id", "table_line"]


def _standings_like(seed: int) -> pl.DataFrame:
    """Rows of a few tables of a few articles, with null keys and null values among them, sorted."""
    rnd = random.Random(seed)
    n = rnd.randint(0, 60)
    return pl.DataFrame(
        {
            "article_id": [rnd.choice(["a", "b", "c", None]) for _ in range(n)],
            "table_line": [rnd.choice([3, 12, None]) for _ in range(n)],
            "points": [rnd.choice([None, 0, 6, 25]) for _ in range(n)],
            "line": list(range(n)),
        },
        schema={"article_id": pl.String, "table_line": pl.Int64, "points": pl.Int64, "line": pl.Int64},
    ).sort(*KEYS, "line", nulls_last=rnd.random() < 0.5)


@pytest.mark.parametrize("seed", range(150))
def test_each_expression_matches_over(seed: int):
    frame = _standings_like(seed)
    points = pl.col("points")
    got = frame.select(
        W.previous(points, KEYS).alias("previous"),
        W.following(points, KEYS).alias("following"),
        W.row_number(KEYS).alias("row_number"),
        W.first_of_group(points, KEYS).alias("first"),
        W.fill_forward(points, KEYS).alias("fill_forward"),
    )
    expected = frame.select(
        points.shift(1).over(KEYS).alias("previous"),
        points.shift(-1).over(KEYS).alias("following"),
        pl.col("line").rank("ordinal").over(KEYS).alias("row_number"),
        points.first().over(KEYS).alias("first"),
        points.forward_fill().over(KEYS).alias("fill_forward"),
    )
    assert_frame_equal(got, expected)


def test_groups_end_where_the_keys_change():
    frame = pl.DataFrame({"article_id": ["a", "a", "a", "b", "b"], "table_line": [3, 3, 9, 3, 3], "points": [25, None, 18, None, 6], "line": [4, 5, 10, 4, 5]})
    out = frame.select(
        W.previous(pl.col("points"), KEYS).alias("prev"),
        W.fill_forward(pl.col("points"), KEYS).alias("filled"),
        W.row_number(KEYS).alias("row"),
    )
    assert out["prev"].to_list() == [None, 25, None, None, None]
    assert out["filled"].to_list() == [25, 25, 18, None, 6]  # b's first row does not inherit a's 18
    assert out["row"].to_list() == [1, 2, 1, 1, 2]
