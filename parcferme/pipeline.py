"""The whole job as pure functions: raw files -> staging frames -> issues -> warehouse tables.

Layers, as in the warehouse folder:
- staging: every frame parsed and resolved, with the working columns the checks need, the issues of
  the checks that look inside one article, and the narrow season inputs; kept so a later run
  re-checks the whole season while parsing only new or changed files;
- marts: the published tables of the contract (`schemas.models`), each row flagged with the worst
  severity of its issues, plus `validation_issues`.

An archive is never held in memory at once: `stage_batch` parses and checks one batch of articles,
`check_season` runs the checks across articles on the narrow season inputs of all of them, and
`publish` makes the marts of one range of articles (`article_ranges`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

import polars as pl

from parcferme.parse import Parsed, documents_frame, parse_documents
from parcferme.raw import RawEntry
from parcferme.reference import Reference
from parcferme.resolve import resolve
from parcferme.staged import STAGED_FRAMES, Staged, in_order
from schemas.frames import CheckInput, one_season, season_check_input, season_inputs, seasons_of
from schemas.registry import article_checks, season_checks
from schemas.validate import ISSUE_SCHEMA, run_checks

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

__all__ = ["STAGED_FRAMES", "ArticleRange", "Staged", "article_ranges", "batches", "build", "check", "check_season", "in_order", "publish", "stage", "stage_batch"]


def __getattr__(name: str):
    """`MART_COLUMNS`, the contract's columns of each table, loaded when first asked for: the
    contract's models load pandera, and with it pandas and pyarrow (about 80 MiB), which the flow's
    process does without while its worker processes stage a large run (`parcferme.stage_process`)."""
    if name == "MART_COLUMNS":
        from schemas.models import MART_COLUMNS

        return MART_COLUMNS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The bytes of raw files a batch holds at most, besides its count of files: about twice a batch of 2,000
# articles of news. Parsing holds about thirty times a batch's bytes at once (measured: 250 MiB over the
# process for one file of 8 MiB), so a folder of large files is cut into smaller batches and memory stays
# that of a batch of news. A file larger than this is a batch of its own.
BATCH_BYTES = 8 * 2**20


def batches(entries: list[RawEntry], size: int, max_bytes: int | None = None) -> Iterator[list[RawEntry]]:
    """The entries in order, cut into batches of at most `size` files and `max_bytes` (`BATCH_BYTES`)
    bytes as listed; a file that will not be read counts none, a file larger than that is alone."""
    max_bytes = max_bytes or BATCH_BYTES
    batch: list[RawEntry] = []
    held = 0
    for entry in entries:
        if batch and (len(batch) >= size or held + (entry.size or 0) > max_bytes):
            yield batch
            batch, held = [], 0
        batch.append(entry)
        held += entry.size or 0
    if batch:
        yield batch


def stage(files: list[tuple], reference: Reference) -> Parsed:
    """Parse and resolve raw files: (article_id, source file name, bytes[, read error]) each."""
    return resolve(parse_documents(documents_frame(files), reference), reference)


def stage_batch(files: list[tuple], reference: Reference) -> Staged:
    """Parse, resolve and check one batch of raw files: everything but the checks across articles."""
    staging = stage(files, reference)
    ci = CheckInput(staging, reference)
    issues = run_checks(ci, article_checks())
    return Staged(staging, issues, season_inputs(ci, issues))


def check_season(season: dict[str, pl.DataFrame | pl.LazyFrame], reference: Reference) -> pl.DataFrame:
    """The checks across articles, over the season inputs of every article of the run (in memory or
    scans), one season at a time (they compare articles of the same season only)."""
    checks, scans = season_checks(), {name: frame.lazy() for name, frame in season.items()}
    parts = [run_checks(season_check_input(one_season(scans, year), reference), checks) for year in seasons_of(scans)]
    return pl.concat([pl.DataFrame(schema=ISSUE_SCHEMA), *parts]).sort(list(ISSUE_SCHEMA), nulls_last=False)


def quote_lines(issues: pl.DataFrame, lines: pl.DataFrame) -> pl.DataFrame:
    """Issues with the raw text of the line each one is on, in a total order."""
    quoted = lines.join(issues.select("article_id", "line").unique(), on=["article_id", "line"], how="semi")
    raw = quoted.select("article_id", "line", pl.col("text").alias("raw_text"))
    return issues.join(raw, on=["article_id", "line"], how="left").sort(list(ISSUE_SCHEMA), nulls_last=False)


def check(staged: Staged, reference: Reference) -> pl.DataFrame:
    """All issues of a set of articles held in memory at once (article and season checks)."""
    issues = pl.concat([staged.article_issues, check_season(staged.season, reference)])
    return quote_lines(issues, staged.staging.lines)


GROWN = 1.25  # how far past its size a range kept from the previous generation may grow before it is cut


class ArticleRange(NamedTuple):
    first: str
    last: str
    count: int
    kept_from: int | None = None  # the previous generation's range of these same articles, none of them new or changed


def article_ranges(
    article_ids: list[str], size: int, previous: list[list[str]] | None = None, fresh: frozenset[str] = frozenset(), starts: list[str] | None = None
) -> list[ArticleRange]:
    """Sorted article ids cut into consecutive ranges of `size` articles: the units the marts are made
    in. Concatenated in order they are the marts of the whole archive, in order.

    Without `previous`, `starts` (the first article of each batch staged) moves each cut to the next
    start of a batch when that leaves the range no larger than `GROWN` times `size`: a range made of
    whole batches keeps their staged parts as its staging instead of writing it again.

    With `previous`, the sorted article ids of each range of the previous generation, the cuts stay
    where they were: each article goes to the range it would have been in, and a range grown past
    `GROWN` times `size` is cut again into ranges of no more than `size` (a range's articles are
    what publishing holds in memory at once). A day's news then leaves most ranges as they were, and a range whose
    articles are the previous one's, none of them in `fresh` (new or changed), says which one it is
    (`kept_from`): its staging can be kept as it is instead of written again."""
    ids = sorted(article_ids)
    if not previous:
        return _cut(ids, size, starts)
    starts = [members[0] for members in previous[1:]]  # an article before the second range's first is in the first
    groups: list[list[str]] = [[] for _ in previous]
    for article_id in ids:
        groups[bisect_right(starts, article_id)].append(article_id)
    ranges = []
    for index, group in enumerate(groups):
        if group == previous[index] and fresh.isdisjoint(group):
            ranges.append(ArticleRange(group[0], group[-1], len(group), index))
        elif group:
            parts = -(-len(group) // size) if len(group) > GROWN * size else 1
            ranges += _cut(group, -(-len(group) // parts))
    return ranges


def _cut(ids: list[str], size: int, starts: list[str] | None = None) -> list[ArticleRange]:
    """`ids` cut every `size` articles, each cut moved to the next of `starts` within `GROWN` times `size`."""
    bounds = sorted({bisect_left(ids, start) for start in starts or ()})
    cuts, begin = [], 0
    while begin < len(ids):
        end = begin + size
        aligned = bounds[index] if (index := bisect_left(bounds, end)) < len(bounds) else len(ids)
        end = min(aligned if aligned <= begin + GROWN * size else end, len(ids))
        cuts.append(ArticleRange(ids[begin], ids[end - 1], end - begin))
        begin = end
    return cuts


def ids_in_range(sorted_ids: list[str], first: str, last: str) -> list[str]:
    return sorted_ids[bisect_left(sorted_ids, first) : bisect_right(sorted_ids, last)]


ROW_KEY = ["article_id", "line"]
CLAIM_KEY = [*ROW_KEY, "claim_no"]  # a line of prose holds several claims


def _row_flags(issues: pl.DataFrame, table: str, key: list[str]) -> pl.DataFrame:
    return (
        issues.filter((pl.col("table") == table) & pl.col("line").is_not_null())
        .with_columns(pl.col("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int64).alias("_rank"))
        .group_by(key)
        .agg(
            pl.col("severity").sort_by("_rank").first().alias("worst_severity"),
            (pl.col("severity") == "error").any().alias("has_error"),
            (pl.col("severity") == "warning").any().alias("has_warning"),
            pl.col("check").unique().sort().str.join(", ").alias("issue_checks"),
        )
    )


def _flag(frame: pl.DataFrame, issues: pl.DataFrame, table: str, key: list[str] = ROW_KEY) -> pl.DataFrame:
    return frame.join(_row_flags(issues, table, key), on=key, how="left").with_columns(
        pl.col("has_error").fill_null(False), pl.col("has_warning").fill_null(False)
    )


def _on_each_claim(issues: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """The issues on claims, each on the claim it names (`claim_no`); one on a whole line of prose
    (no `claim_no`: a figure no claim reads) on each claim of the line."""
    on_claims = issues.filter(pl.col("table") == "claims")
    on_lines = on_claims.filter(pl.col("claim_no").is_null()).drop("claim_no").join(claims.select(CLAIM_KEY), on=ROW_KEY, how="inner")
    return pl.concat([on_claims.filter(pl.col("claim_no").is_not_null()), on_lines.select(on_claims.columns)])


def _articles_mart(staging: Parsed, issues: pl.DataFrame) -> pl.DataFrame:
    counts = issues.group_by("article_id").agg(
        *((pl.col("severity") == sev).sum().cast(pl.Int64).alias(f"n_{sev}s") for sev in SEVERITY_RANK)
    )
    status = (
        pl.when(pl.col("encoding") == "unread")
        .then(pl.lit("unread"))
        .when(pl.col("encoding") == "binary")
        .then(pl.lit("binary"))
        .when(pl.col("n_text_lines") == 0)
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


def publish(staging: Parsed, issues: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The warehouse tables of these articles, in contract column order, validated against the
    pandera models. `issues`: every issue of these articles, as `check` or `quote_lines` gives them."""
    claims = staging.claims.with_columns(
        pl.coalesce("rival_driver", "rival_team").alias("rival"), pl.coalesce("rival_driver_id", "rival_team_id").alias("rival_id"),
        pl.coalesce("race", "race_of").alias("race"), pl.coalesce("round", "round_of").alias("round"),  # the race named, else the one it is of
    )
    mentions = staging.series_mentions.rename({"subject_driver": "driver", "subject_driver_id": "driver_id"})
    published = staging.articles.select("article_id", "published")
    tables = {
        "articles": lambda: _articles_mart(staging, issues),
        "race_results": lambda: _flag(staging.race_results, issues, "race_results"),
        "driver_standings": lambda: _flag(staging.driver_standings, issues, "driver_standings"),
        "constructor_standings": lambda: _flag(staging.constructor_standings, issues, "constructor_standings"),
        "claims": lambda: _flag(claims, _on_each_claim(issues, claims), "claims", CLAIM_KEY),
        "series_mentions": lambda: _flag(mentions.drop("published"), issues, "series_mentions").join(published, on="article_id", how="left"),
        "validation_issues": lambda: issues,
    }
    from schemas.models import MART_COLUMNS, validate_marts  # here: see __getattr__

    # each table made and cut to its contract before the next: the wide frames in between never pile up
    marts = {name: in_order(make().select(MART_COLUMNS[name])) for name, make in tables.items()}
    validate_marts(marts)
    return marts


def build(files: list[tuple], reference: Reference) -> tuple[Staged, dict[str, pl.DataFrame]]:
    """Everything at once, for a corpus small enough to hold in memory: (staged, marts)."""
    staged = stage_batch(files, reference)
    return staged, publish(staged.staging, check(staged, reference))
