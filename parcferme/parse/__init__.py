"""Parsing: raw article bytes to typed frames, one module per kind of section.

`parse_documents` is the whole step; it never raises on bad input: what cannot be read is kept as
a line of kind `unreadable` (or an article with no date) for the checks to report.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from parcferme.parse import patterns as P
from parcferme.parse.claims import Referents, read_prose
from parcferme.parse.document import documents_frame, header_dates, line_counts, split_lines, text_lines
from parcferme.parse.lines import classify
from parcferme.parse.results import parse_results
from parcferme.parse.standings import parse_constructor_standings, parse_driver_standings
from parcferme.reference import Reference

__all__ = ["Parsed", "documents_frame", "parse_documents"]


@dataclass(frozen=True)
class Parsed:
    articles: pl.DataFrame
    lines: pl.DataFrame
    race_results: pl.DataFrame
    driver_standings: pl.DataFrame
    constructor_standings: pl.DataFrame
    claims: pl.DataFrame
    series_mentions: pl.DataFrame
    statements: pl.DataFrame  # sentences stating a number of points (read as a claim or not) or a place no claim reads


def _prose_lines(lines: pl.DataFrame, headers: pl.DataFrame) -> pl.DataFrame:
    """Prose for the claim reader: prose lines, and the text after the date on the header line (and
    on any later line that starts like a header), each with the year of its article's date."""
    prose = lines.filter(pl.col("kind") == "prose").select("article_id", "line", "text")
    header_prose = headers.filter(pl.col("header_rest").fill_null("") != "").select(
        "article_id", pl.col("header_line").alias("line"), pl.col("header_rest").alias("text")
    )
    later_prose = lines.filter(pl.col("kind") == "later_header").select(
        "article_id", "line", pl.col("text").str.extract(P.HEADER, 2).alias("text")
    ).filter(pl.col("text") != "")
    year = headers.select("article_id", pl.col("published").dt.year().cast(pl.Int64).alias("year"))
    return pl.concat([header_prose, later_prose, prose]).join(year, on="article_id", how="left").sort("article_id", "line")


def _kept_lines(lines: pl.DataFrame, articles: pl.DataFrame, quoted_frames: list[pl.DataFrame]) -> pl.DataFrame:
    """The lines staging keeps for issues to quote: every line but prose, the prose lines that hold
    a claim, a series mention or a statement of points (prose is most of an archive's bytes), and
    the lines an article's own issues point at (no date header, the first byte not UTF-8)."""
    of_articles = articles.select(
        "article_id",
        pl.concat_list(
            pl.when(pl.col("header_line").is_null()).then(pl.col("first_text_line")), pl.col("bad_byte_line")
        ).alias("line"),
    ).explode("line")
    quoted = pl.concat([frame.select("article_id", "line") for frame in (*quoted_frames, of_articles)]).drop_nulls().unique()
    tables = lines.filter(pl.col("kind") != "prose")
    prose = lines.filter(pl.col("kind") == "prose").join(quoted, on=["article_id", "line"], how="semi")
    return pl.concat([tables, prose]).sort("article_id", "line").select("article_id", "line", "kind", "section", "text")


def parse_documents(docs: pl.DataFrame, reference: Reference) -> Parsed:
    """docs: the frame from `documents_frame`. Returns every table as parsed, before name resolution."""
    every_line = split_lines(docs)
    counts = line_counts(every_line)
    lines = text_lines(every_line)
    del every_line
    headers = header_dates(lines)
    lines = classify(lines, headers)
    driver_names = reference.names.filter(pl.col("kind") == "driver")
    driver_keys = set(driver_names["key"].to_list())
    team_keys = set(reference.names.filter(pl.col("kind") == "team")["key"].to_list())
    spellings = dict(zip(reference.series["spelling"].to_list(), reference.series["series"].to_list()))
    referents = Referents.from_frames(driver_names, reference.descriptors)
    race_keys = set(reference.events["key"].to_list())
    claims, mentions, statements = read_prose(_prose_lines(lines, headers), driver_keys, spellings, team_keys, referents, race_keys)
    spelled = pl.DataFrame({"series_raw": list(spellings), "series": list(spellings.values())})
    mentions = mentions.join(spelled, on="series_raw", how="left")
    claims = claims.join(spelled, on="series_raw", how="left")
    articles = (
        docs.drop("text")
        .join(headers.select("article_id", "first_text_line", "header_line", "date_raw", "published"), on="article_id", how="left")
        .join(counts, on="article_id", how="left")
        .with_columns(pl.col("n_lines", "n_text_lines").fill_null(0))
    )
    return Parsed(
        articles=articles,
        lines=_kept_lines(lines, articles, [claims, mentions, statements]),
        race_results=parse_results(lines),
        driver_standings=parse_driver_standings(lines),
        constructor_standings=parse_constructor_standings(lines),
        claims=claims,
        series_mentions=mentions,
        statements=statements,
    )
