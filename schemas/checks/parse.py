"""Parse-level checks: a file or line parcferme could not read, or a name it does not know."""

import polars as pl

from parcferme.resolve import HEADING_YEAR as _HEADING_YEAR
from schemas.frames import TABLE_HEADINGS
from schemas.registry import Check, register, s

TABLE_ROW_KINDS = ["unreadable", "bad_standings_heading"]
SECTION_NAMES = {
    "results": "race results",
    "out": "Out (retirements)",
    "dsq": "Disqualified",
    "dns": "Did not start",
    "driver_standings": "drivers' standings",
    "constructor_standings": "constructors' standings",
    "standings": "standings heading",
}
SECTION_TABLE = {
    "results": "race_results",
    "out": "race_results",
    "dsq": "race_results",
    "dns": "race_results",
    "driver_standings": "driver_standings",
    "constructor_standings": "constructor_standings",
    "standings": "driver_standings",
}

register(
    Check(
        id="parse.unread_file",
        severity="error",
        description="A file in the raw folder could not be read as an article (vanished, unreadable, symlink out of the folder, not a regular file, a name that is not UTF-8, another file with the same article id, a folder that cannot be listed).",
        frames=("articles",),
        rule=pl.col("read_error").is_null() | pl.col("read_error").str.starts_with("not an article"),
        message=pl.format("{}: {}", pl.col("source_file"), pl.col("read_error")),
        observed=pl.col("read_error"),
        expected=pl.lit("a readable article file"),
    ),
    Check(
        id="parse.not_article",
        severity="info",
        description="A file in the raw folder that is not an article file (.txt) was left aside.",
        frames=("articles",),
        rule=pl.col("read_error").is_null() | ~pl.col("read_error").str.starts_with("not an article"),
        message=pl.format("{}: {}", pl.col("source_file"), pl.col("read_error")),
        observed=pl.col("source_file"),
        expected=pl.lit("*.txt"),
    ),
    Check(
        id="parse.empty_file",
        severity="error",
        description="The raw file is empty or holds only blank lines.",
        frames=("articles",),
        rule=(pl.col("n_text_lines") > 0) | pl.col("encoding").is_in(["binary", "unread"]),
        message=pl.format(
            "{} {}: nothing to read",
            pl.col("source_file"),
            pl.when(pl.col("n_lines") > 0).then(pl.lit("holds only blank lines")).otherwise(pl.lit("is empty")),
        ),
        observed=pl.format("{} bytes", pl.col("size_bytes")),
        expected=pl.lit("an article"),
    ),
    Check(
        id="parse.binary_file",
        severity="error",
        description="The raw file is not text (NUL bytes or mostly control characters).",
        frames=("articles",),
        rule=pl.col("encoding") != "binary",
        message=pl.format("{} is not a text file; it was not parsed", pl.col("source_file")),
        observed=pl.format("binary, {} bytes", pl.col("size_bytes")),
        expected=pl.lit("UTF-8 text"),
    ),
    Check(
        id="parse.encoding",
        severity="warning",
        description="The raw file is not valid UTF-8 (the issue is on the line of its first such byte); it was read as Windows-1252 (latin-1 with curly quotes and dashes), so accented names may be wrong.",
        frames=("articles",),
        rule=pl.col("encoding") != "windows-1252",
        message=pl.format(
            "{} is not valid UTF-8 (first at line {}: byte {}); the whole file was read as Windows-1252 (latin-1)",
            pl.col("source_file"),
            pl.col("bad_byte_line"),
            pl.col("bad_byte"),
        ),
        observed=pl.format("byte {}", pl.col("bad_byte")),
        expected=pl.lit("utf-8"),
        line=pl.col("bad_byte_line"),
    ),
    Check(
        id="parse.missing_date",
        severity="error",
        description="The article has no `date YYYY-MM-DD` header on its first line with text, so it cannot be placed in a season.",
        frames=("articles",),
        rule=pl.col("date_raw").is_not_null() | (pl.col("n_text_lines") == 0) | pl.col("encoding").is_in(["binary", "unread"]),
        message=pl.format("{} has no `date YYYY-MM-DD` header on its first line", pl.col("source_file")),
        expected=pl.lit("date YYYY-MM-DD"),
        line=pl.col("first_text_line"),
    ),
    Check(
        id="parse.later_date_header",
        severity="warning",
        description="A later line starts like a `date YYYY-MM-DD` header: the file may hold more than one article, all of it dated by the first header.",
        frames=("lines",),
        rule=pl.col("kind") != "later_header",
        message=pl.format(
            "this line starts like a date header ({}): the file may hold a second article; everything in it is dated by its first header",
            pl.col("text").str.strip_chars().str.extract(r"^date\s+(\S+)", 1),
        ),
        observed=pl.col("text"),
        expected=pl.lit("one date header per article"),
    ),
    Check(
        id="parse.bad_date",
        severity="error",
        description="The `date` header is there but is not a real YYYY-MM-DD date.",
        frames=("articles",),
        rule=pl.col("date_raw").is_null() | pl.col("published").is_not_null(),
        message=pl.format("the date header `{}` is not a valid YYYY-MM-DD date", pl.col("date_raw")),
        observed=pl.col("date_raw"),
        expected=pl.lit("YYYY-MM-DD"),
        line=pl.col("header_line"),
    ),
    Check(
        id="parse.unknown_season",
        severity="warning",
        description="No reference data exists for the article's season, so names and points cannot be checked.",
        frames=("articles",),
        rule=pl.col("season").is_null() | pl.col("season_known"),
        message=pl.format("no reference data for the {} season: names, teams and points are not checked", pl.col("season")),
        observed=s(pl.col("season")),
        line=pl.col("header_line"),
    ),
    Check(
        id="parse.unreadable_row",
        severity="error",
        description="A line inside a table cannot be read as a row of that table.",
        frames=("lines",),
        table=pl.col("section").replace_strict(SECTION_TABLE, default="lines", return_dtype=pl.String),
        rule=~pl.col("kind").is_in(TABLE_ROW_KINDS),
        message=pl.format(
            "this line sits in the {} section but cannot be read as a row of it",
            pl.col("section").replace_strict(SECTION_NAMES, default="table", return_dtype=pl.String),
        ),
        observed=pl.col("text"),
        expected=pl.col("section").replace_strict(
            {
                "results": "<pos> <First Last> (<CODE>), <Team>, <time or gap>",
                "out": "<First Last> (<CODE>), <Team>, <reason>",
                "dsq": "<First Last> (<CODE>), <Team>",
                "dns": "<First Last> (<CODE>), <Team>, <reason>",
                "driver_standings": "<pos> <Surname> <points>",
                "constructor_standings": "<pos> <Team> <points>",
                "standings": "World Championship standings (after N of M Grand Prix, incl. S of T sprints), or: ... after round N, after N rounds, after the <race>",
            },
            default="a table row",
        ),
    ),
    Check(
        id="parse.orphan_row",
        severity="warning",
        description="A line shaped like a table row stands under no table heading, so it was not read into any table.",
        frames=("lines",),
        rule=pl.col("kind") != "orphan_row",
        message=pl.lit("this line looks like a results or standings row but no table heading (event, Out, Driver, Constructors' Cup) comes before it"),
        observed=pl.col("text"),
        expected=pl.lit("a table heading above the row"),
    ),
    Check(
        id="parse.unreadable_time",
        severity="error",
        description="A classified result's time or gap cannot be read.",
        frames=("race_results",),
        rule=pl.col("time_ok"),
        message=pl.format("cannot read the time or gap `{}`", pl.col("time_raw")),
        observed=pl.col("time_raw"),
        expected=pl.lit("N laps in H:MM:SS.mmm hrs | +S.mmm | +M:SS.mmm [min] | +N lap(s)"),
    ),
)


