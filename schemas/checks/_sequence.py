"""The one rule behind positions and ranks: 1, 2, 3... down a table, each once, no gaps."""

import polars as pl

from schemas.registry import Check, s


def sequence_check(id: str, description: str, frames: tuple[str, ...], applies: pl.Expr, value: str, row: str, prev: str, noun: str) -> Check:
    """A row is out of sequence when its value is neither its row number nor the previous value + 1:
    a repeated value flags the repeat, a missing one flags only the row after the gap."""
    v, p = pl.col(value), pl.col(prev)
    return Check(
        id=id,
        severity="error",
        description=description,
        frames=frames,
        rule=~applies | v.is_null() | (v == pl.col(row)) | (v == p + 1).fill_null(False),
        message=pl.when(p.is_null())
        .then(pl.format("the first {} is {}, not 1", pl.lit(noun), v))
        .when(v <= p)
        .then(pl.format("{} {} repeats or goes back after {} {} on line {}", pl.lit(noun), v, pl.lit(noun), p, pl.col("prev_line")))
        .otherwise(pl.format("{} {} follows {} {} on line {}: one is missing", pl.lit(noun), v, pl.lit(noun), p, pl.col("prev_line"))),
        observed=s(v),
        expected=s(pl.coalesce(p + 1, pl.lit(1))),
    )
