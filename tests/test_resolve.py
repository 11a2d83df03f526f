"""Which season an article belongs to, and what the calendar had run by its date."""

import datetime

import polars as pl
import pytest

from parcferme.resolve import article_seasons


@pytest.mark.parametrize(
    "published, season, known, rounds_by",
    [
        (datetime.date(2023, 10, 26), 2023, True, 18),
        (datetime.date(2023, 3, 1), 2023, True, 0),  # before the first race: still 2023's calendar
        (datetime.date(2024, 1, 15), 2023, True, 22),  # off-season: the season just ended
        (datetime.date(2024, 6, 1), 2024, False, None),  # no reference data for 2024
        (datetime.date(2021, 6, 1), 2021, False, None),
    ],
)
def test_article_season(reference, published, season, known, rounds_by):
    articles = pl.DataFrame({"article_id": ["a"], "published": [published]})
    row = article_seasons(articles, reference).row(0, named=True)
    assert (row["season"], row["season_known"], row["rounds_by"]) == (season, known, rounds_by)