def _unknown(what: str, raw: str, id_col: str, frames: tuple[str, ...]) -> Check:
    ambiguous = pl.col(f"{id_col}_ambiguous")
    return Check(
        id=f"parse.unknown_{what}",
        severity="error",
        description=f"A {what} name that is not in the season's reference data (or matches more than one).",
        frames=frames,
        rule=pl.col(id_col).is_not_null() | pl.col(raw).is_null() | ~pl.col("season_known"),  # no name given (a drivers' row's team): nothing to look up
        message=pl.when(ambiguous)
        .then(pl.format("`{}` could be any of {} in {}", pl.col(raw), pl.col(f"{id_col}_candidates"), pl.col("season")))
        .otherwise(pl.format("`{}` is not a {} of the {} season in the reference data", pl.col(raw), pl.lit(what), pl.col("season"))),
        observed=pl.col(raw),
        expected=pl.lit(f"a {what} of the season"),
    )


register(
    _unknown("driver", "driver_raw", "driver_id", ("race_results", "driver_standings")),
    _unknown("team", "team_raw", "team_id", ("race_results", "driver_standings", "constructor_standings")),
    Check(
        id="parse.unknown_nationality_code",
        severity="error",
        description="The nationality code (in brackets, between commas or in a cell) is no country in any convention (vehicle, IOC, ISO).",
        frames=("race_results", "driver_standings"),
        rule=pl.col("nationality_iso3").is_not_null() | pl.col("nationality_code").is_null(),
        message=pl.format("`{}` is not a country code in any convention parcferme knows", pl.col("nationality_code")),
        observed=pl.col("nationality_code"),
        expected=pl.lit("a vehicle registration, IOC or ISO 3166 code"),
    ),
    Check(
        id="parse.unknown_event",
        severity="warning",
        description="The results heading names no race of the season's calendar (neither Grand Prix nor circuit).",
        frames=("race_results",),
        rule=pl.col("round").is_not_null() | ~pl.col("season_known") | pl.col("event_line").is_null() | (pl.col("line") != pl.col("first_row_line")),
        message=pl.when(_HEADING_YEAR.is_not_null() & (_HEADING_YEAR != pl.col("season").cast(pl.String)))
        .then(pl.format("`{}` is a race of {}, not of the article's season ({}): its rows are of no race of the {} calendar", pl.col("event_heading_text"), _HEADING_YEAR, pl.col("season"), pl.col("season")))
        .otherwise(pl.format("`{}` matches no race of the {} calendar", pl.col("event_heading_text"), pl.col("season"))),
        observed=pl.col("event_heading_text"),
        expected=pl.lit("a Grand Prix or circuit of the season"),
        line=pl.col("event_line"),
    ),
    Check(
        id="parse.empty_table",
        severity="warning",
        description="A table heading (event, Out, Disqualified, Did not start, Driver, Constructors' Cup) has no rows under it.",
        frames=("lines",),
        rule=~pl.col("kind").is_in(TABLE_HEADINGS) | (pl.col("rows_under") > 0),
        message=pl.lit("no rows follow this table heading: the next heading or the end of the article comes first"),
        observed=pl.col("text"),
        expected=pl.lit("at least one row under the heading"),
    ),
    Check(
        id="parse.unread_claim",
        severity="info",
        description="A sentence states a number of points, a place in the championship or a time between drivers ('by 10 seconds', '10.730s behind', 'the margin was 10.7 seconds') in a way no claim pattern reads, so it is not checked.",
        frames=("statements",),
        rule=pl.col("read"),
        message=pl.format("this sentence states {} in a way the claim reader does not know: it is not checked", pl.col("unread")),
        observed=pl.col("text"),
        expected=pl.lit("a claim phrasing the reader knows (README: What it reads)"),
    ),
    Check(
        id="parse.no_event_heading",
        severity="warning",
        description="An Out, Disqualified or Did not start section has no event heading above it, so its rows belong to no race.",
        frames=("race_results",),
        rule=pl.col("event_line").is_not_null() | (pl.col("line") != pl.col("first_row_line")),
        message=pl.lit("no event heading (Grand Prix, circuit) comes before this results section: its rows belong to no race"),
        observed=pl.col("driver_raw"),
        expected=pl.lit("an event heading above the section"),
    ),
)
