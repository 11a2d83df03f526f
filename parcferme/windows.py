"""Window expressions over groups of consecutive rows: the values `.over(keys)` gives, for a frame
whose groups are already contiguous (sorted by the keys, or in file order by article).

`.over()` hashes the keys of every row for every window; here a group is where the keys stay the
same from one row to the next, which costs a comparison with the row before. Measured on a batch
of 2,000 articles: a shift or forward fill over (article_id, table) takes a tenth of the time.
Nulls in a key form a group of their own, as with `.over()`.
"""

from __future__ import annotations

import polars as pl


def same_group_as(keys: list[str], offset: int) -> pl.Expr:
    """True where the row `offset` rows away (back if positive, ahead if negative) is in the row's group."""
    index = pl.int_range(pl.len())
    exists = index >= offset if offset > 0 else index < pl.len() + offset
    return exists & pl.all_horizontal(pl.col(k).eq_missing(pl.col(k).shift(offset)) for k in keys)


def previous(expr: pl.Expr, keys: list[str]) -> pl.Expr:
    """`expr.shift(1).over(keys)`."""
    return pl.when(same_group_as(keys, 1)).then(expr.shift(1))


def following(expr: pl.Expr, keys: list[str]) -> pl.Expr:
    """`expr.shift(-1).over(keys)`."""
    return pl.when(same_group_as(keys, -1)).then(expr.shift(-1))


def _group_start(keys: list[str]) -> pl.Expr:
    """Index of the first row of each row's group."""
    index = pl.int_range(pl.len(), dtype=pl.Int64)
    return pl.when(~same_group_as(keys, 1)).then(index).forward_fill()


def row_number(keys: list[str]) -> pl.Expr:
    """1, 2, ... within each group, in frame order: `pl.col(x).rank("ordinal").over(keys)` when the
    frame is sorted by x within the group (same dtype)."""
    return (pl.int_range(pl.len(), dtype=pl.Int64) - _group_start(keys) + 1).cast(pl.get_index_type())


def first_of_group(expr: pl.Expr, keys: list[str]) -> pl.Expr:
    """`expr.first().over(keys)`."""
    return expr.gather(_group_start(keys))


def fill_forward(expr: pl.Expr, keys: list[str]) -> pl.Expr:
    """`expr.forward_fill().over(keys)`: a value is carried down to the following rows of its group only."""
    index = pl.int_range(pl.len(), dtype=pl.Int64)
    source = pl.when(expr.is_not_null()).then(index).forward_fill()
    return pl.when(source >= _group_start(keys)).then(expr.forward_fill())
