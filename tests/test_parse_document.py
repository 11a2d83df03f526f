"""Decoding raw bytes and reading the date header, on real seed text and hostile variants."""

import datetime

import polars as pl

from conftest import SEED_USGP, text_file
from parcferme.parse.document import decode


def test_seed_articles_dates(seeds):
    _, marts = seeds
    dates = dict(marts["articles"].select("article_id", "published").iter_rows())
    assert dates == {
        "2023-10-26_perez-home-race-usgp-results": datetime.date(2023, 10, 26),
        "2023-11-06_perez-alonso-brazil": datetime.date(2023, 11, 6),
        "2023-11-24_perez-secures-p2": datetime.date(2023, 11, 24),
    }
    assert marts["articles"]["line"].to_list() == [1, 1, 1]
    assert set(marts["articles"]["status"]) == {"parsed"}


def test_decode_variants():
    assert decode("Pérez".encode("utf-8")).encoding == "utf-8"
    bom = decode(b"\xef\xbb\xbf date 2023-10-26")
    assert (bom.encoding, bom.text) == ("utf-8-sig", " date 2023-10-26")
    latin = decode("Hülkenberg".encode("latin-1"))
    assert (latin.encoding, latin.text, latin.bad_byte_line, latin.bad_byte) == ("windows-1252", "Hülkenberg", 1, "0xFC")
    # a BOM does not make the bytes after it UTF-8: nothing is replaced, the file is read as Windows-1252
    bom_latin = decode(b"\xef\xbb\xbfdate 2023-10-26\r\n\r\nP\xe9rez\n")
    assert (bom_latin.encoding, bom_latin.text, bom_latin.bad_byte_line) == ("windows-1252", "date 2023-10-26\r\n\r\nPérez\n", 3)
    # line ends of all three kinds count, as split_lines counts them
    assert decode(b"a\rb\n\nc\r\nd \xe9").bad_byte_line == 5
    assert decode(b"\x00\x01\x02binary").is_binary


def test_header_alone_on_its_line_and_crlf(run_core, seed_files):
    text = seed_files[0][2].decode("utf-8").replace(" date 2023-10-26 This week", "   date 2023-10-26\r\nThis week")
    marts = run_core([text_file("crlf", text.replace("\n", "\r\n"))])
    article = marts["articles"].row(0, named=True)
    assert article["published"] == datetime.date(2023, 10, 26)
    assert marts["race_results"].height == 20
    assert marts["driver_standings"].height == 23


def test_missing_and_malformed_date_are_issues_not_crashes(run_core):
    marts = run_core([
        text_file("nodate", "Verstappen won again.\n\n1. Verstappen 25\n"),
        text_file("baddate", "date 2023-13-45 Verstappen won again.\n"),
    ])
    issues = marts["validation_issues"]
    # located on the article's first line with text, quoted there
    assert ("nodate", 1, "parse.missing_date", "Verstappen won again.") in set(issues.select("article_id", "line", "check", "raw_text").iter_rows())
    assert ("baddate", 1, "parse.bad_date") in set(issues.select("article_id", "line", "check").iter_rows())
    statuses = dict(marts["articles"].select("article_id", "status").iter_rows())
    assert statuses == {"nodate": "undated", "baddate": "undated"}


def test_empty_binary_and_latin1_files(run_core):
    marts = run_core([
        ("empty", "empty.txt", b""),
        ("binary", "binary.txt", b"\x00\x89PNG\x00\x00"),
        ("latin", "latin.txt", " date 2023-10-26 Nico Hülkenberg scored.\n".encode("latin-1")),
    ])
    got = set(marts["validation_issues"].select("article_id", "check", "severity").iter_rows())
    assert ("empty", "parse.empty_file", "error") in got
    assert ("binary", "parse.binary_file", "error") in got
    assert ("latin", "parse.encoding", "warning") in got
    encoding = marts["validation_issues"].filter(pl.col("check") == "parse.encoding").row(0, named=True)
    assert (encoding["line"], encoding["observed"], encoding["raw_text"]) == (1, "byte 0xFC", " date 2023-10-26 Nico Hülkenberg scored.")
    statuses = dict(marts["articles"].select("article_id", "status").iter_rows())
    assert statuses == {"empty": "empty", "binary": "binary", "latin": "parsed"}



def test_a_file_of_blank_lines_is_empty_not_undated(run_core):
    marts = run_core([
        ("blank", "blank.txt", b"\n  \n\t\r\n\n"),
        ("bom", "bom.txt", b"\xef\xbb\xbf"),
        ("dated", "dated.txt", b"date 2023-10-26 Verstappen won.\n"),
    ])
    issues = marts["validation_issues"].filter(pl.col("article_id") != "dated")
    assert issues.select("article_id", "line", "check", "severity").rows() == [
        ("blank", None, "parse.empty_file", "error"),
        ("bom", None, "parse.empty_file", "error"),
    ]
    assert issues["message"].to_list() == ["blank.txt holds only blank lines: nothing to read", "bom.txt is empty: nothing to read"]
    statuses = dict(marts["articles"].select("article_id", "status").iter_rows())
    assert statuses == {"blank": "empty", "bom": "empty", "dated": "parsed"}
    assert marts["validation_issues"].filter(pl.col("article_id") == "dated").is_empty()


def test_n_lines_counts_the_lines_of_the_file(run_core):
    marts = run_core([
        ("ended", "ended.txt", b"date 2023-10-26 Verstappen won.\n\nMore.\n"),
        ("open", "open.txt", b"date 2023-10-26 Verstappen won.\n\nMore."),
        ("crlf", "crlf.txt", b"date 2023-10-26 Verstappen won.\r\n\r\nMore.\r\n"),
        ("cr", "cr.txt", b"date 2023-10-26 Verstappen won.\r\rMore.\r"),
        ("blank", "blank.txt", b"\n\n"),
        ("empty", "empty.txt", b""),
    ])
    counts = dict(marts["articles"].select("article_id", "n_lines").iter_rows())
    assert counts == {"ended": 3, "open": 3, "crlf": 3, "cr": 3, "blank": 2, "empty": 0}  # each line end closes a line; an unended last line counts too

def test_every_table_line_is_kept_for_tracing(seeds, seed_files):
    staging = seeds[0].staging
    lines = staging.lines.filter(pl.col("article_id") == SEED_USGP)
    raw_lines = seed_files[0][2].decode("utf-8").split("\n")
    non_blank_from_11 = {i + 1 for i, text in enumerate(raw_lines) if text.strip() and i + 1 >= 11}
    assert non_blank_from_11 <= set(lines["line"])  # headings and every table row
    assert {3, 9} <= set(lines["line"])  # the prose lines with claims: Pérez's places in the race, the runner-up
    assert 5 not in set(lines["line"])  # prose without a claim is not kept
    assert lines.filter(pl.col("line") == 13)["text"].item() == raw_lines[12]
