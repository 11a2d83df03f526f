"""Format oddities that were normalised (info): position styles, aliases, codes left out, footnote marks."""

import polars as pl

from parcferme.parse.patterns import MARK_CHARS
from schemas.registry import Check, register, s

_number = pl.col("position_raw").str.extract("([0-9]+)").cast(pl.Int64, strict=False)
_marked = {column: pl.col(column).str.contains(MARK_CHARS).fill_null(False) for column in ("time_raw", "points_raw")}
# what of a result carries a mark: its time or gap, its points ("13* pts"), or both ("+49.671*, 13 pts*")
_marked_text = pl.concat_str(*(pl.when(marked).then(pl.col(column)) for column, marked in _marked.items()), separator=", ", ignore_nulls=True)
_unmarked = _marked_text.str.replace_all(MARK_CHARS, "").str.strip_chars()

register(
    Check(
        id="format.position_style",
        severity="info",
        description="A position written oddly: wrong ordinal suffix (02th), a zero-padded ordinal (01st), or a style unlike its neighbours (07 between 06. and 08.).",
        frames=("race_results", "driver_standings", "constructor_standings"),
        rule=~pl.col("position_odd"),
        message=pl.when(~pl.col("ordinal_ok").fill_null(True))
        .then(pl.format("`{}` has the wrong ordinal suffix; read as {}", pl.col("position_raw"), _number))
        .when(pl.col("neighbour_style").is_not_null())
        .then(pl.format("`{}` is written unlike the positions around it ({} style); read as {}", pl.col("position_raw"), pl.col("neighbour_style"), _number))
        .otherwise(pl.format("`{}` is a zero-padded ordinal; read as {}", pl.col("position_raw"), _number)),
        observed=pl.col("position_raw"),
        expected=s(_number),
    ),
    Check(
        id="format.driver_alias",
        severity="info",
        description="A driver is named by an alias (Alex Albon, Checo); the canonical name is used.",
        frames=("race_results", "driver_standings"),
        rule=~pl.col("driver_id_alias"),
        message=pl.format("`{}` read as {}", pl.col("driver_raw"), pl.col("driver")),
        observed=pl.col("driver_raw"),
        expected=pl.col("driver"),
    ),
    Check(
        id="format.nationality_left_out",
        severity="info",
        description="A row of a results or drivers' standings table gives no nationality code where most rows of its table do: its nationality is not checked.",
        frames=("race_results", "driver_standings"),
        rule=~pl.col("nationality_left_out"),
        message=pl.format("`{}` has no nationality code, unlike most rows of this table: the nationality is not checked", pl.col("driver_raw")),
        observed=pl.col("driver_raw"),
    ),
    Check(
        id="format.footnote_mark",
        severity="info",
        description="A result's time or gap, or the points it gives, carries a footnote mark (+49.671*, 13* pts: fastest lap, a penalty); it is read without it.",
        frames=("race_results",),
        rule=~(_marked["time_raw"] | _marked["points_raw"]),
        message=pl.format("`{}` carries a footnote mark; read as `{}`", _marked_text, _unmarked),
        observed=_marked_text,
        expected=_unmarked,
    ),
    Check(
        id="format.team_alias",
        severity="info",
        description="A team is named by an alias rather than its name or official name; the canonical name is used.",
        frames=("race_results", "driver_standings", "constructor_standings"),
        rule=~pl.col("team_id_alias"),
        message=pl.format("`{}` read as {}", pl.col("team_raw"), pl.col("team")),
        observed=pl.col("team_raw"),
        expected=pl.col("team"),
    ),
)
