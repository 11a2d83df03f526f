"""Text normalisation shared by parsing and reference look-ups."""

from __future__ import annotations

import functools
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


@functools.cache
def invisible() -> dict[str, str]:
    """Characters that show as nothing or as a plain space (format and control characters, other
    spaces, line and paragraph separators; not the space and tab) and how a message shows them.
    All of them lie in the first two planes or among the tag characters (U+E0000 to U+E007F)."""
    shown_as_is = {" ", "\t"}
    return {
        chr(c): f"<U+{c:04X}>"
        for c in (*range(0x20000), *range(0xE0000, 0xE0080))
        if unicodedata.category(chr(c)) in ("Cf", "Cc", "Zs", "Zl", "Zp") and chr(c) not in shown_as_is
    }


def visible_expr(expr: pl.Expr) -> pl.Expr:
    """`expr` with every invisible character written as its code point (`Lando<U+200B>Norris`), so a
    message quoting a name explains why it matched nothing."""
    table = invisible()
    return expr.str.replace_many(list(table), list(table.values()))
