"""Text normalisation shared by parsing and reference look-ups."""

from __future__ import annotations

import unicodedata

import polars as pl

_APOSTROPHES = "\u2019\u2018`´"


def fold(text: str) -> str:
    """Key for matching names: no diacritics, lower case, single spaces, no punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in _APOSTROPHES:
        stripped = stripped.replace(mark, "'")
    cleaned = "".join(c if c.isalnum() or c == "'" else " " for c in stripped.lower())
    return " ".join(cleaned.split())


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """The same key as `fold`, computed by polars over a whole column."""
    return (
        expr.str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.replace_all("[\u2019\u2018`´]", "'")
        .str.to_lowercase()
        .str.replace_all(r"[^\p{L}\p{N}']+", " ")
        .str.strip_chars()
    )
