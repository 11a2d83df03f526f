"""The whole job as pure functions: raw files -> staging frames -> issues -> warehouse tables.

Layers, as in the warehouse folder:
- staging: every frame parsed and resolved, with the working columns the checks need; kept so a
  later run can re-check the whole season while parsing only new or changed files;
- marts: the published tables of the contract (`schemas.models`), each row flagged with the worst
  severity of its issues, plus `validation_issues`.
"""

from __future__ import annotations

from dataclasses import fields

import polars as pl

from parcferme.parse import Parsed, documents_frame, parse_documents
from parcferme.reference import Reference, load_reference as load_default_reference
from parcferme.resolve import resolve
from schemas.frames import CheckInput
from schemas.models import MART_COLUMNS, validate_marts
from schemas.validate import run_checks

STAGING_FRAMES = tuple(f.name for f in fields(Parsed))
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def stage(files: list[tuple], reference: Reference) -> Parsed:
    """Parse and resolve raw files: (article_id, source file name, bytes[, read error]) each."""
    return resolve(parse_documents(documents_frame(files), reference), reference)


def merge_many(previous: Parsed | None, batches: list[Parsed], keep: set[str]) -> Parsed:
    """Staging for the whole corpus: the rows of `previous` for the articles in `keep`, plus the
    freshly parsed batches."""
    parts = list(batches)
    if previous is not None:
        kept = sorted(keep)
        parts.insert(0, Parsed(**{name: getattr(previous, name).filter(pl.col("article_id").is_in(kept)) for name in STAGING_FRAMES}))
    if not parts:
        return stage([], load_default_reference())
    return Parsed(**{name: pl.concat([getattr(p, name) for p in parts], how="diagonal_relaxed") for name in STAGING_FRAMES})


def check(staging: Parsed, reference: Reference) -> pl.DataFrame:
    """All issues over the whole corpus, with the raw text of the line each one is on."""
    issues = run_checks(CheckInput(staging, reference))
    quoted = staging.lines.join(issues.select("article_id", "line").unique(), on=["article_id", "line"], how="semi")
    raw = quoted.select("article_id", "line", pl.col("text").alias("raw_text"))
    return issues.join(raw, on=["article_id", "line"], how="left").sort(issues.columns, nulls_last=False)


def _row_flags(issues: pl.DataFrame, table: str) -> pl.DataFrame:
    return (
        issues.filter((pl.col("table") == table) & pl.col("line").is_not_null())
        .with_columns(pl.col("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int64).alias("_rank"))
        .group_by("article_id", "line")
        .agg(
            pl.col("severity").sort_by("_rank").first().alias("worst_severity"),
            (pl.col("severity") == "error").any().alias("has_error"),
            (pl.col("severity") == "warning").any().alias("has_warning"),
            pl.col("check").unique().sort().str.join(", ").alias("issue_checks"),
        )
    )


def _flag(frame: pl.DataFrame, issues: pl.DataFrame, table: str) -> pl.DataFrame:
    return frame.join(_row_flags(issues, table), on=["article_id", "line"], how="left").with_columns(
        pl.col("has_error").fill_null(False), pl.col("has_warning").fill_null(False)
    )


def _articles_mart(staging: Parsed, issues: pl.DataFrame) -> pl.DataFrame:
    counts = issues.group_by("article_id").agg(
        *((pl.col("severity") == sev).sum().cast(pl.Int64).alias(f"n_{sev}s") for sev in SEVERITY_RANK)
    )
    status = (
        pl.when(pl.col("encoding") == "unread")
        .then(pl.lit("unread"))
        .when(pl.col("encoding") == "binary")
        .then(pl.lit("binary"))
        .when(pl.col("n_lines") == 0)
        .then(pl.lit("empty"))
        .when(pl.col("published").is_null())
        .then(pl.lit("undated"))
        .otherwise(pl.lit("parsed"))
    )
    return (
        staging.articles.join(counts, on="article_id", how="left")
        .with_columns(
            status.alias("status"),
            pl.col("header_line").alias("line"),
            *(pl.col(f"n_{sev}s").fill_null(0) for sev in SEVERITY_RANK),
        )
        .with_columns((pl.col("n_errors") > 0).alias("has_error"), (pl.col("n_warnings") > 0).alias("has_warning"))
    )


def _in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows by article and line, ties broken by every other column: the same input always gives the
    same row order, so the same bytes."""
    return frame.sort(frame.columns, nulls_last=False)


def publish(staging: Parsed, issues: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The warehouse tables, in contract column order, validated against the pandera models."""
    claims = staging.claims.rename({"rival_driver": "rival", "rival_driver_id": "rival_id"})
    mentions = staging.series_mentions.rename({"subject_driver": "driver", "subject_driver_id": "driver_id"})
    published = staging.articles.select("article_id", "published")
    tables = {
        "articles": _articles_mart(staging, issues),
        "race_results": _flag(staging.race_results, issues, "race_results"),
        "driver_standings": _flag(staging.driver_standings, issues, "driver_standings"),
        "constructor_standings": _flag(staging.constructor_standings, issues, "constructor_standings"),
        "claims": _flag(claims, issues, "claims"),
        "series_mentions": _flag(mentions.drop("published"), issues, "claims").join(published, on="article_id", how="left"),
        "validation_issues": issues,
    }
    marts = {name: _in_order(frame.select(MART_COLUMNS[name])) for name, frame in tables.items()}
    validate_marts(marts)
    return marts


def build(files: list[tuple], reference: Reference) -> tuple[Parsed, dict[str, pl.DataFrame]]:
    """Everything at once, for a corpus held in memory: (staging, marts)."""
    staging = stage(files, reference)
    return staging, publish(staging, check(staging, reference))
