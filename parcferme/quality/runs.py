"""The run history: one row per flow run, appended each run and stored as `runs.parquet`.

`append_run` is idempotent: a run appended again (a retried task) replaces its earlier row.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from parcferme.quality.columns import Column, Table

UTC_TIME = pl.Datetime("us", "UTC")
COUNT_COLUMNS = ("articles", "new", "changed", "unchanged", "deleted", "taken_over", "errors", "warnings", "infos")

RUNS_TABLE = Table(
    name="runs",
    description="One row per run of the flow: what it found in the raw folder and how many issues the warehouse held after it.",
    columns=(
        Column("run_id", pl.String(), "Id of the run (the Prefect flow run id when run by Prefect).", unique=True),
        Column("started_at", UTC_TIME, "When the run started (UTC)."),
        Column("finished_at", UTC_TIME, "When the run finished (UTC)."),
        Column("articles", pl.Int64(), "Article files in the raw folder.", minimum=0),
        Column("new", pl.Int64(), "Files not seen by the previous run.", minimum=0),
        Column("changed", pl.Int64(), "Files whose bytes changed since the previous run.", minimum=0),
        Column("unchanged", pl.Int64(), "Files the previous run already read, unchanged.", minimum=0),
        Column("deleted", pl.Int64(), "Files of the previous run no longer in the raw folder.", minimum=0),
        Column(
            "taken_over",
            pl.Int64(),
            "Of the new and changed files, those a run stopped before it published had already parsed and checked: "
            "taken over from it, not parsed again (null in runs recorded before this column).",
            nullable=True,
            minimum=0,
        ),
        Column("errors", pl.Int64(), "Issues of severity error in the warehouse after the run.", minimum=0),
        Column("warnings", pl.Int64(), "Issues of severity warning in the warehouse after the run.", minimum=0),
        Column("infos", pl.Int64(), "Issues of severity info in the warehouse after the run.", minimum=0),
        Column("verdict", pl.String(), "The run's verdict: errors found, warnings found, or clean."),
        Column(
            "generation",
            pl.String(),
            "Warehouse generation the run published (null when nothing was new and the warehouse was left as it was).",
            nullable=True,
        ),
    ),
)

RUNS_SCHEMA = pl.Schema({column.name: column.dtype for column in RUNS_TABLE.columns})


def empty_runs() -> pl.DataFrame:
    return pl.DataFrame(schema=RUNS_SCHEMA)


def _utc(name: str, value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ValueError(f"run {name} must be a timezone-aware datetime, got {value!r}")
    return value.astimezone(dt.UTC)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_run(run: dict) -> None:
    missing, unknown = set(RUNS_SCHEMA) - set(run), set(run) - set(RUNS_SCHEMA)
    if missing or unknown:
        raise ValueError(f"run fields: missing {sorted(missing)}, unknown {sorted(unknown)}")
    negative = [name for name in COUNT_COLUMNS if not _is_count(run[name])]
    if negative:
        raise ValueError(f"run counts must be integers >= 0: {', '.join(f'{n}={run[n]!r}' for n in negative)}")
    if _utc("finished_at", run["finished_at"]) < _utc("started_at", run["started_at"]):
        raise ValueError("run finished_at is before started_at")


def run_row(run: dict) -> pl.DataFrame:
    """One validated run as a one-row frame of RUNS_SCHEMA (datetimes converted to UTC)."""
    _check_run(run)
    row = {**run, "started_at": _utc("started_at", run["started_at"]), "finished_at": _utc("finished_at", run["finished_at"])}
    return pl.DataFrame([row], schema=RUNS_SCHEMA)


def conform(previous: pl.DataFrame) -> pl.DataFrame:
    """An older history in today's schema: missing columns null, unknown ones dropped."""
    return previous.select(
        (pl.col(name) if name in previous.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in RUNS_SCHEMA.items()
    )


def append_run(previous: pl.DataFrame | None, run: dict) -> pl.DataFrame:
    """The history with `run` added (replacing a row of the same run_id), sorted by start time then run_id."""
    row = run_row(run)
    if previous is None or previous.is_empty():
        return row
    kept = conform(previous).filter(pl.col("run_id") != run["run_id"])
    return pl.concat([kept, row]).sort("started_at", "run_id")
