"""Name folding (parcferme.text) and decoding of files that are not UTF-8: what a reader sees on
screen is what gets matched."""

import unicodedata

import polars as pl

from conftest import CLEAN
from parcferme.parse.document import decode
from parcferme.text import fold, fold_expr, invisible, visible_expr

NAMES = [
    "Sergio Pérez", "NICO HÜLKENBERG", "Guanyu  Zhou", "Max Ver\u00adstappen", "Lando\u200bNorris", "Lando Nor\u200dris",
    "Zhou\u2060Guanyu", "Esteban\u00a0Ocon", "Carlos Sainz Jr.", "Nyck de Vries", "Alex Albon’s", "Ｍａｘ Ｖｅｒｓｔａｐｐｅｎ",
    "\ufeffLogan Sargeant", "O'Ward", "Kimi Räikkönen",
]


def test_fold_and_fold_expr_give_the_same_keys():
    assert pl.Series(NAMES).to_frame("n").select(fold_expr(pl.col("n")))["n"].to_list() == [fold(n) for n in NAMES]


def test_invisible_format_characters_vanish_and_a_zero_width_space_separates():
    assert fold("Max Ver\u00adstappen") == "max verstappen"  # a soft hyphen: shown only at a line break
    assert fold("Lando Nor\u200dris") == "lando norris"
    assert fold("Zhou\u2060Guanyu") == "zhouguanyu"  # a word joiner joins, as on screen
    assert fold("Lando\u200bNorris") == "lando norris"  # a zero-width space is a space
    assert fold("Sergio Pérez") == fold("SERGIO PEREZ") == "sergio perez"


def test_windows_1252_gives_curly_quotes_and_dashes_not_control_characters():
    text = "Constructors’ Cup – “Pérez” … 5 €"
    decoded = decode(text.encode("cp1252"))
    assert (decoded.encoding, decoded.text, decoded.bad_byte_line, decoded.bad_byte) == ("windows-1252", text, 1, "0x92")
    assert decode(b"\x81\x8d\x8f\x90\x9d\xe9").text == "\x81\x8d\x8f\x90\x9dé"  # undefined in Windows-1252: as latin-1


def test_an_article_saved_as_windows_1252_reads_like_the_utf8_one(run_core):
    base = "2023-10-24_norris-second-after-double-disqualification"
    text = (CLEAN / f"{base}.txt").read_text(encoding="utf-8").replace("Constructors' Cup", "Constructors’ Cup")
    marts = run_core([(base, f"{base}.txt", text.encode("utf-8")), (f"{base}-1252", f"{base}-1252.txt", text.encode("cp1252"))])

    def rows(table: str, article_id: str) -> list[tuple]:
        return marts[table].filter(pl.col("article_id") == article_id).drop("article_id", "has_error", "has_warning").rows()

    for table in ("race_results", "driver_standings", "constructor_standings", "claims"):
        assert rows(table, f"{base}-1252") == rows(table, base), table
    assert len(rows("constructor_standings", base)) == 10
    issues = marts["validation_issues"].filter(pl.col("severity") != "info")
    first_accent = next(i for i, line in enumerate(text.split("\n"), start=1) if not line.isascii())
    assert issues.select("article_id", "line", "check").rows() == [(f"{base}-1252", first_accent, "parse.encoding")]


def test_invisible_characters_cover_every_code_point():
    """`invisible` scans only the planes where such characters are: check that against them all."""
    every = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cf", "Cc", "Zs", "Zl", "Zp")} - {" ", "\t"}
    assert set(invisible()) == every


def test_a_message_shows_the_invisible_characters_of_the_name_it_quotes(run_core):
    """A zero-width space splits a word as a space does, so Ver<U+200B>stappen is no driver; the
    message says why, where the raw text only looks like 'Verstappen'."""
    text = (CLEAN / "2023-10-25_championship-standings-after-austin.txt").read_text(encoding="utf-8")
    text = text.replace("01st Verstappen 466 points", "01st Ver\u200bstappen 466 points")
    issues = run_core([("zwsp", "zwsp.txt", text.encode("utf-8"))])["validation_issues"]
    unknown = issues.filter(pl.col("check") == "parse.unknown_driver").row(0, named=True)
    assert unknown["message"] == "`Ver<U+200B>stappen` is not a driver of the 2023 season in the reference data"
    assert (unknown["observed"], unknown["raw_text"]) == ("Ver\u200bstappen", "01st Ver\u200bstappen 466 points")  # as written
    assert pl.select(visible_expr(pl.lit("a\u00a0b\tc\u2028d\x00 e"))).item() == "a<U+00A0>b\tc<U+2028>d<U+0000> e"
