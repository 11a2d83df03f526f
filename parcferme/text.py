"""Text normalisation shared by parsing and reference look-ups."""

from __future__ import annotations

import unicodedata

import polars as pl

_APOSTROPHES = "\u2019\u2018`´"
ZERO_WIDTH_SPACE = "\u200b"


class _FoldTable(dict):
    """str.translate table filled on first sight of each character: letters and digits lose their
    diacritics, apostrophes become ', invisible format characters (a soft hyphen, a zero-width
    joiner) vanish, as they do on screen, everything else is a space (a zero-width space too)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES or char == "'":
            folded = "'"
        elif unicodedata.category(char) == "Cf" and char != ZERO_WIDTH_SPACE:
            folded = ""
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            folded = "".join(c if c.isalnum() else " " for c in base)
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Key for matching names: no diacritics, lower case, single spaces, no punctuation."""
    return " ".join(text.translate(_FOLD).lower().split())


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """The same key as `fold`, computed by polars over a whole column."""
    return (
        expr.str.replace_all(r"[\p{Cf}--\x{200B}]", "")
        .str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.replace_all("[\u2019\u2018`´]", "'")
        .str.to_lowercase()
        .str.replace_all(r"[^\p{L}\p{N}']+", " ")
        .str.strip_chars()
    )
