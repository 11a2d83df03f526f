"""Run the registry's checks through pandera and turn every failing row into an issue row.

Each check frame gets one pandera `DataFrameSchema` whose dataframe-level checks are the registry
rules of that frame. pandera runs each check over the (eager) frame and gives its boolean output
per row; the failing rows are filtered out with it, and the check's own message, observed and
expected expressions describe each one. (pandera's error report, `validate(lazy=True)` and
SchemaErrors, is not built: with hundreds of thousands of expected info-level failures it cost a
fifth of a run, and the check's own expressions say more.)

pandera is imported when the first schema is made, not with this module: it loads pandas and pyarrow
(about 80 MiB), and the flow's process, which imports the core, stages a large run in worker
processes (`parcferme.stage_process`); the checks run there, and the flow's process loads pandera
only after staging, when the tree's memory is lower.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import polars as pl

from parcferme.text import visible_expr
from schemas.frames import CheckInput
from schemas.registry import FRAME_TABLES, Check, all_checks

if TYPE_CHECKING:
    import pandera.polars as pa

ISSUE_SCHEMA = {
    "article_id": pl.String,
    "line": pl.Int64,
    "claim_no": pl.Int64,
    "check": pl.String,
    "severity": pl.String,
    "table": pl.String,
    "message": pl.String,
    "observed": pl.String,
    "expected": pl.String,
}


NO_DETAIL = "(no detail for this row)"


def frame_schema(frame: str, checks: list[Check]) -> pa.DataFrameSchema:
    """The pandera schema that runs `checks` over the check frame called `frame`."""
    import pandera.polars as pa  # here: see the module's docstring

    return pa.DataFrameSchema(checks=[pa.Check(_rule_output(c), name=c.id, error=c.id) for c in checks], name=frame)


def _rule_output(check: Check):
    """What pandera runs for a check: its rule per row, a null taken as passing."""
    rule = check.rule.fill_null(True)
    return lambda data: data.lazyframe.select(rule)


def failing_rows(frame: pl.DataFrame, schema: pa.DataFrameSchema) -> dict[str, pl.Series]:
    """Per check of `schema` that fails somewhere: the boolean mask of its failing rows of `frame`."""
    data = frame.lazy()
    # pandera runs each check's rule as it is called (one polars query each); what it gives back, the
    # output with nulls settled, is collected here in one call
    outputs = pl.collect_all([check(data).check_output for check in schema.checks])
    return {check.name: ~passed for check, passed in zip(schema.checks, (out.to_series() for out in outputs)) if not passed.all()}


def _issue_rows(frame: pl.DataFrame, frame_name: str, check: Check, failing: pl.Series) -> pl.DataFrame:
    table = check.table if check.table is not None else pl.lit(FRAME_TABLES[frame_name])
    # the claim flagged, of the claims of its line, where the frame's row is one claim's (an issue on a
    # line, such as a figure no claim reads, has none: it is on every claim of the line)
    claim_no = pl.when(table == "claims").then(pl.col("claim_no")) if "claim_no" in frame.columns else pl.lit(None)
    # rechunk: polars 2.1 can panic evaluating string expressions on a small filter of a huge frame
    picked = frame.filter(failing).rechunk()
    return picked.select(
        pl.col("article_id").cast(pl.String),
        check.line.cast(pl.Int64).alias("line"),
        claim_no.cast(pl.Int64).alias("claim_no"),
        pl.lit(check.id).alias("check"),
        pl.lit(check.severity).alias("severity"),
        table.cast(pl.String).alias("table"),
        # a message formatted from a null column is null: never let that cost the run (the contract
        # requires a message); the tests fail on any message that needed this
        # quoted text shows its invisible characters: a name with a zero-width space in it looks right
        visible_expr(pl.coalesce(check.message.cast(pl.String), pl.lit(f"{check.description} {NO_DETAIL}"))).alias("message"),
        check.observed.cast(pl.String).alias("observed"),
        check.expected.cast(pl.String).alias("expected"),
    )


def run_checks(ci: CheckInput, checks: list[Check] | None = None) -> pl.DataFrame:
    """Every issue the checks find, one row each, sorted by article, line and check."""
    by_frame: dict[str, list[Check]] = defaultdict(list)
    for check in checks if checks is not None else all_checks():
        for frame_name in check.frames:
            by_frame[frame_name].append(check)
    parts = [pl.DataFrame(schema=ISSUE_SCHEMA)]
    for frame_name, frame_checks in by_frame.items():
        frame = ci.frame(frame_name)
        if not frame.is_empty():
            failed = failing_rows(frame, frame_schema(frame_name, frame_checks))
            parts.extend(_issue_rows(frame, frame_name, c, failed[c.id]) for c in frame_checks if c.id in failed)
        del frame
        ci.release(frame_name)
    issues = pl.concat(parts, how="vertical_relaxed").unique(maintain_order=True)
    return issues.sort(list(ISSUE_SCHEMA), nulls_last=False)  # a total order: runs write identical bytes
