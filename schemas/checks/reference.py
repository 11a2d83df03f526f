"""Checks against the reference data: nationalities, and which racing series an article speaks of."""

import polars as pl

from schemas.registry import Check, register, s

register(
    Check(
        id="ref.nationality",
        severity="error",
        description="The nationality code's country is the driver's nationality in the reference data.",
        frames=("race_results", "driver_standings"),
        rule=pl.col("nationality_iso3").is_null() | pl.col("driver_nationality_iso3").is_null() | (pl.col("nationality_iso3") == pl.col("driver_nationality_iso3")),
        message=pl.format(
            "`({})` is {} ({} code), but {} is from {}",
            pl.col("nationality_code"), pl.col("nationality"), pl.col("nationality_convention"), pl.col("driver"), pl.col("driver_nationality"),
        ),
        observed=pl.format("{} = {}", pl.col("nationality_code"), pl.col("nationality")),
        expected=pl.col("driver_nationality"),
    ),
    Check(
        id="ref.series_mention",
        severity="warning",
        description="Another racing series is named where the article speaks of a current driver's standing in this season's championship.",
        frames=("series_mentions",),
        rule=(pl.col("series") == pl.col("season_series"))
        | pl.col("season_series").is_null()
        | ~pl.col("has_role")
        | pl.col("is_past")
        | pl.col("other_year")
        | ~pl.col("subject_in_season"),
        message=pl.format(
            "the sentence calls {}, a {} {} driver, by a current standing in {} ({}); this article is about the {} championship",
            pl.col("subject_driver"), s(pl.col("season")), pl.col("season_series"), pl.col("series_raw"), pl.col("series_name"), pl.col("season_series"),
        ),
        observed=pl.col("series_raw"),
        expected=pl.col("season_series"),
    ),
)
