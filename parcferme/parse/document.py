"""Raw article files to lines: decoding, the date header, and what kind of line each one is.

Everything works on whole frames: one row per article, then one row per line of every article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polars as pl

from parcferme.parse import patterns as P

BINARY_CONTROL_RATIO = 0.10


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "latin-1", "binary"
    is_binary: bool


def decode(raw: bytes) -> Decoded:
    """Bytes to text without ever failing: UTF-8 (with or without BOM), else latin-1; binary stays empty."""
    if b"\x00" in raw or _control_ratio(raw) > BINARY_CONTROL_RATIO:
        return Decoded("", "binary", True)
    if raw.startswith(b"\xef\xbb\xbf"):
        return Decoded(raw[3:].decode("utf-8", errors="replace"), "utf-8-sig", False)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        return Decoded(raw.decode("latin-1"), "latin-1", False)


CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_ratio(raw: bytes) -> float:
    sample = raw[:65536]
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, CONTROL_BYTES))) / len(sample)


def documents_frame(files: list[tuple]) -> pl.DataFrame:
    """(article_id, source_file, raw bytes[, read_error]) to the per-article frame the parsers start from.

    A file that could not be read has bytes None and a read_error; it still gets its row."""
    records = []
    for article_id, source_file, raw, *rest in files:
        read_error = rest[0] if rest else None
        decoded = decode(raw) if raw is not None else Decoded("", "unread", False)
        records.append(
            {
                "article_id": article_id,
                "source_file": source_file,
                "sha256": hashlib.sha256(raw).hexdigest() if raw is not None else None,
                "size_bytes": len(raw) if raw is not None else None,
                "encoding": decoded.encoding,
                "has_crlf": raw is not None and b"\r\n" in raw,
                "read_error": read_error,
                "text": decoded.text,
            }
        )
    schema = {
        "article_id": pl.String,
        "source_file": pl.String,
        "sha256": pl.String,
        "size_bytes": pl.Int64,
        "encoding": pl.String,
        "has_crlf": pl.Boolean,
        "read_error": pl.String,
        "text": pl.String,
    }
    return pl.DataFrame(records, schema=schema)


def split_lines(docs: pl.DataFrame) -> pl.DataFrame:
    """One row per line: article_id, line (1-based), text (without the line end)."""
    return (
        docs.select("article_id", pl.col("text").str.replace_all("\r\n?", "\n").str.split("\n").alias("text"))
        .filter(pl.col("text").list.len() > 0)
        .with_columns(
            pl.int_ranges(1, pl.col("text").list.len() + 1, dtype=pl.Int64).alias("line"),
            pl.col("text").list.len().alias("_lines"),
        )
        .explode("text", "line")
        .filter(~((pl.col("text") == "") & (pl.col("line") == 1) & (pl.col("_lines") == 1)))
        .select("article_id", "line", "text")
    )


def header_dates(lines: pl.DataFrame) -> pl.DataFrame:
    """Per article: the line of the `date` header, the date as written, the parsed date, the prose after it."""
    first = (
        lines.filter(pl.col("text").str.strip_chars() != "")
        .group_by("article_id", maintain_order=True)
        .first()
    )
    match = pl.col("text").str.extract_groups(P.HEADER)
    return first.select(
        "article_id",
        pl.col("line").alias("header_line"),
        match.struct.field("date").alias("date_raw"),
        match.struct.field("date").str.to_date("%Y-%m-%d", strict=False).alias("published"),
        match.struct.field("rest").alias("header_rest"),
    ).with_columns(
        pl.when(pl.col("date_raw").is_null()).then(None).otherwise(pl.col("header_line")).alias("header_line")
    )
