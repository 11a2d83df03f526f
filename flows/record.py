"""What every run leaves behind, whether it published a generation or found nothing new: the
summary it returns, its row in the run history (with the DuckDB views over the warehouse), and
the report and issues artifacts shown in the Prefect UI."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import polars as pl
from prefect import runtime, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from parcferme import warehouse
from parcferme.incremental import Plan
from parcferme.quality.duckdb_views import DUCKDB_FILE, write_duckdb
from parcferme.report import markdown_report, verdict_of

REPORT_KEY = "parcferme-report"
ISSUES_KEY = "parcferme-issues"
REPORT_FILE = "report.html"
RUNS_TABLE = "runs"
MAX_TABLE_ARTIFACT_ROWS = 1000

task_options = {"cache_policy": NO_CACHE, "persist_result": False}
# Large arguments are passed quote()d: Prefect then hands them over as they are instead of walking
# every element looking for futures (seconds per call on tens of thousands of articles).


@task(name="record run", retries=2, retry_delay_seconds=1, **task_options)
def record_run(warehouse_dir: Path, runs: pl.DataFrame, tables: list[str] | None) -> None:
    """Write the run history and the DuckDB views of `tables` and the history. `tables` None: the run
    published nothing, and an existing DuckDB file is kept as it is (its views read the top-level
    files, so they see the history's new row; the code that wrote them is the same, or the run
    would have rebuilt the warehouse)."""
    warehouse.write_top_level(warehouse_dir, RUNS_TABLE, runs)
    if tables is None:
        if (warehouse_dir / DUCKDB_FILE).exists():
            return
        from parcferme.pipeline import MART_COLUMNS  # loads the contract's models: only when the file is missing

        tables = list(MART_COLUMNS)
    write_duckdb(warehouse_dir, [*tables, RUNS_TABLE])


def summary_of(plan: Plan, counts: dict, warehouse_dir: Path) -> dict:
    """What the run found and what the warehouse holds; `counts` has rows, issues and per_check."""
    return {
        "verdict": verdict_of(counts["issues"]),
        "articles": len(plan.files),
        "new": len(plan.new),
        "changed": len(plan.changed),
        "unchanged": len(plan.unchanged),
        "deleted": len(plan.deleted),
        "nothing_new": plan.nothing_new,
        **counts,
        "warehouse": str(warehouse_dir),
        "report_path": str(warehouse_dir.resolve() / REPORT_FILE),  # the link to the current generation's report
    }


def run_record(summary: dict, started_at: dt.datetime, generation: str | None) -> dict:
    run_id = runtime.flow_run.id
    return {
        "run_id": str(run_id) if run_id else str(uuid.uuid4()),
        "started_at": started_at,
        "finished_at": dt.datetime.now(dt.UTC),
        **{key: summary[key] for key in ("articles", "new", "changed", "unchanged", "deleted")},
        "taken_over": summary.get("taken_over", 0),  # none when nothing was new
        "errors": summary["issues"]["error"],
        "warnings": summary["issues"]["warning"],
        "infos": summary["issues"]["info"],
        "verdict": summary["verdict"],
        "generation": generation,
    }


def serious_issues(issues: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """The errors and warnings the artifacts list (the first MAX_TABLE_ARTIFACT_ROWS)."""
    return issues.lazy().filter(pl.col("severity").is_in(["error", "warning"])).head(MAX_TABLE_ARTIFACT_ROWS).collect()


def publish_artifacts(summary: dict, serious: pl.DataFrame) -> None:
    create_markdown_artifact(key=REPORT_KEY, markdown=markdown_report(summary, serious), description="parcferme run report")
    table = serious.select("article_id", "line", "severity", "check", "message", "raw_text").to_dicts()
    create_table_artifact(key=ISSUES_KEY, table=table, description="errors and warnings of the run")
