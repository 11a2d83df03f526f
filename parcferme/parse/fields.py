"""Polars expressions that read single fields: positions, clock times, points."""

from __future__ import annotations

import polars as pl

from parcferme.parse import patterns as P


def clock_to_ms(expr: pl.Expr) -> pl.Expr:
    """'1:35:21.362' / '1:14.385' / '10.730' to milliseconds (Int64); null when unreadable."""
    parts = expr.str.split(":")
    n = parts.list.len()
    seconds = parts.list.get(-1, null_on_oob=True).cast(pl.Float64, strict=False)
    minutes = pl.when(n >= 2).then(parts.list.get(-2, null_on_oob=True).cast(pl.Int64, strict=False)).otherwise(0)
    hours = pl.when(n >= 3).then(parts.list.get(-3, null_on_oob=True).cast(pl.Int64, strict=False)).otherwise(0)
    valid = (n <= 3) & pl.when(n >= 2).then(seconds < 60).otherwise(True) & (hours < 1000) & (minutes < 1_000_000)
    # strict=False: a number too large for milliseconds in an Int64 is unreadable, not a crash
    total = hours * 3_600_000 + minutes * 60_000 + (seconds * 1000).round(0).cast(pl.Int64, strict=False)
    return pl.when(valid).then(total).otherwise(None)


def ordinal_suffix(n: pl.Expr) -> pl.Expr:
    """The English ordinal suffix that belongs to n (1st, 2nd, 3rd, 11th, 22nd...)."""
    last = n % 10
    teen = (n % 100).is_between(11, 13)
    return (
        pl.when(teen)
        .then(pl.lit("th"))
        .when(last == 1)
        .then(pl.lit("st"))
        .when(last == 2)
        .then(pl.lit("nd"))
        .when(last == 3)
        .then(pl.lit("rd"))
        .otherwise(pl.lit("th"))
    )


def position_columns(groups: pl.Expr) -> list[pl.Expr]:
    """From a struct of (prefix, pos, suffix, dot) captures: the position, as written, and its style."""
    prefix = groups.struct.field("prefix")
    pos = groups.struct.field("pos")
    suffix = groups.struct.field("suffix")
    dot = groups.struct.field("dot")
    number = pos.cast(pl.Int64, strict=False)
    padded = (pos.str.len_chars() > 1) & pos.str.starts_with("0")
    style = pl.concat_str(
        prefix.fill_null(""),
        pl.when(padded).then(pl.lit("0")).otherwise(pl.lit("")),
        pl.lit("N"),
        pl.when(suffix.is_not_null()).then(pl.lit("th")).otherwise(pl.lit("")),
        pl.when(dot.is_not_null()).then(pl.lit(".")).otherwise(pl.lit("")),
    )
    suffix_ok = suffix.is_null() | (suffix.str.to_lowercase() == ordinal_suffix(number))
    return [
        number.alias("position_value"),
        pl.concat_str(prefix.fill_null(""), pos, suffix.fill_null(""), dot.fill_null("")).alias("position_raw"),
        style.alias("position_style"),
        suffix_ok.alias("ordinal_ok"),
    ]


def points_value(expr: pl.Expr) -> pl.Expr:
    """A POINTS_NUMBER's value: a comma between thousands is dropped ("1,028"), before a half it is
    the decimal point ("12,5"), and "½" is a half ("12½"); null when unreadable."""
    thousands = expr.str.contains("^" + P.THOUSANDS + "$")
    decimal = expr.str.replace(",", ".", literal=True).str.replace("½", ".5", literal=True)
    digits = pl.when(thousands).then(expr.str.replace_all(",", "", literal=True)).otherwise(decimal)
    return digits.cast(pl.Float64, strict=False)
