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
    encoding: str  # "utf-8", "utf-8-sig", "windows-1252", "binary"
    is_binary: bool
    bad_byte_line: int | None = None  # not UTF-8: the line of the first byte that is not
    bad_byte: str | None = None  # and that byte, as 0xHH


# Windows-1252 is latin-1 with printable characters (’ “ ” – … €) where latin-1 has C1 controls
# (0x80-0x9F); the five bytes it leaves undefined keep their latin-1 meaning
_WINDOWS_1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
_FROM_LATIN1 = str.maketrans({chr(b): char for b, char in _WINDOWS_1252.items()})


def decode(raw: bytes) -> Decoded:
    """Bytes to text without ever failing: UTF-8 (with or without BOM), else Windows-1252, the
    encoding of text that is not UTF-8 in practice, latin-1 included (a BOM does not make invalid
    UTF-8 valid); binary stays empty."""
    if b"\x00" in raw or _control_ratio(raw) > BINARY_CONTROL_RATIO:
        return Decoded("", "binary", True)
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        return Decoded(body.decode("utf-8"), "utf-8-sig" if bom else "utf-8", False)
    except UnicodeDecodeError as error:
        text = body.decode("latin-1").translate(_FROM_LATIN1)
        return Decoded(text, "windows-1252", False, _line_at(body, error.start), f"0x{body[error.start]:02X}")


def _line_at(raw: bytes, offset: int) -> int:
    """The 1-based line of byte `offset`, lines ending in \\n, \\r\\n or \\r (as `split_lines` counts them)."""
    before = raw[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


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
                "bad_byte_line": decoded.bad_byte_line,
                "bad_byte": decoded.bad_byte,
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
        "bad_byte_line": pl.Int64,
        "bad_byte": pl.String,
        "has_crlf": pl.Boolean,
        "read_error": pl.String,
        "text": pl.String,
    }
    return pl.DataFrame(records, schema=schema)


def split_lines(docs: pl.DataFrame) -> pl.DataFrame:
    """One row per line: article_id, line (1-based), text (without the line end), blank (only white
    space). A line end (\\n, \\r\\n or \\r) closes a line: a final line end starts no other, and an
    empty file has no line."""
    pieces = pl.col("text").list.len()
    return (
        docs.select("article_id", pl.col("text").str.replace_all("\r\n?", "\n").str.split("\n").alias("text"))
        .filter(pieces > 0)
        .with_columns(pl.int_ranges(1, pieces + 1, dtype=pl.Int64).alias("line"), pieces.alias("_pieces"))
        .explode("text", "line")
        .filter((pl.col("text") != "") | (pl.col("line") < pl.col("_pieces")))
        .select("article_id", "line", "text", (pl.col("text").str.strip_chars() == "").alias("blank"))
    )


def line_counts(lines: pl.DataFrame) -> pl.DataFrame:
    """Per article with any line: its lines (`n_lines`) and those that are not blank (`n_text_lines`)."""
    return lines.group_by("article_id").agg(
        pl.len().cast(pl.Int64).alias("n_lines"), (~pl.col("blank")).sum().cast(pl.Int64).alias("n_text_lines")
    )


def text_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """The lines that are not blank: a blank line is in no table and says nothing, and most of an
    archive's lines are blank (every line after parsing starts from these)."""
    return lines.filter(~pl.col("blank")).drop("blank")


def header_dates(lines: pl.DataFrame) -> pl.DataFrame:
    """Per article: its first line with text, the line of the `date` header (that first line when it
    is one), the date as written, the parsed date, the prose after it. lines: the text lines
    (`text_lines`)."""
    first = lines.group_by("article_id", maintain_order=True).first()
    match = pl.col("text").str.extract_groups(P.HEADER)
    return first.select(
        "article_id",
        pl.col("line").alias("first_text_line"),
        pl.col("line").alias("header_line"),
        match.struct.field("date").alias("date_raw"),
        match.struct.field("date").str.to_date("%Y-%m-%d", strict=False).alias("published"),
        match.struct.field("rest").alias("header_rest"),
    ).with_columns(
        pl.when(pl.col("date_raw").is_null()).then(None).otherwise(pl.col("header_line")).alias("header_line")
    )
